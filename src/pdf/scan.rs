//! Scanned pages: which pages OCR reads (`--ocr auto|always|never`), and, with the feature
//! `ocr`, reading them: the page's images on one canvas, OCR's glyphs and the image's ruling
//! lines put into the page model before layout and tables run.

use crate::fixed::page::{Glyph, Page};
use crate::OcrMode;

/// Whether OCR reads `page` under `mode`: never a page without images; under `auto` a page
/// with no text, or whose only text is an invisible layer (render mode 3, a scanner's OCR)
/// that is empty or garbage. An invisible layer with real text is used as it is.
pub fn wants_ocr(page: &Page, mode: OcrMode) -> bool {
    if page.omitted || page.images.is_empty() {
        return false;
    }
    match mode {
        OcrMode::Never => false,
        OcrMode::Always => true,
        OcrMode::Auto => {
            page.glyphs.is_empty()
                || (page.glyphs.iter().all(|g| !g.visible) && is_garbage(&page.glyphs))
        }
    }
}

/// Text that reads as nothing: no letter, digit or ideograph at all, or more than a third of
/// its characters unmapped (U+FFFD), private-use or control characters.
fn is_garbage(glyphs: &[Glyph]) -> bool {
    let chars = glyphs
        .iter()
        .flat_map(|g| g.text.chars())
        .filter(|c| !c.is_whitespace());
    let (mut total, mut good, mut bad) = (0usize, 0usize, 0usize);
    for c in chars {
        total += 1;
        if c == '\u{FFFD}' || c.is_control() || ('\u{E000}'..='\u{F8FF}').contains(&c) {
            bad += 1;
        } else if c.is_alphanumeric() {
            good += 1;
        }
    }
    good == 0 || bad * 3 > total
}

/// The `pdf.no_text_layer` message: what to do about it, by how this docgrid was built.
pub fn no_text_layer_message(mode: OcrMode) -> String {
    let base = "page has no text layer (a scan, or text drawn as outlines); nothing read from it";
    if !cfg!(feature = "ocr") {
        format!("{base}: a scan? build docgrid with --features ocr to read it")
    } else if mode == OcrMode::Never {
        format!("{base} (--ocr never)")
    } else {
        base.to_string()
    }
}

#[cfg(feature = "ocr")]
pub use with_ocr::read_scans;

#[cfg(feature = "ocr")]
mod with_ocr {
    use super::wants_ocr;
    use crate::error::{Error, ErrorKind};
    use crate::fixed::page::Page;
    use crate::model::Warning;
    use crate::Options;

    /// Lines of doubtful text quoted in one warning at most.
    const QUOTED: usize = 5;

    /// Reads the pages OCR wants ([`wants_ocr`]) and puts what it read into them: glyphs
    /// (replacing any text layer), and the image's ruling lines where the page draws none.
    /// Returns a `pdf.ocr` warning per page read and `pdf.ocr_low_confidence` for doubtful
    /// lines; a missing model or runtime is an error naming what to install.
    pub fn read_scans(
        pages: &mut [Page],
        bytes: &[u8],
        options: &Options,
    ) -> Result<Vec<Warning>, Error> {
        let wanted: Vec<(usize, Vec<crate::fixed::page::ImageBox>)> = pages
            .iter()
            .enumerate()
            .filter(|(_, p)| wants_ocr(p, options.ocr.mode))
            .map(|(i, p)| (i, p.images.clone()))
            .collect();
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        let asked: Vec<(usize, &[crate::fixed::page::ImageBox])> =
            wanted.iter().map(|(i, b)| (*i, b.as_slice())).collect();
        let password = options.password.as_deref().unwrap_or("");
        let max_pixels = options.limits.max_pdf_image_pixels;
        let images = super::super::engine::render_images(bytes, password, &asked, max_pixels)
            .map_err(|_| Error::new(ErrorKind::Pdf(crate::PdfError::Invalid)))?;
        let mut warnings = Vec::new();
        for (&(index, _), image) in asked.iter().zip(images) {
            let number = u32::try_from(index + 1).ok();
            let warn = |code: &'static str, message: String| Warning {
                code,
                message,
                page: number,
            };
            let Some(image) = image else {
                warnings.push(warn(
                    "pdf.ocr_failed",
                    "the page's images could not be rendered for OCR; nothing read from it".into(),
                ));
                continue;
            };
            for why in &image.skipped {
                warnings.push(warn("pdf.image_skipped", format!("{why}; left out of OCR")));
            }
            let gray = crate::ocr::Gray {
                width: image.width,
                height: image.height,
                pixels: image.pixels,
            };
            let text = crate::ocr::read_page(&gray, image.dpi, options.ocr.models.as_deref())
                .map_err(|e| Error::new(ErrorKind::Ocr(e)))?;
            drop(gray);
            let Some(page) = pages.get_mut(index) else {
                continue;
            };
            let skew = if text.skew.abs() >= crate::ocr::deskew::LEVEL {
                format!(", {:.1}° skew corrected", text.skew)
            } else {
                String::new()
            };
            warnings.push(warn(
                "pdf.ocr",
                format!(
                    "read by OCR at {:.0} dpi: {} lines, mean confidence {:.2}{skew}",
                    image.dpi, text.lines, text.confidence
                ),
            ));
            if !text.doubtful.is_empty() {
                let quoted: Vec<String> = text
                    .doubtful
                    .iter()
                    .take(QUOTED)
                    .map(|(t, c)| format!("“{t}” ({c:.2})"))
                    .collect();
                let more = text.doubtful.len().saturating_sub(QUOTED);
                let more = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                warnings.push(warn(
                    "pdf.ocr_low_confidence",
                    format!(
                        "{} lines read by OCR with confidence under {}: {}{more}",
                        text.doubtful.len(),
                        crate::ocr::LOW_CONFIDENCE,
                        quoted.join(", ")
                    ),
                ));
            }
            page.glyphs = text.glyphs;
            page.ocr_confidence = Some(text.confidence);
            if page.segments.is_empty() {
                page.segments = text.segments;
            }
        }
        Ok(warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::{wants_ocr, Glyph, Page};
    use crate::fixed::page::ImageBox;
    use crate::OcrMode;

    fn scan(glyphs: Vec<Glyph>) -> Page {
        Page {
            images: vec![ImageBox {
                bbox: (0.0, 0.0, 595.0, 842.0),
                pixels: (2480, 3508),
            }],
            glyphs,
            ..Page::default()
        }
    }

    #[test]
    fn auto_reads_scans_and_garbage_layers_but_keeps_real_ones() {
        let hidden = |t: &str| Glyph {
            text: t.into(),
            visible: false,
            ..Glyph::default()
        };
        assert!(wants_ocr(&scan(vec![]), OcrMode::Auto));
        assert!(!wants_ocr(&scan(vec![]), OcrMode::Never));
        assert!(wants_ocr(&scan(vec![hidden(" ")]), OcrMode::Auto));
        assert!(wants_ocr(
            &scan(vec![hidden("\u{FFFD}\u{FFFD}a")]),
            OcrMode::Auto
        ));
        assert!(!wants_ocr(&scan(vec![hidden("年度报告")]), OcrMode::Auto));
        assert!(wants_ocr(&scan(vec![hidden("年度报告")]), OcrMode::Always));
        assert!(!wants_ocr(&Page::default(), OcrMode::Always));
    }
}
