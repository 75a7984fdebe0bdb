//! Tests of styles.xml reading.

use super::*;
use crate::docx::package::tests::{corpus, zip_of};
use crate::limits::Limits;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const DOC: &[u8] =
    b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>";

fn styles_xml(ns: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{ns}">
 <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
 <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
 <w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="My Heading"/><w:basedOn w:val="Heading1"/></w:style>
 <w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 2"/><w:basedOn w:val="Normal"/></w:style>
 <w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="Custom"/></w:style>
 <w:style w:type="paragraph" w:styleId="berschrift4"><w:name w:val="Überschrift 4"/></w:style>
 <w:style w:type="paragraph" w:styleId="T5"><w:name w:val="Titre 5"/></w:style>
 <w:style w:type="paragraph" w:styleId="R6"><w:name w:val="Заголовок 6"/></w:style>
 <w:style w:type="paragraph" w:styleId="Tw7"><w:name w:val="標題7"/></w:style>
 <w:style w:type="paragraph" w:styleId="BodyOutline"><w:name w:val="Body"/><w:basedOn w:val="Heading1"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
 <w:style w:type="paragraph" w:styleId="A"><w:name w:val="a"/><w:basedOn w:val="B"/></w:style>
 <w:style w:type="paragraph" w:styleId="B"><w:name w:val="b"/><w:basedOn w:val="A"/></w:style>
 <w:style w:type="character" w:styleId="Heading1Char"><w:name w:val="heading 1 Char"/></w:style>
 <w:style w:type="paragraph" w:styleId="7"><w:name w:val="List 7"/></w:style>
 <w:style w:type="paragraph" w:styleId="ListPara"><w:name w:val="List Paragraph"/><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="5"/></w:numPr></w:pPr></w:style>
 <w:style w:type="paragraph" w:styleId="ListChild"><w:name w:val="List Child"/><w:basedOn w:val="ListPara"/></w:style>
 <w:style w:type="paragraph" w:styleId="NumHead"><w:name w:val="Num Head"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
 <w:style w:type="paragraph" w:styleId="Empty"/>
</w:styles>"#
    )
}

fn load(styles: &str) -> (Styles, Vec<Warning>) {
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="sty.xml"/></Relationships>"#;
    let z = zip_of(&[
        ("word/document.xml", DOC),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/sty.xml", styles.as_bytes()),
    ]);
    let mut pkg = Package::open(&z, &Limits::default()).unwrap();
    let rels = pkg.rels_of("word/document.xml").unwrap();
    let mut warnings = Vec::new();
    let styles = Styles::load(&mut pkg, &rels, &mut warnings).unwrap();
    (styles, warnings)
}

#[test]
fn heading_levels_by_outline_name_and_inheritance() {
    for ns in [W, "http://purl.oclc.org/ooxml/wordprocessingml/main"] {
        let (s, warnings) = load(&styles_xml(ns));
        assert!(warnings.is_empty());
        let got: Vec<(&str, Option<u8>)> = [
            "Normal",
            "Heading1",
            "Mine",
            "2",
            "Heading3",
            "berschrift4",
            "T5",
            "R6",
            "Tw7",
            "BodyOutline",
            "A",
            "Heading1Char",
            "7",
            "Missing",
        ]
        .into_iter()
        .map(|id| (id, s.heading_level(id)))
        .collect();
        assert_eq!(
            got,
            [
                ("Normal", None),
                ("Heading1", Some(1)),
                ("Mine", Some(1)),
                ("2", Some(2)),
                ("Heading3", Some(3)),
                ("berschrift4", Some(4)),
                ("T5", Some(5)),
                ("R6", Some(6)),
                ("Tw7", Some(7)),
                ("BodyOutline", None),
                ("A", None),
                ("Heading1Char", None),
                ("7", None),
                ("Missing", None),
            ]
        );
        assert_eq!(s.default_paragraph(), Some("Normal"));
        assert_eq!(s.name("2"), Some("标题 2"));
        assert_eq!(s.name("Empty"), None);
    }
}

#[test]
fn numbering_through_based_on_and_level_links() {
    let (s, _) = load(&styles_xml(W));
    assert_eq!(s.numbering("ListPara"), Some(("5".to_string(), 2)));
    assert_eq!(s.numbering("ListChild"), Some(("5".to_string(), 2)));
    assert_eq!(s.numbering("Normal"), None);
    assert_eq!(s.numbering("A"), None);
    assert_eq!(s.numbering("NumHead"), Some(("3".to_string(), 0)));
    s.set_level_links(HashMap::from([("NumHead".to_string(), 4)]));
    assert_eq!(s.numbering("NumHead"), Some(("3".to_string(), 4)));
}

#[test]
fn heading_names() {
    assert_eq!(heading_from_name("heading 1"), Some(1));
    assert_eq!(heading_from_name("Heading9"), Some(9));
    assert_eq!(heading_from_name("Heading 10"), None);
    assert_eq!(heading_from_name("heading 1 Char"), None);
    assert_eq!(heading_from_name("Headings"), None);
    assert_eq!(heading_from_name("标题 3"), Some(3));
    assert_eq!(heading_from_name("Título 2"), Some(2));
    assert_eq!(heading_from_name("Kop 2"), Some(2));
    assert_eq!(heading_from_name("見出し 1"), Some(1));
    assert_eq!(heading_from_name("Title"), None);
}

#[test]
fn malformed_styles_are_a_warning_and_dtd_an_error() {
    let (s, warnings) = load("<w:styles xmlns:w=\"x\"><w:style></w:styles>");
    assert_eq!(s.heading_level("Heading1"), None);
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].code, "docx.bad_styles");
    let rels = Rels::default();
    let z = zip_of(&[
        ("word/document.xml", DOC),
        (
            "word/styles.xml",
            b"<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>",
        ),
    ]);
    let mut pkg = Package::open(&z, &Limits::default()).unwrap();
    let err = Styles::load(&mut pkg, &rels, &mut Vec::new()).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Dtd { .. }));
}

#[test]
fn corpus_strict_styles() {
    let Some(dir) = corpus() else { return };
    let bytes = std::fs::read(dir.join("docx2python/strict.docx")).unwrap();
    let mut pkg = Package::open(&bytes, &Limits::default()).unwrap();
    let rels = pkg.rels_of("word/document.xml").unwrap();
    let s = Styles::load(&mut pkg, &rels, &mut Vec::new()).unwrap();
    assert_eq!(s.default_paragraph(), Some("Normal"));
    assert_eq!(s.heading_level("Heading1"), Some(1));
}

#[test]
fn an_outline_level_of_255_is_no_heading_and_no_overflow() {
    // Found by the `doc` fuzz target in the .doc reader's copy of this rule: 255 + 1 overflowed.
    let xml = format!(
        r#"<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="Odd"><w:name w:val="Odd"/><w:pPr><w:outlineLvl w:val="255"/></w:pPr></w:style></w:styles>"#
    );
    let (s, _) = load(&xml);
    assert_eq!(s.heading_level("Odd"), None);
}
