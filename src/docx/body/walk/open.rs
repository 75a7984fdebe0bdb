//! Element starts: what each WordprocessingML element opens, sets or skips.

use super::{PartKind, Step, Tag, Walker};
use crate::docx::body::blocks::{
    parse_num, CellState, Container, OpenParagraph, RowState, TableState,
};
use crate::docx::table_grid::VMerge;
use crate::docx::xml::{Ns, XmlReader};
use crate::error::{Error, ErrorKind};
use quick_xml::events::BytesStart;
use std::io::BufRead;

/// Elements whose whole subtree is never content: deleted or moved-away revisions, field
/// codes, old properties of tracked property changes, content-control properties, and
/// property blocks that hold nothing we read.
fn skipped(local: &str) -> bool {
    matches!(
        local,
        "del"
            | "moveFrom"
            | "delText"
            | "delInstrText"
            | "instrText"
            | "rPr"
            | "tblPr"
            | "tblPrEx"
            | "sdtPr"
            | "sdtEndPr"
            | "pPrChange"
            | "rPrChange"
            | "tcPrChange"
            | "trPrChange"
            | "tblPrChange"
            | "tblGridChange"
            | "sectPrChange"
            | "numberingChange"
            | "customXmlPr"
            | "smartTagPr"
            | "fldData"
            | "ffData"
    )
}

/// `mc:Choice` `Requires` prefixes whose content we read as well as the fallback.
/// `w16se` (emoji `symEx`) is missing on purpose: its fallback carries the text.
fn understood(prefix: &str) -> bool {
    matches!(
        prefix,
        "wps"
            | "wpg"
            | "wpc"
            | "wpi"
            | "wp14"
            | "wp"
            | "w14"
            | "w15"
            | "w16"
            | "w16cid"
            | "w16cex"
            | "w16du"
            | "w16sdtdh"
            | "w16sdtfl"
            | "v"
            | "o"
            | "w10"
            | "a"
            | "a14"
            | "pic"
            | "m"
            | "w"
            | "r"
            | "wne"
    )
}

impl Walker<'_, '_> {
    pub(super) fn open<R: BufRead>(
        &mut self,
        xr: &XmlReader<R>,
        e: &BytesStart,
    ) -> Result<Step, Error> {
        let (ns, local) = xr.name(e);
        let parent = self.tags.last().copied().unwrap_or(Tag::Other);
        if let Some(step) = self.open_in_properties(xr, e, ns, local, parent)? {
            return Ok(step);
        }
        Ok(match ns {
            Ns::W => self.open_w(xr, e, local, parent)?,
            Ns::Mc => self.open_mc(xr, e, local, parent)?,
            Ns::Other if local == "oMath" => {
                self.math += 1;
                Step::Push(Tag::Math)
            }
            // Office Math's `m:t`: its namespace is not one the XML layer names, but inside
            // `m:oMath` no other foreign element is called `t`.
            Ns::Other if local == "t" && self.math > 0 => {
                self.text_on = true;
                Step::Push(Tag::T)
            }
            _ => Step::Push(Tag::Other),
        })
    }

    fn open_w<R: BufRead>(
        &mut self,
        xr: &XmlReader<R>,
        e: &BytesStart,
        local: &str,
        parent: Tag,
    ) -> Result<Step, Error> {
        let val = |xr: &XmlReader<R>| xr.attr(e, Ns::W, "val");
        Ok(match local {
            "p" => {
                let mut para = OpenParagraph::default();
                if let Some((text, depth)) = self.carry.take() {
                    if depth == self.containers.len() {
                        para.text = text;
                    } else {
                        self.carry = Some((text, depth));
                    }
                }
                self.paras.push(para);
                Step::Push(Tag::P)
            }
            "r" => {
                self.run_symbol_font = None;
                Step::Push(Tag::R)
            }
            "t" => {
                self.text_on = true;
                Step::Push(Tag::T)
            }
            "rPr" if parent == Tag::PPr => Step::Push(Tag::MarkRPr),
            "del" | "moveFrom" if parent == Tag::MarkRPr => {
                if let Some(p) = self.paras.last_mut() {
                    p.mark_deleted = true;
                }
                Step::Nothing
            }
            "rPr" if parent == Tag::R => Step::Push(Tag::RunRPr),
            "sdtPr" if parent == Tag::Sdt => Step::Push(Tag::SdtPr),
            "sdt" => {
                self.sdts.push(None);
                Step::Push(Tag::Sdt)
            }
            "sdtContent" if parent == Tag::Sdt => self.open_sdt_content(),
            _ if skipped(local) => Step::Skip,
            "pPr" if parent == Tag::P => Step::Push(Tag::PPr),
            "numPr" if parent == Tag::PPr => Step::Push(Tag::NumPr),
            "framePr" if parent == Tag::PPr => {
                // A drop cap is a frame holding the paragraph's first letter(s).
                let drop = xr.attr(e, Ns::W, "dropCap")?;
                if matches!(drop.as_deref().map(str::trim), Some("drop" | "margin")) {
                    if let Some(p) = self.paras.last_mut() {
                        p.drop_cap = true;
                    }
                }
                Step::Nothing
            }
            "pStyle" | "outlineLvl" if parent == Tag::PPr => {
                let v = val(xr)?;
                if let Some(p) = self.paras.last_mut() {
                    if local == "pStyle" {
                        p.style_id = v.map(|v| v.into_owned());
                    } else {
                        p.outline = parse_num(v.as_deref());
                    }
                }
                Step::Nothing
            }
            "numId" | "ilvl" if parent == Tag::NumPr => {
                let v = val(xr)?;
                if let Some(p) = self.paras.last_mut() {
                    if local == "numId" {
                        p.num_id = v.map(|v| v.into_owned());
                    } else {
                        p.ilvl = parse_num(v.as_deref());
                    }
                }
                Step::Nothing
            }
            "tab" | "ptab" if parent == Tag::R => {
                self.push_char('\t');
                Step::Nothing
            }
            "br" if parent == Tag::R => {
                // Page and column breaks are layout; only text-wrapping breaks are line breaks.
                let ty = xr.attr(e, Ns::W, "type")?;
                if !matches!(ty.as_deref(), Some("page") | Some("column")) {
                    self.push_char('\n');
                }
                Step::Nothing
            }
            "cr" if parent == Tag::R => {
                self.push_char('\n');
                Step::Nothing
            }
            // A non-breaking hyphen is a hyphen in text; a soft hyphen (`w:softHyphen`) is
            // only a place a line may break, so it has no arm and adds nothing.
            "noBreakHyphen" if parent == Tag::R => {
                self.push_char('-');
                Step::Nothing
            }
            // Office Math's `m:r` holds `w:sym` as a `w:r` does.
            "sym" if parent == Tag::R || self.math > 0 => {
                let font = xr.attr(e, Ns::W, "font")?.map(|f| f.trim().to_string());
                let code = xr.attr(e, Ns::W, "char")?;
                if let Some(code) = code.and_then(|c| u32::from_str_radix(c.trim(), 16).ok()) {
                    self.push_symbol(font, code);
                }
                Step::Nothing
            }
            "fldChar" => {
                let ty = xr.attr(e, Ns::W, "fldCharType")?;
                self.field(ty.as_deref());
                Step::Push(Tag::FldChar)
            }
            "sectPr"
                if !(self.kind == PartKind::Main && self.ctx.options.include_headers_footers) =>
            {
                Step::Skip
            }
            "headerReference" | "footerReference" => {
                if let Some(id) = xr.attr(e, Ns::R, "id")? {
                    if !self.out.header_refs.iter().any(|r| *r == *id) {
                        self.out.header_refs.push(id.into_owned());
                    }
                }
                Step::Nothing
            }
            "tbl" => self.open_table(xr.part())?,
            "tblGrid" if parent == Tag::Tbl => Step::Push(Tag::TblGrid),
            "gridCol" if parent == Tag::TblGrid => {
                if let Some(t) = self.tables.last_mut() {
                    t.grid_cols += 1;
                }
                Step::Nothing
            }
            "tr" => match self.tables.last_mut() {
                Some(t) if t.row.is_none() => {
                    t.row = Some(RowState::default());
                    Step::Push(Tag::Tr)
                }
                _ => Step::Push(Tag::Other),
            },
            "trPr" if parent == Tag::Tr => Step::Push(Tag::TrPr),
            "gridBefore" | "gridAfter" | "tblHeader" if parent == Tag::TrPr => {
                let v = val(xr)?;
                if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                    match local {
                        "gridBefore" => row.before = parse_num(v.as_deref()).unwrap_or(0),
                        "gridAfter" => row.after = parse_num(v.as_deref()).unwrap_or(0),
                        _ => row.header = !matches!(v.as_deref(), Some("0" | "false" | "off")),
                    }
                }
                Step::Nothing
            }
            "tc" => self.open_cell(),
            "tcPr" if parent == Tag::Tc => Step::Push(Tag::TcPr),
            "gridSpan" | "vMerge" | "hMerge" if parent == Tag::TcPr => {
                let v = val(xr)?;
                if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    let restart = v.as_deref() == Some("restart");
                    match local {
                        "gridSpan" => cell.span = parse_num(v.as_deref()).unwrap_or(1),
                        // No value, `continue` or anything else continues, as Word reads it.
                        "vMerge" => {
                            cell.vmerge = if restart {
                                VMerge::Restart
                            } else {
                                VMerge::Continue
                            }
                        }
                        _ => cell.hmerge_continue = !restart,
                    }
                }
                Step::Nothing
            }
            "txbxContent" => {
                let keeps = self.containers.last().is_some_and(|c| c.keep_empty);
                self.containers
                    .push(Container::new(keeps, self.paras.len()));
                Step::Push(Tag::TextBox)
            }
            "footnote" | "endnote" if self.kind == PartKind::Notes => {
                let ty = xr.attr(e, Ns::W, "type")?;
                // Separators and continuation notices are typed; real notes are untyped or "normal".
                if ty.as_deref().is_some_and(|t| t != "normal") {
                    return Ok(Step::Skip);
                }
                let id = xr
                    .attr(e, Ns::W, "id")?
                    .map(|v| v.into_owned())
                    .unwrap_or_default();
                let kind = if local == "footnote" {
                    "footnote"
                } else {
                    "endnote"
                };
                self.notes.push((kind, id));
                self.containers.push(Container::new(true, self.paras.len()));
                Step::Push(Tag::Note)
            }
            "altChunk" => {
                let id = xr
                    .attr(e, Ns::R, "id")?
                    .map(|v| v.into_owned())
                    .unwrap_or_default();
                self.warn(
                    "docx.altchunk_skipped",
                    format!("embedded foreign content (altChunk {id}) is not read"),
                );
                Step::Nothing
            }
            _ => Step::Push(Tag::Other),
        })
    }

    /// `mc:AlternateContent`: exactly one branch is read, the first `mc:Choice` whose
    /// requirements we understand, else the `mc:Fallback`.
    fn open_mc<R: BufRead>(
        &mut self,
        xr: &XmlReader<R>,
        e: &BytesStart,
        local: &str,
        parent: Tag,
    ) -> Result<Step, Error> {
        let Tag::Alt { chosen } = parent else {
            return Ok(if local == "AlternateContent" {
                Step::Push(Tag::Alt { chosen: false })
            } else {
                Step::Push(Tag::Other)
            });
        };
        let take = match local {
            "Choice" if !chosen => {
                let req = xr.attr(e, Ns::None, "Requires")?;
                req.as_deref()
                    .is_some_and(|r| r.split_whitespace().all(understood))
            }
            "Fallback" => !chosen,
            _ => false,
        };
        if !take {
            return Ok(Step::Skip);
        }
        if let Some(Tag::Alt { chosen }) = self.tags.last_mut() {
            *chosen = true;
        }
        Ok(Step::Push(Tag::Other))
    }

    /// An error past the nesting bound, like every other bound: skipping would drop content
    /// silently, and no real document nests tables 64 deep.
    fn open_table(&mut self, part: &str) -> Result<Step, Error> {
        self.flush_carry();
        let max = self.ctx.options.limits.max_table_nesting;
        if self.tables.len() > max {
            return Err(Error::new(ErrorKind::Limit {
                part: part.to_string(),
                what: "max_table_nesting",
                limit: max as u64,
            }));
        }
        self.tables.push(TableState::default());
        Ok(Step::Push(Tag::Tbl))
    }

    fn open_cell(&mut self) -> Step {
        match self.tables.last_mut() {
            Some(t) if t.row.is_some() && t.cell.is_none() => {
                t.cell = Some(CellState {
                    span: 1,
                    ..CellState::default()
                });
                self.containers.push(Container::new(true, self.paras.len()));
                Step::Push(Tag::Tc)
            }
            _ => Step::Push(Tag::Other),
        }
    }
}
