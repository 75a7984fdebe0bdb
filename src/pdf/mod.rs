//! PDF reading: engine (the only place naming the PDF crate) and text layout.

pub mod engine;
pub mod text;

/// Reads a PDF into paragraphs (page furniture left out), one page after another.
pub fn read_paragraphs(
    bytes: &[u8],
    password: &str,
) -> Result<Vec<text::TextBlock>, engine::EngineError> {
    let pages = engine::load(bytes, password, engine::PageLimits::default())?;
    let mut out = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        out.extend(text::paragraphs(
            p,
            u32::try_from(i + 1).unwrap_or(u32::MAX),
        ));
    }
    Ok(out)
}
