//! Expected grids from docling's DOCX groundtruth (DoclingDocument JSON).

use super::util::{ExpCell, ExpTable};
use serde_json::Value;

/// Every entry of `tables[]`, in the groundtruth's order (docling appends a table when it
/// meets it, so an outer table precedes the tables nested in its cells).
pub fn tables(doc: &Value) -> Result<Vec<ExpTable>, String> {
    let ts = doc["tables"].as_array().ok_or("no tables array")?;
    ts.iter()
        .enumerate()
        .map(|(i, t)| table(&t["data"]).map_err(|e| format!("tables[{i}]: {e}")))
        .collect()
}

fn table(data: &Value) -> Result<ExpTable, String> {
    let n = |v: &Value, k: &str| -> Result<usize, String> {
        v[k].as_u64()
            .map(|x| x as usize)
            .ok_or_else(|| format!("missing {k}"))
    };
    let mut cells = Vec::new();
    for c in data["table_cells"].as_array().ok_or("no table_cells")? {
        let (r0, r1) = (n(c, "start_row_offset_idx")?, n(c, "end_row_offset_idx")?);
        let (c0, c1) = (n(c, "start_col_offset_idx")?, n(c, "end_col_offset_idx")?);
        let (rs, cs) = (n(c, "row_span")?, n(c, "col_span")?);
        if r1 - r0 != rs || c1 - c0 != cs {
            return Err(format!("cell ({r0},{c0}): offsets disagree with spans"));
        }
        cells.push(ExpCell {
            row: r0,
            col: c0,
            row_span: rs,
            col_span: cs,
            text: c["text"].as_str().unwrap_or_default().to_string(),
        });
    }
    Ok(ExpTable {
        rows: n(data, "num_rows")?,
        cols: n(data, "num_cols")?,
        cells,
    })
}

/// docgrid's tables in the order docling lists its own: pre-order (a table, then the tables
/// nested in its cells, row-major), leaving out 1×1 tables. docling's Word backend walks a
/// single-cell table as body content instead of emitting a table (groundtruth
/// `tablecell.docx.json`: the 1×1 "Hello world1" table is text, and the 1×1 wrapper around the
/// 3×3 table is dropped while the 3×3 table is kept); tables inside such a wrapper still count.
pub fn our_tables_in_docling_order(doc: &docgrid::Document) -> Vec<&docgrid::model::Table> {
    let mut out = Vec::new();
    for t in doc.tables() {
        preorder(t, &mut out);
    }
    out
}

fn preorder<'a>(t: &'a docgrid::model::Table, out: &mut Vec<&'a docgrid::model::Table>) {
    if !(t.rows == 1 && t.cols == 1) {
        out.push(t);
    }
    for c in &t.cells {
        for n in &c.tables {
            preorder(n, out);
        }
    }
}
