//! The input becomes word/document.xml of an otherwise valid minimal package, so mutations
//! reach the body reader instead of dying in the zip layer.
#![no_main]

#[path = "common.rs"]
mod common;

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// Stored (not deflated) entries: building the zip must cost far less than parsing it.
fn package(document_xml: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("[Content_Types].xml", opts)?;
    w.write_all(CONTENT_TYPES.as_bytes())?;
    w.start_file("_rels/.rels", opts)?;
    w.write_all(ROOT_RELS.as_bytes())?;
    w.start_file("word/document.xml", opts)?;
    w.write_all(document_xml)?;
    Ok(w.finish()?.into_inner())
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(bytes) = package(data) {
        common::check(&bytes);
    }
});
