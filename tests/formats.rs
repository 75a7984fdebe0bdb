//! Sniffing: a file docgrid cannot read gets one line saying what it is. The OLE files are
//! written by the `cfb` crate, a real compound-file writer, with the streams Office puts there.

use assert_cmd::Command;
use std::io::Write;
use std::path::Path;

/// An OLE compound file with the given root streams (a few bytes each).
fn ole(streams: &[&str]) -> Vec<u8> {
    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    for name in streams {
        let mut stream = file.create_stream(format!("/{name}")).unwrap();
        stream.write_all(b"\x01\x02\x03\x04").unwrap();
    }
    file.flush().unwrap();
    file.into_inner().into_inner()
}

/// Converts `bytes` saved as `name`; returns (exit code, stderr).
fn convert(name: &str, bytes: &[u8]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = Command::cargo_bin("docgrid")
        .unwrap()
        .arg("convert")
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    let err = err.replace(&path.display().to_string(), name);
    (out.status.code().unwrap_or(-1), err)
}

fn assert_refused(name: &str, bytes: &[u8], message: &str) {
    let (code, err) = convert(name, bytes);
    assert_eq!(code, 1, "{err}");
    assert_eq!(err, format!("docgrid: {name}: {message}\n"));
}

#[test]
fn legacy_office_files_are_named() {
    let doc = ole(&["WordDocument", "1Table", "\u{5}SummaryInformation"]);
    // A .doc is read since the .doc reader landed; these four bytes are no File Information Block.
    assert_refused(
        "old.doc",
        &doc,
        "WordDocument stream: not a Word binary document (bad wIdent)",
    );
    assert_refused(
        "sheet.xls",
        &ole(&["Workbook"]),
        ".xls (Excel 97-2003): not supported yet",
    );
    assert_refused(
        "slides.ppt",
        &ole(&["PowerPoint Document", "Current User"]),
        ".ppt (PowerPoint 97-2003): not supported yet",
    );
    assert_refused(
        "mail.msg",
        &ole(&["__properties_version1.0"]),
        "OLE compound file that is not a Word, Excel or PowerPoint file",
    );
}

#[test]
fn encrypted_docx_is_named_whatever_its_name() {
    let bytes = ole(&["EncryptionInfo", "EncryptedPackage"]);
    let message = "password-protected Word document (or other encrypted Office file): \
                   not supported yet; save a copy without the password";
    assert_refused("secret.docx", &bytes, message);
    assert_refused("secret.bin", &bytes, message);
}

#[test]
#[cfg_attr(no_corpus, ignore = "needs ../shared/corpus (see README)")]
fn encrypted_docx_from_apache_poi() {
    let path = Path::new("../shared/corpus/docx/poi/bug53475-password-is-pass.docx");
    let Ok(bytes) = std::fs::read(path) else {
        println!("SKIPPED: ../shared/corpus absent");
        return;
    };
    let (code, err) = convert("p.docx", &bytes);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("docgrid: p.docx: password-protected Word document"),
        "{err}"
    );
}

#[test]
fn rtf_images_and_empty_files_are_named() {
    assert_refused(
        "note.rtf",
        b"{\\rtf1\\ansi Hello}",
        "RTF document: not supported yet",
    );
    assert_refused(
        "scan.png",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0",
        "PNG image: not supported yet (scans need OCR)",
    );
    assert_refused("nothing.pdf", b"", "empty file");
    assert_refused(
        "notes.txt",
        b"just some words\n",
        "not a format docgrid reads (.docx, .doc, .pdf, .html, .mht): unrecognised content",
    );
}
