//! One pass of pull events over a part (main, notes, header or footer), with explicit
//! stacks instead of recursion so that input depth can only cost memory bounded by
//! `Limits::max_depth`.
//!
//! Elements not named here are transparent: their children are read as if they stood in
//! the parent. That is what unwraps `w:sdt`/`sdtContent`, `w:smartTag`, `w:customXml`,
//! `w:hyperlink`, `w:fldSimple`, `w:ins`, `w:moveTo`, `w:dir`, `w:bdo`, drawings and VML
//! shapes at every level (block, row, cell, run) without listing each position.

use super::blocks::{Container, OpenParagraph, TableState};
use super::Context;
use crate::docx::numbering::Counters;
use crate::docx::table_grid::{CellSpec, WordTableBuilder};
use crate::docx::xml::XmlReader;
use crate::error::Error;
use crate::model::{Block, Note, Warning};
use crate::table::cell_content;
use crate::word::symbols::UnmappedSymbols;
use quick_xml::events::Event;
use std::io::BufRead;

mod glyphs;
mod open;

use glyphs::{CheckboxContent, OpenField};

/// Which kind of part is streamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PartKind {
    /// The main document part.
    Main,
    /// `footnotes.xml` or `endnotes.xml`.
    Notes,
    /// A header or footer part.
    HeaderFooter,
}

/// What one part yields.
#[derive(Debug, Default)]
pub(super) struct Walked {
    /// Top-level blocks; table indexes are not yet numbered.
    pub blocks: Vec<Block>,
    /// Notes, for a notes part.
    pub notes: Vec<Note>,
    /// Recovered problems.
    pub warnings: Vec<Warning>,
    /// `r:id`s of header/footer references in document order, without repeats.
    pub header_refs: Vec<String>,
    /// Symbol-font characters kept as private-use code points, for one warning per font.
    pub unmapped_symbols: UnmappedSymbols,
}

/// What an open element means to the walker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Other,
    P,
    PPr,
    NumPr,
    R,
    T,
    Tbl,
    TblGrid,
    Tr,
    TrPr,
    Tc,
    TcPr,
    /// `w:rPr` of a paragraph mark (`w:pPr/w:rPr`).
    MarkRPr,
    TextBox,
    Alt {
        chosen: bool,
    },
    Note,
    Math,
    /// `w:rPr` of a run: its fonts are read.
    RunRPr,
    /// `w:sdt`: a content control, with an entry in `Walker::sdts`.
    Sdt,
    /// `w:sdtPr`: only a checkbox is read there.
    SdtPr,
    /// `w14:checkbox` in `w:sdtPr`.
    SdtCheckbox,
    /// `w:sdtContent` of a checkbox content control: its glyph is replaced.
    CheckboxContent,
    /// `w:fldChar`: a legacy form field's data may follow.
    FldChar,
    /// `w:ffData` of a `w:fldChar`.
    FfData,
    /// `w:checkBox` of a `w:ffData`.
    FfCheckBox,
}

/// What to do after an element's start.
enum Step {
    Nothing,
    Push(Tag),
    Skip,
}

struct Walker<'c, 'a> {
    ctx: &'c Context<'a>,
    counters: &'c mut Counters,
    kind: PartKind,
    tags: Vec<Tag>,
    containers: Vec<Container>,
    paras: Vec<OpenParagraph>,
    tables: Vec<TableState>,
    /// Open complex fields, innermost last.
    fields: Vec<OpenField>,
    fields_in_code: usize,
    text_on: bool,
    math: usize,
    notes: Vec<(&'static str, String)>,
    /// Text of paragraphs whose mark was deleted, waiting for the next paragraph of the
    /// container at this depth (`containers.len()`).
    carry: Option<(String, usize)>,
    loose_text_warned: bool,
    /// The symbol font (`Symbol`, `Wingdings`, …) the open run's `w:rFonts` names, if any.
    run_symbol_font: Option<String>,
    /// Open content controls: `Some(checked)` for a checkbox, `None` for any other.
    sdts: Vec<Option<bool>>,
    /// The checkbox content control whose shown glyph is being replaced.
    checkbox: Option<CheckboxContent>,
    out: Walked,
}

/// Streams one part into blocks (and notes).
pub(super) fn walk<R: BufRead>(
    xr: &mut XmlReader<R>,
    ctx: &Context,
    kind: PartKind,
    counters: &mut Counters,
) -> Result<Walked, Error> {
    let mut w = Walker {
        ctx,
        counters,
        kind,
        tags: Vec::with_capacity(64),
        containers: vec![Container::new(false, 0)],
        paras: Vec::new(),
        tables: Vec::new(),
        fields: Vec::new(),
        fields_in_code: 0,
        text_on: false,
        math: 0,
        notes: Vec::new(),
        carry: None,
        loose_text_warned: false,
        run_symbol_font: None,
        sdts: Vec::new(),
        checkbox: None,
        out: Walked::default(),
    };
    let mut buf = Vec::with_capacity(8 * 1024);
    loop {
        buf.clear();
        let step = match xr.next(&mut buf)? {
            // Every started element pushes a tag, so each `End` pops its own.
            Event::Start(e) => match w.open(xr, &e)? {
                Step::Nothing => Step::Push(Tag::Other),
                step => step,
            },
            Event::Empty(e) => {
                if let Step::Push(tag) = w.open(xr, &e)? {
                    w.close(tag)?;
                }
                Step::Nothing
            }
            Event::End(_) => {
                if let Some(tag) = w.tags.pop() {
                    w.close(tag)?;
                }
                Step::Nothing
            }
            Event::Text(t) if w.text_visible() => {
                w.push_text(&t.xml10_content());
                Step::Nothing
            }
            Event::CData(t) if w.text_visible() => {
                w.push_text(&t.xml10_content());
                Step::Nothing
            }
            Event::GeneralRef(r) if w.text_visible() => {
                let c = xr.resolve_ref(&r)?;
                w.push_text(c.encode_utf8(&mut [0; 4]));
                Step::Nothing
            }
            Event::Eof => break,
            _ => Step::Nothing,
        };
        match step {
            Step::Push(tag) => w.tags.push(tag),
            Step::Skip => xr.skip_current(&mut buf)?,
            Step::Nothing => {}
        }
    }
    if !w.tags.is_empty() {
        return Err(xr.error("the part ends inside an open element"));
    }
    w.flush_carry();
    if !w.fields.is_empty() {
        w.warn(
            "docx.field_unclosed",
            "a complex field is never closed; its remaining text was treated as field code",
        );
    }
    let mut out = w.out;
    if let Some(top) = w.containers.into_iter().next() {
        out.blocks = top.blocks;
    }
    Ok(out)
}

impl Walker<'_, '_> {
    fn text_visible(&self) -> bool {
        self.text_on && self.fields_in_code == 0
    }

    fn warn(&mut self, code: &'static str, message: impl Into<String>) {
        self.out.warnings.push(Warning::new(code, message));
    }

    /// The paragraph text goes to: the innermost open paragraph of the current container.
    fn para(&mut self) -> Option<&mut OpenParagraph> {
        let base = self.containers.last().map_or(0, |c| c.para_depth);
        if self.paras.len() > base {
            return self.paras.last_mut();
        }
        if !self.loose_text_warned {
            self.loose_text_warned = true;
            self.out.warnings.push(Warning::new(
                "docx.text_outside_paragraph",
                "text outside any paragraph was dropped",
            ));
        }
        None
    }

    fn push_str(&mut self, s: &str) {
        if self.replacing_checkbox() {
            return;
        }
        if let Some(p) = self.para() {
            p.text.push_str(s);
        }
    }

    fn push_char(&mut self, c: char) {
        if self.replacing_checkbox() {
            return;
        }
        if let Some(p) = self.para() {
            p.text.push(c);
        }
    }

    /// A carried paragraph that meets no following paragraph in its container stands alone.
    fn flush_carry(&mut self) {
        let depth = self.containers.len();
        if self.carry.as_ref().is_some_and(|(_, d)| *d == depth) {
            if let (Some((text, _)), Some(c)) = (self.carry.take(), self.containers.last_mut()) {
                let para = OpenParagraph {
                    text,
                    ..OpenParagraph::default()
                };
                para.finish(self.ctx, self.counters, c.keep_empty, &mut c.blocks);
            }
        }
    }

    /// Closes the innermost container, first placing any carried paragraph inside it.
    fn pop_container(&mut self) -> Option<Container> {
        self.flush_carry();
        self.containers.pop()
    }

    fn close(&mut self, tag: Tag) -> Result<(), Error> {
        match tag {
            Tag::T => self.text_on = false,
            Tag::R => self.run_symbol_font = None,
            Tag::Sdt => {
                self.sdts.pop();
            }
            Tag::CheckboxContent => self.close_checkbox_content(),
            Tag::Math => self.math = self.math.saturating_sub(1),
            Tag::P => {
                if let (Some(mut p), Some(c)) = (self.paras.pop(), self.containers.last_mut()) {
                    // A deleted mark joins the text to the next paragraph on accepting; a
                    // drop cap's letter is the first letter of the next paragraph.
                    if p.mark_deleted || p.drop_cap {
                        c.blocks.append(&mut p.anchored);
                        self.carry = Some((p.text, self.containers.len()));
                    } else {
                        p.finish(self.ctx, self.counters, c.keep_empty, &mut c.blocks);
                    }
                }
            }
            Tag::TextBox => {
                if let Some(tb) = self.pop_container() {
                    let base = self.containers.last().map_or(0, |c| c.para_depth);
                    if self.paras.len() > base {
                        if let Some(anchor) = self.paras.last_mut() {
                            anchor.anchored.extend(tb.blocks);
                        }
                    } else if let Some(c) = self.containers.last_mut() {
                        c.blocks.extend(tb.blocks);
                    }
                }
            }
            Tag::Tc => self.close_cell(),
            Tag::Tr => self.close_row()?,
            Tag::Tbl => self.close_table(),
            Tag::Note => {
                if let (Some(c), Some((kind, id))) = (self.pop_container(), self.notes.pop()) {
                    let (text, _) = cell_content(c.blocks);
                    self.out.notes.push(Note {
                        kind,
                        id,
                        text: text.trim().to_string(),
                    });
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn close_cell(&mut self) {
        let Some(c) = self.pop_container() else {
            return;
        };
        let (text, tables) = cell_content(c.blocks);
        if let Some(t) = self.tables.last_mut() {
            let cell = t.cell.take().unwrap_or_default();
            if let Some(row) = t.row.as_mut() {
                row.cells.push(CellSpec {
                    span: cell.span.max(1),
                    vmerge: cell.vmerge,
                    hmerge_continue: cell.hmerge_continue,
                    text,
                    tables,
                });
            }
        }
    }

    fn close_row(&mut self) -> Result<(), Error> {
        let limits = &self.ctx.options.limits;
        let Some(t) = self.tables.last_mut() else {
            return Ok(());
        };
        let Some(row) = t.row.take() else {
            return Ok(());
        };
        let cols = t.grid_cols;
        let builder = t
            .builder
            .get_or_insert_with(|| WordTableBuilder::new(cols, limits));
        builder.push_row(row.before, row.cells, row.after)?;
        if row.header {
            builder.mark_header_row();
        }
        Ok(())
    }

    fn close_table(&mut self) {
        let Some(t) = self.tables.pop() else { return };
        // No builder: no row was ever closed (tables nested too deep never get a state).
        let builder = t
            .builder
            .unwrap_or_else(|| WordTableBuilder::new(t.grid_cols, &self.ctx.options.limits));
        let (table, warnings) = builder.finish(0);
        self.out.warnings.extend(warnings);
        if table.rows == 0 {
            // A table with no rows (all rejected as tracked insertions, say) shows nothing in
            // Word and has no grid to give; dropping it is said, not silent.
            self.out.warnings.push(Warning::new(
                "docx.empty_table",
                "a table with no rows was left out",
            ));
        } else if let Some(c) = self.containers.last_mut() {
            c.blocks.push(Block::Table(table));
        }
    }
}
