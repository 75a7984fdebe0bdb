//! Shared test helpers: a minimal .docx builder and whole-table assertions.
//!
//! Fixtures are written by hand from the WordprocessingML specification, so they test the
//! reader against the format rather than against itself.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

mod fixture;

pub use fixture::*;

use docgrid::model::{Block, Document, ListItem, Paragraph, Table};
use docgrid::{Error, Options};

/// Converts with default options, without any checks.
///
/// With `DOCGRID_FIXTURE_DUMP=<dir>` set, the input is also written to `<dir>/<test name>.docx`,
/// so a fixture can be opened in Word or checked by another reader.
pub fn try_convert(bytes: &[u8]) -> Result<Document, Error> {
    if let Some(dir) = std::env::var_os("DOCGRID_FIXTURE_DUMP") {
        let name = std::thread::current()
            .name()
            .unwrap_or("fixture")
            .replace("::", "__");
        std::fs::write(
            std::path::Path::new(&dir).join(format!("{name}.docx")),
            bytes,
        )
        .unwrap();
    }
    docgrid::convert_bytes(bytes, &Options::default())
}

/// Converts and checks the invariants every output must hold: every table (nested too)
/// partitions its grid, and no bookmark name `_GoBack` appears anywhere in the JSON.
pub fn convert(bytes: &[u8]) -> Document {
    let doc = match try_convert(bytes) {
        Ok(d) => d,
        Err(e) => panic!("conversion failed: {e}"),
    };
    let json = to_json(&doc);
    assert!(
        !json.contains("_GoBack"),
        "_GoBack leaked into the JSON: {json}"
    );
    for t in doc.tables() {
        assert_partition(t);
    }
    doc
}

/// The document serialised as contract-v1 JSON (compact).
pub fn to_json(doc: &Document) -> String {
    let mut out = Vec::new();
    docgrid::write::json::write(doc, &mut out, false).unwrap();
    String::from_utf8(out).unwrap()
}

/// Asserts the partition invariant for `t` and all its nested tables.
pub fn assert_partition(t: &Table) {
    if let Err(e) = docgrid::table::check_partition(t) {
        panic!(
            "table {} breaks the partition invariant: {e}\n{t:#?}",
            t.index
        );
    }
    for c in &t.cells {
        for inner in &c.tables {
            assert_partition(inner);
        }
    }
}

/// The text at each cell's top-left position, `None` where a merge covers the position
/// (the `cells` matrix of the corpus `*.truth.json` files).
pub fn grid(t: &Table) -> Vec<Vec<Option<String>>> {
    let mut g = vec![vec![None; t.cols]; t.rows];
    for c in &t.cells {
        if let Some(slot) = g.get_mut(c.row).and_then(|r| r.get_mut(c.col)) {
            *slot = Some(c.text.clone());
        }
    }
    g
}

/// `(row, col, row_span, col_span)` of every cell spanning more than one position, row-major.
pub fn merges(t: &Table) -> Vec<(usize, usize, usize, usize)> {
    t.cells
        .iter()
        .filter(|c| c.row_span > 1 || c.col_span > 1)
        .map(|c| (c.row, c.col, c.row_span, c.col_span))
        .collect()
}

/// The only top-level table of `doc` (fails when there is not exactly one).
pub fn only_table(doc: &Document) -> &Table {
    let tables: Vec<&Table> = doc.tables().collect();
    assert_eq!(
        tables.len(),
        1,
        "expected exactly one table: {:#?}",
        doc.blocks
    );
    tables[0]
}

/// The warning codes of `doc`, in order.
pub fn warning_codes(doc: &Document) -> Vec<&'static str> {
    doc.warnings.iter().map(|w| w.code).collect()
}

/// A plain paragraph block.
pub fn para(text: &str) -> Block {
    Block::Paragraph(Paragraph {
        text: text.to_string(),
        ..Paragraph::default()
    })
}

/// A paragraph block with a style name.
pub fn styled(text: &str, style: &str) -> Block {
    Block::Paragraph(Paragraph {
        text: text.to_string(),
        style: Some(style.to_string()),
        ..Paragraph::default()
    })
}

/// A list paragraph block without a style name.
pub fn item(text: &str, level: u8, marker: &str) -> Block {
    Block::Paragraph(Paragraph {
        text: text.to_string(),
        style: None,
        list: Some(ListItem {
            level,
            marker: Some(marker.to_string()),
        }),
        page: None,
        ocr: None,
    })
}

/// A heading block.
pub fn heading(level: u8, text: &str) -> Block {
    Block::Heading(docgrid::model::Heading {
        level,
        text: text.to_string(),
        ..Default::default()
    })
}

/// `<w:p>` with one run of `text` (space-preserving).
pub fn p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// A `w:tbl` with a `w:tblGrid` of `cols` columns around `rows` (already `w:tr` XML).
pub fn tbl(cols: usize, rows: &str) -> String {
    let grid: String = (0..cols).map(|_| r#"<w:gridCol w:w="1000"/>"#).collect();
    format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"#
    )
}

/// A `w:tr` of the given cells (already `w:tc` XML).
pub fn tr(cells: &[String]) -> String {
    format!("<w:tr>{}</w:tr>", cells.concat())
}

/// A `w:tr` with `w:trPr` content (e.g. `<w:gridBefore w:val="1"/>`).
pub fn tr_pr(pr: &str, cells: &[String]) -> String {
    format!("<w:tr><w:trPr>{pr}</w:trPr>{}</w:tr>", cells.concat())
}

/// A plain `w:tc` holding one paragraph of `text` (an empty paragraph when `text` is empty).
pub fn tc(text: &str) -> String {
    tc_pr("", text)
}

/// A `w:tc` with `w:tcPr` content (e.g. `<w:gridSpan w:val="2"/>`) and one paragraph of `text`.
pub fn tc_pr(pr: &str, text: &str) -> String {
    let para = if text.is_empty() {
        "<w:p/>".to_string()
    } else {
        p(text)
    };
    format!(r#"<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>{pr}</w:tcPr>{para}</w:tc>"#)
}

/// Asserts a table's whole text matrix and its merges, like calamine's `range_eq!`:
/// `table_eq!(t, [["a", _], ["b", "c"]], [(0, 0, 1, 2)])`, `_` for a covered position.
#[macro_export]
macro_rules! table_eq {
    ($t:expr, [$([$($cell:tt),* $(,)?]),* $(,)?], [$($m:expr),* $(,)?]) => {{
        let t: &docgrid::model::Table = $t;
        common::assert_partition(t);
        let expected: Vec<Vec<Option<String>>> =
            vec![$(vec![$($crate::table_cell!($cell)),*]),*];
        let got = common::grid(t);
        assert_eq!(got, expected, "grid of table {} ({}x{})", t.index, t.rows, t.cols);
        let want_merges: Vec<(usize, usize, usize, usize)> = vec![$($m),*];
        assert_eq!(common::merges(t), want_merges, "merges (row, col, row_span, col_span)");
        assert_eq!((t.rows, t.cols), (expected.len(), expected.first().map_or(0, |r| r.len())));
    }};
}

/// One expected position of [`table_eq!`]: `_` is covered, a literal is the anchor text.
#[macro_export]
macro_rules! table_cell {
    (_) => {
        None::<String>
    };
    ($s:literal) => {
        Some(String::from($s))
    };
}

/// The files of a zip, in order.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut data).unwrap();
            (name, data)
        })
        .collect()
}

/// Rezips `bytes` with part `name` passed through `edit` (`None` removes the part).
pub fn edit_part(bytes: &[u8], name: &str, edit: impl Fn(String) -> Option<String>) -> Vec<u8> {
    let files: Vec<(String, Vec<u8>)> = unzip(bytes)
        .into_iter()
        .filter_map(|(n, data)| {
            if n == name {
                edit(String::from_utf8(data).unwrap()).map(|s| (n, s.into_bytes()))
            } else {
                Some((n, data))
            }
        })
        .collect();
    zip_files(&files)
}
