//! Independent look into a package: bookmark names and visible text, found by scanning the
//! raw XML of every part (no XML parser, no docgrid code), so the bookmark check does not
//! share the reader's blind spots.

use std::io::Read;

/// Bookmark names and the concatenated `w:t` text of all `.xml` parts of a package.
#[derive(Debug, Default)]
pub struct Scan {
    pub bookmarks: Vec<String>,
    pub visible: String,
}

/// Scans a package; `None` when it is not a readable zip.
pub fn scan(bytes: &[u8]) -> Option<Scan> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let mut out = Scan::default();
    for i in 0..zip.len() {
        let Ok(mut f) = zip.by_index(i) else {
            continue;
        };
        let is_xml = f
            .name()
            .is_ok_and(|n| n.to_ascii_lowercase().ends_with(".xml"));
        if !is_xml {
            continue;
        }
        let mut raw = Vec::new();
        if f.read_to_end(&mut raw).is_err() {
            continue;
        }
        let xml = String::from_utf8_lossy(&raw);
        bookmark_names(&xml, &mut out.bookmarks);
        text_runs(&xml, &mut out.visible);
    }
    out.bookmarks.sort();
    out.bookmarks.dedup();
    Some(out)
}

/// The `name` attribute of every `<…:bookmarkStart …>` tag.
fn bookmark_names(xml: &str, out: &mut Vec<String>) {
    let mut rest = xml;
    while let Some(p) = rest.find("bookmarkStart") {
        let before = &rest[..p];
        rest = &rest[p + "bookmarkStart".len()..];
        // Only element names: the text before must be `<` or `<prefix:`.
        let is_tag = before.rfind('<').is_some_and(|lt| {
            let prefix = &before[lt + 1..];
            prefix.is_empty()
                || (prefix.ends_with(':') && !prefix.contains(|c: char| c.is_whitespace()))
        });
        if !is_tag {
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        for key in [":name=", " name="] {
            if let Some(k) = tag.find(key) {
                let v = &tag[k + key.len()..];
                let Some(q) = v.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                    continue;
                };
                if let Some(close) = v[1..].find(q) {
                    out.push(unescape(&v[1..1 + close]));
                }
                break;
            }
        }
    }
}

/// Appends the content of every `<w:t>`/`<w:delText>`-like text element (any prefix whose
/// local name is `t` or `delText`), without separators, so names split across runs still
/// count as visible.
fn text_runs(xml: &str, out: &mut String) {
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        if tag.starts_with('/') || tag.ends_with('/') {
            continue;
        }
        let name = tag.split(|c: char| c.is_whitespace()).next().unwrap_or("");
        let local = name.rsplit(':').next().unwrap_or(name);
        if local == "t" || local == "delText" {
            let body = &rest[(end + 1).min(rest.len())..];
            let stop = body.find('<').unwrap_or(body.len());
            out.push_str(&unescape(&body[..stop]));
        }
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Bookmark names that must not appear in the JSON: `_GoBack` always, plus every name of
/// at least 4 characters that the document's own text does not contain (a name such as
/// "Table" or "a" could legitimately be text).
pub fn forbidden_names(s: &Scan) -> Vec<String> {
    let mut v: Vec<String> = s
        .bookmarks
        .iter()
        .filter(|n| n.chars().count() >= 4 && !s.visible.contains(n.as_str()))
        .cloned()
        .collect();
    if !v.iter().any(|n| n == "_GoBack") {
        v.push("_GoBack".into());
    }
    v
}
