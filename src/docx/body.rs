//! The main part, notes parts and (on request) header/footer parts, streamed into blocks.
//!
//! Each part is pulled event by event straight out of the zip ([`Package::open_part`]);
//! no DOM and no whole-part buffer. Text policy (see `walk.rs` for the element rules):
//! - deleted and moved-away revisions, field codes and bookmarks never reach text;
//! - hidden text (`w:vanish`) is kept: it is real content that Word merely does not
//!   print, and dropping it would lose text silently;
//! - Office Math contributes its `m:t` text inline;
//! - text boxes become blocks of their own right after the paragraph anchoring them;
//! - empty top-level paragraphs that are not list items are dropped (layout spacing,
//!   not content); inside cells and notes they still separate lines.

mod blocks;
mod walk;

use super::numbering::{Counters, Numbering};
use super::package::{Package, Rels};
use super::styles::Styles;
use super::xml::XmlReader;
use crate::error::{Error, ErrorKind};
use crate::model::{Block, Document, Paragraph};
use crate::word::symbols::UnmappedSymbols;
use crate::Options;
use walk::{walk, PartKind, Walked};

/// What the body reader needs besides the part itself.
pub(crate) struct Context<'a> {
    pub styles: &'a Styles,
    pub numbering: &'a Numbering,
    pub options: &'a Options,
}

/// Streams the main part into `doc.blocks` (then headers and footers, when asked for);
/// symbol characters left unmapped are counted into `unmapped`.
pub(crate) fn read_main(
    pkg: &mut Package,
    main: &str,
    rels: &Rels,
    ctx: &Context,
    doc: &mut Document,
    unmapped: &mut UnmappedSymbols,
) -> Result<(), Error> {
    let mut counters = Counters::default();
    let walked = read_part(pkg, main, ctx, PartKind::Main, &mut counters)?.ok_or_else(|| {
        Error::new(ErrorKind::MissingPart {
            part: main.to_string(),
        })
    })?;
    let Walked {
        blocks,
        warnings,
        header_refs,
        unmapped_symbols,
        ..
    } = walked;
    unmapped.merge(unmapped_symbols);
    doc.blocks.extend(blocks);
    doc.warnings.extend(warnings);
    if ctx.options.include_headers_footers {
        for id in &header_refs {
            let Some(rel) = rels.get(id).filter(|r| !r.external) else {
                continue;
            };
            let style = match rel.kind.as_str() {
                "header" => "header",
                "footer" => "footer",
                _ => continue,
            };
            let mut hf_counters = Counters::default();
            let part = rel.target.clone();
            if let Some(w) = read_part(pkg, &part, ctx, PartKind::HeaderFooter, &mut hf_counters)? {
                doc.warnings.extend(w.warnings);
                unmapped.merge(w.unmapped_symbols);
                doc.blocks
                    .extend(w.blocks.into_iter().map(|b| restyle(b, style)));
            }
        }
    }
    number_tables(&mut doc.blocks);
    Ok(())
}

/// Reads footnotes and endnotes into `doc.notes`, counting unmapped symbols into `unmapped`.
pub(crate) fn read_notes(
    pkg: &mut Package,
    rels: &Rels,
    ctx: &Context,
    doc: &mut Document,
    unmapped: &mut UnmappedSymbols,
) -> Result<(), Error> {
    for kind in ["footnotes", "endnotes"] {
        let Some(rel) = rels.first_of_kind(kind) else {
            continue;
        };
        let part = rel.target.clone();
        let mut counters = Counters::default();
        if let Some(w) = read_part(pkg, &part, ctx, PartKind::Notes, &mut counters)? {
            doc.notes.extend(w.notes);
            doc.warnings.extend(w.warnings);
            unmapped.merge(w.unmapped_symbols);
        }
    }
    Ok(())
}

/// Streams one part; `None` when the package lacks it.
fn read_part(
    pkg: &mut Package,
    part: &str,
    ctx: &Context,
    kind: PartKind,
    counters: &mut Counters,
) -> Result<Option<Walked>, Error> {
    let Some(stream) = pkg.open_part(part)? else {
        return Ok(None);
    };
    let mut xr = XmlReader::new(stream, part, &ctx.options.limits);
    walk(&mut xr, ctx, kind, counters).map(Some)
}

/// Header and footer content as plain paragraphs styled `header`/`footer`; tables stay tables.
fn restyle(b: Block, style: &str) -> Block {
    let text = match b {
        Block::Paragraph(p) => p.text,
        Block::Heading(h) => h.text,
        Block::Table(_) => return b,
    };
    Block::Paragraph(Paragraph {
        text,
        style: Some(style.to_string()),
        ..Paragraph::default()
    })
}

/// Top-level tables are numbered in final block order (text-box tables are placed after
/// their anchor paragraph, so only the final order is right).
fn number_tables(blocks: &mut [Block]) {
    let mut n = 0;
    for b in blocks {
        if let Block::Table(t) = b {
            t.index = n;
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests;
