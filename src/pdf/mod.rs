//! PDF reading: the engine (the only place naming the PDF crate) fills the page model, and
//! `fixed::assemble` makes the document from the pages.

pub mod engine;
pub mod scan;

use crate::error::{Error, ErrorKind, PdfError};
use crate::model::{Document, Warning};
use crate::Options;
use engine::LoadError;

/// Reads a PDF into the document model: headings, paragraphs and tables in reading order,
/// page furniture left out; `source.pages` set; `metadata` from the Info dictionary and XMP;
/// warnings for pages without text, glyphs without Unicode and a damaged cross-reference table.
pub fn read(bytes: &[u8], options: &Options) -> Result<Document, Error> {
    let password = options.password.as_deref().unwrap_or("");
    let limits = engine::PageLimits::from_limits(&options.limits);
    #[allow(unused_mut)] // OCR fills scanned pages in (feature `ocr`).
    let mut loaded = engine::load_document(bytes, password, limits, options.pages.as_ref())
        .map_err(|e| load_error(e, !password.is_empty()))?;
    #[cfg(feature = "ocr")]
    let ocr_warnings = scan::read_scans(&mut loaded.pages, bytes, options)?;
    let read = loaded.pages.len();
    let mut doc = crate::fixed::assemble_owned(loaded.pages, options);
    for w in doc
        .warnings
        .iter_mut()
        .filter(|w| w.code == "pdf.no_text_layer")
    {
        w.message = scan::no_text_layer_message(options.ocr.mode);
    }
    #[cfg(feature = "ocr")]
    doc.warnings.splice(0..0, ocr_warnings);
    doc.metadata = loaded.facts.metadata;
    if let Some(declared) = loaded.facts.xref_damaged {
        doc.warnings.insert(
            0,
            Warning::new(
                "pdf.xref_damaged",
                format!(
                    "xref damaged, {read} of {} pages recovered (objects found by scanning the file)",
                    declared.max(read)
                ),
            ),
        );
    }
    Ok(doc)
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
