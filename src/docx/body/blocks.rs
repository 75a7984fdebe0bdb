//! The state of open paragraphs, block containers and tables while a part streams by,
//! and how each becomes model blocks when its element ends.

use super::Context;
use crate::docx::numbering::Counters;
use crate::docx::table_grid::{CellSpec, VMerge, WordTableBuilder};
use crate::model::{Block, Heading, Paragraph};

/// A run of blocks being collected for the top level, a cell, a note or a text box.
#[derive(Debug)]
pub(super) struct Container {
    /// Empty paragraphs still count inside cells and notes (they separate lines of the
    /// joined text); at the top level they are layout, not content, and are dropped.
    /// A text box inherits the flag of the container it stands in.
    pub keep_empty: bool,
    /// How many paragraphs were open when the container began: only paragraphs above
    /// that mark belong to it (a text box in a cell must not reach the cell's outer paragraph).
    pub para_depth: usize,
    pub blocks: Vec<Block>,
}

impl Container {
    /// An empty container.
    pub fn new(keep_empty: bool, para_depth: usize) -> Container {
        Container {
            keep_empty,
            para_depth,
            blocks: Vec::new(),
        }
    }
}

/// An open `w:p`.
#[derive(Debug, Default)]
pub(super) struct OpenParagraph {
    pub text: String,
    pub style_id: Option<String>,
    /// Direct `w:outlineLvl` (0–9; 9 is body text).
    pub outline: Option<u8>,
    pub num_id: Option<String>,
    pub ilvl: Option<u8>,
    /// The paragraph mark is a deleted revision: accepting it joins this text to the next paragraph.
    pub mark_deleted: bool,
    /// The paragraph is a drop cap (`w:framePr w:dropCap`): its letter starts the next paragraph.
    pub drop_cap: bool,
    /// Blocks of text boxes anchored in this paragraph, emitted right after it.
    pub anchored: Vec<Block>,
}

impl OpenParagraph {
    /// Turns the finished paragraph into its block (if any) followed by its anchored
    /// blocks, appended to `out`. List counters advance even for headings and dropped
    /// paragraphs, so that later items keep Word's numbers.
    pub fn finish(
        self,
        ctx: &Context,
        counters: &mut Counters,
        keep_empty: bool,
        out: &mut Vec<Block>,
    ) {
        let OpenParagraph {
            text,
            style_id,
            outline,
            num_id,
            ilvl,
            anchored,
            ..
        } = self;
        let style_num = style_id.as_deref().and_then(|s| ctx.styles.numbering(s));
        let num = match (num_id, style_num) {
            (Some(id), _) => Some((id, ilvl.unwrap_or(0))),
            (None, Some((id, lvl))) => Some((id, ilvl.unwrap_or(lvl))),
            (None, None) => None,
        };
        let list = num.and_then(|(id, lvl)| ctx.numbering.item(counters, &id, lvl));
        // A direct outline level decides on its own (9 = body text even in a heading style).
        let level = match outline {
            Some(l) if l < 9 => Some(l + 1),
            Some(_) => None,
            None => style_id
                .as_deref()
                .and_then(|s| ctx.styles.heading_level(s)),
        };
        let text = if keep_empty {
            text
        } else {
            text.trim().to_string()
        };
        let is_empty = text.trim().is_empty();
        if let Some(level) = level {
            if keep_empty || !is_empty {
                out.push(Block::Heading(Heading {
                    level,
                    text,
                    label: list.and_then(|l| l.marker).map(|m| m.trim().to_string()),
                    page: None,
                    ocr: None,
                }));
            }
        } else if keep_empty || !is_empty || list.is_some() {
            // Without a `w:default` paragraph style (LibreOffice writes none) Word falls back to `Normal`.
            let default = ctx.styles.default_paragraph().unwrap_or("Normal");
            let style = style_id
                .filter(|id| id != default)
                .and_then(|id| ctx.styles.name(&id).map(str::to_string));
            out.push(Block::Paragraph(Paragraph {
                text,
                style,
                list,
                page: None,
                ocr: None,
            }));
        }
        out.extend(anchored);
    }
}

/// An open `w:tbl`.
#[derive(Debug, Default)]
pub(super) struct TableState {
    /// `w:gridCol` elements of `w:tblGrid`.
    pub grid_cols: usize,
    pub builder: Option<WordTableBuilder>,
    pub row: Option<RowState>,
    pub cell: Option<CellState>,
}

/// An open `w:tr`.
#[derive(Debug, Default)]
pub(super) struct RowState {
    pub before: usize,
    pub after: usize,
    pub header: bool,
    pub cells: Vec<CellSpec>,
}

/// An open `w:tc` (its content lives in a [`Container`]).
#[derive(Debug, Default)]
pub(super) struct CellState {
    pub span: usize,
    pub vmerge: VMerge,
    pub hmerge_continue: bool,
}

/// Parses a decimal attribute value, `None` when absent or not a number.
pub(super) fn parse_num<T: std::str::FromStr>(v: Option<&str>) -> Option<T> {
    v.and_then(|s| s.trim().parse().ok())
}
