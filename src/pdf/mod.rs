//! PDF reading: engine (the only place naming the PDF crate), text lines, tables, and the
//! layout that puts them into one reading order.

pub mod engine;
pub(crate) mod layout;
pub mod table;
pub mod text;

use crate::error::{Error, ErrorKind, PdfError};
use crate::model::{Document, Warning};
use crate::Options;
use engine::{LoadError, Page};

/// Reads a PDF into the document model: headings, paragraphs and tables in reading order,
/// page furniture left out; `source.pages` set; warnings for pages without text and glyphs
/// without Unicode.
pub fn read(bytes: &[u8], options: &Options) -> Result<Document, Error> {
    let password = options.password.as_deref().unwrap_or("");
    let limits = engine::PageLimits::from_limits(&options.limits);
    let pages = engine::load_bounded(bytes, password, limits, options.pages.as_ref())
        .map_err(|e| load_error(e, !password.is_empty()))?;
    Ok(assemble(&pages, options))
}

fn load_error(e: LoadError, gave_password: bool) -> Error {
    let pdf = |p| Error::new(ErrorKind::Pdf(p));
    match e {
        LoadError::Engine(engine::EngineError::PasswordRequired) if gave_password => {
            pdf(PdfError::WrongPassword)
        }
        LoadError::Engine(engine::EngineError::PasswordRequired) => pdf(PdfError::PasswordRequired),
        LoadError::Engine(engine::EngineError::Encryption(why)) => pdf(PdfError::Encryption(why)),
        LoadError::Engine(engine::EngineError::Invalid) => pdf(PdfError::Invalid),
        LoadError::Crashed { page } => pdf(PdfError::Crashed { page }),
        LoadError::Limit { page, what, limit } => Error::new(ErrorKind::Limit {
            part: if page == 0 {
                "document".to_string()
            } else {
                format!("page {page}")
            },
            what,
            limit,
        }),
    }
}

/// Builds the document from interpreted pages: tables found first, the glyphs inside their
/// regions kept out of the text, then lines, furniture, reading order, paragraphs, headings.
/// The options' `include_headers_footers` keeps the furniture as `header`/`footer` paragraphs.
pub fn assemble(pages: &[Page], options: &Options) -> Document {
    let turned: Vec<Option<Page>> = pages.iter().map(layout::upright).collect();
    let owned: Vec<Page>;
    let pages = if turned.iter().all(Option::is_none) {
        pages
    } else {
        owned = turned
            .into_iter()
            .zip(pages)
            .map(|(t, p)| t.unwrap_or_else(|| p.clone()))
            .collect();
        &owned
    };
    let mut table_warnings = Vec::new();
    let found = table::detect(pages, &options.limits, &mut table_warnings);
    let mut doc = assemble_with(pages, found, options);
    doc.warnings.extend(table_warnings);
    doc
}

/// [`assemble`] with the tables given (tests measure the text with and without them).
pub fn assemble_with(pages: &[Page], found: Vec<table::Found>, options: &Options) -> Document {
    let mut doc = Document::new("pdf");
    doc.source.pages = Some(u32::try_from(pages.len()).unwrap_or(u32::MAX));
    doc.warnings = warnings(pages);
    let mut regions: Vec<(usize, table::Region, bool)> = Vec::new();
    for (t, f) in found.iter().enumerate() {
        for (k, r) in f.regions.iter().enumerate() {
            regions.push((t, *r, k == 0));
        }
    }
    let mut lines: Vec<Vec<text::Line>> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let here: Vec<&table::Region> = regions
                .iter()
                .filter(|r| r.1.page == i)
                .map(|r| &r.1)
                .collect();
            let free = |g: &&engine::Glyph| {
                let (cx, cy) = g.centre();
                !here.iter().any(|r| r.contains(cx, cy))
            };
            let upright = p.glyphs.iter().filter(|g| g.quarter == 0).filter(free);
            let mut ls = text::lines_of(upright);
            // Sideways glyphs left on an upright page (a margin stamp, a rotated caption) are
            // read in their own direction.
            ls.extend(layout::sideways_lines(
                p.glyphs.iter().filter(|g| g.quarter != 0).filter(free),
            ));
            ls
        })
        .collect();
    let furniture = layout::strip_furniture(pages, &mut lines);
    // Sideways lines stay out of column detection and join no paragraph: they follow their
    // page's text.
    let side: Vec<Vec<text::Line>> = lines
        .iter_mut()
        .map(|ls| {
            let (side, rest) = std::mem::take(ls).into_iter().partition(|l| l.sideways);
            *ls = rest;
            side
        })
        .collect();
    let items = layout::with_sideways(layout::order(pages, lines, &regions), side);
    doc.blocks = layout::blocks(&items, found.into_iter().map(|f| Some(f.table)).collect());
    if options.include_headers_footers {
        doc.blocks = layout::with_furniture(std::mem::take(&mut doc.blocks), furniture);
    }
    doc
}

/// `pdf.no_text_layer` for a page that draws something but no glyph (a scan; a blank page is
/// not worth a warning), `pdf.page_cap` for glyphs and shapes past the per-page caps, and
/// `pdf.unmapped_glyphs` for glyphs whose font gives no Unicode (kept as U+FFFD).
fn warnings(pages: &[Page]) -> Vec<Warning> {
    let mut out = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        let page = u32::try_from(i + 1).ok();
        if p.glyphs.is_empty() && (!p.images.is_empty() || !p.segments.is_empty()) {
            out.push(Warning {
                code: "pdf.no_text_layer",
                message: "page has no text layer (a scan, or text drawn as outlines); nothing read from it"
                    .into(),
                page,
            });
        }
        if p.not_kept > 0 {
            out.push(Warning {
                code: "pdf.page_cap",
                message: format!(
                    "{} glyphs or drawn shapes past the per-page cap of {} were not kept",
                    p.not_kept,
                    engine::PageLimits::default().max_glyphs_per_page
                ),
                page,
            });
        }
        let unmapped = p
            .glyphs
            .iter()
            .filter(|g| g.text.contains('\u{FFFD}'))
            .count();
        if unmapped > 0 {
            out.push(Warning {
                code: "pdf.unmapped_glyphs",
                message: format!(
                    "{unmapped} glyphs have no Unicode mapping in their font; written as U+FFFD"
                ),
                page,
            });
        }
    }
    out
}
