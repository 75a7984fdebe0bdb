//! Word's table vocabulary on top of the span-native core ([`crate::table::TableBuilder`]):
//! rows of cells placed left to right from `gridBefore`, each covering `gridSpan` columns, joined
//! to the cell above by `vMerge` or to the left by the legacy `hMerge`, resolved into spans.
//!
//! Rows are pushed one at a time, so the reader streams a table without first collecting its
//! rows; the core checks the limits as the grid grows.

use crate::error::Error;
use crate::limits::Limits;
use crate::model::{Cell, Table, Warning};
use crate::table::{Holes, Place, TableBuilder};

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

/// Resolves Word rows into spans and feeds them to the table core.
#[derive(Debug)]
pub struct WordTableBuilder {
    core: TableBuilder,
    /// For each grid column, the index of the cell covering it in the last row.
    open: Vec<Option<usize>>,
    /// Rows marked as repeated header rows (`w:tblHeader`), in push order.
    header_marks: Vec<usize>,
}

impl WordTableBuilder {
    /// Starts a table whose declared grid (`w:tblGrid`) has `declared_cols` columns.
    pub fn new(declared_cols: usize, limits: &Limits) -> WordTableBuilder {
        WordTableBuilder {
            core: TableBuilder::new(Place::part("table"), declared_cols, limits),
            open: Vec::new(),
            header_marks: Vec::new(),
        }
    }

    /// Adds a row: `grid_before` empty positions, then `cells`, then `grid_after` empty positions.
    pub fn push_row(
        &mut self,
        grid_before: usize,
        cells: Vec<CellSpec>,
        grid_after: usize,
    ) -> Result<(), Error> {
        let row = self.core.rows();
        self.core.ensure_size(row + 1, grid_before)?;
        let mut next_open: Vec<Option<usize>> = Vec::with_capacity(self.open.len());
        let mut col = grid_before;
        next_open.resize(col, None);
        for spec in cells {
            let span = spec.span.max(1);
            let end = col.saturating_add(span);
            self.core.ensure_size(row + 1, end)?;
            if spec.vmerge == VMerge::Continue {
                if let Some(i) = self.anchor_above(row, col, span) {
                    if let Some(anchor) = self.core.cell_mut(i) {
                        anchor.row_span += 1;
                    }
                    if !spec.text.trim().is_empty() {
                        self.core.warn(
                            "docx.vmerge_text_dropped",
                            format!(
                                "table row {row}, column {col}: text of a merged-away cell dropped, as Word hides it: {:?}",
                                spec.text.trim()
                            ),
                        );
                    }
                    next_open.resize(end, Some(i));
                    col = end;
                    continue;
                }
                self.core.warn(
                    "docx.vmerge_without_anchor",
                    format!("table row {row}, column {col}: vertical merge continues a cell that is not there; kept as its own cell"),
                );
            }
            if spec.hmerge_continue {
                if let Some(i) = self.left_neighbour(&next_open, row, col) {
                    if let Some(left) = self.core.cell_mut(i) {
                        left.col_span += span;
                        if !spec.text.trim().is_empty() {
                            left.text.push('\n');
                            left.text.push_str(spec.text.trim());
                        }
                    }
                    next_open.resize(end, Some(i));
                    col = end;
                    continue;
                }
                self.core.warn(
                    "docx.hmerge_without_anchor",
                    format!("table row {row}, column {col}: horizontal merge continues no cell; kept as its own cell"),
                );
            }
            let i = self.core.add(Cell {
                row,
                col,
                row_span: 1,
                col_span: span,
                text: spec.text.trim().to_string(),
                tables: spec.tables,
            })?;
            next_open.resize(end, Some(i));
            col = end;
        }
        self.core
            .ensure_size(row + 1, col.saturating_add(grid_after))?;
        self.open = next_open;
        Ok(())
    }

    /// Marks the row most recently pushed as a header row (`w:tblHeader`); no-op before any row.
    pub fn mark_header_row(&mut self) {
        if let Some(row) = self.core.rows().checked_sub(1) {
            if self.header_marks.last() != Some(&row) {
                self.header_marks.push(row);
            }
        }
    }

    /// The cell that ends in the row above exactly over `[col, col+span)`.
    fn anchor_above(&self, row: usize, col: usize, span: usize) -> Option<usize> {
        let i = (*self.open.get(col)?)?;
        let c = self.core.cell(i)?;
        (c.col == col && c.col_span == span && c.row + c.row_span == row).then_some(i)
    }

    /// The cell just left of `col` in this row, if it started in this row (so widening it keeps a rectangle).
    fn left_neighbour(&self, next_open: &[Option<usize>], row: usize, col: usize) -> Option<usize> {
        let i = (*next_open.get(col.checked_sub(1)?)?)?;
        let c = self.core.cell(i)?;
        (c.row == row && c.row_span == 1 && c.col + c.col_span == col).then_some(i)
    }

    /// The table and its warnings. Positions no cell covers (`gridBefore`, `gridAfter`, a row
    /// shorter than the grid) are empty by Word's design, so filled without a warning.
    /// `header_rows` is the run of marked rows starting at row 0; without one, the rows the
    /// spans imply; else 0.
    pub fn finish(self, index: usize) -> (Table, Vec<Warning>) {
        let marked = self
            .header_marks
            .iter()
            .enumerate()
            .take_while(|&(i, &r)| i == r)
            .count();
        self.core.finish(index, marked, Holes::Expected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::builder::shape_of;
    use crate::table::check_partition;

    fn cell(text: &str, span: usize, vmerge: VMerge) -> CellSpec {
        CellSpec {
            span,
            vmerge,
            text: text.into(),
            ..CellSpec::default()
        }
    }

    #[test]
    fn vmerge_and_gridspan_make_rectangles() {
        let limits = Limits::default();
        let mut b = WordTableBuilder::new(3, &limits);
        b.push_row(
            0,
            vec![cell("a", 1, VMerge::Restart), cell("b", 2, VMerge::None)],
            0,
        )
        .unwrap();
        b.push_row(
            0,
            vec![
                cell("", 1, VMerge::Continue),
                cell("c", 1, VMerge::None),
                cell("d", 1, VMerge::None),
            ],
            0,
        )
        .unwrap();
        let (t, w) = b.finish(0);
        assert!(w.is_empty());
        assert_eq!((t.rows, t.cols), (2, 3));
        assert_eq!(
            shape_of(&t),
            vec![
                (0, 0, 2, 1, "a"),
                (0, 1, 1, 2, "b"),
                (1, 1, 1, 1, "c"),
                (1, 2, 1, 1, "d")
            ]
        );
        check_partition(&t).unwrap();
    }

    #[test]
    fn grid_before_after_and_ragged_rows_are_padded() {
        let limits = Limits::default();
        let mut b = WordTableBuilder::new(2, &limits);
        b.push_row(1, vec![cell("x", 1, VMerge::None)], 1).unwrap();
        b.push_row(0, vec![cell("y", 1, VMerge::None)], 0).unwrap();
        let (t, _) = b.finish(3);
        assert_eq!((t.index, t.rows, t.cols), (3, 2, 3));
        assert_eq!(
            shape_of(&t),
            vec![
                (0, 0, 1, 1, ""),
                (0, 1, 1, 1, "x"),
                (0, 2, 1, 1, ""),
                (1, 0, 1, 1, "y"),
                (1, 1, 1, 1, ""),
                (1, 2, 1, 1, "")
            ]
        );
        check_partition(&t).unwrap();
    }

    #[test]
    fn continuation_without_anchor_is_kept_with_a_warning() {
        let limits = Limits::default();
        let mut b = WordTableBuilder::new(2, &limits);
        b.push_row(
            0,
            vec![cell("top", 1, VMerge::Continue), cell("r", 1, VMerge::None)],
            0,
        )
        .unwrap();
        // The anchor above is 1 wide, the continuation 2 wide: no rectangle, so no merge.
        b.push_row(0, vec![cell("wide", 2, VMerge::Continue)], 0)
            .unwrap();
        let (t, w) = b.finish(0);
        assert_eq!(w.len(), 2);
        assert!(w.iter().all(|w| w.code == "docx.vmerge_without_anchor"));
        assert_eq!(
            shape_of(&t),
            vec![(0, 0, 1, 1, "top"), (0, 1, 1, 1, "r"), (1, 0, 1, 2, "wide")]
        );
        check_partition(&t).unwrap();
    }

    #[test]
    fn hmerge_continue_widens_the_left_cell() {
        let limits = Limits::default();
        let mut b = WordTableBuilder::new(3, &limits);
        let mut cont = cell("", 1, VMerge::None);
        cont.hmerge_continue = true;
        b.push_row(
            0,
            vec![
                cell("h", 1, VMerge::None),
                cont.clone(),
                cell("z", 1, VMerge::None),
            ],
            0,
        )
        .unwrap();
        b.push_row(0, vec![cont], 2).unwrap();
        let (t, w) = b.finish(0);
        assert_eq!(w.len(), 1);
        assert_eq!(
            shape_of(&t),
            vec![
                (0, 0, 1, 2, "h"),
                (0, 2, 1, 1, "z"),
                (1, 0, 1, 1, ""),
                (1, 1, 1, 1, ""),
                (1, 2, 1, 1, "")
            ]
        );
        check_partition(&t).unwrap();
    }

    #[test]
    fn vmerge_chain_under_a_span() {
        let limits = Limits::default();
        let mut b = WordTableBuilder::new(2, &limits);
        b.push_row(0, vec![cell("s", 2, VMerge::Restart)], 0)
            .unwrap();
        b.push_row(0, vec![cell("", 2, VMerge::Continue)], 0)
            .unwrap();
        b.push_row(0, vec![cell("hidden", 2, VMerge::Continue)], 0)
            .unwrap();
        let (t, w) = b.finish(0);
        assert_eq!(shape_of(&t), vec![(0, 0, 3, 2, "s")]);
        assert_eq!(
            w.len(),
            1,
            "the hidden text of a merged-away cell is reported"
        );
        assert_eq!(w[0].code, "docx.vmerge_text_dropped");
    }

    #[test]
    fn limits_are_enforced() {
        let limits = Limits {
            max_table_cols: 4,
            max_table_cells: 6,
            ..Limits::default()
        };
        let mut b = WordTableBuilder::new(1, &limits);
        assert!(b.push_row(0, vec![cell("", 5, VMerge::None)], 0).is_err());
        let mut b = WordTableBuilder::new(3, &limits);
        b.push_row(0, vec![], 0).unwrap();
        b.push_row(0, vec![], 0).unwrap();
        assert!(b.push_row(0, vec![], 0).is_err());
        let mut b = WordTableBuilder::new(1, &limits);
        assert!(b
            .push_row(usize::MAX, vec![cell("", usize::MAX, VMerge::None)], 0)
            .is_err());
    }

    /// Pushes `n` rows of `width` plain 1×1 cells.
    fn plain_rows(b: &mut WordTableBuilder, n: usize, width: usize) {
        for _ in 0..n {
            let cells = (0..width).map(|_| cell("v", 1, VMerge::None)).collect();
            b.push_row(0, cells, 0).unwrap();
        }
    }

    #[test]
    fn header_rows_from_marks_count_only_the_leading_run() {
        let limits = Limits::default();
        let mut b = WordTableBuilder::new(2, &limits);
        b.mark_header_row(); // before any row: nothing to mark
        plain_rows(&mut b, 1, 2);
        b.mark_header_row();
        b.mark_header_row(); // marking twice counts once
        plain_rows(&mut b, 1, 2);
        b.mark_header_row();
        plain_rows(&mut b, 1, 2);
        plain_rows(&mut b, 1, 2);
        b.mark_header_row(); // row 3 is marked but not contiguous with rows 0–1
        let (t, _) = b.finish(0);
        assert_eq!((t.rows, t.header_rows), (4, 2));
    }

    #[test]
    fn marks_not_starting_at_row_zero_are_ignored() {
        let limits = Limits::default();
        let mut b = WordTableBuilder::new(2, &limits);
        plain_rows(&mut b, 1, 2);
        plain_rows(&mut b, 1, 2);
        b.mark_header_row();
        plain_rows(&mut b, 1, 2);
        let (t, _) = b.finish(0);
        assert_eq!(t.header_rows, 0);
    }

    #[test]
    fn marks_win_over_vertical_spans() {
        let limits = Limits::default();
        let mut b = WordTableBuilder::new(2, &limits);
        b.push_row(
            0,
            vec![cell("a", 1, VMerge::Restart), cell("b", 1, VMerge::None)],
            0,
        )
        .unwrap();
        b.mark_header_row();
        b.push_row(
            0,
            vec![cell("", 1, VMerge::Continue), cell("c", 1, VMerge::None)],
            0,
        )
        .unwrap();
        plain_rows(&mut b, 2, 2);
        let (t, _) = b.finish(0);
        assert_eq!(t.header_rows, 1);
    }

    #[test]
    fn header_rows_from_the_first_rows_vertical_spans() {
        // The annual-report shape: 信息内容 spans three header rows, 申请人情况 spans
        // columns and sits above two more header rows.
        let limits = Limits::default();
        let mut b = WordTableBuilder::new(3, &limits);
        b.push_row(
            0,
            vec![
                cell("信息内容", 1, VMerge::Restart),
                cell("申请人情况", 2, VMerge::None),
            ],
            0,
        )
        .unwrap();
        b.push_row(
            0,
            vec![
                cell("", 1, VMerge::Continue),
                cell("自然人", 1, VMerge::Restart),
                cell("法人", 1, VMerge::None),
            ],
            0,
        )
        .unwrap();
        b.push_row(
            0,
            vec![
                cell("", 1, VMerge::Continue),
                cell("", 1, VMerge::Continue),
                cell("商业企业", 1, VMerge::None),
            ],
            0,
        )
        .unwrap();
        plain_rows(&mut b, 2, 3);
        let (t, _) = b.finish(0);
        assert_eq!((t.rows, t.header_rows), (5, 3));
    }

    #[test]
    fn no_marks_and_no_vertical_span_in_row_zero_means_no_header() {
        let limits = Limits::default();
        let mut b = WordTableBuilder::new(2, &limits);
        b.push_row(0, vec![cell("wide", 2, VMerge::None)], 0)
            .unwrap();
        plain_rows(&mut b, 2, 2);
        let (t, _) = b.finish(0);
        assert_eq!(t.header_rows, 0);
        assert_eq!(WordTableBuilder::new(2, &limits).finish(0).0.header_rows, 0);
    }

    #[test]
    fn a_span_down_the_whole_table_is_a_row_label_not_a_header() {
        let limits = Limits::default();
        let mut b = WordTableBuilder::new(2, &limits);
        b.push_row(
            0,
            vec![
                cell("label", 1, VMerge::Restart),
                cell("1", 1, VMerge::None),
            ],
            0,
        )
        .unwrap();
        b.push_row(
            0,
            vec![cell("", 1, VMerge::Continue), cell("2", 1, VMerge::None)],
            0,
        )
        .unwrap();
        let (t, _) = b.finish(0);
        assert_eq!((t.rows, t.header_rows), (2, 0));
    }

    #[test]
    fn header_rows_is_always_serialized() {
        let json = serde_json::to_string(&Table::default()).unwrap();
        assert!(json.contains("\"header_rows\":0"), "{json}");
    }

    #[test]
    fn partition_check_rejects_overlaps_and_holes() {
        let mut t = Table {
            rows: 1,
            cols: 2,
            cells: vec![Cell {
                row: 0,
                col: 0,
                row_span: 1,
                col_span: 1,
                ..Cell::default()
            }],
            ..Table::default()
        };
        assert!(check_partition(&t).is_err());
        t.cells.push(Cell {
            row: 0,
            col: 0,
            row_span: 1,
            col_span: 2,
            ..Cell::default()
        });
        assert!(check_partition(&t).is_err());
    }
}

#[cfg(test)]
mod header_tests {
    use super::*;

    fn c(text: &str, span: usize, vmerge: VMerge) -> CellSpec {
        CellSpec {
            span,
            vmerge,
            text: text.into(),
            ..CellSpec::default()
        }
    }

    #[test]
    fn groups_in_row_zero_open_a_header_that_follows_its_merges_down() {
        // 表四 of the annual report: 行政复议 / 行政诉讼 group columns in row 0, their result
        // headings span rows 1–2 or split again in row 2; data starts at row 3.
        let limits = Limits::default();
        let mut b = WordTableBuilder::new(5, &limits);
        b.push_row(
            0,
            vec![c("复议", 2, VMerge::None), c("诉讼", 3, VMerge::None)],
            0,
        )
        .unwrap();
        let v = |t| c(t, 1, VMerge::Restart);
        b.push_row(
            0,
            vec![v("维持"), v("纠正"), c("直接起诉", 3, VMerge::None)],
            0,
        )
        .unwrap();
        let cont = || c("", 1, VMerge::Continue);
        let one = |t| c(t, 1, VMerge::None);
        b.push_row(
            0,
            vec![cont(), cont(), one("维持"), one("纠正"), one("总计")],
            0,
        )
        .unwrap();
        b.push_row(0, (0..5).map(|_| one("0")).collect(), 0)
            .unwrap();
        let (t, _) = b.finish(0);
        assert_eq!(t.header_rows, 3);
    }

    #[test]
    fn a_full_width_title_row_is_not_a_header() {
        let limits = Limits::default();
        let mut b = WordTableBuilder::new(2, &limits);
        b.push_row(0, vec![c("第二十条第（一）项", 2, VMerge::None)], 0)
            .unwrap();
        b.push_row(
            0,
            vec![c("信息内容", 1, VMerge::None), c("数量", 1, VMerge::None)],
            0,
        )
        .unwrap();
        let (t, _) = b.finish(0);
        assert_eq!(t.header_rows, 0);
    }
}
