//! A cell's content as the contract gives it: the text of its blocks and the tables nested in it.

use crate::model::{Block, Table};

/// Joins the blocks of a cell (or a note, a caption) into one text, paragraphs and headings
/// joined with `\n`; a nested table contributes its non-empty cell texts in row-major order, so
/// its words are still found in the cell's text as the contract demands. Returns the text,
/// untrimmed, and the nested tables, re-indexed by position within the cell.
pub fn cell_content(blocks: Vec<Block>) -> (String, Vec<Table>) {
    let mut text = String::new();
    let mut tables = Vec::new();
    let mut first = true;
    let mut line = |text: &mut String, s: &str| {
        if !first {
            text.push('\n');
        }
        first = false;
        text.push_str(s);
    };
    for b in blocks {
        match b {
            Block::Paragraph(p) => line(&mut text, &p.text),
            Block::Heading(h) => line(&mut text, &h.text),
            Block::Table(mut t) => {
                for c in t.cells.iter().filter(|c| !c.text.is_empty()) {
                    line(&mut text, &c.text);
                }
                t.index = tables.len();
                tables.push(t);
            }
        }
    }
    (text, tables)
}
