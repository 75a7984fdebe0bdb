//! The zip package: bounded inflation, relationships, main-part discovery.
//!
//! Part names are looked up case-insensitively, with or without a leading `/` and with `\`
//! taken as `/` (all seen in the wild). Every byte inflated is counted against
//! [`Limits::max_part_bytes`] (per part) and [`Limits::max_total_bytes`] (per package).

#[path = "package_stream.rs"]
mod stream;

use super::xml::{Ns, XmlReader};
use crate::error::{Error, ErrorKind};
use crate::limits::Limits;
use crate::sniff::OLE_MAGIC;
use quick_xml::events::Event;
use std::cell::Cell;
use std::collections::HashMap;
use std::io::{BufRead, Cursor, Read};
pub(crate) use stream::StreamError;
use zip::ZipArchive;

/// Content types of a Word main document part (document, template, macro-enabled variants).
const MAIN_CONTENT_TYPES: &[&str] = &[
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
];

/// An opened .docx package.
pub(crate) struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// Normalised part name (see [`normalize`]) → zip entry index.
    index: HashMap<String, usize>,
    main: String,
    limits: Limits,
    /// Bytes inflated so far from all parts.
    total: Cell<u64>,
}

/// One relationship of a part.
#[derive(Debug, Clone)]
pub(crate) struct Rel {
    /// Last segment of the relationship type URI (`styles`, `numbering`, `footnotes`, `header`, …).
    pub kind: String,
    /// Target resolved to a part name without leading slash (`word/styles.xml`), or the raw URI when external.
    pub target: String,
    /// `TargetMode="External"`.
    pub external: bool,
}

/// The relationships of one part, by id.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rels {
    /// (relationship id, relationship), in document order.
    pub list: Vec<(String, Rel)>,
}

impl Rels {
    /// The relationship with this id.
    pub fn get(&self, id: &str) -> Option<&Rel> {
        self.list.iter().find(|(i, _)| i == id).map(|(_, r)| r)
    }
    /// The first internal relationship of this kind.
    pub fn first_of_kind(&self, kind: &str) -> Option<&Rel> {
        self.list
            .iter()
            .map(|(_, r)| r)
            .find(|r| r.kind == kind && !r.external)
    }
}

/// The lookup key of a part name: `\` → `/`, no leading `/`, lower case.
pub(crate) fn normalize(name: &str) -> String {
    name.replace('\\', "/")
        .trim_start_matches('/')
        .to_lowercase()
}

/// Resolves a relationship target against the folder of `source` (a part name, `""` for the
/// package root). `.` and `..` are applied; `..` never climbs above the root.
pub(crate) fn resolve_target(source: &str, target: &str) -> String {
    let target = target.replace('\\', "/");
    let mut out: Vec<String> = Vec::new();
    if !target.starts_with('/') {
        let source = source.replace('\\', "/");
        if let Some((dir, _)) = source.rsplit_once('/') {
            out.extend(dir.split('/').filter(|s| !s.is_empty()).map(str::to_string));
        }
    }
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s.to_string()),
        }
    }
    out.join("/")
}

/// Decodes `%XX` escapes (part names in relationship targets may be percent-encoded).
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn zip_error(part: &str, cause: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::Zip(format!("{part}: {cause}")))
}

impl<'a> Package<'a> {
    /// Opens the zip and resolves the main part through `_rels/.rels`.
    pub fn open(bytes: &'a [u8], limits: &Limits) -> Result<Package<'a>, Error> {
        if bytes.starts_with(OLE_MAGIC) {
            return Err(Error::new(ErrorKind::Encrypted));
        }
        let zip = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| Error::new(ErrorKind::Zip(e.to_string())))?;
        // The zip crate keeps one entry per exact name; it tells us when it dropped another.
        if zip.has_duplicate_names() {
            return Err(Error::new(ErrorKind::Zip(
                "two entries with the same name (refused: which one is the part?)".to_string(),
            )));
        }
        let mut index = HashMap::new();
        for (i, raw) in zip.file_names_raw().enumerate() {
            let name = String::from_utf8_lossy(raw);
            if name.ends_with('/') {
                continue; // folder entries carry no part
            }
            // Two entries for one part name (OPC compares them case-insensitively) are refused,
            // not resolved: the package is invalid (ECMA-376-2 M1.12), Word will not open it,
            // and whichever copy we picked, another reader (a scanner, a reviewer's viewer)
            // might show the other one.
            if index.insert(normalize(&name), i).is_some() {
                return Err(zip_error(
                    &name,
                    "a second entry with this name (case-insensitive)",
                ));
            }
        }
        let mut pkg = Package {
            zip,
            index,
            main: String::new(),
            limits: *limits,
            total: Cell::new(0),
        };
        pkg.main = pkg.find_main()?;
        Ok(pkg)
    }

    /// Main part: the officeDocument relationship, else a content-type Override, else the
    /// conventional name. A relationship target typed as something other than Word is not
    /// taken (a theme-only package must report `NoMainPart`, not an empty document).
    fn find_main(&mut self) -> Result<String, Error> {
        let types = self.content_types()?;
        let is_word = |name: &str| match types.of(name) {
            None => true,
            Some(ct) => {
                MAIN_CONTENT_TYPES.contains(&ct) || ct == "application/xml" || ct == "text/xml"
            }
        };
        let root = self.rels_of("")?;
        for (_, rel) in &root.list {
            if rel.kind == "officeDocument" && !rel.external && is_word(&rel.target) {
                if let Some(name) = self.entry_name(&rel.target) {
                    return Ok(name);
                }
            }
        }
        for (part, ct) in &types.overrides {
            if MAIN_CONTENT_TYPES.contains(&ct.as_str()) {
                if let Some(name) = self.entry_name(part) {
                    return Ok(name);
                }
            }
        }
        self.entry_name("word/document.xml")
            .ok_or_else(|| Error::new(ErrorKind::NoMainPart))
    }

    /// The zip index of a part, tolerant of case, leading `/`, `\` and percent-encoding.
    fn lookup(&self, name: &str) -> Option<usize> {
        if let Some(&i) = self.index.get(&normalize(name)) {
            return Some(i);
        }
        let decoded = percent_decode(name).filter(|d| d != name)?;
        self.index.get(&normalize(&decoded)).copied()
    }

    /// The part's name as stored in the zip.
    fn entry_name(&self, name: &str) -> Option<String> {
        let i = self.lookup(name)?;
        let raw = self.zip.file_names_raw().nth(i)?;
        Some(
            String::from_utf8_lossy(raw)
                .trim_start_matches('/')
                .to_string(),
        )
    }

    /// Whether the package holds this part.
    #[allow(dead_code)] // part of the reader API; used by tests so far
    pub fn has_part(&self, name: &str) -> bool {
        self.lookup(name).is_some()
    }

    /// The bounds this package is read under.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The main document part's name, e.g. `word/document.xml`.
    pub fn main_part(&self) -> &str {
        &self.main
    }

    /// The relationships of `part` (from `<dir>/_rels/<name>.rels`); empty when absent.
    /// `part` = `""` gives the package relationships (`_rels/.rels`).
    pub fn rels_of(&mut self, part: &str) -> Result<Rels, Error> {
        let part = part.replace('\\', "/");
        let part = part.trim_start_matches('/');
        let rels_name = match part.rsplit_once('/') {
            Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
            None => format!("_rels/{part}.rels"),
        };
        let limits = self.limits;
        let Some(stream) = self.open_part(&rels_name)? else {
            return Ok(Rels::default());
        };
        let mut xr = XmlReader::new(stream, &rels_name, &limits);
        let mut buf = Vec::new();
        let mut rels = Rels::default();
        loop {
            match xr.next(&mut buf)? {
                Event::Start(e) | Event::Empty(e) if xr.name(&e).1 == "Relationship" => {
                    let id = xr.attr(&e, Ns::None, "Id")?.unwrap_or_default();
                    let kind = xr.attr(&e, Ns::None, "Type")?.unwrap_or_default();
                    let kind = kind.rsplit('/').next().unwrap_or_default().to_string();
                    let target = xr.attr(&e, Ns::None, "Target")?.unwrap_or_default();
                    let external = xr
                        .attr(&e, Ns::None, "TargetMode")?
                        .is_some_and(|m| m.eq_ignore_ascii_case("External"));
                    let target = if external {
                        target.into_owned()
                    } else {
                        resolve_target(part, &target)
                    };
                    rels.list.push((
                        id.into_owned(),
                        Rel {
                            kind,
                            target,
                            external,
                        },
                    ));
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        Ok(rels)
    }

    /// `[Content_Types].xml`; empty when absent or malformed (Word needs it, we do not).
    fn content_types(&mut self) -> Result<ContentTypes, Error> {
        let name = "[Content_Types].xml";
        let limits = self.limits;
        let mut types = ContentTypes::default();
        let Some(stream) = self.open_part(name)? else {
            return Ok(types);
        };
        let mut xr = XmlReader::new(stream, name, &limits);
        let mut buf = Vec::new();
        loop {
            let event = match xr.next(&mut buf) {
                Ok(ev) => ev,
                Err(e) if matches!(e.kind(), ErrorKind::Xml { .. }) => {
                    return Ok(ContentTypes::default())
                }
                Err(e) => return Err(e),
            };
            match event {
                Event::Start(e) | Event::Empty(e) => {
                    let ct = xr.attr(&e, Ns::None, "ContentType")?.unwrap_or_default();
                    match xr.name(&e).1 {
                        "Default" => {
                            if let Some(ext) = xr.attr(&e, Ns::None, "Extension")? {
                                types.defaults.push((ext.to_lowercase(), ct.into_owned()));
                            }
                        }
                        "Override" => {
                            if let Some(part) = xr.attr(&e, Ns::None, "PartName")? {
                                types.overrides.push((normalize(&part), ct.into_owned()));
                            }
                        }
                        _ => {}
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        Ok(types)
    }

    /// Reads a whole part (bounded, BOM stripped); `None` when the package has no such part.
    #[allow(dead_code)] // part of the reader API; used by tests so far
    pub fn read_part(&mut self, name: &str) -> Result<Option<Vec<u8>>, Error> {
        let Some(mut stream) = self.open_part(name)? else {
            return Ok(None);
        };
        let mut out = Vec::new();
        match stream.read_to_end(&mut out) {
            Ok(_) => Ok(Some(out)),
            Err(e) => Err(stream::io_to_error(name, &e)),
        }
    }

    /// Opens a part for streaming (bounded, BOM stripped, UTF-16 transcoded to UTF-8);
    /// `None` when absent. Read errors carry a [`StreamError`] (see [`stream::io_to_error`]).
    pub fn open_part(&mut self, name: &str) -> Result<Option<Box<dyn BufRead + '_>>, Error> {
        let Some(i) = self.lookup(name) else {
            return Ok(None);
        };
        let limits = self.limits;
        let file = self.zip.by_index(i).map_err(|e| zip_error(name, e))?;
        if file.size() > limits.max_part_bytes {
            return Err(Error::new(ErrorKind::Limit {
                part: name.to_string(),
                what: "max_part_bytes",
                limit: limits.max_part_bytes,
            }));
        }
        let size = file.size();
        let bounded = stream::Bounded::new(file, name, &limits, &self.total);
        Ok(Some(stream::decode(bounded, name, size)?))
    }
}

/// The parsed `[Content_Types].xml`.
#[derive(Debug, Default)]
struct ContentTypes {
    /// (lower-case extension, content type).
    defaults: Vec<(String, String)>,
    /// (normalised part name, content type).
    overrides: Vec<(String, String)>,
}

impl ContentTypes {
    /// The content type of a part: its Override, else the Default for its extension.
    fn of(&self, part: &str) -> Option<&str> {
        let key = normalize(part);
        if let Some((_, ct)) = self.overrides.iter().find(|(p, _)| *p == key) {
            return Some(ct);
        }
        let ext = key.rsplit_once('.').map(|(_, e)| e)?;
        self.defaults
            .iter()
            .find(|(e, _)| e == ext)
            .map(|(_, ct)| ct.as_str())
    }
}

#[cfg(test)]
#[path = "package_tests.rs"]
pub(crate) mod tests;
