//! Reading order on one page: a two-column body is read column by column between the
//! full-width parts; one column is read top to bottom, placed of a line split at a wide gap
//! joined again with a tab. Tables stand where their region starts.

use super::Item;
use crate::fixed::text::Line;
use crate::fixed::Region;
use crate::params::LayoutParams;

/// What the reading order sorts: a line or a table region, with its extent.
enum Placed {
    Line(Line),
    Table(usize, Region, bool),
}

impl Placed {
    fn extent(&self) -> (f32, f32, f32, f32) {
        match self {
            Placed::Line(l) => (l.x0, l.y0, l.x1, l.y1),
            Placed::Table(_, r, _) => (r.x0, r.y0, r.x1, r.y1),
        }
    }
    /// Vertical sort key: a line by its middle, so that a table starting above it comes first.
    fn y(&self) -> f32 {
        match self {
            Placed::Line(l) => (l.y0 + l.y1) / 2.0,
            Placed::Table(_, r, _) => r.y0,
        }
    }
}

/// The reading order of page `page`.
pub fn order(
    page: usize,
    width: f32,
    lines: Vec<Line>,
    tables: &[(usize, Region, bool)],
    params: &LayoutParams,
) -> Vec<Item> {
    let tables = tables.iter().map(|(t, r, f)| Placed::Table(*t, *r, *f));
    match gutter(&lines, width, params.column_min_lines) {
        Some(g) => two_columns(page, g, lines, tables),
        None => {
            let mut placed: Vec<Placed> = join_rows(lines).into_iter().map(Placed::Line).collect();
            placed.extend(tables);
            placed.sort_by(|a, b| a.y().total_cmp(&b.y()));
            placed.into_iter().map(|p| item(page, p, None)).collect()
        }
    }
}

fn item(page: usize, p: Placed, column: Option<(f32, f32)>) -> Item {
    match p {
        Placed::Line(line) => Item::Line { line, page, column },
        Placed::Table(table, _, first) => Item::Table { table, first },
    }
}

/// Joins the placed of each baseline (the lines come sorted by row, then left to right).
fn join_rows(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for l in lines {
        match out.last_mut() {
            Some(p) if p.row == l.row => {
                p.text.push('\t');
                p.text.push_str(&l.text);
                p.x1 = p.x1.max(l.x1);
                p.y0 = p.y0.min(l.y0);
                p.y1 = p.y1.max(l.y1);
                p.bold &= l.bold;
            }
            _ => out.push(l),
        }
    }
    out
}

/// The x of a gutter splitting the page's text into two columns of prose, if there is one:
/// few lines cross it, and on either side stand several wide lines side by side.
fn gutter(lines: &[Line], width: f32, min_lines: usize) -> Option<f32> {
    if width <= 0.0 || lines.len() < min_lines {
        return None;
    }
    // The middle of the widest run of candidate x with the fewest lines crossing.
    let mut best: Option<(usize, f32, f32)> = None;
    let mut run: Option<(usize, f32, f32)> = None;
    let mut x = width * 0.3;
    while x <= width * 0.7 {
        let crossing = lines
            .iter()
            .filter(|l| l.x0 < x - 1.0 && l.x1 > x + 1.0)
            .count();
        run = match run {
            Some((c, a, _)) if c == crossing => Some((c, a, x)),
            _ => Some((crossing, x, x)),
        };
        if let Some(r) = run {
            let better = best.is_none_or(|(c, a, b)| r.0 < c || (r.0 == c && r.2 - r.1 > b - a));
            if better {
                best = Some(r);
            }
        }
        x += 2.0;
    }
    let (crossing, from, to) = best?;
    let g = (from + to) / 2.0;
    let left: Vec<&Line> = lines.iter().filter(|l| l.x1 <= g + 1.0).collect();
    let right: Vec<&Line> = lines.iter().filter(|l| l.x0 >= g - 1.0).collect();
    if left.len() < 4 || right.len() < 4 || crossing * 5 > left.len() + right.len() {
        return None;
    }
    // Prose columns: most lines on each side are wide (not a form of labels and values).
    let wide = |side: &[&Line], span: f32| {
        side.iter().filter(|l| l.x1 - l.x0 > span * 0.6).count() * 2 >= side.len()
    };
    let span = |side: &[&Line]| {
        side.iter().map(|l| l.x1).fold(f32::MIN, f32::max)
            - side.iter().map(|l| l.x0).fold(f32::MAX, f32::min)
    };
    let (lspan, rspan) = (span(&left), span(&right));
    if !wide(&left, lspan) || !wide(&right, rspan) {
        return None;
    }
    // Side by side: the two columns share most of their height.
    let range = |s: &[&Line]| {
        let top = s.iter().map(|l| l.y0).fold(f32::MAX, f32::min);
        let bottom = s.iter().map(|l| l.y1).fold(f32::MIN, f32::max);
        (top, bottom)
    };
    let (lt, lb) = range(&left);
    let (rt, rb) = range(&right);
    let overlap = lb.min(rb) - lt.max(rt);
    (overlap > 0.5 * (lb - lt).min(rb - rt)).then_some(g)
}

fn two_columns(
    page: usize,
    g: f32,
    lines: Vec<Line>,
    tables: impl Iterator<Item = Placed>,
) -> Vec<Item> {
    let mut placed: Vec<Placed> = lines.into_iter().map(Placed::Line).collect();
    placed.extend(tables);
    placed.sort_by(|a, b| a.y().total_cmp(&b.y()));
    // A column's extent: the median left and right edge of its lines.
    let extent = |keep: &dyn Fn(f32, f32) -> bool| {
        let (mut x0s, mut x1s) = (Vec::new(), Vec::new());
        for p in &placed {
            let (x0, _, x1, _) = p.extent();
            if keep(x0, x1) {
                x0s.push(x0);
                x1s.push(x1);
            }
        }
        x0s.sort_by(f32::total_cmp);
        x1s.sort_by(f32::total_cmp);
        let mid = |v: &[f32]| v.get(v.len() / 2).copied().unwrap_or(0.0);
        (mid(&x0s), mid(&x1s))
    };
    let lcol = extent(&|_, x1| x1 <= g + 1.0);
    let rcol = extent(&|x0, _| x0 >= g - 1.0);
    let within = |x0: f32, x1: f32, c: (f32, f32)| x1 > c.0 && x0 < c.1;
    let mut out = Vec::new();
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for p in placed {
        let (x0, _, x1, _) = p.extent();
        if x1 <= g + 1.0 && within(x0, x1, lcol) {
            left.push(p);
        } else if x0 >= g - 1.0 && within(x0, x1, rcol) {
            right.push(p);
        } else {
            // A full-width piece ends the band of columns above it.
            out.extend(left.drain(..).map(|p| item(page, p, Some(lcol))));
            out.extend(right.drain(..).map(|p| item(page, p, Some(rcol))));
            out.push(item(page, p, None));
        }
    }
    out.extend(left.drain(..).map(|p| item(page, p, Some(lcol))));
    out.extend(right.drain(..).map(|p| item(page, p, Some(rcol))));
    out
}
