//! Line-less tables (stream mode): text rows → blocks of rows holding several chunks →
//! columns from the whitespace rivers between chunks → one grid row per text row.
//!
//! Only text no ruled table claims is looked at. Prose stays out: a row holding one long run of
//! words breaks a block, a block needs several rows with text in two or more columns, and a block
//! whose columns are runs of words (multi-column page text, lists) is not a table.

mod banded;
pub(crate) mod columns;
mod header;
pub(crate) mod rows;

use super::grid::{PageCell, PageTable, MAX_POSITIONS};
use super::rules::Rule;
use crate::fixed::Glyph;
use crate::params::LayoutParams;

use rows::Row;

/// Per grid column of a text row: (last column covered, text, words), if any text starts there.
type Slot = Option<(usize, String, usize)>;

/// The line-less tables among the glyphs not claimed by a ruled table (`claimed`: x0, y0, x1, y1):
/// first those that horizontal rules `h` (sorted by y) alone bound, then the rest from text
/// alignment.
pub(crate) fn tables(
    page: usize,
    gs: &[&Glyph],
    h: &[Rule],
    claimed: &[(f32, f32, f32, f32)],
    params: &LayoutParams,
) -> Vec<PageTable> {
    let mut out = Vec::new();
    let mut claimed = claimed.to_vec();
    let stacks = banded::stacks(h, &claimed, params);
    for stack in stacks
        .into_iter()
        .flat_map(|s| banded::split(s, gs, params))
    {
        if let Some(f) = banded::table(page, &stack, gs, h, params) {
            claimed.push(f.bbox());
            out.push(f);
        }
    }
    let claimed = claimed.as_slice();
    let free: Vec<&Glyph> = gs
        .iter()
        .copied()
        .filter(|g| {
            let (cx, cy) = g.centre();
            !claimed
                .iter()
                .any(|r| cx >= r.0 && cx <= r.2 && cy >= r.1 && cy <= r.3)
        })
        .collect();
    let rows = rows::rows(&free, params);
    let left = rows.iter().map(Row::x0).fold(f32::MAX, f32::min);
    let right = rows.iter().map(Row::x1).fold(f32::MIN, f32::max);
    let width = (right - left).max(1.0);
    for block in blocks(&rows, width, params) {
        if let Some(f) = table(page, block, params) {
            let (x0, y0, x1, y1) = f.bbox();
            let overlaps = claimed
                .iter()
                .any(|r| x0 < r.2 && x1 > r.0 && y0 < r.3 && y1 > r.1);
            if !overlaps {
                out.push(f);
            }
        }
    }
    out
}

/// A row that is a line of prose: one long run of words across most of the text width.
fn prose(r: &Row, width: f32, params: &LayoutParams) -> bool {
    r.runs(params.run_gap).iter().any(|&(x0, x1, words)| {
        words >= params.prose_words && x1 - x0 >= params.prose_width * width
    })
}

/// Runs of rows close together and free of prose, trimmed to start and end on a row of several
/// chunks.
fn blocks<'r>(rows: &'r [Row], width: f32, params: &LayoutParams) -> Vec<&'r [Row]> {
    let mut out = Vec::new();
    let mut start = 0;
    let close = |i: usize| {
        i.checked_sub(1)
            .and_then(|p| rows.get(p))
            .zip(rows.get(i))
            .is_some_and(|(a, b)| b.y0 - a.y1 <= params.block_gap * a.size.min(b.size).max(1.0))
    };
    // Section headings between two-part lines (a résumé, a price list) break the block: one
    // chunk, larger than the page's usual line and the lines on either side, starting at their
    // left edge (a note in a column beside a table's rows is larger too, but stands to the
    // right; a label over tiny margin line numbers is larger than them only).
    let usual = rows::median_size(rows);
    let heading = |i: usize| {
        let Some(r) = rows
            .get(i)
            .filter(|r| r.chunks.len() == 1 && r.size >= params.heading_size_ratio * usual)
        else {
            return false;
        };
        let near: Vec<&Row> = [i.checked_sub(1), i.checked_add(1)]
            .into_iter()
            .flatten()
            .filter_map(|j| rows.get(j))
            .collect();
        !near.is_empty()
            && near.iter().all(|n| {
                r.size >= params.heading_size_ratio * n.size && r.x0() <= n.x0() + 0.5 * r.size
            })
    };
    let apart = |i: usize| rows.get(i).is_none_or(|r| prose(r, width, params)) || heading(i);
    for i in 0..=rows.len() {
        let end = apart(i) || !close(i);
        if !end {
            continue;
        }
        if let Some(b) = rows.get(start..i) {
            let first = b.iter().position(|r| r.chunks.len() > 1);
            let last = b.iter().rposition(|r| r.chunks.len() > 1);
            if let (Some(f), Some(l)) = (first, last) {
                if let Some(t) = b.get(f..=l) {
                    out.push(t);
                }
            }
        }
        start = if i < rows.len() && apart(i) { i + 1 } else { i };
    }
    out
}

/// The block as a table, when it has the shape of one.
fn table(page: usize, block: &[Row], params: &LayoutParams) -> Option<PageTable> {
    if block.iter().filter(|r| r.chunks.len() > 1).count() < params.min_rich_rows {
        return None;
    }
    let xs = columns::boundaries(block, params.min_river)?;
    let nc = xs.len().checked_sub(1)?;
    // A slot per row and column is allocated below: text spread over thousands of columns and
    // rows (no real table; a fuzzed page had 10,858 columns) must not cost gigabytes.
    if nc < 2 || block.len().saturating_mul(nc) > MAX_POSITIONS {
        return None;
    }
    let grid = slots(block, &xs, nc);
    if !plausible(&grid, nc, params) {
        return None;
    }
    let cells = cells_of(grid, nc);
    let mut ys = vec![block.first()?.y0];
    for w in block.windows(2) {
        if let [a, b] = w {
            ys.push(((a.y1 + b.y0) / 2.0).max(a.y0));
        }
    }
    ys.push(
        block
            .last()?
            .y1
            .max(ys.last().copied().unwrap_or(0.0) + 0.01),
    );
    Some(PageTable {
        page,
        xs,
        ys,
        cells,
        header_rows: 0,
    })
}

/// Per row of the block, per column of `xs`: the text starting there and the columns it covers.
fn slots(block: &[Row], xs: &[f32], nc: usize) -> Vec<Vec<Slot>> {
    let mut grid: Vec<Vec<Slot>> = Vec::with_capacity(block.len());
    for r in block {
        let mut slots: Vec<Slot> = vec![None; nc];
        for c in &r.chunks {
            let (a, b) = columns::span(xs, c.x0, c.x1);
            match slots.get_mut(a) {
                Some(Some((end, text, words))) => {
                    text.push(' ');
                    text.push_str(c.text.trim());
                    *end = (*end).max(b);
                    *words += c.words;
                }
                Some(slot) => *slot = Some((b, c.text.trim().to_string(), c.words)),
                None => {}
            }
        }
        // A chunk spanning into a slot another chunk holds stops before it (right to left, so
        // that the next held slot is known without a search: a row is linear in its columns).
        let mut next = nc;
        for k in (0..nc).rev() {
            if let Some(Some((end, _, _))) = slots.get_mut(k) {
                *end = (*end).min(next - 1).max(k);
                next = k;
            }
        }
        grid.push(slots);
    }
    grid
}

/// The slots as cells partitioning the grid: an empty slot is an empty one-column cell.
fn cells_of(grid: Vec<Vec<Slot>>, nc: usize) -> Vec<PageCell> {
    let mut cells = Vec::new();
    for (ri, slots) in grid.into_iter().enumerate() {
        let mut k = 0;
        while k < nc {
            let (span, text) = match slots.get(k).cloned().flatten() {
                Some((end, text, _)) => (end + 1 - k, text),
                None => (1, String::new()),
            };
            cells.push(PageCell {
                row: ri,
                col: k,
                row_span: 1,
                col_span: span,
                text,
                room: f32::INFINITY,
                lead: 0.0,
            });
            k += span;
        }
    }
    cells
}

/// Rows with text in two or more columns.
fn rich_rows(grid: &[Vec<Slot>]) -> usize {
    grid.iter()
        .filter(|r| r.iter().filter(|s| s.is_some()).count() >= 2)
        .count()
}

/// Several rows with text in two or more columns, and columns that are not runs of prose.
fn plausible(grid: &[Vec<Slot>], nc: usize, params: &LayoutParams) -> bool {
    let rich = rich_rows(grid);
    // Chart axes: labels down both sides, few rows with text across.
    if rich < params.min_rich_rows || rich * 5 < grid.len() * 2 {
        return false;
    }
    let wordy_col = |k: usize| {
        let (mut n, mut w) = (0, 0);
        for r in grid {
            if let Some(Some((_, _, words))) = r.get(k) {
                n += 1;
                w += usize::from(*words >= params.prose_words);
            }
        }
        n > 0 && w * 2 > n
    };
    let wordy: Vec<bool> = (0..nc).map(wordy_col).collect();
    let n_wordy = wordy.iter().filter(|w| **w).count();
    // Page text in columns, or a list (markers, then runs of words).
    if n_wordy >= 2 || (nc <= 3 && wordy.last().copied().unwrap_or(false)) {
        return false;
    }
    !is_form(grid, nc)
}

/// A label/value form without rules ("Applicant: Zhang Wei", two pairs to a line at most): a
/// column of labels ending in a colon before each column of values. A table whose first column
/// holds such labels has more value columns than label columns, and stays a table.
fn is_form(grid: &[Vec<Slot>], nc: usize) -> bool {
    let labels = |k: usize| {
        let (mut n, mut colon) = (0, 0);
        for r in grid {
            if let Some(Some((_, text, _))) = r.get(k) {
                n += 1;
                colon += usize::from(text.ends_with([':', '：']));
            }
        }
        n > 0 && colon * 3 >= n * 2
    };
    let label_cols = (0..nc).filter(|&k| labels(k)).count();
    label_cols > 0 && nc <= 2 * label_cols
}

#[cfg(test)]
mod tests {
    use super::rows::{Chunk, Row};
    use super::*;

    /// `n` rows of `cols` one-digit chunks 10 pt apart, 12 pt between rows.
    fn block(n: usize, cols: usize) -> Vec<Row> {
        (0..n)
            .map(|r| Row {
                y0: 12.0 * r as f32,
                y1: 12.0 * r as f32 + 8.0,
                size: 8.0,
                chunks: (0..cols)
                    .map(|c| Chunk {
                        text: "7".into(),
                        x0: 10.0 * c as f32,
                        x1: 10.0 * c as f32 + 4.0,
                        words: 1,
                    })
                    .collect(),
            })
            .collect()
    }

    #[test]
    fn a_grid_of_digits_is_a_table() {
        let f = table(0, &block(4, 5), &LayoutParams::default()).expect("a 4 x 5 table");
        assert_eq!((f.rows(), f.cols()), (4, 5));
        assert!(f.cells.iter().all(|c| c.text == "7"));
    }

    #[test]
    fn a_form_of_labels_and_values_is_no_table() {
        let mut rows = block(4, 2);
        for r in &mut rows {
            r.chunks[0].text = "Applicant:".into();
        }
        assert!(table(0, &rows, &LayoutParams::default()).is_none());
        // Labels before three value columns: a table with a label column.
        let mut rows = block(4, 4);
        for r in &mut rows {
            r.chunks[0].text = "Revenue:".into();
        }
        assert!(table(0, &rows, &LayoutParams::default()).is_some());
    }

    #[test]
    fn more_positions_than_a_ruled_frame_may_have_is_no_table() {
        // 501 x 500 = 250,500 positions, just over the bound.
        assert!(table(0, &block(501, 500), &LayoutParams::default()).is_none());
        assert!(table(0, &block(500, 500), &LayoutParams::default()).is_some());
    }
}
