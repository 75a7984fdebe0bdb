//! The legacy Word (.doc) reader against the DOCX reader: LibreOffice converted each fixture's
//! .docx to .doc (scripts/make_doc_fixtures.sh), so both readings of one document must give
//! the same blocks, apart from what the conversion itself changes (listed where it matters).
//! Refusals are checked on tiny compound files written by the `cfb` crate.

use docgrid::model::{Block, Document, Table};
use docgrid::{convert_bytes, Options};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    convert_bytes(&bytes, &Options::default()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Blocks as compared: everything, list markers and heading labels included (the .doc
/// reader computes them from the LST/LFO list definitions with the DOCX reader's counters).
fn comparable(doc: &Document) -> Vec<Block> {
    doc.blocks.clone()
}

fn assert_same_as_docx(docx: &Path, doc: &Path) {
    let (x, y) = (read(docx), read(doc));
    assert_eq!(y.source.format, "doc");
    let (a, b) = (comparable(&x), comparable(&y));
    assert_eq!(a.len(), b.len(), "block count of {}", doc.display());
    for (i, (p, q)) in a.iter().zip(&b).enumerate() {
        assert_eq!(p, q, "block {i} of {}", doc.display());
    }
    assert_eq!(x.metadata, y.metadata);
    assert!(y.warnings.is_empty(), "{:?}", y.warnings);
}

#[test]
fn constructs_read_as_the_docx_reads() {
    let dir = root().join("tests/fixtures/doc");
    assert_same_as_docx(&dir.join("constructs.docx"), &dir.join("constructs.doc"));
}

#[test]
fn lists_and_heading_labels_read_as_the_docx_reads() {
    let dir = root().join("tests/fixtures/doc");
    assert_same_as_docx(&dir.join("lists.docx"), &dir.join("lists.doc"));
    let doc = read(&dir.join("lists.doc"));
    let labels: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => h.label.as_deref(),
            _ => None,
        })
        .collect();
    // Heading 3 straight after Heading 1 shows level 2 at its start (KB Q197139).
    assert_eq!(labels, ["1.", "1.1.", "1.2.", "2.", "2.1.1.", "2.2."]);
    let markers: Vec<String> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => p
                .list
                .as_ref()
                .map(|l| format!("{}:{}", l.level, l.marker.as_deref().unwrap_or(""))),
            _ => None,
        })
        .collect();
    assert_eq!(
        markers,
        [
            "0:1)", "1:a.", "1:b.", "0:2)", "0:•", "1:◦", "0:•", "0:I.", "1:(i)", "0:II.", "0:5.",
            "0:6.", "0:一、", "0:二、"
        ]
    );
}

#[test]
fn annual_reports_read_as_the_docx_reads() {
    for name in ["qinghe_2023_annual_report", "pingchuan_2020_annual_report"] {
        assert_same_as_docx(
            &root().join(format!("samples/{name}.docx")),
            &root().join(format!("tests/fixtures/doc/{name}.doc")),
        );
    }
}

fn tables(doc: &Document) -> Vec<&Table> {
    doc.tables().collect()
}

/// Values written down from constructs.docx (scripts/make_doc_fixtures.py), not from the reader.
#[test]
fn constructs_have_the_expected_grid_text_and_headings() {
    let doc = read(&root().join("tests/fixtures/doc/constructs.doc"));
    let t = tables(&doc);
    assert_eq!(t.len(), 2);
    let shapes: Vec<_> = t[0].cells.iter().map(|c| c.shape()).collect();
    assert_eq!((t[0].rows, t[0].cols), (4, 4));
    assert_eq!(
        &shapes[..5],
        &[
            (0, 0, 2, 1, "Region"),
            (0, 1, 1, 2, "Sales"),
            (0, 3, 2, 1, "Total"),
            (1, 1, 1, 1, "Q1"),
            (1, 2, 1, 1, "Q2"),
        ]
    );
    assert_eq!(t[0].header_rows, 2);
    let holder = &t[1].cells[2];
    assert_eq!(holder.text, "holds\nn1\nn2\nn3\nn4");
    assert_eq!(holder.tables.len(), 1);
    assert_eq!((holder.tables[0].rows, holder.tables[0].cols), (2, 2));
    let texts: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.as_str()),
            Block::Heading(h) => Some(h.text.as_str()),
            Block::Table(_) => None,
        })
        .collect();
    assert_eq!(
        texts,
        [
            "Constructs",
            "Plain paragraph with café and 中文.",
            "a\tb\nsecond line",
            "See the site now.",
            "Merges",
            "Between tables.",
            "Nested",
            "First item",
            "Second item",
            "The end."
        ]
    );
    let levels: Vec<u8> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(h.level),
            _ => None,
        })
        .collect();
    assert_eq!(levels, [1, 2, 2]);
    assert_eq!(
        doc.metadata.get("title").map(String::as_str),
        Some("Constructs fixture")
    );
    assert_eq!(
        doc.metadata.get("created").map(String::as_str),
        Some("2026-12-07T06:00:00Z")
    );
}

/// wvWare's wvHtml, an independent .doc reader, gives the same spans for constructs.doc's
/// first table (it writes `rowspan="0"` on the positions a merge covers).
#[test]
fn spans_agree_with_wvhtml() {
    let doc = root().join("tests/fixtures/doc/constructs.doc");
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("out.html");
    let ran = Command::new("wvHtml").arg(&doc).arg(&html).output();
    if !ran.is_ok_and(|o| o.status.success()) || !html.exists() {
        println!("SKIPPED: wvHtml not available");
        return;
    }
    let text = std::fs::read_to_string(&html).unwrap();
    let first = text.split("</table>").next().unwrap();
    let attr = |td: &str, name: &str| -> usize {
        let at = td.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        td[at..].split('"').next().unwrap().parse().unwrap()
    };
    let wv: Vec<(usize, usize)> = first
        .split("<td")
        .skip(1)
        .map(|td| (attr(td, "rowspan"), attr(td, "colspan")))
        .filter(|&(r, _)| r > 0)
        .collect();
    let ours: Vec<(usize, usize)> = tables(&read(&doc))[0]
        .cells
        .iter()
        .map(|c| (c.row_span, c.col_span))
        .collect();
    assert_eq!(ours, wv);
}

/// The shared corpus's 13-table procurement document, converted at test time (never committed).
/// One 1×1 table (the "粘贴处" paste box) stands in a text box: it must come out of the
/// text-box story at its anchor, between tables 6 and 8. LibreOffice's export renames the style
/// "Body Text" to "Text Body" (so only tables are compared here); all 13 must be the same.
#[test]
#[cfg_attr(no_corpus, ignore = "needs ../shared/corpus (see README)")]
fn the_corpus_conversion_keeps_its_tables() {
    let src = root().join("../shared/corpus/docx/docx2python/libreoffice_conversion.docx");
    if !src.exists() {
        println!("SKIPPED: {} not found", src.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let ran = Command::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&src)
        .output();
    let out = dir.path().join("libreoffice_conversion.doc");
    if !ran.is_ok_and(|o| o.status.success()) || !out.exists() {
        println!("SKIPPED: soffice not available");
        return;
    }
    let (x, y) = (read(&src), read(&out));
    let (a, b) = (tables(&x), tables(&y));
    assert_eq!(a.len(), 13);
    let strip = |t: &Table| {
        (
            t.rows,
            t.cols,
            t.cells
                .iter()
                .map(|c| c.shape())
                .map(|s| (s.0, s.1, s.2, s.3, s.4.to_string()))
                .collect::<Vec<_>>(),
        )
    };
    // The paste box sits in a text box: the text-box story, placed at its shape's anchor.
    let theirs: Vec<_> = a.iter().map(|t| strip(t)).collect();
    let ours: Vec<_> = b.iter().map(|t| strip(t)).collect();
    assert_eq!(ours.len(), 13);
    assert!(y.warnings.is_empty(), "{:?}", y.warnings);
    assert_eq!(ours, theirs);
}

/// A compound file whose `WordDocument` stream is a File Information Block with `nfib` and
/// `flags`, beside an empty `1Table`.
fn synthetic_doc(nfib: u16, flags: u16) -> Vec<u8> {
    let mut fib = vec![0u8; 512];
    fib[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
    fib[2..4].copy_from_slice(&nfib.to_le_bytes());
    fib[0x0A..0x0C].copy_from_slice(&(flags | 0x0200).to_le_bytes());
    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    file.create_stream("/WordDocument")
        .unwrap()
        .write_all(&fib)
        .unwrap();
    file.create_stream("/1Table")
        .unwrap()
        .write_all(&[0; 64])
        .unwrap();
    file.flush().unwrap();
    file.into_inner().into_inner()
}

fn error_of(bytes: &[u8]) -> String {
    convert_bytes(bytes, &Options::default())
        .unwrap_err()
        .to_string()
}

#[test]
fn encrypted_and_obfuscated_files_are_refused_as_password_protected() {
    let message =
        "password-protected .doc (Word 97-2003): not supported; save a copy without the password";
    assert_eq!(error_of(&synthetic_doc(193, 0x0100)), message);
    assert_eq!(error_of(&synthetic_doc(193, 0x8000)), message);
}

#[test]
fn word_6_and_95_are_refused_by_name() {
    let err = error_of(&synthetic_doc(100, 0));
    assert!(err.contains("Word 6/95 is not supported"), "{err}");
    let err = error_of(&synthetic_doc(104, 0));
    assert!(err.contains("Word 6/95 is not supported"), "{err}");
}

#[test]
fn a_fib_without_a_piece_table_names_it() {
    assert_eq!(
        error_of(&synthetic_doc(193, 0)),
        "piece table: no CLX in the 1Table stream"
    );
}

/// A FIB whose story lengths cannot fit its stream is a damaged file, not a limit to raise.
#[test]
fn story_lengths_past_the_stream_are_named_as_damage() {
    let mut bytes = std::fs::read(root().join("tests/fixtures/doc/constructs.doc")).unwrap();
    // LibreOffice writes WordDocument contiguously: the sector opening with wIdent 0xA5EC.
    let fib = (512..bytes.len())
        .step_by(512)
        .find(|&at| bytes[at..].starts_with(&[0xEC, 0xA5]))
        .unwrap();
    bytes[fib + 76..fib + 80].copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes()); // ccpText
    let err = error_of(&bytes);
    assert!(
        err.starts_with(
            "WordDocument stream: the FIB's story lengths (2147483647 characters) exceed the \
             stream ("
        ),
        "{err}"
    );
}

/// Every truncation and a spread of byte flips of a real .doc: errors or documents, never a
/// panic, and every table a partition.
#[test]
fn damaged_copies_never_panic() {
    let bytes = std::fs::read(root().join("tests/fixtures/doc/constructs.doc")).unwrap();
    let mut inputs: Vec<Vec<u8>> = (0..bytes.len())
        .step_by(512)
        .map(|n| bytes[..n].to_vec())
        .collect();
    for i in (0..bytes.len()).step_by(37) {
        let mut b = bytes.clone();
        b[i] ^= 0xFF;
        inputs.push(b);
    }
    for b in inputs {
        if let Ok(doc) = convert_bytes(&b, &Options::default()) {
            for t in doc.tables() {
                docgrid::table::check_partition(t).unwrap();
            }
        }
    }
}

/// Word text details (issue 17 §3) read alike from the .docx and LibreOffice's .doc of it:
/// LibreOffice stores each `w:sym` as a symbol-area character in a run whose fonts name the
/// symbol font. Expected characters looked up in the fonts' Unicode mappings by hand.
#[test]
fn word_text_details_read_as_the_docx_reads() {
    let dir = root().join("tests/fixtures/doc");
    assert_same_as_docx(&dir.join("word_text.docx"), &dir.join("word_text.doc"));
    let doc = read(&dir.join("word_text.doc"));
    let texts: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        texts,
        [
            "Word text details",
            "Bullet • gamma γ tick ✔",
            "Rechnungsprüfung 2023-24",
            "The year began with a drop cap.",
            "☒ Yes",
            "☐ No",
            "☒ Checked"
        ]
    );
    let cells: Vec<&str> = tables(&doc)[0]
        .cells
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(cells, ["≤5 ◻", "Rechnungsprüfung 2023-24"]);
    assert_eq!(
        doc.metadata.get("title").map(String::as_str),
        Some("Word text details")
    );
}
