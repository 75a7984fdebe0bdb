//! Writes the committed OLE seeds of the `docx` target (whole-file inputs go through sniffing,
//! which reads an OLE file's directory): a Word 97 document, an Excel workbook and an encrypted
//! OOXML package, each with the root streams Office writes, a few bytes in each.
//!
//! `cargo run --manifest-path fuzz/Cargo.toml --example ole_seeds` (from the repository root).

use std::io::Write;

fn main() -> std::io::Result<()> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/docx");
    std::fs::create_dir_all(&dir)?;
    let files: [(&str, &[&str]); 3] = [
        ("word97.doc", &["WordDocument", "1Table", "\u{5}SummaryInformation"]),
        ("book.xls", &["Workbook", "\u{5}DocumentSummaryInformation"]),
        ("encrypted.docx", &["EncryptionInfo", "EncryptedPackage"]),
    ];
    for (name, streams) in files {
        let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new()))?;
        file.create_storage("/\u{6}DataSpaces")?;
        for stream in streams {
            let mut s = file.create_stream(format!("/{stream}"))?;
            s.write_all(&[0xEC, 0xA5, 0xC1, 0x00, 0x41, 0x00])?;
        }
        file.flush()?;
        std::fs::write(dir.join(name), file.into_inner().into_inner())?;
    }
    Ok(())
}
