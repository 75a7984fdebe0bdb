//! `docProps/core.xml` (and `docProps/app.xml`'s `Application`): document properties as
//! `metadata`. Keys: title, subject, author, keywords, description, last_modified_by,
//! created, modified, category, application. Empty values are skipped.

use super::package::Package;
use super::xml::XmlReader;
use crate::error::{Error, ErrorKind};
use crate::model::Warning;
use quick_xml::events::Event;
use std::collections::BTreeMap;

/// Element local name in core.xml → metadata key.
const CORE_KEYS: &[(&str, &str)] = &[
    ("title", "title"),
    ("subject", "subject"),
    ("creator", "author"),
    ("keywords", "keywords"),
    ("description", "description"),
    ("lastModifiedBy", "last_modified_by"),
    ("created", "created"),
    ("modified", "modified"),
    ("category", "category"),
];

const APP_KEYS: &[(&str, &str)] = &[("Application", "application")];

/// Reads the core properties (title, author, created, …); empty when absent.
/// A malformed properties part is a warning, not a failure.
pub(crate) fn read_core(
    pkg: &mut Package,
    warnings: &mut Vec<Warning>,
) -> Result<BTreeMap<String, String>, Error> {
    let rels = pkg.rels_of("")?;
    let core = rels
        .first_of_kind("core-properties")
        .map_or("docProps/core.xml".to_string(), |r| r.target.clone());
    let app = rels
        .first_of_kind("extended-properties")
        .or_else(|| rels.first_of_kind("extendedProperties"))
        .map_or("docProps/app.xml".to_string(), |r| r.target.clone());
    let mut out = BTreeMap::new();
    for (part, keys) in [(core, CORE_KEYS), (app, APP_KEYS)] {
        let mut found = BTreeMap::new();
        match read_part(pkg, &part, keys, &mut found) {
            Ok(()) => out.append(&mut found),
            Err(e) if matches!(e.kind(), ErrorKind::Xml { .. } | ErrorKind::Zip(_)) => {
                warnings.push(Warning::new(
                    "docx.bad_properties",
                    format!("document properties ignored: {e}"),
                ));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// Collects the text of the root's children named in `keys` (by local name: the
/// properties live in Dublin Core and OPC namespaces that writers prefix freely).
fn read_part(
    pkg: &mut Package,
    part: &str,
    keys: &[(&str, &'static str)],
    out: &mut BTreeMap<String, String>,
) -> Result<(), Error> {
    let limits = pkg.limits();
    let Some(stream) = pkg.open_part(part)? else {
        return Ok(());
    };
    let mut xr = XmlReader::new(stream, part, &limits);
    let mut buf = Vec::new();
    let mut current: Option<(&'static str, String)> = None;
    loop {
        match xr.next(&mut buf)? {
            Event::Start(e) if xr.depth() == 2 => {
                let local = xr.name(&e).1;
                current = keys
                    .iter()
                    .find(|(name, _)| *name == local)
                    .map(|(_, key)| (*key, String::new()));
            }
            Event::Text(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let c = xr.resolve_ref(&r)?;
                if let Some((_, text)) = current.as_mut() {
                    text.push(c);
                }
            }
            Event::End(_) if xr.depth() == 2 => {
                if let Some((key, text)) = current.take() {
                    let text = text.trim();
                    if !text.is_empty() {
                        out.entry(key.to_string())
                            .or_insert_with(|| text.to_string());
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docx::package::tests::zip_of;
    use crate::limits::Limits;

    const DOC: &[u8] =
        b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>";
    const CORE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>Annual report &amp; accounts</dc:title><dc:subject></dc:subject><dc:creator>张三</dc:creator>
<cp:keywords> </cp:keywords><cp:lastModifiedBy>Li &#x56DB;</cp:lastModifiedBy>
<dcterms:created xsi:type="dcterms:W3CDTF">2023-01-02T03:04:05Z</dcterms:created>
<dcterms:modified xsi:type="dcterms:W3CDTF">2024-05-06T07:08:09Z</dcterms:modified><cp:category>Finance</cp:category>
</cp:coreProperties>"#;
    const APP: &str = r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application><Pages>3</Pages></Properties>"#;

    fn read(entries: &[(&str, &[u8])]) -> Result<(BTreeMap<String, String>, Vec<Warning>), Error> {
        let z = zip_of(entries);
        let mut pkg = Package::open(&z, &Limits::default()).unwrap();
        let mut warnings = Vec::new();
        read_core(&mut pkg, &mut warnings).map(|m| (m, warnings))
    }

    #[test]
    fn core_and_app_properties_via_rels() {
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="props/c.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="props/a.xml"/></Relationships>"#;
        let (m, w) = read(&[
            ("_rels/.rels", rels.as_bytes()),
            ("word/document.xml", DOC),
            ("props/c.xml", CORE.as_bytes()),
            ("props/a.xml", APP.as_bytes()),
        ])
        .unwrap();
        assert!(w.is_empty());
        let want: BTreeMap<String, String> = [
            ("title", "Annual report & accounts"),
            ("author", "张三"),
            ("last_modified_by", "Li 四"),
            ("created", "2023-01-02T03:04:05Z"),
            ("modified", "2024-05-06T07:08:09Z"),
            ("category", "Finance"),
            ("application", "Microsoft Office Word"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(m, want);
    }

    #[test]
    fn fallback_path_and_absent_parts() {
        let (m, _) = read(&[
            ("word/document.xml", DOC),
            ("docProps/core.xml", CORE.as_bytes()),
        ])
        .unwrap();
        assert_eq!(
            m.get("title").map(String::as_str),
            Some("Annual report & accounts")
        );
        let (m, w) = read(&[("word/document.xml", DOC)]).unwrap();
        assert!(m.is_empty() && w.is_empty());
    }

    #[test]
    fn malformed_is_warning_dtd_is_error() {
        let bad = b"<cp:coreProperties xmlns:cp=\"x\"><dc:title>t</cp:coreProperties>";
        let (m, w) = read(&[
            ("word/document.xml", DOC),
            ("docProps/core.xml", bad),
            ("docProps/app.xml", APP.as_bytes()),
        ])
        .unwrap();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].code, "docx.bad_properties");
        assert_eq!(m.len(), 1);
        assert_eq!(
            m.get("application").map(String::as_str),
            Some("Microsoft Office Word")
        );
        let dtd = b"<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY lol \"lol\">]><cp:coreProperties xmlns:cp=\"x\"><title>&lol;</title></cp:coreProperties>";
        let err = read(&[("word/document.xml", DOC), ("docProps/core.xml", dtd)]).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Dtd { part } if part == "docProps/core.xml"));
    }
}
