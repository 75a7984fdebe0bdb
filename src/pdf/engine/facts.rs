//! Document facts that are not on any page: the Info dictionary and XMP metadata, and whether
//! the cross-reference table had to be rebuilt (a damaged or truncated file).

use hayro_interpret::hayro_syntax::object::{DateTime, Dict, Stream};
use hayro_interpret::hayro_syntax::Pdf;
use quick_xml::events::Event;
use std::collections::BTreeMap;

/// XMP packets larger than this are not read (a real one is a few kilobytes).
const MAX_XMP_BYTES: usize = 1 << 20;
/// Cross-reference entries checked against the objects they point at.
const XREF_ENTRIES_CHECKED: usize = 64;

/// What the document says about itself, and how whole the file was.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentFacts {
    /// title, author, subject, keywords, creator, producer, created, modified (the Info
    /// dictionary first, XMP for what it lacks); dates in ISO 8601.
    pub metadata: BTreeMap<String, String>,
    /// The cross-reference data was missing or pointed elsewhere, so the objects were found by
    /// scanning the file: `Some(pages the file declares or holds)`.
    pub xref_damaged: Option<usize>,
}

/// Reads the facts of an opened PDF; `bytes` is the file as given.
pub(super) fn read(pdf: &Pdf, bytes: &[u8]) -> DocumentFacts {
    let mut metadata = BTreeMap::new();
    let info = pdf.metadata();
    let strings = [
        ("title", &info.title),
        ("author", &info.author),
        ("subject", &info.subject),
        ("keywords", &info.keywords),
        ("creator", &info.creator),
        ("producer", &info.producer),
    ];
    for (key, value) in strings {
        if let Some(text) = value.as_deref().map(text_string) {
            insert(&mut metadata, key, text);
        }
    }
    for (key, date) in [
        ("created", info.creation_date),
        ("modified", info.modification_date),
    ] {
        if let Some(d) = date {
            insert(&mut metadata, key, iso_date(&d));
        }
    }
    if let Some(xmp) = xmp_packet(pdf) {
        for (key, value) in xmp_fields(&xmp) {
            if !metadata.contains_key(key) {
                insert(&mut metadata, key, value);
            }
        }
    }
    let xref_damaged = (!xref_intact(bytes)).then(|| declared_pages(pdf, bytes));
    DocumentFacts {
        metadata,
        xref_damaged,
    }
}

fn insert(metadata: &mut BTreeMap<String, String>, key: &str, value: String) {
    let value = value.trim();
    if !value.is_empty() {
        metadata.insert(key.to_string(), value.to_string());
    }
}

/// A PDF text string: UTF-16 with a byte-order mark, UTF-8 with one (PDF 2.0), else
/// PDFDocEncoding, read as Latin-1 (they differ only in a few punctuation marks) unless the
/// bytes are valid UTF-8, which producers often write without a mark.
fn text_string(bytes: &[u8]) -> String {
    let utf16 = |big: bool, body: &[u8]| {
        let units = body.chunks_exact(2).map(|p| match p {
            [a, b] if big => u16::from_be_bytes([*a, *b]),
            [a, b] => u16::from_le_bytes([*a, *b]),
            _ => 0,
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect::<String>()
    };
    match bytes {
        [0xFE, 0xFF, body @ ..] => utf16(true, body),
        [0xFF, 0xFE, body @ ..] => utf16(false, body),
        [0xEF, 0xBB, 0xBF, body @ ..] => String::from_utf8_lossy(body).into_owned(),
        _ => match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
        },
    }
    .replace('\0', "")
}

fn iso_date(d: &DateTime) -> String {
    let zone = if d.utc_offset_hour == 0 && d.utc_offset_minute == 0 {
        "Z".to_string()
    } else {
        let sign = if d.utc_offset_hour < 0 { '-' } else { '+' };
        format!(
            "{sign}{:02}:{:02}",
            d.utc_offset_hour.unsigned_abs(),
            d.utc_offset_minute
        )
    };
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{zone}",
        d.year, d.month, d.day, d.hour, d.minute, d.second
    )
}

/// The catalog's `/Metadata` stream, decoded, when it is of a sane size.
fn xmp_packet(pdf: &Pdf) -> Option<Vec<u8>> {
    let catalog: Dict<'_> = pdf.xref().get(pdf.xref().root_id())?;
    let stream: Stream<'_> = catalog.get(b"Metadata")?;
    let data = stream.decoded().ok()?;
    (data.len() <= MAX_XMP_BYTES).then(|| data.into_owned())
}

/// XMP property (namespace prefix stripped) → metadata key.
const XMP_KEYS: &[(&str, &str)] = &[
    ("title", "title"),
    ("creator", "author"),
    ("description", "subject"),
    ("Keywords", "keywords"),
    ("CreatorTool", "creator"),
    ("Producer", "producer"),
    ("CreateDate", "created"),
    ("ModifyDate", "modified"),
];

fn xmp_key(name: &str) -> Option<&'static str> {
    let local = name.rsplit(':').next()?;
    XMP_KEYS.iter().find(|(p, _)| *p == local).map(|(_, k)| *k)
}

/// The properties of an XMP packet, written as elements (`<dc:title><rdf:Alt><rdf:li>…`, the
/// first `li` of a list) or as attributes of `rdf:Description`. A malformed packet gives what
/// was read before the fault.
fn xmp_fields(xml: &[u8]) -> Vec<(&'static str, String)> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut fields: Vec<(&'static str, String)> = Vec::new();
    let mut open: Option<&'static str> = None;
    // A list property (several authors, titles in several languages) gives its first item.
    let mut first_item_read = false;
    let mut text = String::new();
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => {
                if let Some(key) = xmp_key(e.name().into_inner()) {
                    open = Some(key);
                    first_item_read = false;
                    text.clear();
                } else {
                    description_attributes(&e, &mut fields);
                }
            }
            Ok(Event::Empty(e)) => description_attributes(&e, &mut fields),
            Ok(Event::Text(t)) if open.is_some() && !first_item_read => {
                text.push_str(&t.xml10_content());
            }
            Ok(Event::GeneralRef(r)) if open.is_some() && !first_item_read => {
                let entity = r.xml10_content();
                let resolved = quick_xml::escape::resolve_predefined_entity(&entity)
                    .map(str::to_string)
                    .or_else(|| r.resolve_char_ref().ok().flatten().map(String::from));
                text.push_str(resolved.as_deref().unwrap_or_default());
            }
            Ok(Event::End(e)) => {
                let name = e.name().into_inner();
                if let Some(key) = open.filter(|k| xmp_key(name) == Some(*k)) {
                    let value = std::mem::take(&mut text);
                    if !value.trim().is_empty() {
                        fields.push((key, value.trim().to_string()));
                    }
                    open = None;
                    first_item_read = false;
                } else if open.is_some() && name.ends_with(":li") {
                    first_item_read = true;
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    fields
}

/// The properties written as attributes of an `rdf:Description` element.
fn description_attributes(
    e: &quick_xml::events::BytesStart<'_>,
    fields: &mut Vec<(&'static str, String)>,
) {
    if !e.name().into_inner().ends_with("Description") {
        return;
    }
    for a in e.attributes().flatten() {
        let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0);
        if let (Some(key), Ok(v)) = (xmp_key(a.key.into_inner()), value) {
            fields.push((key, v.into_owned()));
        }
    }
}

/// Whether the file's last `startxref` points at a cross-reference table or stream, and the
/// first entries of a table point at the objects they name. A truncated file has no
/// `startxref`; a file whose line ends were rewritten has offsets that miss.
fn xref_intact(bytes: &[u8]) -> bool {
    let Some(at) = memchr::memmem::rfind(bytes, b"startxref") else {
        return false;
    };
    let after = bytes.get(at + 9..).unwrap_or_default();
    let Some(offset) = leading_number(skip_space(after)) else {
        return false;
    };
    let Some(section) = usize::try_from(offset).ok().and_then(|o| bytes.get(o..)) else {
        return false;
    };
    if let Some(table) = section.strip_prefix(b"xref") {
        return table_entries_hit(bytes, table);
    }
    // A cross-reference stream: "N G obj".
    is_object_header(section)
}

fn skip_space(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    b.get(n..).unwrap_or_default()
}

fn leading_number(b: &[u8]) -> Option<u64> {
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    std::str::from_utf8(b.get(..digits)?).ok()?.parse().ok()
}

fn is_object_header(b: &[u8]) -> bool {
    let b = skip_space(b);
    let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let rest = skip_space(b.get(n..).unwrap_or_default());
    let g = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    let rest = skip_space(rest.get(g..).unwrap_or_default());
    n > 0 && g > 0 && rest.starts_with(b"obj")
}

/// Checks the in-use entries of the first subsections of a classic table (`N M` headers, then
/// 20-byte `oooooooooo ggggg n` lines).
fn table_entries_hit(file: &[u8], table: &[u8]) -> bool {
    let head = table.get(..table.len().min(64 * 1024)).unwrap_or_default();
    let text = String::from_utf8_lossy(head);
    let mut checked = 0;
    let mut words = text.split_ascii_whitespace();
    while checked < XREF_ENTRIES_CHECKED {
        let (Some(first), Some(count)) = (words.next(), words.next()) else {
            break;
        };
        let (Ok(_), Ok(count)) = (first.parse::<u64>(), count.parse::<usize>()) else {
            break; // "trailer": the table ended.
        };
        for _ in 0..count {
            let (Some(offset), Some(_gen), Some(kind)) = (words.next(), words.next(), words.next())
            else {
                return false;
            };
            // Offset 0 names no object (some producers write it for objects they dropped);
            // readers take it as a missing object, not as a damaged table.
            if kind == "n" && offset.bytes().any(|b| b != b'0') && checked < XREF_ENTRIES_CHECKED {
                checked += 1;
                let hit = offset
                    .parse::<usize>()
                    .ok()
                    .and_then(|o| file.get(o..))
                    .is_some_and(is_object_header);
                if !hit {
                    return false;
                }
            }
        }
    }
    true
}

/// Pages the file declares (the page tree's `/Count`) or holds (`/Type /Page` objects),
/// whichever is more: what a damaged file should have had.
fn declared_pages(pdf: &Pdf, bytes: &[u8]) -> usize {
    let count = (|| {
        let catalog: Dict<'_> = pdf.xref().get(pdf.xref().root_id())?;
        let tree: Dict<'_> = catalog.get(b"Pages")?;
        tree.get::<i64>(b"Count")
    })()
    .and_then(|n| usize::try_from(n).ok())
    .unwrap_or(0);
    let mut held = 0;
    for at in memchr::memmem::find_iter(bytes, b"/Type") {
        let rest = skip_space(bytes.get(at + 5..).unwrap_or_default());
        let page = rest.strip_prefix(b"/Page").is_some_and(|r| {
            !r.first()
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'#')
        });
        held += usize::from(page);
    }
    // A page is an object: a `/Count` past the file's objects is itself damage, not pages.
    let objects = memchr::memmem::find_iter(bytes, b"obj").count();
    count.min(objects).max(held).max(pdf.pages().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_in_every_encoding() {
        assert_eq!(text_string(b"\xFE\xFF\x5E\x74\x62\xA5"), "年报");
        assert_eq!(text_string(b"Caf\xE9"), "Café");
        assert_eq!(text_string("年报".as_bytes()), "年报");
        assert_eq!(text_string(b"\xEF\xBB\xBFok"), "ok");
    }

    #[test]
    fn xmp_elements_and_attributes() {
        let xmp = r#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" pdf:Producer="Skia/PDF m120"/>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">2023 年度报告</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>Wang</rdf:li><rdf:li>Li</rdf:li></rdf:Seq></dc:creator>
<xmp:CreateDate>2024-01-05T10:00:00+08:00</xmp:CreateDate>
</rdf:Description></rdf:RDF></x:xmpmeta>"#;
        assert_eq!(
            xmp_fields(xmp.as_bytes()),
            [
                ("producer", "Skia/PDF m120".to_string()),
                ("title", "2023 年度报告".to_string()),
                ("author", "Wang".to_string()),
                ("created", "2024-01-05T10:00:00+08:00".to_string()),
            ]
        );
    }

    #[test]
    fn xref_checks() {
        let good = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<<>>\nstartxref\n29\n%%EOF";
        assert!(xref_intact(good));
        let shifted = b"%PDF-1.4\n%junk\n1 0 obj\n<<>>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<<>>\nstartxref\n35\n%%EOF";
        assert!(!xref_intact(shifted));
        assert!(!xref_intact(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"));
    }
}
