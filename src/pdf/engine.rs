//! The only module that names the PDF crate: turns PDF bytes into a neutral page model.
//!
//! Engine: hayro (hayro-syntax + hayro-interpret 0.9). Measured in shared/research/rust-ecosystem.md on
//! 1,489 PDFs: 0 panics, decodes non-embedded GBK-EUC-H and other predefined CJK CMaps through its bundled
//! Adobe CMaps, gives Unicode for Chromium's Type3 fonts, and reports glyph runs with transforms plus
//! drawn paths (ruling lines for tables). lopdf's own extraction yields no Chinese for those fonts, so on
//! lopdf we would have to write the whole content interpreter and font decoding ourselves.

use hayro_interpret::font::GlyphRun;
use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point, Rect};
use hayro_interpret::{
    interpret_page, BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image,
    ImageDrawProps, InterpreterCache, InterpreterSettings, SoftMask, TransformExt,
};

/// Caps on what one document may make us collect.
#[derive(Debug, Clone, Copy)]
pub struct PageLimits {
    /// Pages read at most; later pages are dropped.
    pub max_pages: usize,
    /// Glyphs kept per page at most.
    pub max_glyphs_per_page: usize,
    /// Path segments kept per page at most.
    pub max_segments_per_page: usize,
}

impl Default for PageLimits {
    fn default() -> Self {
        PageLimits {
            max_pages: 10_000,
            max_glyphs_per_page: 200_000,
            max_segments_per_page: 200_000,
        }
    }
}

/// One drawn glyph in top-left-origin page space (points).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Unicode text of the glyph (U+FFFD when the font gives none).
    pub text: String,
    /// (x0, y0, x1, y1), y growing downwards.
    pub bbox: (f32, f32, f32, f32),
    /// Font size in points after all transforms.
    pub size: f32,
    /// Baseline y in page space, for line clustering.
    pub baseline: f32,
}

/// A straight drawn segment (a rectangle contributes its four sides), for ruling detection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    /// Start point (x, y), top-left origin.
    pub from: (f32, f32),
    /// End point (x, y), top-left origin.
    pub to: (f32, f32),
}

/// One page: its size, glyphs in content order and drawn segments.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// Width in points (after /Rotate).
    pub width: f32,
    /// Height in points (after /Rotate).
    pub height: f32,
    /// Glyphs in content-stream order.
    pub glyphs: Vec<Glyph>,
    /// Straight segments of stroked and filled paths.
    pub segments: Vec<Segment>,
}

/// Why a PDF could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineError {
    /// The file has a non-empty user password.
    PasswordRequired,
    /// Encryption that cannot be handled (unsupported algorithm or broken dictionary).
    Encryption(String),
    /// Not parseable as a PDF at all.
    Invalid,
}

/// Parses `bytes` and interprets every page (up to the limits) into the page model.
pub fn load(bytes: &[u8], password: &str, limits: PageLimits) -> Result<Vec<Page>, EngineError> {
    let pdf = Pdf::new_with_password(bytes.to_vec(), password).map_err(|e| match e {
        LoadPdfError::Decryption(d) => {
            let name = format!("{d:?}");
            if name == "PasswordProtected" {
                EngineError::PasswordRequired
            } else {
                EngineError::Encryption(name)
            }
        }
        LoadPdfError::Invalid => EngineError::Invalid,
    })?;
    let cache = InterpreterCache::new();
    let mut pages = Vec::new();
    for page in pdf.pages().iter().take(limits.max_pages) {
        let (width, height) = page.render_dimensions();
        let initial = page.initial_transform(true).to_kurbo();
        let bbox = Rect::new(0.0, 0.0, f64::from(width), f64::from(height));
        let mut ctx = Context::new(
            initial,
            bbox,
            &cache,
            pdf.xref(),
            InterpreterSettings::default(),
        );
        let mut dev = Collector {
            page: Page {
                width,
                height,
                ..Page::default()
            },
            limits,
        };
        interpret_page(page, &mut ctx, &mut dev);
        pages.push(dev.page);
    }
    Ok(pages)
}

struct Collector {
    page: Page,
    limits: PageLimits,
}

fn pt(p: Point) -> (f32, f32) {
    (p.x as f32, p.y as f32)
}

impl Collector {
    fn push_glyph(&mut self, text: String, t: Affine, advance: f64) {
        if self.page.glyphs.len() >= self.limits.max_glyphs_per_page {
            return;
        }
        // Glyph space is 1000 units per em; the em box runs from the descender (-0.12 em) to
        // the ascender (0.88 em), close enough for line and gap analysis.
        let corners = [
            t * Point::new(0.0, -120.0),
            t * Point::new(advance, -120.0),
            t * Point::new(0.0, 880.0),
            t * Point::new(advance, 880.0),
        ];
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for c in corners {
            x0 = x0.min(c.x);
            y0 = y0.min(c.y);
            x1 = x1.max(c.x);
            y1 = y1.max(c.y);
        }
        let origin = t * Point::new(0.0, 0.0);
        let size = (t * Point::new(0.0, 1000.0) - origin).hypot();
        if !size.is_finite() || !x0.is_finite() || !y1.is_finite() {
            return;
        }
        self.page.glyphs.push(Glyph {
            text,
            bbox: (x0 as f32, y0 as f32, x1 as f32, y1 as f32),
            size: size as f32,
            baseline: origin.y as f32,
        });
    }
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, _mode: &DrawMode) {
        let mut start = Point::ZERO;
        let mut last = Point::ZERO;
        for el in (props.transform * path.clone()).elements() {
            if self.page.segments.len() >= self.limits.max_segments_per_page {
                return;
            }
            match *el {
                PathEl::MoveTo(p) => {
                    start = p;
                    last = p;
                }
                PathEl::LineTo(p) => {
                    self.page.segments.push(Segment {
                        from: pt(last),
                        to: pt(p),
                    });
                    last = p;
                }
                PathEl::ClosePath => {
                    if last != start {
                        self.page.segments.push(Segment {
                            from: pt(last),
                            to: pt(start),
                        });
                    }
                    last = start;
                }
                PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => last = p,
            }
        }
    }
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        for g in run.glyphs() {
            let text = match g.as_unicode() {
                Some(hayro_interpret::hayro_cmap::BfString::Char(c)) => c.to_string(),
                Some(hayro_interpret::hayro_cmap::BfString::String(s)) => s,
                None => '\u{FFFD}'.to_string(),
            };
            // The font's advance (1000 units per em) when it has one; otherwise a guess from the
            // script, enough to place gaps between Latin words.
            let own = match &**g {
                hayro_interpret::font::Glyph::Outline(o) => o.advance_width(),
                hayro_interpret::font::Glyph::Type3(t) => t.advance_width(),
            };
            let guess = if text.is_ascii() { 500.0 } else { 1000.0 };
            let advance = own
                .map(f64::from)
                .filter(|a| a.is_finite() && *a > 0.0)
                .unwrap_or(guess);
            self.push_glyph(text, props.transform * g.transform(), advance);
        }
    }
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}
