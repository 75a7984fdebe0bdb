//! The generated annual reports (`corpus/reports/*.docx`) against the `.truth.json` written
//! from the values they were generated from (conventions in `corpus/reports/README.md`).

use super::util::{compare_table, convert_ok, files_with_ext, finish, ExpCell, ExpTable};
use docgrid::model::{Block, Cell};
use serde_json::Value;
use std::path::Path;

/// The truth's text rule: "compare after strip()".
fn trimmed(expected: &str, got: &Cell) -> bool {
    expected.trim() == got.text.trim()
}

/// A truth table: `cells` is the full matrix with text at each merge's top-left and `null`
/// where covered; `merges` gives the spans of the merged anchors.
fn truth_table(t: &Value) -> Result<ExpTable, String> {
    let n_rows = t["n_rows"].as_u64().ok_or("no n_rows")? as usize;
    let n_cols = t["n_cols"].as_u64().ok_or("no n_cols")? as usize;
    let matrix = t["cells"].as_array().ok_or("no cells")?;
    if matrix.len() != n_rows {
        return Err(format!("{} rows in cells, n_rows {n_rows}", matrix.len()));
    }
    let mut spans = std::collections::BTreeMap::new();
    for m in t["merges"].as_array().ok_or("no merges")? {
        let g = |k: &str| {
            m[k].as_u64()
                .map(|x| x as usize)
                .ok_or(format!("merge without {k}"))
        };
        spans.insert((g("r")?, g("c")?), (g("rowspan")?, g("colspan")?));
    }
    let mut cells = Vec::new();
    for (r, line) in matrix.iter().enumerate() {
        let line = line.as_array().ok_or("row not an array")?;
        if line.len() != n_cols {
            return Err(format!("row {r} has {} cells, n_cols {n_cols}", line.len()));
        }
        for (c, v) in line.iter().enumerate() {
            let Some(text) = v.as_str() else { continue };
            let (row_span, col_span) = spans.remove(&(r, c)).unwrap_or((1, 1));
            cells.push(ExpCell {
                row: r,
                col: c,
                row_span,
                col_span,
                text: text.to_string(),
            });
        }
    }
    if !spans.is_empty() {
        return Err(format!("merges without a text anchor: {spans:?}"));
    }
    Ok(ExpTable {
        rows: n_rows,
        cols: n_cols,
        cells,
    })
}

pub fn run(dir: &Path) {
    let mut diffs = Vec::new();
    let mut checked = 0;
    for docx in files_with_ext(dir, "docx") {
        let truth_path = docx.with_extension("truth.json");
        let name = docx
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        if !truth_path.is_file() {
            eprintln!("reports/{name}: no .truth.json, not compared");
            continue;
        }
        let truth: Value =
            serde_json::from_str(&std::fs::read_to_string(&truth_path).unwrap()).unwrap();
        let doc = convert_ok(&docx);
        checked += 1;

        let expected = truth["tables"].as_array().expect("tables");
        let ours: Vec<_> = doc.tables().collect();
        if expected.len() != ours.len() {
            diffs.push(format!(
                "reports/{name}: {} tables expected, got {}",
                expected.len(),
                ours.len()
            ));
        }
        for (i, (t, g)) in expected.iter().zip(&ours).enumerate() {
            let id = t["id"].as_str().unwrap_or("?");
            let label = format!("reports/{name} table {i} ({id})");
            let e = truth_table(t).unwrap_or_else(|e| panic!("{label}: truth: {e}"));
            compare_table(&label, &e, g, &trimmed, &mut diffs);
            // The truth writes `null` for a table without a header row.
            let want_header = t["header_rows"].as_u64().unwrap_or(0) as usize;
            if g.header_rows != want_header {
                diffs.push(format!(
                    "{label}: header_rows want {want_header} got {}",
                    g.header_rows
                ));
            }
        }

        // Paragraph order and text: the truth's title/heading/body entries against our
        // non-table blocks; empty ones on either side are layout, not content.
        let want: Vec<(String, String)> = truth["paragraphs"]
            .as_array()
            .expect("paragraphs")
            .iter()
            .filter(|p| matches!(p["kind"].as_str(), Some("title" | "heading" | "body")))
            .map(|p| {
                let kind = p["kind"].as_str().unwrap_or_default().to_string();
                (
                    kind,
                    p["text"].as_str().unwrap_or_default().trim().to_string(),
                )
            })
            .filter(|(_, t)| !t.is_empty())
            .collect();
        let got: Vec<String> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) => Some(h.text.trim().to_string()),
                Block::Paragraph(p) => Some(p.text.trim().to_string()),
                Block::Table(_) => None,
            })
            .filter(|t| !t.is_empty())
            .collect();
        for i in 0..want.len().max(got.len()) {
            match (want.get(i), got.get(i)) {
                (Some((_, w)), Some(g)) if w == g => {}
                (w, g) => {
                    diffs.push(format!(
                        "reports/{name}: paragraph {i}: expected {w:?}, got {g:?}"
                    ));
                    break; // later entries are shifted; the first difference tells the story
                }
            }
        }
        eprintln!(
            "reports/{name}: {} tables, {} paragraphs checked",
            ours.len(),
            want.len()
        );
    }
    assert!(checked >= 2, "only {checked} truth files found");
    finish("corpus_reports_truth", &diffs);
}
