//! Stitching on hand-made pages: which fragments go on over a page break.

use super::*;
use crate::fixed::Glyph;

/// A page of 600 × 800 pt holding one line of text per `(text, x0, y0)`.
fn page(lines: &[(&str, f32, f32)]) -> Page {
    let glyphs = lines
        .iter()
        .map(|&(text, x0, y0)| Glyph {
            text: text.to_string(),
            bbox: (x0, y0, x0 + 10.0, y0 + 10.0),
            size: 10.0,
            baseline: y0 + 8.0,
            origin: (x0, y0 + 8.0),
            ..Glyph::default()
        })
        .collect();
    Page {
        width: 600.0,
        height: 800.0,
        glyphs,
        ..Page::default()
    }
}

/// A fragment on `page` with column boundaries `xs` and `rows` rows of 20 pt from `y0`, one
/// cell per grid position, each reading `tag` and its row.
fn frag(page: usize, xs: &[f32], y0: f32, rows: usize, tag: &str) -> PageTable {
    let cols = xs.len().saturating_sub(1);
    let cells = (0..rows)
        .flat_map(|row| {
            (0..cols).map(move |col| PageCell {
                row,
                col,
                row_span: 1,
                col_span: 1,
                text: format!("{tag}{row}"),
                room: f32::INFINITY,
                lead: 0.0,
            })
        })
        .collect();
    PageTable {
        page,
        xs: xs.to_vec(),
        ys: (0..=rows).map(|r| y0 + 20.0 * r as f32).collect(),
        cells,
        header_rows: 0,
    }
}

const LEFT: [f32; 4] = [20.0, 80.0, 140.0, 280.0];
const RIGHT: [f32; 4] = [320.0, 380.0, 440.0, 580.0];

fn joined(pages: &[Page], frags: Vec<PageTable>) -> Vec<(Vec<usize>, usize, usize)> {
    join(pages, frags, &LayoutParams::default())
        .into_iter()
        .map(|(regions, t)| {
            let on: Vec<usize> = regions.iter().map(|r| r.page).collect();
            (on, t.rows(), t.cols())
        })
        .collect()
}

#[test]
fn side_by_side_tables_each_go_on_in_their_own_column() {
    let pages = [page(&[]), page(&[])];
    let frags = vec![
        frag(0, &LEFT, 700.0, 5, "a"),
        frag(0, &RIGHT, 700.0, 5, "b"),
        // The next page lists the right column's piece first.
        frag(1, &RIGHT, 40.0, 2, "d"),
        frag(1, &LEFT, 40.0, 2, "c"),
    ];
    assert_eq!(
        joined(&pages, frags),
        [(vec![0, 1], 7, 3), (vec![0, 1], 7, 3)]
    );
}

#[test]
fn a_continuation_that_draws_fewer_column_rules_goes_on_on_the_full_grid() {
    // No cell of the second page divides the first two columns: the boundary at 80 is not drawn.
    let pages = [page(&[]), page(&[])];
    let narrow = [20.0, 140.0, 280.0];
    let frags = vec![
        frag(0, &LEFT, 700.0, 5, "a"),
        frag(0, &RIGHT, 700.0, 5, "b"),
        frag(1, &narrow, 40.0, 2, "c"),
        frag(1, &RIGHT, 40.0, 2, "d"),
    ];
    let out = join(&pages, frags, &LayoutParams::default());
    assert_eq!(out.len(), 2);
    let left = &out[0].1;
    assert_eq!((left.rows(), left.cols()), (7, 3));
    let last_row: Vec<(usize, usize, &str)> = left
        .cells
        .iter()
        .filter(|c| c.row == 6)
        .map(|c| (c.col, c.col_span, c.text.as_str()))
        .collect();
    assert_eq!(last_row, [(0, 2, "c1"), (2, 1, "c1")]);
}

#[test]
fn text_below_a_table_in_its_own_column_ends_it_but_text_beside_it_does_not() {
    // Below the left table, a paragraph in the left column; beside it, the right column's text.
    let pages = [page(&[("注", 30.0, 760.0), ("文", 330.0, 40.0)]), page(&[])];
    let frags = vec![
        frag(0, &LEFT, 600.0, 5, "a"),
        frag(0, &RIGHT, 600.0, 5, "b"),
        frag(1, &LEFT, 40.0, 2, "c"),
        frag(1, &RIGHT, 40.0, 2, "d"),
    ];
    assert_eq!(
        joined(&pages, frags),
        [(vec![0], 5, 3), (vec![0, 1], 7, 3), (vec![1], 2, 3)]
    );
}

#[test]
fn text_above_a_fragment_in_its_own_column_makes_it_a_new_table() {
    let pages = [page(&[]), page(&[("表", 330.0, 20.0), ("页", 30.0, 700.0)])];
    let frags = vec![
        frag(0, &LEFT, 700.0, 5, "a"),
        frag(0, &RIGHT, 700.0, 5, "b"),
        frag(1, &LEFT, 40.0, 2, "c"),
        frag(1, &RIGHT, 40.0, 2, "d"),
    ];
    assert_eq!(
        joined(&pages, frags),
        [(vec![0, 1], 7, 3), (vec![0], 5, 3), (vec![1], 2, 3)]
    );
}
