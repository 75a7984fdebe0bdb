//! Spacer slivers: double rules (Excel's and Word's double borders, or a gap left between boxed
//! rows) draw grid rows and columns a few points wide that no text could ever fill. A person
//! sees one border there, not a row; every peer but camelot's hybrid mode returns them as rows
//! of empty cells between the real ones (`camelot/vertical_header.pdf`: one after every row).

use super::grid::PageTable;
use crate::fixed::Glyph;

/// Drops every grid row lower, and every column narrower, than the frame's median glyph size
/// when no glyph has its centre in it. Cells inside such a sliver go; cells across it shrink.
pub(crate) fn drop_slivers(f: &mut PageTable, gs: &[&Glyph]) {
    let (x0, y0, x1, y1) = f.bbox();
    let inside: Vec<(f32, f32, f32)> = gs
        .iter()
        .map(|g| {
            let (cx, cy) = g.centre();
            (cx, cy, g.size)
        })
        .filter(|&(cx, cy, _)| cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1)
        .collect();
    let mut sizes: Vec<f32> = inside.iter().map(|g| g.2).collect();
    sizes.sort_by(f32::total_cmp);
    let Some(&size) = sizes.get(sizes.len() / 2) else {
        return;
    };
    let thin = |v: &[f32], i: usize, pick: fn(&(f32, f32, f32)) -> f32| {
        let (a, b) = (v.get(i).copied(), v.get(i + 1).copied());
        matches!((a, b), (Some(a), Some(b)) if b - a < size
            && !inside.iter().any(|g| (a..=b).contains(&pick(g))))
    };
    let rows: Vec<usize> = (0..f.rows()).filter(|&r| thin(&f.ys, r, |g| g.1)).collect();
    let cols: Vec<usize> = (0..f.cols()).filter(|&c| thin(&f.xs, c, |g| g.0)).collect();
    // A frame that would lose all its rows or columns is not a table of text: left alone.
    if rows.len() >= f.rows() || cols.len() >= f.cols() {
        return;
    }
    for &r in rows.iter().rev() {
        remove(f, r, Axis::Row);
    }
    for &c in cols.iter().rev() {
        remove(f, c, Axis::Col);
    }
}

#[derive(Clone, Copy)]
enum Axis {
    Row,
    Col,
}

/// Removes grid row or column `i`: its area joins the next one (the last joins the previous,
/// so the frame keeps its outer edges).
fn remove(f: &mut PageTable, i: usize, axis: Axis) {
    let bounds = match axis {
        Axis::Row => &mut f.ys,
        Axis::Col => &mut f.xs,
    };
    let cut = if i + 2 < bounds.len() { i + 1 } else { i };
    if cut >= bounds.len() {
        return;
    }
    bounds.remove(cut);
    f.cells.retain_mut(|c| {
        let (start, span) = match axis {
            Axis::Row => (&mut c.row, &mut c.row_span),
            Axis::Col => (&mut c.col, &mut c.col_span),
        };
        if *start <= i && i < *start + *span {
            if *span == 1 {
                return false;
            }
            *span -= 1;
        } else if *start > i {
            *start -= 1;
        }
        true
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixed::tables::grid::PageCell;

    fn cell(row: usize, col: usize, row_span: usize, col_span: usize) -> PageCell {
        PageCell {
            row,
            col,
            row_span,
            col_span,
            ..PageCell::default()
        }
    }

    fn glyph(x: f32, y: f32) -> Glyph {
        Glyph {
            text: "8".into(),
            bbox: (x - 2.0, y - 4.0, x + 2.0, y + 4.0),
            size: 8.0,
            baseline: y + 3.0,
            font: None,
            bold: false,
            origin: (x - 2.0, y + 3.0),
            quarter: 0,
            ..Glyph::default()
        }
    }

    #[test]
    fn double_rule_rows_and_columns_go() {
        // Columns 0–40 | 40–43 (double rule) | 43–80; rows 0–15 | 15–20 (gap) | 20–35. A cell
        // spans both rows on the left; one glyph in every real cell.
        let mut f = PageTable {
            page: 0,
            xs: vec![0.0, 40.0, 43.0, 80.0],
            ys: vec![0.0, 15.0, 20.0, 35.0],
            cells: vec![
                cell(0, 0, 3, 1),
                cell(0, 1, 1, 1),
                cell(0, 2, 1, 1),
                cell(1, 1, 1, 2),
                cell(2, 1, 1, 1),
                cell(2, 2, 1, 1),
            ],
            header_rows: 0,
        };
        let gs = [glyph(20.0, 7.0), glyph(60.0, 7.0), glyph(60.0, 27.0)];
        let refs: Vec<&Glyph> = gs.iter().collect();
        drop_slivers(&mut f, &refs);
        assert_eq!(f.xs, vec![0.0, 40.0, 80.0]);
        assert_eq!(f.ys, vec![0.0, 15.0, 35.0]);
        let spans: Vec<_> = f
            .cells
            .iter()
            .map(|c| (c.row, c.col, c.row_span, c.col_span))
            .collect();
        assert_eq!(spans, vec![(0, 0, 2, 1), (0, 1, 1, 1), (1, 1, 1, 1)]);
    }

    #[test]
    fn a_thin_row_with_text_stays() {
        let mut f = PageTable {
            page: 0,
            xs: vec![0.0, 40.0],
            ys: vec![0.0, 15.0, 20.0, 35.0],
            cells: vec![cell(0, 0, 1, 1), cell(1, 0, 1, 1), cell(2, 0, 1, 1)],
            header_rows: 0,
        };
        let gs = [glyph(20.0, 7.0), glyph(20.0, 18.0), glyph(20.0, 27.0)];
        let refs: Vec<&Glyph> = gs.iter().collect();
        let before = f.clone();
        drop_slivers(&mut f, &refs);
        assert_eq!(f, before);
    }
}
