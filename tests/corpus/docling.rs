//! Expected grids from docling's DOCX groundtruth (DoclingDocument JSON).

use super::util::{ExpCell, ExpTable};
use serde_json::Value;

/// Every entry of `tables[]`, in the groundtruth's order (docling appends a table when it
/// meets it, so an outer table precedes the tables nested in its cells).
pub fn tables(doc: &Value) -> Result<Vec<ExpTable>, String> {
    let ts = doc["tables"].as_array().ok_or("no tables array")?;
    ts.iter()
        .enumerate()
        .map(|(i, t)| table(&t["data"]).map_err(|e| format!("tables[{i}]: {e}")))
        .collect()
}

fn table(data: &Value) -> Result<ExpTable, String> {
    let n = |v: &Value, k: &str| -> Result<usize, String> {
        v[k].as_u64()
            .map(|x| x as usize)
            .ok_or_else(|| format!("missing {k}"))
    };
    let mut cells = Vec::new();
    for c in data["table_cells"].as_array().ok_or("no table_cells")? {
        let (r0, r1) = (n(c, "start_row_offset_idx")?, n(c, "end_row_offset_idx")?);
        let (c0, c1) = (n(c, "start_col_offset_idx")?, n(c, "end_col_offset_idx")?);
        let (rs, cs) = (n(c, "row_span")?, n(c, "col_span")?);
        if r1 - r0 != rs || c1 - c0 != cs {
            return Err(format!("cell ({r0},{c0}): offsets disagree with spans"));
        }
        cells.push(ExpCell {
            row: r0,
            col: c0,
            row_span: rs,
            col_span: cs,
            text: c["text"].as_str().unwrap_or_default().to_string(),
        });
    }
    Ok(ExpTable {
        rows: n(data, "num_rows")?,
        cols: n(data, "num_cols")?,
        cells,
    })
}

/// docgrid's tables in the order docling lists its own: pre-order (a table, then the tables
/// nested in its cells, row-major), leaving out 1×1 tables. docling's Word backend walks a
/// single-cell table as body content instead of emitting a table (groundtruth
/// `tablecell.docx.json`: the 1×1 "Hello world1" table is text, and the 1×1 wrapper around the
/// 3×3 table is dropped while the 3×3 table is kept); tables inside such a wrapper still count.
pub fn our_tables_in_docling_order(doc: &docgrid::Document) -> Vec<&docgrid::model::Table> {
    let mut out = Vec::new();
    for t in doc.tables() {
        preorder(t, &mut out);
    }
    out
}

fn preorder<'a>(t: &'a docgrid::model::Table, out: &mut Vec<&'a docgrid::model::Table>) {
    if !(t.rows == 1 && t.cols == 1) {
        out.push(t);
    }
    for c in &t.cells {
        for n in &c.tables {
            preorder(n, out);
        }
    }
}

/// One text item of docling's indented-text groundtruth (`.itxt`): body text, headings, list
/// items and checkboxes in reading order, with what is inside tables left out (the tables are
/// compared as grids) and an `inline` group's runs joined into the one paragraph they are.
#[derive(Debug, Clone, PartialEq)]
pub struct ItxtItem {
    /// docling's label: `text`, `section_header`, `title`, `list_item`, `checkbox_selected`…
    pub kind: String,
    /// The text; docling shortens long texts to `head ... tail` ([`itxt_matches`]).
    pub text: String,
}

/// The body text items of an `.itxt` file, in order.
pub fn itxt_items(itxt: &str) -> Vec<ItxtItem> {
    // An item's text may hold newlines: a line that does not start a new item continues it.
    let mut raw: Vec<String> = Vec::new();
    for line in itxt.split('\n') {
        let starts = line.trim_start().starts_with("item-") && line.contains(" at level ");
        match raw.last_mut() {
            Some(last) if !starts => {
                last.push('\n');
                last.push_str(line);
            }
            _ => raw.push(line.to_string()),
        }
    }
    let mut items = Vec::new();
    let mut skip_below: Option<usize> = None;
    let mut inline: Option<(usize, String)> = None;
    for entry in &raw {
        let Some((level, kind, text)) = parse_itxt_line(entry) else {
            continue;
        };
        if skip_below.is_some_and(|l| level > l) {
            continue;
        }
        skip_below = None;
        if let Some((l, joined)) = inline.take() {
            if level > l {
                inline = Some((l, joined + text.trim()));
                continue;
            }
            if !joined.is_empty() {
                items.push(ItxtItem {
                    kind: "inline".into(),
                    text: joined,
                });
            }
        }
        match kind {
            k if k.starts_with("table") || k == "picture" => skip_below = Some(level),
            "inline" => inline = Some((level, String::new())),
            "text"
            | "section_header"
            | "title"
            | "subtitle"
            | "list_item"
            | "caption"
            | "paragraph"
            | "checkbox_selected"
            | "checkbox_unselected"
                if !text.trim().is_empty() =>
            {
                items.push(ItxtItem {
                    kind: kind.to_string(),
                    text: text.trim().to_string(),
                });
            }
            _ => {}
        }
    }
    if let Some((_, joined)) = inline.filter(|(_, j)| !j.is_empty()) {
        items.push(ItxtItem {
            kind: "inline".into(),
            text: joined,
        });
    }
    items
}

/// `  item-3 at level 2: section_header: 1 Section 1` → (2, "section_header", "1 Section 1").
fn parse_itxt_line(entry: &str) -> Option<(usize, &str, &str)> {
    let rest = entry.trim_start().strip_prefix("item-")?;
    let (_, rest) = rest.split_once(" at level ")?;
    let (level, rest) = rest.split_once(": ")?;
    let level = level.parse().ok()?;
    let (kind, text) = match rest.split_once(": ") {
        Some((k, t)) => (k, t),
        None => (rest.trim_end_matches(':'), ""),
    };
    // "table with [3x3]" and "group header-0" carry no text of their own.
    let kind = kind.split(' ').next().unwrap_or(kind);
    Some((level, kind, text))
}

/// Whether docgrid's `ours` is docling's `expected` text: equal, or, where docling shortened
/// it to `head ... tail`, starting and ending the same; an inline group (runs docling lists one
/// by one, trimmed) compares with whitespace left out.
pub fn itxt_matches(expected: &ItxtItem, ours: &str) -> bool {
    let ours = ours.trim();
    if expected.kind == "inline" {
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        return squeeze(&expected.text) == squeeze(ours);
    }
    match expected.text.split_once(" ... ") {
        Some((head, tail)) => ours.starts_with(head) && ours.ends_with(tail),
        None => expected.text == ours,
    }
}

/// docgrid's body text in docling's terms: headings with their label, paragraphs
/// with a checkbox glyph dropped (docling's label says checked or not), and a 1×1 table's
/// paragraphs as body text (docling walks a single-cell table as body content, see
/// [`our_tables_in_docling_order`]); a 1×1 wrapper around a nested table adds no text.
pub fn our_text_items(doc: &docgrid::Document) -> Vec<String> {
    use docgrid::model::Block;
    let mut out = Vec::new();
    for block in &doc.blocks {
        match block {
            // docling writes a heading's number without the period Word shows after it
            // (`lvlText` "%1.%2." displays "1.1.", docling's itxt "1.1 Section 1.1").
            Block::Heading(h) => out.push(match &h.label {
                Some(label) => format!("{} {}", label.trim_end_matches('.'), h.text),
                None => h.text.clone(),
            }),
            Block::Paragraph(p) => {
                let text = p.text.trim_start_matches(['☐', '☒', '☑']).trim_start();
                out.push(text.to_string());
            }
            Block::Table(t) if t.rows == 1 && t.cols == 1 => {
                for c in t.cells.iter().filter(|c| c.tables.is_empty()) {
                    out.extend(c.text.split('\n').map(str::to_string));
                }
            }
            Block::Table(_) => {}
        }
    }
    out.retain(|t| !t.trim().is_empty());
    out
}
