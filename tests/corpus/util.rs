//! Shared plumbing: locating the corpus, guarded conversion (panic and hang proof), and the
//! comparison of a docgrid table with an expected grid taken from someone else's output.

use docgrid::model::{Cell, Document, Table};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Per-file conversion bound: the slowest anchor tool needs ~16 s on the stress file.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// `<CARGO_MANIFEST_DIR>/../shared/corpus`, or `None` after printing the skip notice.
pub fn corpus_dir() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if p.is_dir() {
        Some(p)
    } else {
        // Straight to stderr: libtest captures eprintln! of passing tests, and a skip must be seen.
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"SKIPPED: ../shared/corpus not found\n",
        );
        None
    }
}

/// How one conversion ended.
pub enum Outcome {
    Ok(Box<Document>),
    Err(docgrid::Error),
    Panic(String),
    Hang,
}

/// Converts in a worker thread under `catch_unwind`, giving up after [`TIMEOUT`]
/// (a hung worker is left detached; the test then fails naming the file).
pub fn convert_guarded(bytes: Vec<u8>, name: &str) -> (Outcome, Duration) {
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    let spawned = std::thread::Builder::new()
        .name(format!("convert {name}"))
        .spawn(move || {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                docgrid::convert_bytes(&bytes, &docgrid::Options::default())
            }));
            let _ = tx.send(r);
        });
    if let Err(e) = spawned {
        return (
            Outcome::Panic(format!("could not spawn: {e}")),
            start.elapsed(),
        );
    }
    let out = match rx.recv_timeout(TIMEOUT) {
        Ok(Ok(Ok(doc))) => Outcome::Ok(Box::new(doc)),
        Ok(Ok(Err(e))) => Outcome::Err(e),
        Ok(Err(payload)) => Outcome::Panic(panic_message(payload.as_ref())),
        Err(mpsc::RecvTimeoutError::Timeout) => Outcome::Hang,
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Outcome::Panic("worker ended without a result".into())
        }
    };
    (out, start.elapsed())
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "non-string panic payload".into()
    }
}

/// Converts a corpus file for the comparison tests, which need a document: anything but
/// `Ok` fails the calling test with the file's name.
pub fn convert_ok(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match convert_guarded(bytes, &path.display().to_string()).0 {
        Outcome::Ok(d) => *d,
        Outcome::Err(e) => panic!("{}: conversion failed: {e}", path.display()),
        Outcome::Panic(m) => panic!("{}: conversion panicked: {m}", path.display()),
        Outcome::Hang => panic!("{}: conversion hung (> {TIMEOUT:?})", path.display()),
    }
}

/// Every file under `dir` (recursively) whose name ends in `.ext`, sorted.
pub fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x.eq_ignore_ascii_case(ext)) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Whitespace normalisation used for every text comparison: runs of any whitespace
/// (spaces, tabs, line breaks, U+3000) become one space, ends trimmed.
pub fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A cell of an expected grid.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpCell {
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
    pub text: String,
}

/// An expected table: its grid size and the cells its source lists (uncovered positions
/// are filled with empty 1×1 cells before comparing, as the contract pads ragged rows).
#[derive(Debug, Clone, Default)]
pub struct ExpTable {
    pub rows: usize,
    pub cols: usize,
    pub cells: Vec<ExpCell>,
}

/// Cell texts equal after [`norm`].
pub fn normalised(expected: &str, got: &Cell) -> bool {
    norm(expected) == norm(&got.text)
}

/// Merged regions `(row, col, row_span, col_span)` of a docgrid table, sorted.
pub fn merged_regions(t: &Table) -> Vec<(usize, usize, usize, usize)> {
    let mut v: Vec<_> = t
        .cells
        .iter()
        .filter(|c| c.row_span > 1 || c.col_span > 1)
        .map(|c| (c.row, c.col, c.row_span, c.col_span))
        .collect();
    v.sort();
    v
}

/// Compares `got` with `exp`, pushing one line per difference onto `diffs`.
/// `text_eq` decides whether a docgrid cell's text matches the expected text (lets callers
/// account for a documented convention of the expectation's producer).
pub fn compare_table(
    label: &str,
    exp: &ExpTable,
    got: &Table,
    text_eq: &dyn Fn(&str, &Cell) -> bool,
    diffs: &mut Vec<String>,
) {
    let start = diffs.len();
    let exp_merged = exp
        .cells
        .iter()
        .filter(|c| c.row_span > 1 || c.col_span > 1)
        .count();
    eprintln!(
        "  {label}: expected {}x{} ({} cells listed, {exp_merged} merged), docgrid {}x{} ({} cells, {} merged)",
        exp.rows,
        exp.cols,
        exp.cells.len(),
        got.rows,
        got.cols,
        got.cells.len(),
        merged_regions(got).len()
    );
    if (exp.rows, exp.cols) != (got.rows, got.cols) {
        diffs.push(format!(
            "{label}: grid {}x{} expected, got {}x{}",
            exp.rows, exp.cols, got.rows, got.cols
        ));
    }
    let filled = match fill(exp) {
        Ok(f) => f,
        Err(e) => {
            diffs.push(format!("{label}: expectation is not a partition: {e}"));
            return;
        }
    };
    let mut ours: BTreeMap<(usize, usize), &Cell> =
        got.cells.iter().map(|c| ((c.row, c.col), c)).collect();
    for e in &filled {
        match ours.remove(&(e.row, e.col)) {
            None => diffs.push(format!(
                "{label}: cell ({},{}) span {}x{} text {:?} expected, docgrid has no cell starting there",
                e.row, e.col, e.row_span, e.col_span, e.text
            )),
            Some(c) => {
                if (c.row_span, c.col_span) != (e.row_span, e.col_span) {
                    diffs.push(format!(
                        "{label}: cell ({},{}) span {}x{} expected, got {}x{} (text {:?})",
                        e.row, e.col, e.row_span, e.col_span, c.row_span, c.col_span, c.text
                    ));
                }
                if !text_eq(&e.text, c) {
                    diffs.push(format!(
                        "{label}: cell ({},{}) text {:?} expected, got {:?}",
                        e.row, e.col, e.text, c.text
                    ));
                }
            }
        }
    }
    for ((r, k), c) in ours {
        diffs.push(format!(
            "{label}: docgrid cell ({r},{k}) span {}x{} text {:?} not in the expectation",
            c.row_span, c.col_span, c.text
        ));
    }
    // Keep reports readable: one bad table can otherwise print hundreds of lines.
    if diffs.len() - start > 25 {
        let n = diffs.len() - start - 25;
        diffs.truncate(start + 25);
        diffs.push(format!("{label}: … {n} more differences"));
    }
}

/// The expectation's cells plus an empty 1×1 cell at every position none covers,
/// in row-major order; an error when two expected cells overlap or leave the grid.
fn fill(exp: &ExpTable) -> Result<Vec<ExpCell>, String> {
    let mut owner = vec![false; exp.rows * exp.cols];
    let mut cells = exp.cells.clone();
    for c in &exp.cells {
        if c.row + c.row_span > exp.rows || c.col + c.col_span > exp.cols {
            return Err(format!("cell ({},{}) leaves the grid", c.row, c.col));
        }
        for r in c.row..c.row + c.row_span {
            for k in c.col..c.col + c.col_span {
                if std::mem::replace(&mut owner[r * exp.cols + k], true) {
                    return Err(format!("position ({r},{k}) covered twice"));
                }
            }
        }
    }
    for (i, taken) in owner.iter().enumerate() {
        if !taken {
            cells.push(ExpCell {
                row: i / exp.cols,
                col: i % exp.cols,
                row_span: 1,
                col_span: 1,
                text: String::new(),
            });
        }
    }
    cells.sort_by_key(|c| (c.row, c.col));
    Ok(cells)
}

/// Prints the differences of one test and fails it when there are any.
pub fn finish(test: &str, diffs: &[String]) {
    for d in diffs {
        eprintln!("DIFF {d}");
    }
    assert!(
        diffs.is_empty(),
        "{test}: {} differences (listed above as DIFF lines)",
        diffs.len()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(row: usize, col: usize, rs: usize, cs: usize, text: &str) -> Cell {
        Cell {
            row,
            col,
            row_span: rs,
            col_span: cs,
            text: text.into(),
            tables: Vec::new(),
        }
    }

    /// The comparison must see a wrong span, a wrong text and a ragged position.
    #[test]
    fn compare_table_reports_each_kind_of_difference() {
        let exp = ExpTable {
            rows: 2,
            cols: 2,
            cells: vec![
                ExpCell {
                    row: 0,
                    col: 0,
                    row_span: 2,
                    col_span: 1,
                    text: "a  b".into(),
                },
                ExpCell {
                    row: 0,
                    col: 1,
                    row_span: 1,
                    col_span: 1,
                    text: "c".into(),
                },
            ],
        };
        let same = Table {
            rows: 2,
            cols: 2,
            cells: vec![
                cell(0, 0, 2, 1, "a\nb"),
                cell(0, 1, 1, 1, "c"),
                cell(1, 1, 1, 1, ""),
            ],
            ..Table::default()
        };
        let mut d = Vec::new();
        compare_table("t", &exp, &same, &normalised, &mut d);
        assert!(d.is_empty(), "{d:?}");

        let wrong = Table {
            rows: 2,
            cols: 2,
            cells: vec![
                cell(0, 0, 1, 1, "a b"),
                cell(0, 1, 1, 1, "x"),
                cell(1, 0, 1, 1, ""),
                cell(1, 1, 1, 1, ""),
            ],
            ..Table::default()
        };
        compare_table("t", &exp, &wrong, &normalised, &mut d);
        assert_eq!(d.len(), 3, "{d:?}");
        assert!(d[0].contains("span 2x1 expected, got 1x1"), "{d:?}");
        assert!(d[1].contains("text \"c\" expected, got \"x\""), "{d:?}");
        assert!(d[2].contains("docgrid cell (1,0)"), "{d:?}");
    }
}
