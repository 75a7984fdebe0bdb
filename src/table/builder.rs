//! The span-native table core every reader builds through: cells given as (row, col, row_span,
//! col_span, content) become a [`Table`] whose cells partition the grid, within the caller's
//! [`Limits`], with every repair recorded as a [`Warning`].
//!
//! Readers speak their own vocabulary on top of it (Word's merge marks in `docx::table_grid`,
//! PDF cell boxes in `fixed::tables`), never their own partition or limit code.

use crate::error::{Error, ErrorKind};
use crate::limits::Limits;
use crate::model::{Cell, Table, Warning};
use crate::table::continuation::GridCell;

/// Where a table is, for limit errors and warnings: `table` (a DOCX part) or `page 3`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Named in messages: the part or page.
    pub name: String,
    /// 1-based page, for fixed-layout sources; set on every warning.
    pub page: Option<u32>,
}

impl Place {
    /// A table of a flow document, named by its part (`table`).
    pub fn part(name: impl Into<String>) -> Place {
        Place {
            name: name.into(),
            page: None,
        }
    }

    /// A table that starts on the 1-based `page`.
    pub fn page(page: u32) -> Place {
        Place {
            name: format!("page {page}"),
            page: Some(page),
        }
    }
}

/// What grid positions that no cell covers mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holes {
    /// Expected by the format (a Word row shorter than the grid ends early by design): filled
    /// with empty cells silently.
    Expected,
    /// A defect of the source: filled with empty cells, one warning per run of holes in a row.
    Warn,
}

/// Accumulates cells and produces a partitioned [`Table`].
#[derive(Debug)]
pub struct TableBuilder {
    place: Place,
    limits: Limits,
    cells: Vec<Cell>,
    rows: usize,
    cols: usize,
    warnings: Vec<Warning>,
}

impl TableBuilder {
    /// Starts an empty table; `declared_cols` (a declared grid, clamped to the limit) is its
    /// least width.
    pub fn new(place: Place, declared_cols: usize, limits: &Limits) -> TableBuilder {
        TableBuilder {
            place,
            limits: *limits,
            cells: Vec::new(),
            rows: 0,
            cols: declared_cols.min(limits.max_table_cols),
            warnings: Vec::new(),
        }
    }

    /// Grows the grid to at least `rows` × `cols`, within `max_table_cols` and `max_table_cells`.
    pub fn ensure_size(&mut self, rows: usize, cols: usize) -> Result<(), Error> {
        if cols > self.limits.max_table_cols {
            return Err(self.limit("max_table_cols", self.limits.max_table_cols as u64));
        }
        let (rows, cols) = (self.rows.max(rows), self.cols.max(cols));
        let area = (rows as u64).saturating_mul(cols as u64);
        if area > self.limits.max_table_cells {
            return Err(self.limit("max_table_cells", self.limits.max_table_cells));
        }
        (self.rows, self.cols) = (rows, cols);
        Ok(())
    }

    /// Adds a cell (spans of 0 are read as 1), growing the grid to hold it; returns its index
    /// for [`TableBuilder::cell_mut`].
    pub fn add(&mut self, mut cell: Cell) -> Result<usize, Error> {
        cell.row_span = cell.row_span.max(1);
        cell.col_span = cell.col_span.max(1);
        let too_wide = || self.limit("max_table_cols", self.limits.max_table_cols as u64);
        let end_col = cell.col.checked_add(cell.col_span).ok_or_else(too_wide)?;
        let end_row = cell.row.checked_add(cell.row_span).ok_or_else(too_wide)?;
        self.ensure_size(end_row, end_col)?;
        self.cells.push(cell);
        Ok(self.cells.len() - 1)
    }

    /// The cell added as `index`. A caller that widens its spans calls
    /// [`TableBuilder::ensure_size`] first.
    pub fn cell_mut(&mut self, index: usize) -> Option<&mut Cell> {
        self.cells.get_mut(index)
    }

    /// The cell added as `index`.
    pub fn cell(&self, index: usize) -> Option<&Cell> {
        self.cells.get(index)
    }

    /// Rows of the grid so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Records a warning about this table, with its page.
    pub fn warn(&mut self, code: &'static str, message: String) {
        self.warnings.push(Warning {
            code,
            message,
            page: self.place.page,
        });
    }

    /// Warnings raised so far.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    fn limit(&self, what: &'static str, limit: u64) -> Error {
        Error::new(ErrorKind::Limit {
            part: self.place.name.clone(),
            what,
            limit,
        })
    }

    /// Makes the cells partition the grid and returns the table with its warnings. A cell
    /// overlapping an earlier one is merged into the cell covering its top-left corner (its text
    /// appended), with a warning; uncovered positions get empty 1×1 cells as `holes` says.
    /// `header_rows` is the marked header (0: none), else the rows the spans imply.
    pub fn finish(self, index: usize, header_rows: usize, holes: Holes) -> (Table, Vec<Warning>) {
        let TableBuilder {
            place,
            cells: added,
            rows,
            cols,
            mut warnings,
            ..
        } = self;
        let warn = |warnings: &mut Vec<Warning>, code, message: String| {
            warnings.push(Warning {
                code,
                message: format!("{}: {message}", place.name),
                page: place.page,
            })
        };
        // Which kept cell covers each position (the area is within max_table_cells); u32 with
        // FREE for none keeps a 20-million-position grid at 80 MB.
        const FREE: u32 = u32::MAX;
        let mut owner: Vec<u32> = vec![FREE; rows.saturating_mul(cols)];
        let mut cells: Vec<Cell> = Vec::with_capacity(added.len());
        let slot = |r: usize, c: usize| r * cols + c;
        for cell in added {
            let area = || {
                (cell.row..cell.row + cell.row_span)
                    .flat_map(|r| (cell.col..cell.col + cell.col_span).map(move |c| (r, c)))
            };
            let taken = area()
                .filter_map(|(r, c)| owner.get(slot(r, c)).copied())
                .find(|&o| o != FREE);
            match taken {
                None => {
                    let id = u32::try_from(cells.len()).unwrap_or(FREE - 1);
                    for (r, c) in area() {
                        if let Some(o) = owner.get_mut(slot(r, c)) {
                            *o = id;
                        }
                    }
                    cells.push(cell);
                }
                Some(other) => {
                    let text = cell.text.trim();
                    warn(
                        &mut warnings,
                        "table.overlapping_cell",
                        format!(
                            "row {}, column {}: a cell overlaps another; its text joins that cell",
                            cell.row, cell.col
                        ),
                    );
                    if let Some(kept) = cells.get_mut(other as usize) {
                        if !text.is_empty() {
                            if !kept.text.is_empty() {
                                kept.text.push('\n');
                            }
                            kept.text.push_str(text);
                        }
                        kept.tables.extend(cell.tables);
                    }
                }
            }
        }
        let header_rows = if header_rows > 0 {
            header_rows.min(rows)
        } else {
            implied_header_rows(&cells, rows, cols)
        };
        for r in 0..rows {
            let mut c = 0;
            while c < cols {
                if owner.get(slot(r, c)).is_some_and(|&o| o != FREE) {
                    c += 1;
                    continue;
                }
                let start = c;
                while c < cols && owner.get(slot(r, c)).is_some_and(|&o| o == FREE) {
                    cells.push(Cell {
                        row: r,
                        col: c,
                        row_span: 1,
                        col_span: 1,
                        ..Cell::default()
                    });
                    c += 1;
                }
                if holes == Holes::Warn {
                    let columns = if c - start == 1 {
                        format!("column {start}")
                    } else {
                        format!("columns {start}–{}", c - 1)
                    };
                    warn(
                        &mut warnings,
                        "table.hole",
                        format!("row {r}, {columns}: no cell covers it; filled with empty cells"),
                    );
                }
            }
        }
        cells.sort_by_key(|c| (c.row, c.col));
        let table = Table {
            index,
            rows,
            cols,
            header_rows,
            cells,
            ..Table::default()
        };
        (table, warnings)
    }
}

/// The header rows that the spans imply when no row is marked: a header opens when row 0 has a
/// vertical span or a grouping horizontal span (one row tall, wider than one column, narrower
/// than the table: a full-width row is a title, not a group), and grows while a header cell
/// reaches further down or a group in its last row needs the row of sub-headings below it. This
/// is pandoc's "extend while the next row continues a merge" plus the groups of multi-level
/// headers (表四's 行政复议 / 行政诉讼 have only horizontal spans in row 0). A header that would
/// take every row is a column of row labels, so 0. `cells` must have ascending rows.
pub(crate) fn implied_header_rows<C: GridCell>(cells: &[C], rows: usize, cols: usize) -> usize {
    let grouping =
        |row_span: usize, col_span: usize| row_span == 1 && col_span > 1 && col_span < cols;
    let opens = cells
        .iter()
        .map(GridCell::shape)
        .any(|(row, _, row_span, col_span, _)| {
            row == 0 && (row_span > 1 || grouping(row_span, col_span))
        });
    if !opens {
        return 0;
    }
    // A cell demands the rows down to its bottom, and a group one more for its sub-headings.
    // Rows ascend: one pass, linear even for huge tables.
    let mut k = 1;
    for (row, _, row_span, col_span, _) in cells.iter().map(GridCell::shape) {
        if row >= k {
            break;
        }
        k = k.max(row + row_span + usize::from(grouping(row_span, col_span)));
    }
    if k >= rows {
        0
    } else {
        k
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
            return Err(format!(
                "cell at ({}, {}) leaves the {}x{} grid",
                c.row, c.col, t.rows, t.cols
            ));
        }
        if last.is_some_and(|l| l >= (c.row, c.col)) {
            return Err(format!(
                "cell at ({}, {}) out of row-major order",
                c.row, c.col
            ));
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
        Some(p) => Err(format!(
            "position ({}, {}) not covered",
            p / t.cols,
            p % t.cols
        )),
        None => Ok(()),
    }
}

/// The shape of every cell of `t`, in order, for tests comparing whole grids.
#[cfg(test)]
pub(crate) fn shape_of(t: &Table) -> Vec<(usize, usize, usize, usize, &str)> {
    t.cells.iter().map(Cell::shape).collect()
}

#[cfg(test)]
mod tests;
