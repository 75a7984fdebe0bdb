//! OCR of page images (feature `ocr`): PaddleOCR's PP-OCRv4 models (text detection, direction
//! classification, recognition) through ONNX Runtime, and the page's ruling lines from the
//! image, producing the neutral page model's glyphs and segments. Layout, reading order,
//! paragraphs and tables then run on them unchanged (docs/ocr.md).

pub mod deskew;
pub mod detect;
pub mod glyphs;
pub mod image;
pub mod recognise;
pub mod rules;
pub mod runtime;

pub use image::Gray;

use crate::fixed::page::{Glyph, Segment};
use std::path::Path;

/// The detector sees the page shrunk to this many pixels on its longer side: an A4 page at
/// about 140 dpi, where body text is 20 pixels tall (DBNet finds lines from 8 or so); the
/// recogniser reads each line from the full-resolution image.
const DETECT_MAX_SIDE: usize = 1664;
/// Lines read with a lower mean confidence are listed in the warnings.
pub const LOW_CONFIDENCE: f32 = 0.8;

/// What OCR read on one page image.
#[derive(Debug, Clone, Default)]
pub struct PageText {
    /// One glyph per character, points, top-left origin of the (deskewed) page.
    pub glyphs: Vec<Glyph>,
    /// The ruling lines found in the image.
    pub segments: Vec<Segment>,
    /// Lines recognised.
    pub lines: usize,
    /// Mean confidence of the characters read (0 when none).
    pub confidence: f32,
    /// Lines read with less than [`LOW_CONFIDENCE`]: their text and confidence.
    pub doubtful: Vec<(String, f32)>,
    /// The skew corrected, in degrees.
    pub skew: f32,
}

/// Reads one page image at `dpi` with the models in `models` (or `DOCGRID_OCR_MODELS`).
/// Errors are one line: what is missing and how to install it, or what the runtime said.
pub fn read_page(image: &Gray, dpi: f32, models: Option<&Path>) -> Result<PageText, String> {
    let engine = runtime::shared(models)?;
    let mut engine = engine
        .lock()
        .map_err(|_| "the OCR engine failed on an earlier page".to_string())?;
    let skew = deskew::skew(image);
    let levelled;
    let image = if skew.abs() >= deskew::LEVEL {
        levelled = image.rotated(skew);
        &levelled
    } else {
        image
    };
    let boxes = detect::detect(&mut engine.detector, image, DETECT_MAX_SIDE)?;
    let segments = rules::outside_text(rules::find(image, dpi), &boxes, dpi);
    let mut lines = recognise::recognise(&mut engine, image, &boxes)?;
    drop(engine);
    // Reading order within the engine's output: top to bottom, then left to right.
    lines.sort_by(|a, b| {
        a.bbox
            .1
            .total_cmp(&b.bbox.1)
            .then(a.bbox.0.total_cmp(&b.bbox.0))
    });
    let (sum, count) = lines
        .iter()
        .flat_map(|l| &l.chars)
        .fold((0.0f32, 0usize), |(s, n), c| (s + c.confidence, n + 1));
    let doubtful = lines
        .iter()
        .filter(|l| l.confidence < LOW_CONFIDENCE)
        .map(|l| {
            let text: String = l.chars.iter().map(|c| c.text.as_str()).collect();
            (text, l.confidence)
        })
        .collect();
    Ok(PageText {
        glyphs: glyphs::glyphs(&lines, dpi),
        segments,
        lines: lines.len(),
        confidence: if count == 0 { 0.0 } else { sum / count as f32 },
        doubtful,
        skew,
    })
}
