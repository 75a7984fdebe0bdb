//! DOCX (WordprocessingML) reader: the package is opened with `zip`, the main part is
//! streamed through quick-xml straight out of the archive, never built into a DOM.

mod body;
pub(crate) mod numbering;
mod package;
mod props;
mod styles;
// Shared with the .doc reader: both speak Word's merge vocabulary.
pub(crate) mod table_grid;
mod xml;

use crate::error::Error;
use crate::model::Document;
use crate::word::roles;
use crate::word::symbols::UnmappedSymbols;
use crate::Options;

/// Reads a .docx package held in memory.
pub fn read(bytes: &[u8], options: &Options) -> Result<Document, Error> {
    let mut pkg = package::Package::open(bytes, &options.limits)?;
    let mut doc = Document::new("docx");
    doc.metadata = props::read_core(&mut pkg, &mut doc.warnings)?;
    let main = pkg.main_part().to_string();
    let rels = pkg.rels_of(&main)?;
    let styles = styles::Styles::load(&mut pkg, &rels, &mut doc.warnings)?;
    let numbering = numbering::Numbering::load(&mut pkg, &rels, &styles, &mut doc.warnings)?;
    let ctx = body::Context {
        styles: &styles,
        numbering: &numbering,
        options,
    };
    // One warning per font for the whole document, whichever parts its symbols are in.
    let mut unmapped = UnmappedSymbols::default();
    body::read_main(&mut pkg, &main, &rels, &ctx, &mut doc, &mut unmapped)?;
    body::read_notes(&mut pkg, &rels, &ctx, &mut doc, &mut unmapped)?;
    doc.warnings
        .extend(unmapped.into_warnings("docx.symbol_unmapped"));
    roles::complete_metadata(&mut doc);
    Ok(doc)
}
