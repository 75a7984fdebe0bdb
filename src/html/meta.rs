//! Page metadata: `<title>`, `<meta name=…>`, and the `<o:DocumentProperties>` block Word writes
//! inside a conditional comment of the head.

use scraper::{Html, Node};
use std::collections::BTreeMap;

/// `<meta name>` (lower case) → metadata key, the keys the DOCX and PDF readers use.
const META_NAMES: &[(&str, &str)] = &[
    ("author", "author"),
    ("keywords", "keywords"),
    ("description", "description"),
    ("generator", "creator"),
];

/// Office document properties → metadata key.
const OFFICE_PROPERTIES: &[(&str, &str)] = &[
    ("Title", "title"),
    ("Subject", "subject"),
    ("Author", "author"),
    ("Keywords", "keywords"),
    ("Description", "description"),
    ("LastAuthor", "last_modified_by"),
    ("Created", "created"),
    ("LastSaved", "modified"),
];

/// The metadata of the page; the first value of a key wins (`<title>` over Office's Title).
pub(super) fn read(page: &Html) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut put = |key: &str, value: &str| {
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        if !value.is_empty() && !out.contains_key(key) {
            out.insert(key.to_string(), value);
        }
    };
    for node in page.tree.root().descendants() {
        match node.value() {
            Node::Element(e) if e.name() == "title" => {
                let text: String = node
                    .children()
                    .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                    .collect();
                put("title", &text);
            }
            Node::Element(e) if e.name() == "meta" => {
                let name = e.attr("name").map(str::to_ascii_lowercase);
                let key = META_NAMES
                    .iter()
                    .find(|(n, _)| Some(*n) == name.as_deref())
                    .map(|(_, k)| *k);
                if let (Some(key), Some(content)) = (key, e.attr("content")) {
                    put(key, content);
                }
            }
            Node::Comment(c) if c.contains("DocumentProperties") => {
                for (tag, key) in OFFICE_PROPERTIES {
                    if let Some(v) = office_property(c, tag) {
                        put(key, &v);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The text of `<o:Tag>…</o:Tag>` in a comment's XML, entities of the XML core set undone.
fn office_property(xml: &str, tag: &str) -> Option<String> {
    let open = format!("<o:{tag}>");
    let start = xml.find(&open)? + open.len();
    let rest = xml.get(start..)?;
    let end = rest.find("</o:")?;
    let raw = rest.get(..end)?;
    Some(
        raw.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
}
