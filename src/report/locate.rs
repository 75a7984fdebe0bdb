//! Where the report's tables are: every table of the document (nested ones too, as side-by-side
//! layouts hold them), labelled as `--table` labels them, each with the year its context names
//! (the nearest heading or title line above it, or the header of the layout column holding it).

use crate::model::{Block, Document, Table};

/// Where a year or organisation was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The report's title line.
    Title,
    /// A heading (or a short title-like line) above the tables, or a layout column's header.
    Heading,
    /// Body text that names the issuing body.
    Body,
    /// The input's file name.
    FileName,
}

impl Source {
    /// The name written in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Title => "title",
            Source::Heading => "heading",
            Source::Body => "body",
            Source::FileName => "file_name",
        }
    }
}

/// One table of the document as the report profile sees it.
#[derive(Debug, Clone)]
pub struct Candidate<'d> {
    /// The table.
    pub table: &'d Table,
    /// Its 1-based label as `--table` and `docgrid tables` name it (`3`, `2.1`).
    pub label: String,
    /// The pages it lies on (PDF; empty for flow formats).
    pub pages: Vec<u32>,
    /// The year its context names, if any.
    pub year: Option<u32>,
    /// Which container it sits in: `None` at top level, else the label of its parent table and
    /// the column of the parent cell (pieces of one table never cross containers).
    pub parent: Option<(String, usize)>,
    /// Whether it holds nested tables (a layout or frame table, not a report table).
    pub container: bool,
    /// The years of the last line naming several (`2022年度  2023年度` over a side-by-side
    /// layout), when no single year is in force: the k-th copy of a table belongs to the k-th.
    pub columns: Vec<u32>,
    /// Which such line: copies are counted from it.
    pub columns_line: usize,
}

/// The pages a table lies on.
pub fn pages_of(t: &Table) -> Vec<u32> {
    if t.pages.is_empty() {
        t.page.into_iter().collect()
    } else {
        t.pages.clone()
    }
}

/// Every distinct report year in `text`, in order.
pub fn years_in(text: &str) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    let mut rest = text;
    // Each `年` ends a candidate; the year is read from the text up to it.
    while let Some(i) = rest.find('年') {
        let end = i + '年'.len_utf8();
        if let Some(y) = year_in(rest.get(..end).unwrap_or("")) {
            if !out.contains(&y) {
                out.push(y);
            }
        }
        rest = rest.get(end..).unwrap_or("");
    }
    out
}

/// A report year in `text`: the last `20xx` (or `19xx`) followed by `年`, in a short line.
/// Lines of narrative ("2023年，我区…") are not context, so only short lines are read.
pub fn year_in(text: &str) -> Option<u32> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut found = None;
    for i in 0..chars.len().saturating_sub(4) {
        let Some(window) = chars.get(i..i + 5) else {
            continue;
        };
        let is_year = window.iter().take(4).all(char::is_ascii_digit)
            && window.get(4) == Some(&'年')
            && (i == 0 || !chars.get(i - 1).is_some_and(char::is_ascii_digit));
        if is_year {
            let digits: String = window.iter().take(4).collect();
            if let Ok(y) = digits.parse::<u32>() {
                if (1990..=2099).contains(&y) {
                    found = Some(y);
                }
            }
        }
    }
    found
}

/// Whether a paragraph is short and title-like enough to set the year of the tables below it.
fn context_line(text: &str) -> bool {
    let n = text.chars().filter(|c| !c.is_whitespace()).count();
    n <= 40 && (text.contains("年度") || text.contains("报告") || n <= 8)
}

/// Every table in document order (a table before the tables nested in it), with its context.
pub fn candidates(doc: &Document) -> Vec<Candidate<'_>> {
    let mut out = Vec::new();
    let mut ctx = Context::default();
    let mut n = 0;
    for b in &doc.blocks {
        match b {
            Block::Heading(h) => ctx.read(&h.text),
            Block::Paragraph(p) if context_line(&p.text) => ctx.read(&p.text),
            Block::Table(t) => {
                n += 1;
                let first = out.len();
                push(&mut out, t, n.to_string(), ctx.year, None, &pages_of(t));
                for c in out.iter_mut().skip(first).filter(|c| c.year.is_none()) {
                    c.columns.clone_from(&ctx.columns);
                    c.columns_line = ctx.line;
                }
            }
            _ => {}
        }
    }
    out
}

/// The year context while walking the blocks.
#[derive(Default)]
struct Context {
    year: Option<u32>,
    columns: Vec<u32>,
    line: usize,
}

impl Context {
    /// A context line: one year sets it; several (a side-by-side layout's column heads, or a
    /// comparison's title) set the columns and clear the single year.
    fn read(&mut self, text: &str) {
        let years = years_in(text);
        match years.as_slice() {
            [] => {}
            [one] => {
                self.year = Some(*one);
                self.columns.clear();
            }
            _ => {
                self.year = None;
                self.columns = years;
                self.line += 1;
            }
        }
    }
}

/// Pushes `t` and then its nested tables, each nested one with the year of its cell's first
/// line, else of its column's header cell, else the year around the parent.
fn push<'d>(
    out: &mut Vec<Candidate<'d>>,
    t: &'d Table,
    label: String,
    year: Option<u32>,
    parent: Option<(String, usize)>,
    pages: &[u32],
) {
    let container = t.cells.iter().any(|c| !c.tables.is_empty());
    out.push(Candidate {
        table: t,
        label: label.clone(),
        pages: pages.to_vec(),
        year,
        parent,
        container,
        columns: Vec::new(),
        columns_line: 0,
    });
    if !container {
        return;
    }
    let column_year = |col: usize| {
        t.cells
            .iter()
            .filter(|c| c.col <= col && col < c.col + c.col_span && c.tables.is_empty())
            .filter_map(|c| year_in(&c.text).filter(|_| c.text.chars().count() <= 40))
            .next()
    };
    let mut k = 0;
    for cell in &t.cells {
        let first_line = cell.text.lines().next().unwrap_or("");
        let cell_year = year_in(first_line)
            .filter(|_| context_line(first_line))
            .or_else(|| column_year(cell.col))
            .or(year);
        for nested in &cell.tables {
            k += 1;
            let nested_pages = if pages_of(nested).is_empty() {
                pages.to_vec()
            } else {
                pages_of(nested)
            };
            push(
                out,
                nested,
                format!("{label}.{k}"),
                cell_year,
                Some((label.clone(), cell.col)),
                &nested_pages,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_in_context_lines() {
        assert_eq!(year_in("2023年度"), Some(2023));
        assert_eq!(year_in("某区2022年政府信息公开工作年度报告"), Some(2022));
        assert_eq!(year_in("12023年"), None);
        assert_eq!(year_in("三、收到和处理政府信息公开申请情况"), None);
        assert_eq!(years_in("2022年度\t2023年度"), [2022, 2023]);
        assert_eq!(years_in("（2022年度、2023年度、2022年）"), [2022, 2023]);
    }
}
