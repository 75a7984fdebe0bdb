//! Tables ruled across only: horizontal rules of one extent stacked down the page, no vertical
//! rules (LibreOffice and Word tables with top and bottom borders, booktabs' top, mid and bottom
//! rules, statistical tables with a rule under the header).
//!
//! The rules say where the table is: its left and right edges (two such tables side by side are
//! two stacks, never one table) and its top and bottom. Columns come from the text's rivers
//! inside it. When the rules are drawn between the rows (many rules), each band between two
//! rules is one row: its later lines continue the cells its first line opened (a wrapped cell).

use super::super::grid::{PageTable, MAX_POSITIONS};
use super::super::rules::Rule;
use super::rows::{median_size, rows, Row};
use super::{cells_of, columns, header, is_form, prose, rich_rows, slots, Slot};
use crate::fixed::Glyph;
use crate::params::LayoutParams;

/// Horizontal rules with one left and right end, top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stack {
    /// Left end.
    pub x0: f32,
    /// Right end.
    pub x1: f32,
    /// The rules' positions, ascending.
    pub ys: Vec<f32>,
}

impl Stack {
    fn tolerance(&self, params: &LayoutParams) -> f32 {
        params.grid_tolerance.max(0.02 * (self.x1 - self.x0))
    }

    /// The glyphs whose centre lies between the rules' ends (within `tol`) and strictly between
    /// `top` and `bottom`.
    fn glyphs_between<'g>(
        &self,
        gs: &[&'g Glyph],
        top: f32,
        bottom: f32,
        tol: f32,
    ) -> Vec<&'g Glyph> {
        gs.iter()
            .copied()
            .filter(|g| {
                let (cx, cy) = g.centre();
                cx >= self.x0 - tol && cx <= self.x1 + tol && cy > top && cy < bottom
            })
            .collect()
    }
}

/// The stacks of at least `band_min_rules` rules among `h` (sorted by y) outside `claimed`.
pub(crate) fn stacks(
    h: &[Rule],
    claimed: &[(f32, f32, f32, f32)],
    params: &LayoutParams,
) -> Vec<Stack> {
    let mut out: Vec<Stack> = Vec::new();
    for r in h {
        let (cx, cy) = ((r.from + r.to) / 2.0, r.pos);
        let inside = claimed
            .iter()
            .any(|c| cx >= c.0 && cx <= c.2 && cy >= c.1 - 1.0 && cy <= c.3 + 1.0);
        // A rule under a heading or a signature line is short; a table spans columns.
        if inside || r.to - r.from < params.band_min_width {
            continue;
        }
        let same = out.iter_mut().rev().find(|s| {
            let tol = s.tolerance(params);
            (s.x0 - r.from).abs() <= tol && (s.x1 - r.to).abs() <= tol
        });
        match same {
            Some(s) => s.ys.push(r.pos),
            None => out.push(Stack {
                x0: r.from,
                x1: r.to,
                ys: vec![r.pos],
            }),
        }
    }
    out.retain(|s| s.ys.len() >= params.band_min_rules);
    out
}

/// The stack cut where a band between two of its rules holds no row of two or more chunks (a
/// heading bar between two tables of one width, or the blank between them) or ends in a heading;
/// the parts that keep `band_min_rules` rules.
pub(crate) fn split(stack: Stack, gs: &[&Glyph], params: &LayoutParams) -> Vec<Stack> {
    let tol = stack.tolerance(params);
    let bands: Vec<(f32, f32, Vec<Row>)> = stack
        .ys
        .windows(2)
        .filter_map(|w| match *w {
            [top, bottom] => {
                let lines = rows(&stack.glyphs_between(gs, top, bottom, tol), params);
                Some((top, bottom, lines))
            }
            _ => None,
        })
        .collect();
    let body = median_size(bands.iter().flat_map(|b| &b.2));
    let mut parts = Vec::new();
    let mut ys: Vec<f32> = Vec::new();
    for (top, bottom, lines) in bands {
        if ys.is_empty() {
            ys.push(top);
        }
        // A larger single line right over the rule is a heading the rule underlines: a new
        // section starts there (a résumé's or a report's section rules), not a table row.
        let heading = lines
            .last()
            .is_some_and(|r| r.chunks.len() == 1 && r.size >= params.heading_size_ratio * body);
        if heading {
            parts.push(std::mem::take(&mut ys));
            ys.push(bottom);
        } else if lines.iter().any(|r| r.chunks.len() > 1) {
            ys.push(bottom);
        } else {
            parts.push(std::mem::take(&mut ys));
        }
    }
    parts.push(ys);
    parts
        .into_iter()
        .filter(|ys| ys.len() >= params.band_min_rules)
        .map(|ys| Stack { ys, ..stack })
        .collect()
}

/// The table a stack rules, from the glyphs whose centre lies inside it; `None` when the text
/// there has not the shape of a table (prose between the rules, one column, a form).
pub(crate) fn table(
    page: usize,
    stack: &Stack,
    gs: &[&Glyph],
    h: &[Rule],
    params: &LayoutParams,
) -> Option<PageTable> {
    let (top, bottom) = (*stack.ys.first()?, *stack.ys.last()?);
    // Rows are banded by the rules above their middle; a header line above the first rule
    // (tables drawn with a rule under the header and none above it) is band 0.
    let tol = stack.tolerance(params);
    let inside = stack.glyphs_between(gs, top, bottom, tol);
    // Rules over the figures only (sum lines in a statement) leave the labels and their leader
    // dots running up to or past their left end: the table is wider than the rules.
    let level: Vec<&Glyph> = gs
        .iter()
        .copied()
        .filter(|g| g.centre().1 > top && g.centre().1 < bottom)
        .collect();
    if rows(&level, params)
        .iter()
        .any(|r| runs_past(stack, r, tol))
    {
        return None;
    }
    let mut lines = rows(&inside, params);
    let mut top = top;
    if let Some(head) = header_above(stack, top, gs, &lines, params) {
        top = head.y0;
        lines.insert(0, head);
    }
    let width = stack.x1 - stack.x0;
    if lines.len() < 2 || lines.iter().any(|r| prose(r, width, params)) {
        return None;
    }
    let mut xs = columns::boundaries(&lines, params.min_river)?;
    let nc = xs.len().checked_sub(1)?;
    if nc < 2 || lines.len().saturating_mul(nc) > MAX_POSITIONS {
        return None;
    }
    let per_row = stack.ys.len() >= params.band_row_rules;
    let mut bottom = bottom;
    if per_row {
        // Rules drawn between the rows may leave the last row without one under it.
        let below = lines_below(stack, bottom, gs, &lines, params);
        let first = lines.len();
        lines.extend(below);
        let bands: Vec<usize> = lines.iter().map(|r| band(stack, r)).collect();
        let continues = continuations(&lines, &bands, &xs, nc);
        let keep = (first + 1..lines.len())
            .find(|&i| !continues.get(i).copied().unwrap_or(false))
            .unwrap_or(lines.len());
        lines.truncate(keep);
        if let Some(last) = lines.get(first..).and_then(<[Row]>::last) {
            bottom = bottom.max(last.y1 + 0.5);
        }
    }
    let bands: Vec<usize> = lines.iter().map(|r| band(stack, r)).collect();
    let mut grid = slots(&lines, &xs, nc);
    let mut spans: Vec<(f32, f32)> = lines.iter().map(|r| (r.y0, r.y1)).collect();
    if per_row {
        let continues = continuations(&lines, &bands, &xs, nc);
        (grid, spans) = join_lines(grid, spans, &continues);
    }
    if rich_rows(&grid) < 2 || is_form(&grid, nc) {
        return None;
    }
    // Rules between the rows draw no header rule; with few rules, the first is under it.
    let header = if per_row {
        0
    } else {
        header::header_lines(&stack.ys, &lines)
    };
    if header > 0 {
        let head_rule = lines.get(header).map_or(bottom, |r| r.y0);
        let width = stack.x1 - stack.x0;
        let groups: Vec<&Rule> = h
            .iter()
            .filter(|r| {
                r.pos > top
                    && r.pos < head_rule
                    && r.from >= stack.x0 - tol
                    && r.to <= stack.x1 + tol
                    && r.to - r.from < width - 2.0 * tol
            })
            .collect();
        header::span_groups(&mut grid, &lines, header, &xs, &groups, tol);
    }
    let stacked = header::is_stacked(&grid, header);
    let mut header = header;
    if stacked {
        let continues = header::wrapped_subheadings(&grid, header);
        header -= continues.iter().filter(|c| **c).count();
        (grid, spans) = join_lines(grid, spans, &continues);
    }
    let mut ys = vec![top];
    for w in spans.windows(2) {
        if let [a, b] = w {
            // The rule between two rows is their boundary; else the middle of the gap.
            let rule = stack
                .ys
                .iter()
                .find(|y| **y >= a.1 - 0.5 && **y <= b.0 + 0.5);
            ys.push(rule.copied().unwrap_or((a.1 + b.0) / 2.0).max(a.0));
        }
    }
    ys.push(bottom.max(ys.last().copied().unwrap_or(top) + 0.01));
    if let Some(first) = xs.first_mut() {
        *first = first.min(stack.x0);
    }
    if let Some(last) = xs.last_mut() {
        *last = last.max(stack.x1);
    }
    let mut cells = cells_of(grid, nc);
    if stacked {
        cells = header::stack_columns(cells, header, nc);
        (cells, header) = header::drop_empty_rows(cells, header, &mut ys);
    }
    Some(PageTable {
        page,
        xs,
        ys,
        cells,
        header_rows: header,
    })
}

/// The band of a line: how many of the stack's rules lie above its middle.
fn band(stack: &Stack, r: &Row) -> usize {
    stack.ys.partition_point(|y| *y < (r.y0 + r.y1) / 2.0)
}

/// Lines right under the last rule that may be the table's last row: the first within an em of
/// the rule in two or more chunks, then the lines following it closely; none runs past the
/// rules' ends. The caller keeps the first and those that continue it.
fn lines_below(
    stack: &Stack,
    bottom: f32,
    gs: &[&Glyph],
    inside: &[Row],
    params: &LayoutParams,
) -> Vec<Row> {
    let em = inside.last().map_or(10.0, |r| r.size.max(1.0));
    let tol = stack.tolerance(params);
    let near = stack.glyphs_between(gs, bottom, bottom + 8.0 * em, tol);
    let mut out: Vec<Row> = Vec::new();
    for r in rows(&near, params) {
        let close = match out.last() {
            None => r.chunks.len() > 1 && r.y0 - bottom <= em,
            Some(above) => r.y0 - above.y1 <= 0.6 * em,
        };
        if !close {
            break;
        }
        out.push(r);
    }
    out
}

/// The line right above the first rule when it is the table's header: within an em of the rule,
/// in two or more chunks, and not part of a wider line (a caption runs past the rules' ends).
fn header_above(
    stack: &Stack,
    top: f32,
    gs: &[&Glyph],
    inside: &[Row],
    params: &LayoutParams,
) -> Option<Row> {
    let em = inside.first().map_or(10.0, |r| r.size.max(1.0));
    let tol = stack.tolerance(params);
    let near: Vec<&Glyph> = gs
        .iter()
        .copied()
        .filter(|g| {
            let cy = g.centre().1;
            cy < top && cy > top - 2.5 * em
        })
        .collect();
    let mine = stack.glyphs_between(&near, top - 2.5 * em, top, tol);
    let head = rows(&mine, params).pop()?;
    if head.chunks.len() < 2 || top - head.y1 > em {
        return None;
    }
    let runs_on = rows(&near, params)
        .iter()
        .filter(|r| r.y0 < head.y1 && r.y1 > head.y0)
        .any(|r| runs_past(stack, r, tol));
    (!runs_on).then_some(head)
}

/// Whether a chunk of the line (of all the page's glyphs) crosses either end of the rules, or
/// stops short of one by less than an em: text the rules do not bound.
fn runs_past(stack: &Stack, line: &Row, tol: f32) -> bool {
    let em = line.size.max(1.0);
    line.chunks.iter().any(|c| {
        (c.x0 < stack.x0 - tol && c.x1 > stack.x0 - em)
            || (c.x0 < stack.x1 + em && c.x1 > stack.x1 + tol)
    })
}

/// Per column of `xs`, the text of a line starting there: (left, right, width of its first word,
/// whether it is a number).
type Extent = Option<(f32, f32, f32, bool)>;

fn extents(line: &Row, xs: &[f32], nc: usize) -> Vec<Extent> {
    let mut out: Vec<Extent> = vec![None; nc];
    for c in &line.chunks {
        let (a, _) = columns::span(xs, c.x0, c.x1);
        let text = c.text.trim();
        let chars = text.chars().count().max(1) as f32;
        let first = text
            .split_whitespace()
            .next()
            .map_or(0, |w| w.chars().count()) as f32;
        let lead = (c.x1 - c.x0) * first / chars;
        if let Some(slot) = out.get_mut(a) {
            *slot = Some(match *slot {
                Some((x0, x1, l, n)) => (x0.min(c.x0), x1.max(c.x1), l, n && is_number(text)),
                None => (c.x0, c.x1, lead, is_number(text)),
            });
        }
    }
    out
}

/// A figure, or the dash standing for none: figures do not wrap onto a second line.
fn is_number(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace() || ".,%()+-–—−$€¥£*".contains(c))
}

/// Whether each line continues the one above it in the same band: every cell it has text in was
/// opened above and wrapped there (the line above ran to the column's right edge, with no room
/// for this line's first word), and neither holds a figure.
fn continuations(lines: &[Row], bands: &[usize], xs: &[f32], nc: usize) -> Vec<bool> {
    let ext: Vec<Vec<Extent>> = lines.iter().map(|l| extents(l, xs, nc)).collect();
    let right: Vec<f32> = (0..nc)
        .map(|k| {
            ext.iter()
                .filter_map(|e| e.get(k).copied().flatten())
                .map(|e| e.1)
                .fold(f32::MIN, f32::max)
        })
        .collect();
    let mut out = vec![false; lines.len()];
    for i in 1..lines.len() {
        let (Some(above), Some(this), Some(line)) = (ext.get(i - 1), ext.get(i), lines.get(i))
        else {
            continue;
        };
        let em = line.size.max(1.0);
        let same_band = bands.get(i - 1) == bands.get(i);
        let wrapped = this
            .iter()
            .zip(above)
            .zip(&right)
            .all(|((t, a), r)| match (t, a) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some(t), Some(a)) => !t.3 && !a.3 && a.1 + 0.25 * em + t.2 > *r,
            });
        if let Some(slot) = out.get_mut(i) {
            *slot = same_band && this.iter().any(Option::is_some) && wrapped;
        }
    }
    out
}

/// Lines joined into the line above where they continue it (`continues`, per line).
fn join_lines(
    grid: Vec<Vec<Slot>>,
    spans: Vec<(f32, f32)>,
    continues: &[bool],
) -> (Vec<Vec<Slot>>, Vec<(f32, f32)>) {
    let mut rows: Vec<Vec<Slot>> = Vec::with_capacity(grid.len());
    let mut out_spans: Vec<(f32, f32)> = Vec::with_capacity(grid.len());
    for (i, (line, span)) in grid.into_iter().zip(spans).enumerate() {
        let joins = continues.get(i).copied().unwrap_or(false);
        match (joins, rows.last_mut(), out_spans.last_mut()) {
            (true, Some(opened), Some(open_span)) => {
                for (slot, o) in line.into_iter().zip(opened.iter_mut()) {
                    match (slot, o) {
                        (Some((end, text, words)), Some((o_end, o_text, o_words))) => {
                            // A wrapped line breaks the cell's text as in ruled cells.
                            o_text.push('\n');
                            o_text.push_str(&text);
                            *o_end = (*o_end).max(end);
                            *o_words += words;
                        }
                        // A heading shorter than its neighbours starts on a later line.
                        (Some(slot), empty @ None) => *empty = Some(slot),
                        (None, _) => {}
                    }
                }
                open_span.1 = open_span.1.max(span.1);
            }
            _ => {
                rows.push(line);
                out_spans.push(span);
            }
        }
    }
    (rows, out_spans)
}
