//! The negative set: pages a person sees no table on (two-column text, lists, code, a table of
//! contents, a label/value form, title page and back cover, a bordered card), in English and
//! Chinese, written by LibreOffice (`scripts/make_negative_fixtures.py`). docgrid finds none.

use docgrid::{convert_bytes, Options};
use std::path::Path;

#[test]
fn no_tables_on_pages_without_tables() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/negative");
    let mut pdfs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    pdfs.sort();
    // 7 kinds of page, each in English and Chinese.
    assert_eq!(pdfs.len(), 14, "{pdfs:?}");
    let mut found = Vec::new();
    for pdf in &pdfs {
        let doc = convert_bytes(&std::fs::read(pdf).unwrap(), &Options::default()).unwrap();
        assert!(!doc.blocks.is_empty(), "{}: no text", pdf.display());
        for t in doc.tables() {
            found.push(format!(
                "{}: a {}x{} table on page {:?}",
                pdf.file_name().unwrap().to_string_lossy(),
                t.rows,
                t.cols,
                t.page
            ));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
