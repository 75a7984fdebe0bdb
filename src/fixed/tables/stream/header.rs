//! The header of a table ruled across: the lines above its header rule are the header rows; a
//! label over a short rule (booktabs' `\cmidrule`, a statistical table's group rule) spans the
//! columns that rule covers; and in such a stacked header, the lines of a column no group
//! covers are one cell down the whole header ("Age / group / (yrs)").

use super::super::grid::PageCell;
use super::super::rules::Rule;
use super::rows::Row;
use super::Slot;

/// How many of `lines` (top to bottom) are header: those above the first of the rules `ys` with
/// lines both above and below it. None when the header would outnumber the body's lines by more
/// than one (a rule over a total row, not under a header).
pub(crate) fn header_lines(ys: &[f32], lines: &[Row]) -> usize {
    let middle = |r: &Row| (r.y0 + r.y1) / 2.0;
    let above = |y: f32| lines.iter().take_while(|r| middle(r) < y).count();
    let first = ys
        .iter()
        .map(|&y| above(y))
        .find(|&n| n > 0 && n < lines.len())
        .unwrap_or(0);
    if first > lines.len() - first + 1 {
        0
    } else {
        first
    }
}

/// Widens a header label over the columns of the short rule right under it: the label is the
/// only text of its row over that rule, and the rule covers columns (by their middles) of `xs`.
pub(crate) fn span_groups(
    grid: &mut [Vec<Slot>],
    lines: &[Row],
    header: usize,
    xs: &[f32],
    rules: &[&Rule],
    tol: f32,
) {
    for rule in rules {
        // The header line whose bottom sits within an em above the rule.
        let Some(row) = (0..header.min(lines.len())).rev().find(|&i| {
            lines
                .get(i)
                .is_some_and(|l| l.y1 <= rule.pos + 1.0 && rule.pos - l.y1 <= l.size.max(1.0))
        }) else {
            continue;
        };
        let covered: Vec<usize> = xs
            .windows(2)
            .enumerate()
            .filter(|(_, w)| {
                let mid = (w[0] + w.get(1).copied().unwrap_or(w[0])) / 2.0;
                mid >= rule.from - tol && mid <= rule.to + tol
            })
            .map(|(k, _)| k)
            .collect();
        let (Some(&a), Some(&b), Some(slots)) =
            (covered.first(), covered.last(), grid.get_mut(row))
        else {
            continue;
        };
        if a == b {
            continue;
        }
        let labels: Vec<usize> = (a..=b)
            .filter(|&k| slots.get(k).is_some_and(Option::is_some))
            .collect();
        // A label already reaching past the rule's columns belongs to a wider group.
        let [k] = labels[..] else { continue };
        let Some(Some((end, text, words))) = slots.get_mut(k).map(Option::take) else {
            continue;
        };
        if end > b {
            if let Some(slot) = slots.get_mut(k) {
                *slot = Some((end, text, words));
            }
            continue;
        }
        if let Some(slot) = slots.get_mut(a) {
            *slot = Some((b, text, words));
        }
    }
}

/// Whether some header slot spans several columns: the header is stacked (groups over
/// sub-headings), not one row of headings wrapped over several lines.
pub(crate) fn is_stacked(grid: &[Vec<Slot>], header: usize) -> bool {
    grid.iter().take(header).any(|s| has_group(s))
}

/// Whether a slot of the line spans several columns.
fn has_group(slots: &[Slot]) -> bool {
    slots
        .iter()
        .enumerate()
        .any(|(k, s)| s.as_ref().is_some_and(|(end, _, _)| *end > k))
}

/// In a stacked header, the lines under the last one holding a group are one row of
/// sub-headings wrapped over several lines ("Asian/ / Pacific / Islander"): per line, whether it
/// continues the line above (for `join_lines`).
pub(crate) fn wrapped_subheadings(grid: &[Vec<Slot>], header: usize) -> Vec<bool> {
    let mut out = vec![false; grid.len()];
    let Some(last_group) = grid.iter().take(header).rposition(|s| has_group(s)) else {
        return out;
    };
    for slot in out.iter_mut().take(header).skip(last_group + 2) {
        *slot = true;
    }
    out
}

/// In a stacked header, each column that no header cell wider than one column covers becomes one
/// cell down the header, its lines joined. `cells` partition the grid in row-major order.
pub(crate) fn stack_columns(cells: Vec<PageCell>, header: usize, nc: usize) -> Vec<PageCell> {
    if header < 2 {
        return cells;
    }
    let lone = |k: usize| {
        !cells
            .iter()
            .any(|c| c.row < header && c.col_span > 1 && c.col <= k && k < c.col + c.col_span)
    };
    let columns: Vec<usize> = (0..nc).filter(|&k| lone(k)).collect();
    if columns.is_empty() {
        return cells;
    }
    let mut out: Vec<PageCell> = Vec::with_capacity(cells.len());
    let mut joined: Vec<(usize, Vec<String>)> = columns.iter().map(|&k| (k, Vec::new())).collect();
    for c in cells {
        let merged = c.row < header && joined.iter().any(|(k, _)| *k == c.col);
        if !merged {
            out.push(c);
            continue;
        }
        if let Some((_, texts)) = joined.iter_mut().find(|(k, _)| *k == c.col) {
            if !c.text.is_empty() {
                texts.push(c.text);
            }
        }
    }
    for (k, texts) in joined {
        out.push(PageCell {
            row: 0,
            col: k,
            row_span: header,
            col_span: 1,
            text: texts.join("\n"),
            room: f32::INFINITY,
            lead: 0.0,
        });
    }
    out.sort_by_key(|c| (c.row, c.col));
    out
}

/// Header rows left empty once the lone columns run down the header (their lines' only text
/// moved into those cells) are dropped: the row boundaries `ys` lose the one above each, and
/// the header count shrinks. `cells` partition the grid in row-major order.
pub(crate) fn drop_empty_rows(
    cells: Vec<PageCell>,
    header: usize,
    ys: &mut Vec<f32>,
) -> (Vec<PageCell>, usize) {
    let empty = |r: usize| {
        cells
            .iter()
            .filter(|c| c.row == r)
            .all(|c| c.text.is_empty() && c.row_span == 1 && c.col_span == 1)
    };
    let gone: Vec<usize> = (1..header).filter(|&r| empty(r)).collect();
    if gone.is_empty() {
        return (cells, header);
    }
    let before = |r: usize| gone.iter().filter(|&&g| g < r).count();
    let mut out = Vec::with_capacity(cells.len());
    for mut c in cells {
        if gone.contains(&c.row) {
            continue;
        }
        let (top, bottom) = (c.row, c.row + c.row_span);
        let inside = gone.iter().filter(|&&g| g > top && g < bottom).count();
        c.row -= before(top);
        c.row_span -= inside;
        out.push(c);
    }
    for &g in gone.iter().rev() {
        if g < ys.len() {
            ys.remove(g);
        }
    }
    (out, header - gone.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixed::tables::stream::rows::Chunk;

    fn line(y0: f32, chunks: &[(f32, f32, &str)]) -> Row {
        Row {
            y0,
            y1: y0 + 8.0,
            size: 8.0,
            chunks: chunks
                .iter()
                .map(|&(x0, x1, t)| Chunk {
                    text: t.into(),
                    x0,
                    x1,
                    words: 1,
                })
                .collect(),
        }
    }

    #[test]
    fn lines_above_the_first_rule_with_text_on_both_sides_are_the_header() {
        let lines: Vec<Row> = (0..6).map(|i| line(10.0 * i as f32 + 1.0, &[])).collect();
        // Top rule at 0 (nothing above), header rule at 20: two header lines.
        assert_eq!(header_lines(&[0.0, 20.0, 70.0], &lines), 2);
        // A rule over the last line only: a total row, no header.
        assert_eq!(header_lines(&[0.0, 50.0, 70.0], &lines), 0);
    }

    #[test]
    fn a_label_over_a_short_rule_spans_its_columns_and_lone_columns_run_down_the_header() {
        let xs = [0.0, 40.0, 60.0, 80.0];
        let lines = vec![
            line(0.0, &[(62.0, 78.0, "Race")]),
            line(
                10.0,
                &[
                    (2.0, 20.0, "Age"),
                    (42.0, 55.0, "no."),
                    (62.0, 75.0, "rate"),
                ],
            ),
        ];
        let mut grid: Vec<Vec<Slot>> = vec![
            vec![None, None, Some((2, "Race".into(), 1))],
            vec![
                Some((0, "Age".into(), 1)),
                Some((1, "no.".into(), 1)),
                Some((2, "rate".into(), 1)),
            ],
        ];
        let rule = Rule {
            pos: 9.0,
            from: 41.0,
            to: 80.0,
        };
        span_groups(&mut grid, &lines, 2, &xs, &[&rule], 1.0);
        assert_eq!(grid[0][1], Some((2, "Race".into(), 1)));
        assert_eq!(grid[0][2], None);
        assert!(is_stacked(&grid, 2));
        let cells = stack_columns(super::super::cells_of(grid, 3), 2, 3);
        let shape: Vec<(usize, usize, usize, usize, &str)> = cells
            .iter()
            .map(|c| (c.row, c.col, c.row_span, c.col_span, c.text.as_str()))
            .collect();
        assert_eq!(
            shape,
            [
                (0, 0, 2, 1, "Age"),
                (0, 1, 1, 2, "Race"),
                (1, 1, 1, 1, "no."),
                (1, 2, 1, 1, "rate"),
            ]
        );
    }

    #[test]
    fn a_header_row_emptied_by_a_lone_column_is_dropped() {
        let cell = |row, col, row_span, col_span, text: &str| PageCell {
            row,
            col,
            row_span,
            col_span,
            text: text.into(),
            room: f32::INFINITY,
            lead: 0.0,
        };
        // "Age / group" down column 0; row 1 held only "group".
        let cells = vec![
            cell(0, 0, 3, 1, "Age\ngroup"),
            cell(0, 1, 1, 2, "Race"),
            cell(1, 1, 1, 1, ""),
            cell(1, 2, 1, 1, ""),
            cell(2, 1, 1, 1, "no."),
            cell(2, 2, 1, 1, "rate"),
            cell(3, 0, 1, 1, "45"),
            cell(3, 1, 1, 1, "1"),
            cell(3, 2, 1, 1, "2"),
        ];
        let mut ys = vec![0.0, 10.0, 20.0, 30.0, 40.0];
        let (cells, header) = drop_empty_rows(cells, 3, &mut ys);
        assert_eq!(header, 2);
        assert_eq!(ys, [0.0, 20.0, 30.0, 40.0]);
        let shape: Vec<(usize, usize, usize, usize)> = cells
            .iter()
            .map(|c| (c.row, c.col, c.row_span, c.col_span))
            .collect();
        assert_eq!(
            shape,
            [
                (0, 0, 2, 1),
                (0, 1, 1, 2),
                (1, 1, 1, 1),
                (1, 2, 1, 1),
                (2, 0, 1, 1),
                (2, 1, 1, 1),
                (2, 2, 1, 1)
            ]
        );
    }
}
