//! `<table>` to a grid, by the HTML spec's table model: each cell takes the first column of its
//! row not covered from above; `colspan` and `rowspan` are parsed as browsers parse them, and a
//! row span ends with its row group. The grid itself (partition, holes, overlaps, limits) is
//! `TableBuilder`'s.

use super::content;
use super::walk::{Flow, Walker};
use crate::error::Error;
use crate::model::{Cell, Table};
use crate::table::cell_content;
use crate::table::{Holes, Place, TableBuilder};
use ego_tree::NodeRef;
use scraper::Node;

/// The spec's bounds on spans.
const MAX_COLSPAN: usize = 1000;
const MAX_ROWSPAN: usize = 65534;

/// A row group (`thead`, `tbody`, `tfoot`, or rows straight in the table) and its rows.
struct Group<'a> {
    head: bool,
    rows: Vec<NodeRef<'a, Node>>,
}

/// The caption's text and the table (`None` when it has no rows).
pub(super) fn read(
    walker: &mut Walker,
    node: NodeRef<'_, Node>,
    depth: usize,
) -> Result<(Option<String>, Option<Table>), Error> {
    let mut caption = None;
    let mut groups: Vec<Group> = Vec::new();
    for child in node.children() {
        let Some(e) = child.value().as_element() else {
            continue;
        };
        if content::skipped(child, true).is_some() {
            continue;
        }
        match e.name() {
            "caption" if caption.is_none() => {
                let mut flow = Flow::new(false);
                walker.children(child, &mut flow, depth + 1)?;
                flow.flush();
                caption = Some(cell_content(flow.blocks).0.trim().to_string());
            }
            "thead" | "tbody" | "tfoot" => groups.push(Group {
                head: e.name() == "thead",
                rows: child.children().filter(|r| is(r, &["tr"])).collect(),
            }),
            "tr" => match groups.last_mut() {
                Some(g) if !g.head => g.rows.push(child),
                _ => groups.push(Group {
                    head: false,
                    rows: vec![child],
                }),
            },
            _ => {}
        }
    }
    let limits = walker.limits();
    let mut builder = TableBuilder::new(Place::part("html table"), 0, &limits);
    // Per column, the first row not covered by a cell from above.
    let mut covered_until: Vec<usize> = Vec::new();
    let mut row = 0;
    let header_rows = match groups.first() {
        Some(g) if g.head => g.rows.len(),
        _ => 0,
    };
    for group in &groups {
        let end = row + group.rows.len();
        for tr in &group.rows {
            builder.ensure_size(row + 1, 0)?;
            let mut col = 0;
            for td in tr.children().filter(|c| is(c, &["td", "th"])) {
                if content::skipped(td, true).is_some() {
                    continue;
                }
                while covered_until.get(col).is_some_and(|&until| until > row) {
                    col += 1;
                }
                let e = td.value().as_element();
                let col_span = match e.and_then(|e| e.attr("colspan")).and_then(non_negative) {
                    Some(0) | None => 1,
                    Some(n) => n.min(MAX_COLSPAN),
                };
                let row_span = match e.and_then(|e| e.attr("rowspan")).and_then(non_negative) {
                    Some(0) => end - row,
                    None => 1,
                    Some(n) => n.min(MAX_ROWSPAN).min(end - row),
                };
                let mut flow = Flow::new(true);
                walker.children(td, &mut flow, depth + 1)?;
                flow.flush();
                let (text, tables) = cell_content(flow.blocks);
                builder.add(Cell {
                    tables,
                    ..Cell::new(row, col, row_span, col_span, text.trim())
                })?;
                // Within max_table_cols: `add` checked the cell's end.
                if covered_until.len() < col + col_span {
                    covered_until.resize(col + col_span, 0);
                }
                for until in covered_until.iter_mut().skip(col).take(col_span) {
                    *until = row + row_span;
                }
                col += col_span;
            }
            row += 1;
        }
    }
    if builder.rows() == 0 {
        return Ok((caption, None));
    }
    let (table, warnings) = builder.finish(0, header_rows, Holes::Warn);
    walker.warnings.extend(warnings);
    Ok((caption, Some(table)))
}

fn is(node: &NodeRef<'_, Node>, names: &[&str]) -> bool {
    node.value()
        .as_element()
        .is_some_and(|e| names.contains(&e.name()))
}

/// The HTML spec's "rules for parsing non-negative integers": leading white space, an optional
/// `+`, digits; anything after the digits is ignored (`2px` is 2), no digits is an error.
fn non_negative(value: &str) -> Option<usize> {
    let s = value.trim_start_matches([' ', '\t', '\n', '\r', '\x0c']);
    let s = s.strip_prefix('+').unwrap_or(s);
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let digits = s.get(..digits).filter(|d| !d.is_empty())?;
    // Huge numbers are merely large: they are clamped to the spec's bound after.
    Some(digits.parse().unwrap_or(usize::MAX))
}

#[cfg(test)]
mod tests {
    use super::non_negative;

    #[test]
    fn spans_parse_as_browsers_do() {
        assert_eq!(non_negative(" 2px"), Some(2));
        assert_eq!(non_negative("+3"), Some(3));
        assert_eq!(non_negative("x"), None);
        assert_eq!(non_negative("-1"), None);
        assert_eq!(non_negative("99999999999999999999999"), Some(usize::MAX));
    }
}
