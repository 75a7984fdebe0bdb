//! A table continued over a break (a page break in a PDF, a split into pieces in a report):
//! which leading rows of the continuation repeat the header, and the continuation appended
//! without them. PDF stitching (`fixed::tables::stitch`) and the report profile (`report`) both
//! decide through [`repeated_header_rows`].

use crate::model::{Cell, Table};
use crate::table::builder::implied_header_rows;

/// Most header rows looked for at the top of a continuation.
pub const MAX_REPEATED_HEADER: usize = 6;

/// A cell as the continuation rules see it: (row, col, row_span, col_span, text).
pub trait GridCell {
    /// Its place, spans and text.
    fn shape(&self) -> (usize, usize, usize, usize, &str);
}

impl GridCell for Cell {
    fn shape(&self) -> (usize, usize, usize, usize, &str) {
        Cell::shape(self)
    }
}

/// A table's cells, size and header, as the continuation rules read them.
pub struct Rows<'a, C> {
    /// The cells, rows ascending.
    pub cells: &'a [C],
    /// Grid rows.
    pub rows: usize,
    /// Grid columns.
    pub cols: usize,
    /// Its header rows when known (marked), else 0: then the rows its spans imply.
    pub header_rows: usize,
}

impl<'a> Rows<'a, Cell> {
    /// A model table as the continuation rules read it.
    pub fn of(t: &'a Table) -> Rows<'a, Cell> {
        Rows {
            cells: &t.cells,
            rows: t.rows,
            cols: t.cols,
            header_rows: t.header_rows,
        }
    }
}

impl<C: GridCell> Rows<'_, C> {
    /// Its header: the known rows, else the implied ones, else the first row.
    fn header(&self) -> usize {
        match self.header_rows {
            0 => implied_header_rows(self.cells, self.rows, self.cols).max(1),
            n => n,
        }
    }

    /// Whether no cell crosses the boundary above row `k`.
    fn cut_at(&self, k: usize) -> bool {
        self.cells.iter().all(|c| {
            let (row, _, row_span, _, _) = c.shape();
            row >= k || row + row_span <= k
        })
    }

    /// The cells of the top `k` rows as comparable tuples, text through `key`.
    fn top(
        &self,
        k: usize,
        key: &dyn Fn(&str) -> String,
    ) -> Vec<(usize, usize, usize, usize, String)> {
        let mut top: Vec<_> = self
            .cells
            .iter()
            .map(GridCell::shape)
            .filter(|c| c.0 < k)
            .map(|(r, c, rs, cs, text)| (r, c, rs, cs, key(text)))
            .collect();
        top.sort();
        top
    }
}

/// How many leading rows of the continuation `next` repeat the header of `first` (0 when
/// none): the most rows, up to `first`'s header (its known or implied header rows, else one
/// row), [`MAX_REPEATED_HEADER`], and fewer than either table has, after which both tables can
/// be cut and whose cells are the same, with texts equal under `key` (a normalisation) and not
/// all empty. Data rows that happen to repeat are data, so the header bounds the search. A page-broken table often repeats its header (Word's
/// "repeat as header row", or by hand); kept, those rows would be read as data.
pub fn repeated_header_rows<A: GridCell, B: GridCell>(
    first: &Rows<'_, A>,
    next: &Rows<'_, B>,
    key: &dyn Fn(&str) -> String,
) -> usize {
    let most = MAX_REPEATED_HEADER
        .min(first.header())
        .min(first.rows.saturating_sub(1))
        .min(next.rows.saturating_sub(1));
    (1..=most)
        .rev()
        .find(|&k| {
            if !first.cut_at(k) || !next.cut_at(k) {
                return false;
            }
            let top = first.top(k, key);
            top.iter().any(|c| !c.4.is_empty()) && top == next.top(k, key)
        })
        .unwrap_or(0)
}

/// `first` with the rows of `next` appended below it, leaving out the rows of `next` that
/// repeat `first`'s header (texts compared under `key`).
pub fn append(first: &Table, next: &Table, key: &dyn Fn(&str) -> String) -> Table {
    let skip = repeated_header_rows(&Rows::of(first), &Rows::of(next), key);
    let mut t = first.clone();
    t.cells
        .extend(next.cells.iter().filter(|c| c.row >= skip).map(|c| {
            let mut c = c.clone();
            c.row = c.row - skip + first.rows;
            c
        }));
    t.rows = first.rows + next.rows - skip;
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A header of `项目` spanning two rows beside a grouped `数量` / (`上年`, `本年`), then data.
    fn with_header(data: &[&str]) -> Table {
        let mut cells = vec![
            Cell::new(0, 0, 2, 1, "项目"),
            Cell::new(0, 1, 1, 2, "数量"),
            Cell::new(1, 1, 1, 1, "上年"),
            Cell::new(1, 2, 1, 1, "本年"),
        ];
        for (i, d) in data.iter().enumerate() {
            cells.push(Cell::new(2 + i, 0, 1, 1, d));
            cells.push(Cell::new(2 + i, 1, 1, 1, "1"));
            cells.push(Cell::new(2 + i, 2, 1, 1, "2"));
        }
        Table {
            rows: 2 + data.len(),
            cols: 3,
            cells,
            ..Table::default()
        }
    }

    fn same(s: &str) -> String {
        s.to_string()
    }

    #[test]
    fn a_repeated_two_row_header_is_left_out() {
        let joined = append(&with_header(&["收到"]), &with_header(&["办结"]), &same);
        assert_eq!(joined.rows, 4);
        let texts: Vec<(usize, usize, &str)> = joined
            .cells
            .iter()
            .filter(|c| c.row >= 2)
            .map(|c| (c.row, c.col, c.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            vec![
                (2, 0, "收到"),
                (2, 1, "1"),
                (2, 2, "2"),
                (3, 0, "办结"),
                (3, 1, "1"),
                (3, 2, "2")
            ]
        );
    }

    #[test]
    fn a_continuation_without_the_header_keeps_every_row() {
        let first = with_header(&["收到"]);
        let mut next = with_header(&["办结", "转办"]);
        next.cells.retain(|c| c.row >= 2);
        next.cells.iter_mut().for_each(|c| c.row -= 2);
        next.rows = 2;
        let joined = append(&first, &next, &same);
        assert_eq!(joined.rows, 5);
    }

    #[test]
    fn texts_compare_through_the_key_and_empty_rows_are_no_header() {
        let first = with_header(&["收到"]);
        let mut next = with_header(&["办结"]);
        next.cells[0].text = "项 目".into();
        let squash = |s: &str| s.split_whitespace().collect::<String>();
        let rows = Rows::of;
        assert_eq!(repeated_header_rows(&rows(&first), &rows(&next), &same), 0);
        assert_eq!(
            repeated_header_rows(&rows(&first), &rows(&next), &squash),
            2
        );
        let blank = Table {
            rows: 3,
            cols: 1,
            cells: (0..3).map(|r| Cell::new(r, 0, 1, 1, "")).collect(),
            ..Table::default()
        };
        assert_eq!(repeated_header_rows(&rows(&blank), &rows(&blank), &same), 0);
    }

    #[test]
    fn repeated_data_rows_under_a_one_row_header_stay_data() {
        // A plain table printed again on the next page: only its header row is left out.
        let plain = Table {
            rows: 3,
            cols: 2,
            cells: vec![
                Cell::new(0, 0, 1, 1, "Hello"),
                Cell::new(0, 1, 1, 1, "World"),
                Cell::new(1, 0, 1, 1, "1"),
                Cell::new(1, 1, 1, 1, "Abc"),
                Cell::new(2, 0, 1, 1, "2"),
                Cell::new(2, 1, 1, 1, "Bar"),
            ],
            ..Table::default()
        };
        let joined = append(&plain, &plain, &same);
        assert_eq!(joined.rows, 5);
        let firsts: Vec<&str> = joined
            .cells
            .iter()
            .filter(|c| c.col == 0)
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(firsts, vec!["Hello", "1", "2", "1", "2"]);
    }
}
