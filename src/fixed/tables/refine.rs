//! Partly ruled tables: a frame whose rules stop short of the structure its text shows.
//!
//! Government statistics often rule only the header, or only the rows, or only the outer frame.
//! Before text goes into cells, a grid row holding several text lines side by side in two or
//! more cells is cut at the lines' baselines, and a cell spanning columns whose text sits in
//! separate grid columns, with a gutter between, is split into those columns.

use super::grid::{PageCell, PageTable};
use super::stream::columns::boundaries;
use super::stream::rows::{rows, Chunk, Row};
use crate::fixed::text::is_cjk;
use crate::fixed::Glyph;
use crate::params::LayoutParams;

/// A frame's glyphs by centre, sorted on y and on x: each band looked at (a grid row, a grid
/// column, a cell) is found by binary search. Scanning every glyph of the page for each band was
/// quadratic: a fuzzed page of 10,000 grid columns took seconds.
struct Centres<'a> {
    /// (centre y, content order, glyph), ascending.
    by_y: Vec<(f32, usize, &'a Glyph)>,
    /// (centre x, content order, glyph), ascending.
    by_x: Vec<(f32, usize, &'a Glyph)>,
    params: &'a LayoutParams,
}

impl<'a> Centres<'a> {
    fn new(
        gs: &[&'a Glyph],
        (x0, y0, x1, y1): (f32, f32, f32, f32),
        params: &'a LayoutParams,
    ) -> Centres<'a> {
        let mut by_y = Vec::new();
        let mut by_x = Vec::new();
        for (i, g) in gs.iter().copied().enumerate() {
            let (cx, cy) = g.centre();
            if cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1 {
                by_y.push((cy, i, g));
                by_x.push((cx, i, g));
            }
        }
        by_y.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        by_x.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        Centres { by_y, by_x, params }
    }

    /// The glyphs whose centre lies in the box (edges included), in content order.
    fn within(&self, (x0, y0, x1, y1): (f32, f32, f32, f32)) -> Vec<&'a Glyph> {
        let range = |v: &[(f32, usize, &'a Glyph)], lo: f32, hi: f32| {
            (
                v.partition_point(|e| e.0 < lo),
                v.partition_point(|e| e.0 <= hi),
            )
        };
        let (ya, yb) = range(&self.by_y, y0, y1);
        let (xa, xb) = range(&self.by_x, x0, x1);
        // Walk the narrower band and test the other coordinate.
        let band = if yb.saturating_sub(ya) <= xb.saturating_sub(xa) {
            self.by_y.get(ya..yb)
        } else {
            self.by_x.get(xa..xb)
        };
        let mut hits: Vec<(usize, &'a Glyph)> = band
            .unwrap_or_default()
            .iter()
            .filter(|e| {
                let (cx, cy) = e.2.centre();
                cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1
            })
            .map(|e| (e.1, e.2))
            .collect();
        hits.sort_by_key(|h| h.0);
        hits.into_iter().map(|h| h.1).collect()
    }

    /// The text rows of the glyphs whose centre lies in the box.
    fn rows_within(&self, b: (f32, f32, f32, f32)) -> Vec<Row> {
        rows(&self.within(b), self.params)
    }
}

fn at(v: &[f32], i: usize) -> f32 {
    v.get(i).copied().unwrap_or(0.0)
}

/// Cuts rows and splits spans where the text shows structure the rules do not draw.
pub(crate) fn refine(f: &mut PageTable, gs: &[&Glyph], params: &LayoutParams) {
    let gs = Centres::new(gs, f.bbox(), params);
    // A ruled row is bounded by its rules: its cells' lines are the cells' own (a header of
    // labels on several lines, an address over three), not rows. Only a grid row holding many
    // more lines than the frame's other rows, or whose every line fills all its cells, is
    // records the rules leave out (a body under a ruled header).
    let (counts, full): (Vec<usize>, Vec<bool>) = (0..f.rows())
        .map(|r| {
            let (x0, x1) = (at(&f.xs, 0), at(&f.xs, f.cols()));
            let lines = gs.rows_within((x0, at(&f.ys, r), x1, at(&f.ys, r + 1)));
            (lines.len(), every_line_fills_the_row(f, r, &lines))
        })
        .unzip();
    let (mut r, mut original) = (0, 0);
    while r < f.rows() {
        let mut others: Vec<usize> = counts
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != original)
            .map(|(_, n)| *n)
            .collect();
        others.sort_unstable();
        let typical = others.get(others.len() / 2).copied().unwrap_or(0) as f32;
        let lines = counts.get(original).copied().unwrap_or(0) as f32;
        let records = full.get(original).copied().unwrap_or(false);
        let big =
            lines >= params.cut_row_ratio * typical && lines >= params.cut_row_min_lines as f32;
        // A frame without inner rules rules no rows: its lines are the only evidence.
        let unruled = counts.len() == 1;
        // A tall top row over rows ruled one record each is the header of a ruled body (labels
        // of several lines, centred at different heights), not records the rules left out.
        let header = original == 0 && counts.len() >= 3 && counts.iter().skip(1).all(|&n| n <= 2);
        let cut = if unruled || records || (big && !header) {
            cut_row(f, r, &gs)
        } else {
            0
        };
        r += 1 + cut;
        original += 1;
    }
    let mut c = 0;
    while c < f.cols() {
        c += 1 + add_columns(f, c, &gs);
    }
    split_columns(f, &gs);
}

/// Whether each text line of grid row `r` has text in every cell of the row that holds text
/// (at least two): records of one line each, where a multi-line header or a wrapped cell has
/// its lines in some cells only.
fn every_line_fills_the_row(f: &PageTable, r: usize, lines: &[Row]) -> bool {
    let cells: Vec<(f32, f32)> = f
        .cells
        .iter()
        .filter(|c| c.row == r && c.row_span == 1)
        .map(|c| (at(&f.xs, c.col), at(&f.xs, c.col + c.col_span)))
        .collect();
    let holds =
        |l: &Row, (a, b): (f32, f32)| l.chunks.iter().any(|k| k.x0 >= a - 1.0 && k.x1 <= b + 1.0);
    let with_text: Vec<(f32, f32)> = cells
        .into_iter()
        .filter(|&c| lines.iter().any(|l| holds(l, c)))
        .collect();
    with_text.len() >= 2 && lines.iter().all(|l| with_text.iter().all(|&c| holds(l, c)))
}

/// Cuts grid row `r` at its text lines when two or more single-row cells hold a line on each of
/// at least `split_min_lines` of them; returns the rows added.
fn cut_row(f: &mut PageTable, r: usize, gs: &Centres<'_>) -> usize {
    let (y0, y1) = (at(&f.ys, r), at(&f.ys, r + 1));
    let (x0, x1) = (at(&f.xs, 0), at(&f.xs, f.cols()));
    let lines = gs.rows_within((x0, y0, x1, y1));
    let min_lines = gs.params.split_min_lines;
    if lines.len() < min_lines {
        return 0;
    }
    let lines_in = |c: &PageCell| {
        let (a, b) = (at(&f.xs, c.col), at(&f.xs, c.col + c.col_span));
        lines
            .iter()
            .filter(|l| l.chunks.iter().any(|k| k.x0 >= a - 1.0 && k.x1 <= b + 1.0))
            .count()
    };
    let stacked = |a: f32, b: f32| {
        let holding = lines
            .iter()
            .filter(|l| l.chunks.iter().any(|k| k.x0 >= a - 1.0 && k.x1 <= b + 1.0))
            .count();
        holding >= min_lines && !wrapped(&lines, a, b, gs.params.cell_padding)
    };
    // A cell spanning grid columns counts once per column under it that holds its own stack
    // of lines: a body left unruled under a header whose rules draw the columns is one wide
    // cell here (split into those columns later), yet its columns are records side by side.
    let parallel: usize = f
        .cells
        .iter()
        .filter(|c| c.row == r && c.row_span == 1)
        .map(|c| {
            let whole = (at(&f.xs, c.col), at(&f.xs, c.col + c.col_span));
            let columns = if c.col_span > 1 {
                (c.col..c.col + c.col_span)
                    .filter(|&k| stacked(at(&f.xs, k), at(&f.xs, k + 1)))
                    .count()
            } else {
                0
            };
            columns.max(usize::from(stacked(whole.0, whole.1)))
        })
        .sum();
    if parallel < 2 {
        return 0;
    }
    let cuts: Vec<f32> = lines
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((a.y1 + b.y0) / 2.0),
            _ => None,
        })
        .filter(|y| *y > y0 && *y < y1)
        .collect();
    let k = cuts.len();
    let shift = |i: usize| if i > r { i + k } else { i };
    let mut cells = Vec::with_capacity(f.cells.len() + k * f.cols());
    for c in f.cells.drain(..) {
        if c.row == r && c.row_span == 1 && lines_in(&c) >= 2 {
            cells.extend((0..=k).map(|j| PageCell {
                row: r + j,
                ..c.clone()
            }));
        } else {
            let (a, b) = (shift(c.row), shift(c.row + c.row_span));
            cells.push(PageCell {
                row: a,
                row_span: b - a,
                ..c
            });
        }
    }
    cells.sort_by_key(|c| (c.row, c.col));
    f.cells = cells;
    let mut ys = f.ys.clone();
    for (j, y) in cuts.into_iter().enumerate() {
        ys.insert(r + 1 + j, y);
    }
    f.ys = ys;
    k
}

/// Adds the whitespace rivers running down grid column `c` as column boundaries (cells across
/// them span, until [`split_columns`] looks at their text); returns the columns added.
fn add_columns(f: &mut PageTable, c: usize, gs: &Centres<'_>) -> usize {
    let (x0, x1) = (at(&f.xs, c), at(&f.xs, c + 1));
    let (y0, y1) = (at(&f.ys, 0), at(&f.ys, f.rows()));
    let lines = gs.rows_within((x0, y0, x1, y1));
    // Characters spread across a cell (distributed alignment) are not columns.
    let rich = lines
        .iter()
        .filter(|l| l.chunks.len() > 1 && !l.chunks.iter().any(lone_cjk))
        .count();
    if rich < gs.params.split_min_lines {
        return 0;
    }
    let Some(bounds) = boundaries(&lines, gs.params.min_river) else {
        return 0;
    };
    // The first and last bounds are the text's own edges.
    let inner: Vec<f32> = bounds
        .get(1..bounds.len().saturating_sub(1))
        .unwrap_or(&[])
        .iter()
        .copied()
        .filter(|x| *x > x0 + 1.0 && *x < x1 - 1.0)
        .collect();
    let k = inner.len();
    if k == 0 {
        return 0;
    }
    for cell in &mut f.cells {
        if cell.col > c {
            cell.col += k;
        } else if cell.col + cell.col_span > c {
            cell.col_span += k;
        }
    }
    for (j, x) in inner.into_iter().enumerate() {
        f.xs.insert(c + 1 + j, x);
    }
    k
}

/// Whether the text between `a` and `b` is one text wrapped at the cell's edge rather than
/// entries stacked one per line: some line of two or more words ends too close to the cell's
/// widest line for the next line's first word to have fitted.
fn wrapped(lines: &[Row], a: f32, b: f32, min_pad: f32) -> bool {
    let mine: Vec<(&Chunk, f32)> = lines
        .iter()
        .filter_map(|l| {
            let k = l
                .chunks
                .iter()
                .find(|k| k.x0 >= a - 1.0 && k.x1 <= b + 1.0)?;
            Some((k, l.size))
        })
        .collect();
    let pad = mine
        .iter()
        .map(|(k, _)| k.x0 - a)
        .fold(f32::MAX, f32::min)
        .max(min_pad);
    let right = b - pad;
    // A vertical label, one character per line.
    if mine.len() > 1 && mine.iter().all(|(k, _)| lone_cjk(k)) {
        return true;
    }
    mine.windows(2).any(|w| match w {
        [(before, _), (after, size)] => {
            let cjk = after.text.trim_start().starts_with(is_cjk);
            let space = if cjk { 0.0 } else { 0.25 * size };
            before.words >= 2 && right - before.x1 < first_word(after) + space
        }
        _ => false,
    })
}

/// A chunk that is one CJK character.
fn lone_cjk(k: &Chunk) -> bool {
    let mut cs = k.text.trim().chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if is_cjk(c))
}

/// Width of a chunk's first word (a CJK character counts as a word), by character share.
fn first_word(k: &Chunk) -> f32 {
    let t = k.text.trim();
    let n = t.chars().count().max(1) as f32;
    let first = match t.chars().next() {
        Some(c) if is_cjk(c) => 1,
        _ => t.chars().take_while(|c| !c.is_whitespace()).count(),
    };
    (k.x1 - k.x0) * first as f32 / n
}

/// The grid columns the chunks of `lines` fall in, when some line has chunks in two columns and
/// no chunk straddles a boundary.
fn columns_of(f: &PageTable, c: &PageCell, lines: &[Row], split_gap: f32) -> Option<Vec<usize>> {
    let mut out = Vec::new();
    let mut side_by_side = false;
    for l in lines {
        let mut prev_col: Option<usize> = None;
        let mut prev_x1 = f32::MIN;
        for k in &l.chunks {
            if lone_cjk(k) {
                return None;
            }
            let col = (c.col..c.col + c.col_span)
                .find(|&j| k.x0 >= at(&f.xs, j) - 1.0 && k.x1 <= at(&f.xs, j + 1) + 1.0)?;
            if prev_col.is_some_and(|p| p == col) || k.x0 - prev_x1 < split_gap * l.size {
                // Pieces of one phrase: they must not be told apart.
                if prev_col.is_some_and(|p| p != col) {
                    return None;
                }
            }
            side_by_side |= prev_col.is_some_and(|p| p != col);
            out.push(col);
            prev_col = Some(col);
            prev_x1 = k.x1;
        }
    }
    side_by_side.then_some(out)
}

/// Splits spanning cells whose text pieces stand in separate grid columns.
fn split_columns(f: &mut PageTable, gs: &Centres<'_>) {
    let mut cells = Vec::with_capacity(f.cells.len());
    for c in std::mem::take(&mut f.cells) {
        if c.col_span < 2 {
            cells.push(c);
            continue;
        }
        let (x0, x1) = (at(&f.xs, c.col), at(&f.xs, c.col + c.col_span));
        let (y0, y1) = (at(&f.ys, c.row), at(&f.ys, c.row + c.row_span));
        let lines = gs.rows_within((x0, y0, x1, y1));
        let cols = columns_of(f, &c, &lines, gs.params.split_gap).unwrap_or_default();
        let mut distinct = cols.clone();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() >= 2 {
            cells.extend((c.col..c.col + c.col_span).map(|j| PageCell {
                col: j,
                col_span: 1,
                ..c.clone()
            }));
        } else {
            cells.push(c);
        }
    }
    cells.sort_by_key(|c| (c.row, c.col));
    f.cells = cells;
}
