//! Builds a [`Table`] whose cells partition the grid, from rows described the way
//! WordprocessingML describes them: cells placed left to right from `gridBefore`, each
//! covering `gridSpan` columns, joined to the cell above by `vMerge` or to the left by
//! the legacy `hMerge`.
//!
//! Rows are pushed one at a time, so a reader can stream a table without first
//! collecting its rows.

use crate::error::{Error, ErrorKind};
use crate::limits::Limits;
use crate::model::{Cell, Table, Warning};

/// A cell's vertical-merge mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VMerge {
    /// Not part of a vertical merge (or the element is absent).
    #[default]
    None,
    /// Starts a vertical merge.
    Restart,
    /// Continues the merge of the cell above (`<w:vMerge/>` or `w:val="continue"`).
    Continue,
}

/// One source cell of a row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CellSpec {
    /// Grid columns covered (`w:gridSpan`), 1 when absent; 0 is read as 1.
    pub span: usize,
    /// Vertical merge mark.
    pub vmerge: VMerge,
    /// Legacy `w:hMerge` continue: joins the cell to its left neighbour.
    pub hmerge_continue: bool,
    /// The cell's text (paragraphs joined with `\n`).
    pub text: String,
    /// Tables nested in the cell.
    pub tables: Vec<Table>,
}

/// Accumulates rows and produces a partitioned [`Table`].
#[derive(Debug)]
pub struct GridBuilder {
    cells: Vec<Cell>,
    /// For each grid column, the index in `cells` of the cell covering it in the last row.
    open: Vec<Option<usize>>,
    rows: usize,
    cols: usize,
    limits: Limits,
    warnings: Vec<Warning>,
}

impl GridBuilder {
    /// Starts a table whose declared grid (`w:tblGrid`) has `declared_cols` columns.
    pub fn new(declared_cols: usize, limits: &Limits) -> GridBuilder {
        GridBuilder {
            cells: Vec::new(),
            open: Vec::new(),
            rows: 0,
            cols: declared_cols.min(limits.max_table_cols),
            limits: *limits,
            warnings: Vec::new(),
        }
    }

    /// Adds a row: `grid_before` empty positions, then `cells`, then `grid_after` empty positions.
    pub fn push_row(
        &mut self,
        grid_before: usize,
        cells: Vec<CellSpec>,
        grid_after: usize,
    ) -> Result<(), Error> {
        let row = self.rows;
        self.rows += 1;
        let mut next_open: Vec<Option<usize>> = Vec::with_capacity(self.open.len());
        let mut col = grid_before.min(self.limits.max_table_cols);
        next_open.resize(col, None);
        for spec in cells {
            let span = spec.span.max(1);
            let end = col
                .checked_add(span)
                .filter(|&e| e <= self.limits.max_table_cols)
                .ok_or_else(|| self.limit("max_table_cols", self.limits.max_table_cols as u64))?;
            if spec.vmerge == VMerge::Continue {
                if let Some(i) = self.anchor_above(row, col, span) {
                    let anchor = &mut self.cells[i];
                    anchor.row_span += 1;
                    if !spec.text.trim().is_empty() {
                        self.warnings.push(Warning::new(
                            "docx.vmerge_text_dropped",
                            format!(
                                "table row {row}, column {col}: text of a merged-away cell dropped, as Word hides it: {:?}",
                                spec.text.trim()
                            ),
                        ));
                    }
                    next_open.resize(end, Some(i));
                    col = end;
                    continue;
                }
                self.warnings.push(Warning::new(
                    "docx.vmerge_without_anchor",
                    format!("table row {row}, column {col}: vertical merge continues a cell that is not there; kept as its own cell"),
                ));
            }
            if spec.hmerge_continue {
                if let Some(i) = self.left_neighbour(&next_open, row, col) {
                    let left = &mut self.cells[i];
                    left.col_span += span;
                    if !spec.text.trim().is_empty() {
                        left.text.push('\n');
                        left.text.push_str(spec.text.trim());
                    }
                    next_open.resize(end, Some(i));
                    col = end;
                    continue;
                }
                self.warnings.push(Warning::new(
                    "docx.hmerge_without_anchor",
                    format!("table row {row}, column {col}: horizontal merge continues no cell; kept as its own cell"),
                ));
            }
            let i = self.cells.len();
            self.cells.push(Cell {
                row,
                col,
                row_span: 1,
                col_span: span,
                text: spec.text.trim().to_string(),
                tables: spec.tables,
            });
            next_open.resize(end, Some(i));
            col = end;
        }
        let width = col.saturating_add(grid_after).min(self.limits.max_table_cols);
        self.cols = self.cols.max(width).max(col);
        let area = (self.rows as u64).saturating_mul(self.cols as u64);
        if area > self.limits.max_table_cells {
            return Err(self.limit("max_table_cells", self.limits.max_table_cells));
        }
        self.open = next_open;
        Ok(())
    }

    /// The cell that ends in the row above exactly over `[col, col+span)`.
    fn anchor_above(&self, row: usize, col: usize, span: usize) -> Option<usize> {
        let i = (*self.open.get(col)?)?;
        let c = self.cells.get(i)?;
        (c.col == col && c.col_span == span && c.row + c.row_span == row).then_some(i)
    }

    /// The cell just left of `col` in this row, if it started in this row (so widening it keeps a rectangle).
    fn left_neighbour(&self, next_open: &[Option<usize>], row: usize, col: usize) -> Option<usize> {
        let i = (*next_open.get(col.checked_sub(1)?)?)?;
        let c = self.cells.get(i)?;
        (c.row == row && c.row_span == 1 && c.col + c.col_span == col).then_some(i)
    }

    fn limit(&self, what: &'static str, limit: u64) -> Error {
        Error::new(ErrorKind::Limit {
            part: "table".into(),
            what,
            limit,
        })
    }

    /// Warnings raised so far (merges that could not be honoured).
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// Pads uncovered positions with empty 1×1 cells and returns the table and its warnings.
    pub fn finish(self, index: usize) -> (Table, Vec<Warning>) {
        let GridBuilder {
            mut cells,
            rows,
            cols,
            warnings,
            ..
        } = self;
        let mut covered = vec![false; rows.saturating_mul(cols)];
        for c in &cells {
            for r in c.row..c.row + c.row_span {
                for k in c.col..(c.col + c.col_span).min(cols) {
                    if let Some(slot) = covered.get_mut(r * cols + k) {
                        *slot = true;
                    }
                }
            }
        }
        for (pos, _) in covered.iter().enumerate().filter(|(_, &v)| !v) {
            cells.push(Cell {
                row: pos / cols,
                col: pos % cols,
                row_span: 1,
                col_span: 1,
                ..Cell::default()
            });
        }
        cells.sort_by_key(|c| (c.row, c.col));
        let table = Table {
            index,
            rows,
            cols,
            cells,
        };
        (table, warnings)
    }
}

/// Checks the contract's partition invariant: every grid position in exactly one cell,
/// cells in row-major order of their top-left corner, spans at least 1 and inside the grid.
pub fn check_partition(t: &Table) -> Result<(), String> {
    let mut seen = vec![false; t.rows.saturating_mul(t.cols)];
    let mut last = None;
    for c in &t.cells {
        if c.row_span == 0 || c.col_span == 0 {
            return Err(format!("cell at ({}, {}) has a zero span", c.row, c.col));
        }
        if c.row + c.row_span > t.rows || c.col + c.col_span > t.cols {
            return Err(format!("cell at ({}, {}) leaves the {}x{} grid", c.row, c.col, t.rows, t.cols));
        }
        if last.is_some_and(|l| l >= (c.row, c.col)) {
            return Err(format!("cell at ({}, {}) out of row-major order", c.row, c.col));
        }
        last = Some((c.row, c.col));
        for r in c.row..c.row + c.row_span {
            for k in c.col..c.col + c.col_span {
                let slot = &mut seen[r * t.cols + k];
                if *slot {
                    return Err(format!("position ({r}, {k}) covered twice"));
                }
                *slot = true;
            }
        }
    }
    match seen.iter().position(|v| !v) {
        Some(p) => Err(format!("position ({}, {}) not covered", p / t.cols, p % t.cols)),
        None => Ok(()),
    }
}
