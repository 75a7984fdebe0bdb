//! White rules over shaded cells are the rules a reader sees: a spreadsheet's or a Word table
//! style's white grid over banded rows bounds the rows and columns, also through the unshaded
//! bands; white lines on white paper stay invisible. The PDFs are written here with known
//! positions (Helvetica, filled rectangles, white strokes).

#[path = "support/pdf.rs"]
mod support;
use support::{grid, page_tables as tables, text};

/// A filled rectangle in grey `level` (0 black, 1 white).
fn fill(level: f32, (x0, y0, x1, y1): (u32, u32, u32, u32)) -> String {
    format!("{level} g {x0} {y0} {} {} re f\n", x1 - x0, y1 - y0)
}

/// White strokes: verticals at `xs` from the last to the first of `ys`, horizontals at `ys`.
fn white_grid(xs: &[u32], ys: &[u32]) -> String {
    let (left, right) = (xs[0], xs[xs.len() - 1]);
    let (bottom, top) = (ys[ys.len() - 1], ys[0]);
    let mut s = String::from("1 G 1 w\n");
    for x in xs {
        s.push_str(&format!("{x} {bottom} m {x} {top} l S\n"));
    }
    for y in ys {
        s.push_str(&format!("{left} {y} m {right} {y} l S\n"));
    }
    s
}

#[test]
fn a_white_grid_over_banded_rows_rules_the_table() {
    let xs = [72, 200, 300, 400];
    let ys = [700, 676, 656, 626, 606];
    // A dark header, then rows shaded, unshaded (two lines in its first cell), shaded.
    let mut s = fill(0.3, (72, 676, 400, 700));
    s.push_str(&fill(0.85, (72, 656, 400, 676)));
    s.push_str(&fill(0.85, (72, 606, 400, 626)));
    s.push_str(&white_grid(&xs, &ys));
    s.push_str("0 g\n");
    for (c, t) in ["State", "Halt days", "Persons"].iter().enumerate() {
        s.push_str(&text(xs[c] + 4, 685, 9, t));
    }
    for (c, t) in ["Delhi", "17", "3,665"].iter().enumerate() {
        s.push_str(&text(xs[c] + 4, 662, 9, t));
    }
    s.push_str(&text(76, 644, 9, "2.12.2009 to"));
    s.push_str(&text(76, 632, 9, "19.12.2009"));
    s.push_str(&text(204, 638, 9, "13"));
    s.push_str(&text(304, 638, 9, "3,810"));
    for (c, t) in ["Total", "30", "7,475"].iter().enumerate() {
        s.push_str(&text(xs[c] + 4, 612, 9, t));
    }
    let found = tables(s);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        grid(&found[0]),
        vec![
            vec!["State", "Halt days", "Persons"],
            vec!["Delhi", "17", "3,665"],
            vec!["2.12.2009 to\n19.12.2009", "13", "3,810"],
            vec!["Total", "30", "7,475"],
        ]
    );
}

#[test]
fn white_lines_on_white_paper_are_no_rules() {
    // The same white grid with nothing shaded: no rule shows, and two lines of text in a
    // column are no table.
    let xs = [72, 200, 300, 400];
    let mut s = white_grid(&xs, &[700, 676, 656]);
    s.push_str("0 g\n");
    s.push_str(&text(76, 685, 9, "Minutes of the meeting"));
    s.push_str(&text(76, 662, 9, "held on 3 May"));
    assert_eq!(tables(s).len(), 0);
}
