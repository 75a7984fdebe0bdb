//! The interpreter's device: glyph runs, paths and images drawn on a page become the page
//! model's glyphs, segments, filled rectangles and image boxes.

use super::{FilledRect, Glyph, ImageBox, Page, PageLimits, Segment, SegmentPaint};
use hayro_interpret::font::GlyphRun;
use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point, Rect};
use hayro_interpret::{
    BlendMode, ClipPath, Device, DrawMode, DrawProps, Image, ImageDrawProps, SoftMask,
};

/// The device the interpreter draws into: it collects the page model.
pub(super) struct Collector {
    pub(super) page: Page,
    pub(super) limits: PageLimits,
}

fn pt(p: Point) -> (f32, f32) {
    (p.x as f32, p.y as f32)
}

/// Paint facts of one path-drawing call that every segment of it shares.
struct PathLook {
    stroke: bool,
    fill: bool,
    /// Stroke width in page space.
    width: f32,
    lightness: f32,
    /// The paint as RGBA (patterns and shadings: mid grey).
    rgba: [f32; 4],
    dashed: bool,
}

impl PathLook {
    fn of(props: &DrawProps<'_>, mode: &DrawMode) -> PathLook {
        let (stroke, fill, sp) = match mode {
            DrawMode::Fill(_) => (false, true, None),
            DrawMode::Stroke(sp) => (true, false, Some(sp)),
            DrawMode::FillAndStroke(_, sp) => (true, true, Some(sp)),
            DrawMode::Invisible => (false, false, None),
        };
        let c = props.transform.as_coeffs();
        let scale = (c[0] * c[3] - c[1] * c[2]).abs().sqrt() as f32;
        let width = sp.map_or(0.0, |s| s.line_width * scale);
        let dashed = sp.is_some_and(|s| s.dash_array.iter().any(|d| *d > 0.0));
        let (lightness, rgba) = match &props.paint {
            hayro_interpret::Paint::Color(col) => {
                let [r, g, b, a] = col.to_rgba().components();
                let lum = 0.299 * r + 0.587 * g + 0.114 * b;
                (
                    1.0 - a.clamp(0.0, 1.0) * (1.0 - lum.clamp(0.0, 1.0)),
                    [r, g, b, a],
                )
            }
            // Patterns and shadings: unknown, taken as visible.
            hayro_interpret::Paint::Pattern(_) => (0.5, [0.5, 0.5, 0.5, 1.0]),
        };
        PathLook {
            stroke,
            fill,
            width: if width.is_finite() { width } else { 0.0 },
            lightness,
            rgba,
            dashed,
        }
    }
}

/// The box around `points` in page space, `None` unless every coordinate is finite.
fn bounds(points: &[Point]) -> Option<crate::fixed::BBox> {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for c in points {
        x0 = x0.min(c.x);
        y0 = y0.min(c.y);
        x1 = x1.max(c.x);
        y1 = y1.max(c.y);
    }
    let finite = [x0, y0, x1, y1].iter().all(|v| v.is_finite()) && !points.is_empty();
    finite.then_some((x0 as f32, y0 as f32, x1 as f32, y1 as f32))
}

/// The bounds of a closed four-corner axis-aligned subpath (a rectangle in page space).
fn as_rect(points: &[Point]) -> Option<Rect> {
    let mut pts: Vec<Point> = points.to_vec();
    if pts.len() == 5 && pts.first() == pts.last() {
        pts.pop();
    }
    if pts.len() != 4 || pts.iter().any(|p| !p.x.is_finite() || !p.y.is_finite()) {
        return None;
    }
    let first = *pts.first()?;
    let r = pts
        .iter()
        .fold(Rect::from_points(first, first), |r, p| r.union_pt(*p));
    let near = |a: f64, b: f64| (a - b).abs() < 0.01;
    let corner =
        |p: &Point| (near(p.x, r.x0) || near(p.x, r.x1)) && (near(p.y, r.y0) || near(p.y, r.y1));
    pts.iter().all(corner).then_some(r)
}

impl Collector {
    fn push_segment(
        &mut self,
        from: Point,
        to: Point,
        width: f32,
        paint: SegmentPaint,
        look: &PathLook,
    ) {
        if self.page.segments.len() >= self.limits.max_segments_per_page {
            self.page.not_kept = self.page.not_kept.saturating_add(1);
            return;
        }
        self.page.segments.push(Segment {
            from: pt(from),
            to: pt(to),
            width,
            paint,
            lightness: look.lightness,
            dashed: look.dashed,
        });
    }

    /// Emits one subpath: a thin filled rectangle as its centre line, anything else as its pieces.
    fn flush_subpath(
        &mut self,
        sub: &mut Vec<Point>,
        straight: &mut Vec<(Point, Point)>,
        look: &PathLook,
    ) {
        if look.fill {
            if let Some(r) = as_rect(sub) {
                let (w, h) = (r.width(), r.height());
                // Borders painted as fills are at most a few points thick and clearly longer than
                // thick; shading rectangles (13-15 pt tall cells) and square dots are not.
                if w.min(h) <= 3.0 && w.max(h) >= 2.0 * w.min(h) && w.max(h) >= 1.0 {
                    let (from, to) = if w >= h {
                        (
                            Point::new(r.x0, r.center().y),
                            Point::new(r.x1, r.center().y),
                        )
                    } else {
                        (
                            Point::new(r.center().x, r.y0),
                            Point::new(r.center().x, r.y1),
                        )
                    };
                    self.push_segment(from, to, w.min(h) as f32, SegmentPaint::ThinFill, look);
                    sub.clear();
                    straight.clear();
                    return;
                }
                if self.page.fills.len() < self.limits.max_segments_per_page {
                    let bbox = (r.x0 as f32, r.y0 as f32, r.x1 as f32, r.y1 as f32);
                    self.page.fills.push(FilledRect {
                        bbox,
                        rgba: look.rgba,
                    });
                } else {
                    self.page.not_kept = self.page.not_kept.saturating_add(1);
                }
            }
        }
        if look.stroke || look.fill {
            let (paint, width) = if look.stroke {
                (SegmentPaint::Stroke, look.width)
            } else {
                let b = sub
                    .iter()
                    .filter(|p| p.x.is_finite())
                    .fold(None::<Rect>, |r, p| {
                        Some(r.map_or(Rect::from_points(*p, *p), |r| r.union_pt(*p)))
                    });
                (
                    SegmentPaint::FillEdge,
                    b.map_or(0.0, |b| b.width().min(b.height()) as f32),
                )
            };
            for (a, b) in straight.iter() {
                self.push_segment(*a, *b, width, paint, look);
            }
        }
        sub.clear();
        straight.clear();
    }

    fn push_glyph(&mut self, text: String, t: Affine, advance: f64, face: &Face, visible: bool) {
        if self.page.glyphs.len() >= self.limits.max_glyphs_per_page {
            self.page.not_kept = self.page.not_kept.saturating_add(1);
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
        let origin = t * Point::new(0.0, 0.0);
        let size = (t * Point::new(0.0, 1000.0) - origin).hypot();
        let Some(bbox) = bounds(&corners).filter(|_| size.is_finite()) else {
            return;
        };
        self.page.glyphs.push(Glyph {
            text,
            bbox,
            size: size as f32,
            baseline: origin.y as f32,
            font: face.font.clone(),
            bold: face.bold,
            italic: face.italic,
            visible,
            origin: (origin.x as f32, origin.y as f32),
            quarter: quarter(t * Point::new(1000.0, 0.0) - origin),
        });
    }
}

/// A glyph's text as docgrid writes it: ligatures spelt out, and a control character, which is
/// a broken mapping (a subset font's codes passed through) and never text, written as unmapped
/// (U+FFFD, with the `pdf.unmapped_glyphs` warning) rather than as garbage. Whitespace that a
/// font's map puts around a visible character is dropped: one glyph draws one shape, and the
/// gaps between glyphs say where the spaces are (InDesign maps its period to " .", which read
/// "11,062 .6").
fn clean(text: String) -> String {
    if text.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return '\u{FFFD}'.to_string();
    }
    let trimmed = text.trim();
    let text = if !trimmed.is_empty() && trimmed.len() != text.len() {
        trimmed.to_string()
    } else {
        text
    };
    spell_ligatures(text)
}

/// Latin ligatures (U+FB00–U+FB06) spelt out as their letters, as pdftotext and MuPDF do: a
/// reader searching for "deficit" must find `deﬁcit` (fonts map their fi glyph to U+FB01).
fn spell_ligatures(text: String) -> String {
    if !text.chars().any(|c| ('\u{FB00}'..='\u{FB06}').contains(&c)) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            c => out.push(c),
        }
    }
    out
}

/// Quarter turns of an advance vector (top-left origin, y down) from pointing right.
fn quarter(v: hayro_interpret::kurbo::Vec2) -> u8 {
    if v.x.abs() >= v.y.abs() {
        if v.x >= 0.0 {
            0
        } else {
            2
        }
    } else if v.y > 0.0 {
        1
    } else {
        3
    }
}

/// What one glyph run's font looks like: headings are told apart by it.
struct Face {
    font: Option<std::sync::Arc<str>>,
    bold: bool,
    italic: bool,
}

impl Face {
    fn of(run: &GlyphRun<'_, '_>, mode: &DrawMode) -> Face {
        let data = run.glyphs().first().and_then(|g| match &**g {
            hayro_interpret::font::Glyph::Outline(o) => o.font_data(),
            hayro_interpret::font::Glyph::Type3(_) => None,
        });
        let name = data
            .as_ref()
            .and_then(|d| d.postscript_name.as_deref())
            .map(|n| {
                // Subset fonts are named `ABCDEF+Real-Name`.
                match n.split_once('+') {
                    Some((tag, rest)) if tag.len() == 6 => rest,
                    _ => n,
                }
            });
        let heavy_name = name.is_some_and(|n| {
            let l = n.to_ascii_lowercase();
            ["bold", "heavy", "black", "semibold", "demi"]
                .iter()
                .any(|w| l.contains(w))
        });
        let heavy = data
            .as_ref()
            .and_then(|d| d.weight)
            .is_some_and(|w| w >= 600);
        // Word and LibreOffice draw "bold" for fonts without a bold face as fill plus stroke.
        let fake = matches!(mode, DrawMode::FillAndStroke(..));
        // Type 1 fonts (the standard 14 among them) give no font data, so no italic flag.
        let italic = data.as_ref().is_some_and(|d| d.is_italic)
            || name.is_some_and(|n| {
                let l = n.to_ascii_lowercase();
                l.contains("italic") || l.contains("oblique")
            });
        Face {
            font: name.map(std::sync::Arc::from),
            bold: heavy || heavy_name || fake,
            italic,
        }
    }
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, mode: &DrawMode) {
        let look = PathLook::of(&props, mode);
        let placed = props.transform * path.clone();
        let mut sub: Vec<Point> = Vec::new();
        let mut start = Point::ZERO;
        let mut last = Point::ZERO;
        let mut straight = Vec::new();
        for el in placed.elements() {
            match *el {
                PathEl::MoveTo(p) => {
                    self.flush_subpath(&mut sub, &mut straight, &look);
                    start = p;
                    last = p;
                    sub.push(p);
                }
                PathEl::LineTo(p) => {
                    straight.push((last, p));
                    sub.push(p);
                    last = p;
                }
                PathEl::ClosePath => {
                    if last != start {
                        straight.push((last, start));
                    }
                    last = start;
                }
                PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => {
                    // A curved subpath is never a rectangle; its straight pieces still count.
                    sub.push(Point::new(f64::NAN, f64::NAN));
                    last = p;
                }
            }
        }
        self.flush_subpath(&mut sub, &mut straight, &look);
    }
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, mode: &DrawMode) {
        let face = Face::of(run, mode);
        let visible = !matches!(mode, DrawMode::Invisible);
        for g in run.glyphs() {
            let text = match g.as_unicode() {
                Some(hayro_interpret::hayro_cmap::BfString::Char(c)) => c.to_string(),
                Some(hayro_interpret::hayro_cmap::BfString::String(s)) => s,
                None => '\u{FFFD}'.to_string(),
            };
            let text = clean(text);
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
            let placed = props.transform * g.transform();
            self.push_glyph(text, placed, advance, &face, visible);
        }
    }
    fn draw_image(&mut self, image: Image<'a, '_>, props: ImageDrawProps<'a>) {
        // The transform maps the image's pixel grid onto the page.
        let (w, h) = (image.width(), image.height());
        let corners = [(0, 0), (w, 0), (0, h), (w, h)]
            .map(|(x, y)| props.transform * Point::new(f64::from(x), f64::from(y)));
        if let Some(bbox) = bounds(&corners) {
            if self.page.images.len() < self.limits.max_segments_per_page {
                self.page.images.push(ImageBox {
                    bbox,
                    pixels: (w, h),
                });
            } else {
                self.page.not_kept = self.page.not_kept.saturating_add(1);
            }
        }
    }
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

#[cfg(test)]
mod tests {
    #[test]
    fn ligatures_are_spelt_out() {
        assert_eq!(super::spell_ligatures("\u{FB01}".into()), "fi");
        assert_eq!(
            super::spell_ligatures("e\u{FB03}e\u{FB06}".into()),
            "effiest"
        );
        assert_eq!(super::spell_ligatures("年度".into()), "年度");
    }

    #[test]
    fn whitespace_mapped_around_a_visible_character_is_dropped() {
        assert_eq!(super::clean(" .".into()), ".");
        assert_eq!(super::clean("a\u{a0}".into()), "a");
        assert_eq!(super::clean(" ".into()), " ");
        assert_eq!(super::clean("a b".into()), "a b");
    }

    #[test]
    fn control_characters_are_unmapped() {
        assert_eq!(super::clean("\u{18}".into()), "\u{FFFD}");
        assert_eq!(super::clean("a\u{7F}".into()), "\u{FFFD}");
        assert_eq!(super::clean("\u{FB02}".into()), "fl");
        assert_eq!(super::clean(" ".into()), " ");
    }
}
