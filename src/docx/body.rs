//! The main part (and notes parts) streamed into blocks.
//! STUB: interface only; implementation owned by the body helper.

use super::numbering::Numbering;
use super::package::{Package, Rels};
use super::styles::Styles;
use crate::error::Error;
use crate::model::Document;
use crate::Options;

/// What the body reader needs besides the part itself.
pub(crate) struct Context<'a> {
    pub styles: &'a Styles,
    pub numbering: &'a Numbering,
    pub options: &'a Options,
}

/// Streams the main part into `doc.blocks`.
pub(crate) fn read_main(
    _pkg: &mut Package,
    _main: &str,
    _rels: &Rels,
    _ctx: &Context,
    _doc: &mut Document,
) -> Result<(), Error> {
    Ok(())
}

/// Reads footnotes and endnotes into `doc.notes`.
pub(crate) fn read_notes(
    _pkg: &mut Package,
    _rels: &Rels,
    _ctx: &Context,
    _doc: &mut Document,
) -> Result<(), Error> {
    Ok(())
}
