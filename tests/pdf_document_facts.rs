//! What a PDF says about itself (Info dictionary and XMP metadata), and a damaged file that
//! says it was recovered. The PDFs are written here object by object.

use docgrid::model::Block;
use docgrid::{convert_bytes, Options};
use std::collections::BTreeMap;

#[path = "support/pdf.rs"]
mod support;
use support::{stream, text};

const XMP: &str = r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="WPS Writer"/>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">XMP title (the Info title wins)</rdf:li></rdf:Alt></dc:title>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Budget &amp; accounts</rdf:li></rdf:Alt></dc:description>
<pdf:Keywords>annual report, 2023</pdf:Keywords>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"#;

/// One page, an Info dictionary (object 6) and an XMP stream (object 7) on the catalog.
fn with_metadata() -> Vec<u8> {
    // "年度报告" as a UTF-16BE text string with its byte-order mark.
    let title: String = "\u{FEFF}年度报告"
        .encode_utf16()
        .map(|u| format!("{u:04X}"))
        .collect();
    let objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R /Metadata 7 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
          /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>"
            .to_vec(),
        stream("", text(72, 700, 12, "Hello").as_bytes()),
        format!(
            "<< /Title <{title}> /Author (Wang Wei) /Producer (LibreOffice 7.4) \
             /CreationDate (D:20240105103000+08'00') /ModDate (D:20240201000000Z) >>"
        )
        .into_bytes(),
        stream("/Type /Metadata /Subtype /XML", XMP.as_bytes()),
    ];
    support::from_objects_with_trailer(&objs, "/Info 6 0 R")
}

#[test]
fn metadata_comes_from_the_info_dictionary_then_xmp() {
    let doc = convert_bytes(&with_metadata(), &Options::default()).unwrap();
    let want: BTreeMap<String, String> = [
        ("title", "年度报告"),
        ("author", "Wang Wei"),
        ("producer", "LibreOffice 7.4"),
        ("created", "2024-01-05T10:30:00+08:00"),
        ("modified", "2024-02-01T00:00:00Z"),
        ("creator", "WPS Writer"),
        ("subject", "Budget & accounts"),
        ("keywords", "annual report, 2023"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(doc.metadata, want);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

fn three_pages() -> Vec<u8> {
    let pages: Vec<support::PageSpec> = ["First page.", "Second page.", "Third page."]
        .iter()
        .map(|t| support::PageSpec::new(text(72, 700, 12, t)))
        .collect();
    support::pdf(&pages)
}

#[test]
fn a_truncated_file_says_how_many_pages_it_recovered() {
    let whole = three_pages();
    let intact = convert_bytes(&whole, &Options::default()).unwrap();
    assert!(intact.warnings.iter().all(|w| w.code != "pdf.xref_damaged"));
    // Cut where the third page's object begins: no third page, no xref table, no trailer.
    let cut = whole.windows(8).position(|w| w == b"10 0 obj").unwrap();
    let doc = convert_bytes(&whole[..cut], &Options::default()).unwrap();
    let damaged: Vec<&str> = doc
        .warnings
        .iter()
        .filter(|w| w.code == "pdf.xref_damaged")
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(
        damaged,
        ["xref damaged, 2 of 3 pages recovered (objects found by scanning the file)"]
    );
    let texts: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.as_str()),
            _ => None,
        })
        .collect();
    // The two recovered pages' text, and nothing of the lost one (a line filling the same
    // place on consecutive pages reads as one paragraph continued over the break).
    assert_eq!(texts.join(" "), "First page. Second page.");
}
