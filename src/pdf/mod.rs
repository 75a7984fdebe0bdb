//! PDF reading: engine (the only place naming the PDF crate) and text layout.

pub mod engine;
pub mod table;
pub mod text;

use crate::error::{Error, ErrorKind};
use crate::model::{Block, Document, Paragraph};

/// Reads a PDF into paragraphs (page furniture left out), one page after another.
pub fn read_paragraphs(
    bytes: &[u8],
    password: &str,
) -> Result<Vec<text::TextBlock>, engine::EngineError> {
    let pages = engine::load(bytes, password, engine::PageLimits::default())?;
    Ok(paragraphs_of(&pages))
}

fn paragraphs_of(pages: &[engine::Page]) -> Vec<text::TextBlock> {
    let mut out = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        out.extend(text::paragraphs(
            p,
            u32::try_from(i + 1).unwrap_or(u32::MAX),
        ));
    }
    out
}

/// Reads a PDF (empty user password) into the document model: paragraphs and `source.pages`.
pub fn read(bytes: &[u8]) -> Result<Document, Error> {
    let pages = engine::load(bytes, "", engine::PageLimits::default()).map_err(|e| {
        let msg = match e {
            engine::EngineError::PasswordRequired => "pdf: password required".to_string(),
            engine::EngineError::Encryption(why) => format!("pdf: unsupported encryption ({why})"),
            engine::EngineError::Invalid => "pdf: not a readable PDF file".to_string(),
        };
        Error::new(ErrorKind::Unsupported(msg))
    })?;
    let mut doc = Document::new("pdf");
    doc.source.pages = Some(u32::try_from(pages.len()).unwrap_or(u32::MAX));
    doc.blocks = paragraphs_of(&pages)
        .into_iter()
        .map(|b| {
            Block::Paragraph(Paragraph {
                text: b.text,
                ..Paragraph::default()
            })
        })
        .collect();
    Ok(doc)
}
