//! What the table writers (CSV, cells, XLSX, Markdown) share: numbering tables, nested ones
//! included; the cell covering each grid position; and multi-level header names.
//!
//! Numbering (docs/output.md): top-level tables are `1`, `2`, … in document
//! order; a table nested in table `N` is `N.1`, `N.2`, … in row-major order of the cells
//! holding them, and so on down. Flattened, parents come before their nested tables.

use crate::model::{Cell, Document, Table};

/// Every table of `doc`, nested ones after their parent, with their labels.
pub fn numbered(doc: &Document) -> Vec<(String, &Table)> {
    let mut out = Vec::new();
    for (i, t) in doc.tables().enumerate() {
        push_with_nested((i + 1).to_string(), t, &mut out);
    }
    out
}

fn push_with_nested<'a>(label: String, table: &'a Table, out: &mut Vec<(String, &'a Table)>) {
    // An explicit stack instead of recursion: nesting depth comes from the input.
    let mut stack = vec![(label, table)];
    while let Some((label, table)) = stack.pop() {
        let children: Vec<&Table> = table.cells.iter().flat_map(|c| &c.tables).collect();
        for (k, child) in children.into_iter().enumerate().rev() {
            stack.push((format!("{label}.{}", k + 1), child));
        }
        out.push((label, table));
    }
}

/// The tables to write: all of them, or the one labelled `pick`.
pub fn select<'a>(
    all: Vec<(String, &'a Table)>,
    pick: Option<&str>,
) -> Result<Vec<(String, &'a Table)>, String> {
    let Some(pick) = pick else { return Ok(all) };
    let count = all.iter().filter(|(l, _)| !l.contains('.')).count();
    all.into_iter()
        .find(|(l, _)| l == pick)
        .map(|t| vec![t])
        .ok_or_else(|| format!("no table {pick} (the document has {count} top-level tables)"))
}

/// For each grid position, the cell covering it.
#[derive(Debug)]
pub struct Layout<'a> {
    /// Grid rows.
    pub rows: usize,
    /// Grid columns.
    pub cols: usize,
    owner: Vec<Option<&'a Cell>>,
}

impl<'a> Layout<'a> {
    /// Maps the grid of `table`; positions outside every cell (a model that breaks the
    /// partition invariant) map to no cell and read as empty.
    pub fn new(table: &'a Table) -> Layout<'a> {
        let (rows, cols) = (table.rows, table.cols);
        let mut owner = vec![None; rows.saturating_mul(cols)];
        for c in &table.cells {
            let row_end = c.row.saturating_add(c.row_span).min(rows);
            let col_end = c.col.saturating_add(c.col_span).min(cols);
            for r in c.row..row_end {
                for k in c.col..col_end {
                    if let Some(slot) = owner.get_mut(r * cols + k) {
                        slot.get_or_insert(c);
                    }
                }
            }
        }
        Layout { rows, cols, owner }
    }

    /// The cell covering `(row, col)`.
    pub fn cell_at(&self, row: usize, col: usize) -> Option<&'a Cell> {
        if row >= self.rows || col >= self.cols {
            return None;
        }
        self.owner.get(row * self.cols + col).copied().flatten()
    }

    /// The text at `(row, col)`: the covering cell's text at its top-left position, and at
    /// the positions it covers too when `fill`, else empty there.
    pub fn text_at(&self, row: usize, col: usize, fill: bool) -> &'a str {
        match self.cell_at(row, col) {
            Some(c) if fill || (c.row == row && c.col == col) => &c.text,
            _ => "",
        }
    }

    /// One name per column from the first `header_rows` rows: the texts of the header
    /// cells covering the column, top to bottom, empty ones skipped, a text repeated by a
    /// vertical span (or written again just below) kept once, joined with `/`.
    pub fn header_paths(&self, header_rows: usize) -> Vec<String> {
        (0..self.cols)
            .map(|col| {
                let mut parts: Vec<&str> = Vec::new();
                for row in 0..header_rows.min(self.rows) {
                    let text = self.cell_at(row, col).map_or("", |c| c.text.as_str());
                    if !text.is_empty() && parts.last() != Some(&text) {
                        parts.push(text);
                    }
                }
                parts.join("/")
            })
            .collect()
    }
}

/// Whether any cell of `table` covers more than one grid position.
pub fn has_spans(table: &Table) -> bool {
    table.cells.iter().any(|c| c.row_span > 1 || c.col_span > 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Block;

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

    fn one_cell_table(text: &str, tables: Vec<Table>) -> Table {
        let mut c = cell(0, 0, 1, 1, text);
        c.tables = tables;
        Table {
            rows: 1,
            cols: 1,
            cells: vec![c],
            ..Table::default()
        }
    }

    #[test]
    fn nested_tables_follow_their_parent_with_dotted_labels() {
        let inner = one_cell_table("deep", vec![]);
        let mid = one_cell_table("mid", vec![inner]);
        let second = one_cell_table("second nested", vec![]);
        let mut top = one_cell_table("top", vec![mid, second]);
        top.cells[0].tables.swap(0, 1);
        let mut doc = Document::new("docx");
        doc.blocks.push(Block::Table(top));
        doc.blocks
            .push(Block::Table(one_cell_table("next", vec![])));
        let got: Vec<(String, String)> = numbered(&doc)
            .into_iter()
            .map(|(l, t)| (l, t.cells[0].text.clone()))
            .collect();
        let want = [
            ("1", "top"),
            ("1.1", "second nested"),
            ("1.2", "mid"),
            ("1.2.1", "deep"),
            ("2", "next"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(got, want);
        let picked = select(numbered(&doc), Some("1.2.1")).unwrap();
        assert_eq!(picked.len(), 1);
        assert_eq!(picked[0].1.cells[0].text, "deep");
        let err = select(numbered(&doc), Some("3")).unwrap_err();
        assert_eq!(err, "no table 3 (the document has 2 top-level tables)");
    }

    #[test]
    fn header_paths_join_levels_and_skip_repeats_and_blanks() {
        // 信息内容 (3 rows) | 申请人情况 (3 cols)
        //                   | 自然人 (2 rows) | 法人或其他组织 (2 cols)
        //                   |                 | 商业企业 | (blank)
        // body: a | 1 | 2 | 3
        let t = Table {
            rows: 4,
            cols: 4,
            header_rows: 3,
            cells: vec![
                cell(0, 0, 3, 1, "信息内容"),
                cell(0, 1, 1, 3, "申请人情况"),
                cell(1, 1, 2, 1, "自然人"),
                cell(1, 2, 1, 2, "法人或其他组织"),
                cell(2, 2, 1, 1, "商业企业"),
                cell(2, 3, 1, 1, ""),
                cell(3, 0, 1, 1, "a"),
                cell(3, 1, 1, 1, "1"),
                cell(3, 2, 1, 1, "2"),
                cell(3, 3, 1, 1, "3"),
            ],
            ..Table::default()
        };
        let layout = Layout::new(&t);
        assert_eq!(
            layout.header_paths(3),
            vec![
                "信息内容",
                "申请人情况/自然人",
                "申请人情况/法人或其他组织/商业企业",
                "申请人情况/法人或其他组织"
            ]
        );
        assert_eq!(layout.text_at(1, 0, false), "");
        assert_eq!(layout.text_at(1, 0, true), "信息内容");
        assert_eq!(layout.text_at(0, 3, true), "申请人情况");
        assert_eq!(layout.text_at(9, 9, true), "");
        assert!(has_spans(&t));
    }

    #[test]
    fn broken_partitions_read_as_empty_without_panicking() {
        let t = Table {
            rows: 2,
            cols: 2,
            cells: vec![cell(1, 1, usize::MAX, usize::MAX, "x")],
            ..Table::default()
        };
        let layout = Layout::new(&t);
        assert_eq!(layout.text_at(0, 0, true), "");
        assert_eq!(layout.text_at(1, 1, true), "x");
    }
}
