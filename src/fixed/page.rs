//! The neutral page model: what a fixed-layout source (a PDF's content stream, an OCR engine's
//! word boxes) puts on a page. Layout and table detection read only this, so a new source plugs
//! in by producing [`Page`]s; nothing here knows the PDF crate.
//!
//! Coordinates are points with the origin at the top left of the page as displayed (after any
//! `/Rotate`), y growing downwards.

use std::sync::Arc;

/// A box `(x0, y0, x1, y1)`, top-left origin, `x0 <= x1` and `y0 <= y1`.
pub type BBox = (f32, f32, f32, f32);

/// Glyphs, and drawn segments, kept per page at most: past it they are counted in
/// [`Page::not_kept`] (a `pdf.page_cap` warning), so one pathological page cannot exhaust memory.
pub const PER_PAGE_CAP: usize = 200_000;

/// One page of a fixed-layout source.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// Width in points (after /Rotate).
    pub width: f32,
    /// Height in points (after /Rotate).
    pub height: f32,
    /// Clockwise rotation, in degrees (0, 90, 180, 270), that the source applies for display;
    /// every coordinate here is already in the displayed orientation.
    pub rotation: u16,
    /// Glyphs in content order (for OCR, in the engine's reading order).
    pub glyphs: Vec<Glyph>,
    /// Straight segments of stroked and filled paths: the candidates for table rules.
    pub segments: Vec<Segment>,
    /// Filled rectangles that are not thin enough to be rules (cell shading, backgrounds), with
    /// their colour.
    pub fills: Vec<FilledRect>,
    /// Images drawn (a scanned page is one image and no glyphs).
    pub images: Vec<ImageBox>,
    /// Left out by the caller's page selection: not read, so empty; it keeps its place so that
    /// page numbers stay the document's.
    pub omitted: bool,
    /// Glyphs and drawn shapes the source had past its per-page caps, not kept (a warning).
    pub not_kept: u64,
    /// Read by OCR (feature `ocr`): the mean confidence of its characters; `None` for a page
    /// whose text came from its text layer. The blocks on the page carry it.
    pub ocr_confidence: Option<f32>,
}

/// One drawn glyph (or, from OCR, one recognised character or word).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Unicode text of the glyph (U+FFFD when the font gives none).
    pub text: String,
    /// Its box: the advance width by the em box from descender to ascender.
    pub bbox: BBox,
    /// Font size in points after all transforms.
    pub size: f32,
    /// Baseline y, for line clustering.
    pub baseline: f32,
    /// PostScript name of an embedded font, subset prefix removed (None when not embedded).
    pub font: Option<Arc<str>>,
    /// A bold face (weight ≥ 600 or a bold name) or fake bold (filled and stroked).
    pub bold: bool,
    /// An italic or oblique face (by the embedded font's flags or name).
    pub italic: bool,
    /// Painted; `false` for invisible text (render mode 3: the text layer over a scan).
    pub visible: bool,
    /// Glyph origin (x, y) on the baseline.
    pub origin: (f32, f32),
    /// Quarter turns clockwise of the glyph's writing direction: 0 upright, 1 running down
    /// the page, 2 upside down, 3 running up (a table printed sideways).
    pub quarter: u8,
}

impl Default for Glyph {
    fn default() -> Glyph {
        Glyph {
            text: String::new(),
            bbox: (0.0, 0.0, 0.0, 0.0),
            size: 0.0,
            baseline: 0.0,
            font: None,
            bold: false,
            italic: false,
            visible: true,
            origin: (0.0, 0.0),
            quarter: 0,
        }
    }
}

impl Glyph {
    /// Centre of the bounding box: which cell, region or band a glyph belongs to.
    pub fn centre(&self) -> (f32, f32) {
        (
            (self.bbox.0 + self.bbox.2) / 2.0,
            (self.bbox.1 + self.bbox.3) / 2.0,
        )
    }

    /// Whether `other` draws this glyph again: the same text on the same baseline, shifted by
    /// less than a third of its width (at least 1 pt for glyphs without a width), as producers
    /// paint fake bold: WPS glyph by glyph, others ("LLeess BBllaannccss") a run at a time. A
    /// repeated letter ("ll", "11") stands a whole advance away and is never taken for one.
    pub fn is_drawn_again_by(&self, other: &Glyph) -> bool {
        let width = (self.bbox.2 - self.bbox.0).min(other.bbox.2 - other.bbox.0);
        let shift = if width > 0.0 { width / 3.0 } else { 1.0 };
        self.text == other.text
            && (self.bbox.0 - other.bbox.0).abs() < shift
            && (self.baseline - other.baseline).abs() < 1.0
    }
}

/// A straight drawn segment, for ruling detection. A stroked path gives its straight pieces; a
/// thin filled rectangle (how Word, Excel and WPS paint borders) gives its centre line, so that
/// both read the same; any other filled shape gives its outline as [`SegmentPaint::FillEdge`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    /// Start point (x, y).
    pub from: (f32, f32),
    /// End point (x, y).
    pub to: (f32, f32),
    /// Painted thickness in points: the stroke width after transforms (0 for hairlines), or the
    /// short side of a thin filled rectangle, or the short side of the filled shape's bounds.
    pub width: f32,
    /// How it was painted.
    pub paint: SegmentPaint,
    /// Luminance of the paint over a white page, 0 black to 1 white (invisible rules are 1).
    pub lightness: f32,
    /// Stroked with a dash pattern.
    pub dashed: bool,
}

/// How a [`Segment`] was painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentPaint {
    /// A piece of a stroked path.
    Stroke,
    /// The centre line of a thin filled rectangle (a border painted as a fill).
    ThinFill,
    /// A side of a filled shape that is not thin (cell shading, backgrounds, glyph-like shapes).
    FillEdge,
}

/// A filled axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FilledRect {
    /// Its box.
    pub bbox: BBox,
    /// Red, green, blue and alpha, each 0 to 1 (patterns and shadings: mid grey).
    pub rgba: [f32; 4],
}

/// Where an image is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImageBox {
    /// The bounds of the drawn image.
    pub bbox: BBox,
    /// Its size in pixels (width, height), for resolution: what OCR needs to know.
    pub pixels: (u32, u32),
}

/// A rectangle on one page, top-left origin, points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Region {
    /// 0-based index into the document's pages.
    pub page: usize,
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
}

impl Region {
    /// Whether the point lies inside (edges included).
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1
    }
}
