//! The package around the body: odd but valid packages that must be read, broken ones that
//! must fail with an error naming the cause, and the command line's contract.

use crate::common::{
    self, convert, heading, p, para, tbl, tc, tc_pr, tr, try_convert, zip_files, Fixture,
};
use crate::table_eq;
use assert_cmd::cargo::cargo_bin_cmd;
use docgrid::ErrorKind;
use std::collections::BTreeMap;

const HEADING1_STYLE: &str = r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>"#;

fn go_back_para(text: &str) -> String {
    format!(
        r#"<w:p><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

fn error_of(bytes: &[u8]) -> docgrid::Error {
    match try_convert(bytes) {
        Ok(doc) => panic!("expected an error, got {:#?}", doc.blocks),
        Err(e) => e,
    }
}

#[test]
fn not_a_zip_is_an_error() {
    let e = error_of(b"This is plain text, not a document.\n");
    assert!(matches!(e.kind(), ErrorKind::UnknownFormat), "{e:?}");
}

#[test]
fn ole_signature_without_a_directory_is_named_damaged() {
    // An OLE header over zeros is no encrypted package; tests/formats.rs has real OLE files.
    let mut bytes = docgrid::sniff::OLE_MAGIC.to_vec();
    bytes.resize(4096, 0);
    let e = error_of(&bytes);
    assert_eq!(
        e.to_string(),
        "damaged OLE compound file (unreadable directory)"
    );
}

#[test]
fn truncated_zip_is_an_error() {
    let bytes = Fixture::new(&p("text")).build();
    let e = error_of(&bytes[..bytes.len() / 2]);
    assert!(!e.to_string().is_empty());
}

#[test]
fn zip_without_main_part_is_an_error() {
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#;
    let bytes = zip_files(&[
        ("[Content_Types].xml".into(), types.as_bytes().to_vec()),
        ("docProps/app.xml".into(), b"<Properties/>".to_vec()),
    ]);
    let e = error_of(&bytes);
    assert!(matches!(e.kind(), ErrorKind::NoMainPart), "{e:?}");
}

#[test]
fn main_part_named_but_missing_is_an_error() {
    let bytes = Fixture::new(&p("text")).build();
    let bytes = common::edit_part(&bytes, "word/document.xml", |_| None);
    let e = error_of(&bytes);
    assert!(
        matches!(
            e.kind(),
            ErrorKind::NoMainPart | ErrorKind::MissingPart { .. }
        ),
        "{e:?}"
    );
}

#[test]
fn malformed_document_xml_names_the_part() {
    let doc = Fixture::new("")
        .document_xml()
        .replace("<w:body>", "<w:body><w:p><w:r><w:t>x</w:r></w:t></w:p>");
    let e = error_of(&Fixture::new("").raw_document(doc.as_bytes()).build());
    assert!(e.to_string().contains("word/document.xml"), "{e}");
}

#[test]
fn truncated_document_xml_names_the_part() {
    let doc = Fixture::new(&p("text")).document_xml();
    let cut = doc.find("<w:sectPr").unwrap();
    let e = error_of(
        &Fixture::new("")
            .raw_document(&doc.as_bytes()[..cut])
            .build(),
    );
    assert!(e.to_string().contains("word/document.xml"), "{e}");
}

fn with_doctype(doctype: &str, text: &str) -> Vec<u8> {
    let doc = Fixture::new(&format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"))
        .document_xml()
        .replacen("?>\n", &format!("?>\n{doctype}\n"), 1);
    assert!(doc.contains("<!DOCTYPE"));
    Fixture::new("").raw_document(doc.as_bytes()).build()
}

#[test]
fn external_entity_refused() {
    let bytes = with_doctype(
        r#"<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>"#,
        "&xxe;",
    );
    let e = error_of(&bytes);
    assert!(matches!(e.kind(), ErrorKind::Dtd { .. }), "{e:?}");
    assert!(e.to_string().contains("word/document.xml"), "{e}");
}

#[test]
fn internal_entities_refused_not_expanded() {
    let bytes = with_doctype(
        r#"<!DOCTYPE w:document [<!ENTITY a "EXPANDED"><!ENTITY b "&a;&a;&a;&a;">]>"#,
        "&b;",
    );
    let e = error_of(&bytes);
    assert!(matches!(e.kind(), ErrorKind::Dtd { .. }), "{e:?}");
}

#[test]
fn strict_ooxml_read() {
    let body = format!(
        "{}{}{}",
        r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>严格标题</w:t></w:r></w:p>"#,
        go_back_para("严格模式"),
        tbl(
            2,
            &(tr(&[tc_pr(r#"<w:gridSpan w:val="2"/>"#, "h")]) + &tr(&[tc("a"), tc("b")]))
        )
    );
    let doc = convert(&Fixture::new(&body).strict().styles(HEADING1_STYLE).build());
    assert_eq!(doc.blocks.len(), 3, "{:#?}", doc.blocks);
    assert_eq!(doc.blocks[..2], [heading(1, "严格标题"), para("严格模式")]);
    table_eq!(
        common::only_table(&doc),
        [["h", _], ["a", "b"]],
        [(0, 0, 1, 2)]
    );
}

#[test]
fn utf8_bom_before_declaration_read() {
    let xml = Fixture::new(&go_back_para("BOM text")).document_xml();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(xml.as_bytes());
    let doc = convert(&Fixture::new("").raw_document(&bytes).build());
    assert_eq!(doc.blocks, vec![para("BOM text")]);
}

#[test]
fn main_part_at_nonstandard_path() {
    let body = format!(
        r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>标题</w:t></w:r></w:p>{}"#,
        p("正文")
    );
    let bytes = Fixture::new(&body)
        .main_path("custom/main.xml")
        .styles(HEADING1_STYLE)
        .build();
    let doc = convert(&bytes);
    assert_eq!(doc.blocks, vec![heading(1, "标题"), para("正文")]);
}

#[test]
fn main_part_typed_only_by_default_extension() {
    // Some generators type every .xml as the main part through one Default entry.
    let bytes = Fixture::new(&p("default typed")).build();
    let bytes = common::edit_part(&bytes, "[Content_Types].xml", |_| {
        Some(format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="{}"/></Types>"#,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
        ))
    });
    let doc = convert(&bytes);
    assert_eq!(doc.blocks, vec![para("default typed")]);
}

#[test]
fn absolute_relationship_targets_resolved() {
    // Targets starting with "/" are package-absolute (OPC part names), not relative to the source.
    let body = format!(
        r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>标题</w:t></w:r></w:p>{}"#,
        p("正文")
    );
    let bytes = Fixture::new(&body).styles(HEADING1_STYLE).build();
    let bytes = common::edit_part(&bytes, "_rels/.rels", |s| {
        Some(s.replace(
            r#"Target="word/document.xml""#,
            r#"Target="/word/document.xml""#,
        ))
    });
    let bytes = common::edit_part(&bytes, "word/_rels/document.xml.rels", |s| {
        Some(s.replace(r#"Target="styles.xml""#, r#"Target="/word/styles.xml""#))
    });
    let doc = convert(&bytes);
    assert_eq!(doc.blocks, vec![heading(1, "标题"), para("正文")]);
}

#[test]
fn headers_and_footers_excluded_by_default() {
    let header = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="{}">{}</w:hdr>"#,
        common::W_NS,
        p("HEADER TEXT")
    );
    let body = r#"<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rIdH1"/></w:sectPr></w:pPr><w:r><w:t>body</w:t></w:r></w:p>"#;
    let bytes = Fixture::new(body)
        .rel("rIdH1", "header", "header1.xml", false)
        .part("word/header1.xml", header.as_bytes())
        .build();
    let doc = convert(&bytes);
    assert_eq!(doc.blocks, vec![para("body")]);
}

#[test]
fn core_properties_as_metadata() {
    let core = concat!(
        "<dc:title>2023年政府信息公开工作年度报告</dc:title><dc:creator>办公室</dc:creator>",
        r#"<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-20T08:00:00Z</dcterms:created>"#
    );
    let doc = convert(&Fixture::new(&p("x")).core(core).build());
    let want: BTreeMap<String, String> = [
        ("author", "办公室"),
        ("created", "2024-01-20T08:00:00Z"),
        ("title", "2023年政府信息公开工作年度报告"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(doc.metadata, want);
}

fn good_docx() -> Vec<u8> {
    let body = format!("{}{}", go_back_para("命令行"), tbl(1, &tr(&[tc("格")])));
    Fixture::new(&body).build()
}

fn check_json(stdout: &[u8], path: &str) {
    let text = std::str::from_utf8(stdout).unwrap();
    assert!(!text.contains("_GoBack"), "{text}");
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(v["docgrid"], "1.6");
    assert_eq!(v["source"]["format"], "docx");
    assert_eq!(v["source"]["path"], path);
    assert_eq!(v["source"]["pages"], serde_json::Value::Null);
    assert_eq!(v["blocks"][0]["kind"], "paragraph");
    assert_eq!(v["blocks"][0]["text"], "命令行");
    assert_eq!(v["blocks"][1]["kind"], "table");
    assert_eq!(v["blocks"][1]["cells"][0]["text"], "格");
}

#[test]
fn cli_bad_file_exits_1_with_one_stderr_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.docx");
    std::fs::write(&path, b"not a word document").unwrap();
    let out = cargo_bin_cmd!("docgrid")
        .arg("convert")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "{:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    let prefix = format!("docgrid: {}: ", path.display());
    assert!(stderr.starts_with(&prefix), "{stderr:?}");
    assert!(
        stderr.len() > prefix.len() + 1,
        "no cause after the prefix: {stderr:?}"
    );
}

#[test]
fn cli_reads_stdin() {
    let out = cargo_bin_cmd!("docgrid")
        .args(["convert", "-"])
        .write_stdin(good_docx())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    check_json(&out.stdout, "-");
}

#[test]
fn cli_converts_file_to_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("good.docx");
    std::fs::write(&path, good_docx()).unwrap();
    let out = cargo_bin_cmd!("docgrid")
        .arg("convert")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
    check_json(&out.stdout, &path.to_string_lossy());
}
