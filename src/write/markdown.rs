//! Markdown writer (`--to md`) for LLM and documentation pipelines.
//!
//! Headings become `#` headings (levels past 6 as `######`), paragraphs Markdown
//! paragraphs (list items as `-` or `1.` items, indented by level), notes `[^id]:`
//! definitions at the end. A table without spans or nested tables becomes a pipe table
//! with its first row as header; any other table becomes an HTML `<table>` with `rowspan`
//! and `colspan`, header rows in `<thead>` as `<th>`, nested tables inside their cell, so
//! no merge is ever flattened away.

use super::tables::{has_spans, numbered, select, Layout};
use crate::model::{Block, Document, Paragraph, Table};
use std::io::{self, Write};

/// How documents become Markdown.
#[derive(Debug, Clone, Default)]
pub struct MarkdownOptions {
    /// Write only the table with this label (`3`, or `3.1` for a nested one).
    pub table: Option<String>,
}

/// Writes `doc` (or only its selected table) as Markdown. A label naming no table is an
/// `InvalidInput` error.
pub fn write<W: Write>(doc: &Document, options: &MarkdownOptions, mut out: W) -> io::Result<()> {
    if let Some(pick) = options.table.as_deref() {
        let tables = select(numbered(doc), Some(pick))
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        for (_, t) in tables {
            write_table(t, &mut out)?;
        }
        return out.flush();
    }
    let mut first = true;
    let mut prev_was_item = false;
    for block in &doc.blocks {
        let chunk = match block {
            Block::Heading(h) if !h.text.trim().is_empty() => {
                let hashes = "#".repeat(usize::from(h.level.clamp(1, 6)));
                let text = h.displayed().replace('\n', " ");
                format!("{hashes} {}\n", escape_inline(&text))
            }
            Block::Paragraph(p) if !p.text.trim().is_empty() => paragraph(p),
            Block::Table(t) => table_markdown(t),
            _ => continue,
        };
        let is_item = matches!(block, Block::Paragraph(Paragraph { list: Some(_), .. }));
        // Items of one list stay together; everything else is separated by a blank line.
        let same_list = is_item && prev_was_item;
        if !first && !same_list {
            out.write_all(b"\n")?;
        }
        out.write_all(chunk.as_bytes())?;
        first = false;
        prev_was_item = is_item;
    }
    if !doc.notes.is_empty() {
        out.write_all(b"\n")?;
        for n in &doc.notes {
            let id: String =
                n.id.chars()
                    .filter(|c| c.is_alphanumeric() || *c == '-')
                    .collect();
            writeln!(
                out,
                "[^{id}]: {}",
                escape_inline(&n.text).replace('\n', " ")
            )?;
        }
    }
    out.flush()
}

fn paragraph(p: &Paragraph) -> String {
    // A CommonMark hard line break is a backslash before the newline.
    let lines: Vec<String> = p.text.split('\n').map(escape_inline).collect();
    let Some(list) = &p.list else {
        return format!("{}\n", escape_line_start(&lines.join("\\\n")));
    };
    let indent = "   ".repeat(usize::from(list.level));
    let marker = list.marker.as_deref().unwrap_or("").trim();
    let ordered = marker.len() > 1
        && marker.ends_with(['.', ')'])
        && marker[..marker.len() - 1]
            .bytes()
            .all(|b| b.is_ascii_digit());
    let lead = if ordered {
        marker.to_string()
    } else if marker.is_empty() || is_bullet(marker) {
        "-".to_string()
    } else {
        // Markers such as （一） or a) are kept as text so nothing is lost.
        format!("- {}", escape_inline(marker))
    };
    let body = lines.join(&format!("\\\n{indent}   "));
    format!("{indent}{lead} {body}\n")
}

fn is_bullet(marker: &str) -> bool {
    marker.chars().count() == 1 && !marker.chars().all(char::is_alphanumeric)
}

/// Escapes the characters that would start inline Markdown or HTML.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what would make a paragraph's first line a heading, list, quote or rule.
fn escape_line_start(line: &str) -> String {
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let ordered = digits > 0 && trimmed[digits..].starts_with(['.', ')']);
    if trimmed.starts_with(['#', '-', '+', '=', '~']) {
        format!("{}\\{}", &line[..lead], trimmed)
    } else if ordered {
        format!(
            "{}{}\\{}",
            &line[..lead],
            &trimmed[..digits],
            &trimmed[digits..]
        )
    } else {
        line.to_string()
    }
}

fn write_table<W: Write>(t: &Table, out: &mut W) -> io::Result<()> {
    out.write_all(table_markdown(t).as_bytes())
}

/// A table as a pipe table when that loses nothing, else as HTML.
fn table_markdown(t: &Table) -> String {
    if t.rows == 0 || t.cols == 0 {
        return String::new();
    }
    let nested = t.cells.iter().any(|c| !c.tables.is_empty());
    if has_spans(t) || nested {
        let mut s = String::new();
        html_table(t, &mut s);
        return s;
    }
    let layout = Layout::new(t);
    let mut s = String::new();
    for row in 0..layout.rows {
        s.push('|');
        for col in 0..layout.cols {
            let text = layout.text_at(row, col, false);
            s.push(' ');
            s.push_str(&escape_inline(text).replace('\n', "<br>"));
            s.push_str(" |");
        }
        s.push('\n');
        if row == 0 {
            s.push('|');
            s.push_str(&" --- |".repeat(layout.cols));
            s.push('\n');
        }
    }
    s
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // A blank line would end the HTML block in CommonMark, so no raw newlines.
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

/// Appends `t` as HTML, one `<tr>` line per grid row (rows wholly covered by spans from
/// above included, so the rowspans count right), nested tables inside their cell. The
/// recursion is as deep as the nesting, which readers bound (`Limits::max_table_nesting`).
fn html_table(t: &Table, out: &mut String) {
    if t.rows == 0 || t.cols == 0 {
        out.push_str("<table></table>\n");
        return;
    }
    out.push_str("<table>\n");
    let header_rows = t.header_rows.min(t.rows);
    let mut cells = t.cells.iter().peekable();
    for row in 0..t.rows {
        if row == 0 && header_rows > 0 {
            out.push_str("<thead>\n");
        }
        if row == header_rows {
            out.push_str(if header_rows > 0 {
                "</thead>\n<tbody>\n"
            } else {
                "<tbody>\n"
            });
        }
        out.push_str("<tr>");
        let tag = if row < header_rows { "th" } else { "td" };
        while let Some(c) = cells.next_if(|c| c.row <= row) {
            out.push('<');
            out.push_str(tag);
            if c.row_span > 1 {
                out.push_str(&format!(" rowspan=\"{}\"", c.row_span));
            }
            if c.col_span > 1 {
                out.push_str(&format!(" colspan=\"{}\"", c.col_span));
            }
            out.push('>');
            out.push_str(&escape_html(&c.text));
            for nested in &c.tables {
                out.push('\n');
                html_table(nested, out);
            }
            out.push_str(&format!("</{tag}>"));
        }
        out.push_str("</tr>\n");
    }
    out.push_str(if header_rows >= t.rows {
        "</thead>\n"
    } else {
        "</tbody>\n"
    });
    out.push_str("</table>\n");
}
