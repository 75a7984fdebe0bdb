//! Tables continued across page breaks: a table whose last fragment has nothing but page
//! furniture below it (in its column: side-by-side layouts break each column's table at the
//! same page break) goes on in a fragment of the next page with nothing but furniture above it
//! whose column boundaries match (one set within the other, same outer edges: a column no cell
//! of one page divides is a boundary that page does not draw). The continuation is put on the
//! union of both boundary sets, a repeated header on it is dropped (`table::continuation`) and a
//! vertical span cut by the break continues.

use super::cells::{separator, wraps};
use super::grid::{PageCell, PageTable};
use crate::params::LayoutParams;

use super::{region_of, Region};
use crate::fixed::Page;
use crate::table::continuation::{repeated_header_rows, GridCell, Rows};

impl GridCell for PageCell {
    fn shape(&self) -> (usize, usize, usize, usize, &str) {
        (self.row, self.col, self.row_span, self.col_span, &self.text)
    }
}

/// Groups fragments into tables: each result is its regions and the joined grid.
///
/// Every table whose last piece ends its page may go on in one fragment that starts the next
/// page with the same columns. Several may be open at once: side-by-side layouts (two years of
/// a report in two columns) break each column's table at the same page break, and the
/// continuations come back in the order the page lists them, not the order they began in.
pub(crate) fn join(
    pages: &[Page],
    frags: Vec<PageTable>,
    params: &LayoutParams,
) -> Vec<(Vec<Region>, PageTable)> {
    let tol = params.grid_tolerance;
    let mut out: Vec<(Vec<Region>, PageTable)> = Vec::new();
    let mut page = usize::MAX;
    // Indexes into `out` of the tables that may go on on `page` (each at most once), and the
    // text lines of `page`, read only when some table may go on.
    let mut open: Vec<usize> = Vec::new();
    let mut lines: Vec<FreeLine> = Vec::new();
    for f in frags {
        if f.page != page {
            page = f.page;
            open = ending_previous_page(pages, &out, page, params);
            lines = match pages.get(page) {
                Some(p) if !open.is_empty() => free_lines(p, params),
                _ => Vec::new(),
            };
        }
        let here = region_of(&f);
        let continued = open
            .iter()
            .position(|&i| {
                out.get(i)
                    .is_some_and(|(_, acc)| same_columns(&acc.xs, &f.xs, tol))
            })
            .filter(|_| starts_page(&lines, &here, tol))
            .map(|k| open.remove(k));
        match continued.and_then(|i| out.get_mut(i)) {
            Some((regions, acc)) => {
                regions.push(here);
                append(acc, f, tol);
            }
            None => out.push((vec![here], f)),
        }
    }
    out
}

/// The tables of `out` whose last piece lies on the page before `page` with nothing but
/// furniture below it.
fn ending_previous_page(
    pages: &[Page],
    out: &[(Vec<Region>, PageTable)],
    page: usize,
    params: &LayoutParams,
) -> Vec<usize> {
    let last_on_previous =
        |regions: &[Region]| regions.last().filter(|r| r.page + 1 == page).copied();
    if !out
        .iter()
        .any(|(regions, _)| last_on_previous(regions).is_some())
    {
        return Vec::new();
    }
    let Some(previous) = page.checked_sub(1).and_then(|p| pages.get(p)) else {
        return Vec::new();
    };
    let lines = free_lines(previous, params);
    out.iter()
        .enumerate()
        .filter(|(_, (regions, _))| {
            last_on_previous(regions).is_some_and(|r| ends_page(&lines, &r, params.grid_tolerance))
        })
        .map(|(i, _)| i)
        .collect()
}

/// A text line of a page as the stitching sees it.
struct FreeLine {
    x0: f32,
    x1: f32,
    y0: f32,
    y1: f32,
    /// A page number or running footer.
    furniture: bool,
}

/// The page's text lines.
fn free_lines(page: &Page, params: &LayoutParams) -> Vec<FreeLine> {
    crate::fixed::text::lines(page, params)
        .into_iter()
        .map(|l| FreeLine {
            x0: l.x0,
            x1: l.x1,
            y0: l.y0,
            y1: l.y1,
            furniture: crate::fixed::text::is_page_furniture(&l.text),
        })
        .collect()
}

/// Whether the line lies wholly left or right of the region: text in another column of a
/// side-by-side layout says nothing about where this column's table ends or starts.
fn beside(l: &FreeLine, r: &Region, tol: f32) -> bool {
    l.x1 <= r.x0 + tol || l.x0 >= r.x1 - tol
}

/// Nothing but furniture below the region (in its column).
fn ends_page(lines: &[FreeLine], r: &Region, tol: f32) -> bool {
    lines
        .iter()
        .all(|l| l.y0 < r.y1 - tol || l.furniture || beside(l, r, tol))
}

/// Nothing but furniture above the region (in its column).
fn starts_page(lines: &[FreeLine], r: &Region, tol: f32) -> bool {
    lines
        .iter()
        .all(|l| l.y1 > r.y0 + tol || l.furniture || beside(l, r, tol))
}

fn near(a: f32, b: f32, tol: f32) -> bool {
    (a - b).abs() <= tol
}

/// Same outer edges, and every boundary of one is a boundary of the other.
fn same_columns(a: &[f32], b: &[f32], tol: f32) -> bool {
    let ends = |v: &[f32]| (v.first().copied(), v.last().copied());
    let ((Some(a0), Some(a1)), (Some(b0), Some(b1))) = (ends(a), ends(b)) else {
        return false;
    };
    if !near(a0, b0, tol) || !near(a1, b1, tol) {
        return false;
    }
    let within = |x: &[f32], y: &[f32]| x.iter().all(|p| y.iter().any(|q| near(*p, *q, tol)));
    within(a, b) || within(b, a)
}

/// Union of two boundary sets (positions within [`TOL`] are one).
fn union(a: &[f32], b: &[f32], tol: f32) -> Vec<f32> {
    let mut out: Vec<f32> = a.to_vec();
    for q in b {
        if !out.iter().any(|p| near(*p, *q, tol)) {
            out.push(*q);
        }
    }
    out.sort_by(f32::total_cmp);
    out
}

/// Re-expresses a fragment's cells on the column boundaries `xs` (a superset of its own).
fn regrid(f: &PageTable, xs: &[f32], tol: f32) -> Vec<PageCell> {
    let idx = |x: f32| xs.iter().position(|p| near(*p, x, tol)).unwrap_or(0);
    f.cells
        .iter()
        .map(|c| {
            let a = idx(f.xs.get(c.col).copied().unwrap_or(0.0));
            let b = idx(f.xs.get(c.col + c.col_span).copied().unwrap_or(0.0));
            PageCell {
                col: a,
                col_span: b.saturating_sub(a).max(1),
                ..c.clone()
            }
        })
        .collect()
}

/// Appends `f` below `acc` (same page-independent columns).
fn append(acc: &mut PageTable, f: PageTable, tol: f32) {
    let xs = union(&acc.xs, &f.xs, tol);
    let mut top = regrid(acc, &xs, tol);
    let mut bottom = regrid(&f, &xs, tol);
    // A repeated header: the continuation's first rows read exactly as the table's first rows.
    let skip = repeated_header_rows(
        &Rows {
            cells: &top,
            rows: acc.rows(),
            cols: xs.len().saturating_sub(1),
            header_rows: 0,
        },
        &Rows {
            cells: &bottom,
            rows: f.rows(),
            cols: xs.len().saturating_sub(1),
            header_rows: 0,
        },
        &str::to_string,
    );
    if skip > 0 {
        bottom.retain(|c| c.row >= skip);
        bottom.iter_mut().for_each(|c| c.row -= skip);
    }
    let arows = acc.rows();
    // A span cut by the break: same columns, one side empty, at least one side spanning rows.
    let mut dropped = Vec::new();
    for (bi, b) in bottom.iter().enumerate().filter(|(_, b)| b.row == 0) {
        let above = top
            .iter_mut()
            .find(|t| t.row + t.row_span == arows && t.col == b.col && t.col_span == b.col_span);
        if let Some(t) = above {
            let spans = t.row_span > 1 || b.row_span > 1;
            let one_empty = t.text.is_empty() || b.text.is_empty();
            // Both hold text only when the page break cut the text: the first part ends on a
            // line too full for the second part's first word.
            // The cut cell goes on as a span on the new page.
            let cut = !one_empty && b.row_span > 1 && wraps(&t.text, t.room, &b.text, b.lead, 10.0);
            if (spans && one_empty) || cut {
                let sep = if one_empty {
                    ""
                } else {
                    separator(&t.text, t.room, &b.text, b.lead, 10.0)
                };
                t.text = format!("{}{sep}{}", t.text, b.text);
                t.room = b.room;
                t.row_span += b.row_span;
                dropped.push(bi);
            }
        }
    }
    let mut k = 0;
    bottom.retain(|_| {
        k += 1;
        !dropped.contains(&(k - 1))
    });
    for c in &mut bottom {
        c.row += arows;
    }
    top.extend(bottom);
    top.sort_by_key(|c| (c.row, c.col));
    let mut ys = acc.ys.clone();
    // Row boundaries of the continuation are offset past the first page's so that they stay
    // ascending; only their count matters from here on.
    let base = ys.last().copied().unwrap_or(0.0);
    let ftop = f.ys.get(skip).copied().unwrap_or(0.0);
    ys.extend(f.ys.iter().skip(skip + 1).map(|y| base + (y - ftop)));
    acc.xs = xs;
    acc.ys = ys;
    acc.cells = top;
}

#[cfg(test)]
#[path = "stitch_tests.rs"]
mod tests;
