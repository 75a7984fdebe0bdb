//! Page images for OCR (feature `ocr`): the page's image XObjects, decoded by the engine (DCT,
//! Flate, CCITT G3/G4, JBIG2, JPEG 2000) and placed by their transform onto one greyscale
//! canvas of the page as displayed (after `/Rotate`). Vector drawing and text are not painted:
//! a scan is its images.
//!
//! The canvas is the brightest channel of each pixel, not its luminance: a red seal (and any
//! coloured stamp or highlight) comes out light, so neither OCR nor the ruling-line search
//! sees it, while black print under it stays black.

use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageData, ImageDrawProps,
    InterpreterCache, InterpreterSettings, SoftMask,
};

/// A page as an image: greyscale, 0 black to 255 white, row by row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageImage {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `width * height` pixels.
    pub pixels: Vec<u8>,
    /// Pixels per inch (72 points).
    pub dpi: f32,
    /// Images left out, each with why (over the pixel bound, undecodable).
    pub skipped: Vec<String>,
}

/// The resolution OCR reads at: the scan's own, between these (a 600 dpi scan gains nothing
/// over 300 and costs four times the memory; below 150 small print is lost anyway).
const MIN_DPI: f32 = 150.0;
const MAX_DPI: f32 = 300.0;

/// Renders the images of the 0-based page `index` onto a canvas at the resolution of its
/// largest image (clamped to 150-300 dpi and to `max_pixels` pixels); `None` when the page
/// draws no image.
pub fn render(
    pdf: &Pdf,
    index: usize,
    images: &[crate::fixed::page::ImageBox],
    max_pixels: u64,
) -> Option<PageImage> {
    let page = pdf.pages().get(index)?;
    let (width, height) = page.render_dimensions();
    let native = images
        .iter()
        .filter(|i| i.bbox.2 - i.bbox.0 > 1.0)
        .max_by(|a, b| {
            let area =
                |i: &crate::fixed::page::ImageBox| (i.bbox.2 - i.bbox.0) * (i.bbox.3 - i.bbox.1);
            area(a).total_cmp(&area(b))
        })
        .map(|i| i.pixels.0 as f32 * 72.0 / (i.bbox.2 - i.bbox.0))?;
    let mut dpi = native.clamp(MIN_DPI, MAX_DPI);
    let pixels_at = |dpi: f32| f64::from(width * dpi / 72.0) * f64::from(height * dpi / 72.0);
    if pixels_at(dpi) > max_pixels as f64 {
        dpi *= (max_pixels as f64 / pixels_at(dpi)).sqrt() as f32;
    }
    let scale = dpi / 72.0;
    let (w, h) = (
        (width * scale).ceil() as usize,
        (height * scale).ceil() as usize,
    );
    if w == 0 || h == 0 || (w as u64).saturating_mul(h as u64) > max_pixels.max(1) {
        return None;
    }
    let mut canvas = Canvas {
        image: PageImage {
            width: w,
            height: h,
            pixels: vec![255; w * h],
            dpi,
            skipped: Vec::new(),
        },
        scale: f64::from(scale),
        max_pixels,
    };
    let cache = InterpreterCache::new();
    let initial = page.initial_transform(true);
    let bbox = Rect::new(0.0, 0.0, f64::from(width), f64::from(height));
    let mut ctx = Context::new(
        hayro_interpret::TransformExt::to_kurbo(&initial),
        bbox,
        &cache,
        pdf.xref(),
        InterpreterSettings::default(),
    );
    hayro_interpret::interpret_page(page, &mut ctx, &mut canvas);
    Some(canvas.image)
}

/// The device that paints images onto the canvas.
struct Canvas {
    image: PageImage,
    /// Canvas pixels per point.
    scale: f64,
    max_pixels: u64,
}

impl Canvas {
    /// Paints a decoded image (`dw × dh` samples, `value(i)` its brightness 0-255 and
    /// `alpha(i)` its coverage 0-255) whose declared `w × h` pixel grid `transform` maps onto
    /// the page.
    fn paint(
        &mut self,
        transform: Affine,
        (w, h): (u32, u32),
        (dw, dh): (u32, u32),
        value: impl Fn(usize) -> u8,
        alpha: impl Fn(usize) -> u8,
    ) {
        let to_canvas = Affine::scale(self.scale) * transform;
        if to_canvas.determinant().abs() < 1e-9 || w == 0 || h == 0 {
            return;
        }
        let back = to_canvas.inverse();
        let corners = [(0, 0), (w, 0), (0, h), (w, h)]
            .map(|(x, y)| to_canvas * Point::new(f64::from(x), f64::from(y)));
        let (cw, ch) = (self.image.width, self.image.height);
        let clamp = |v: f64, max: usize| (v.max(0.0) as usize).min(max);
        let x0 = clamp(
            corners.iter().map(|p| p.x).fold(f64::MAX, f64::min).floor(),
            cw,
        );
        let x1 = clamp(
            corners.iter().map(|p| p.x).fold(f64::MIN, f64::max).ceil(),
            cw,
        );
        let y0 = clamp(
            corners.iter().map(|p| p.y).fold(f64::MAX, f64::min).floor(),
            ch,
        );
        let y1 = clamp(
            corners.iter().map(|p| p.y).fold(f64::MIN, f64::max).ceil(),
            ch,
        );
        let (fx, fy) = (f64::from(dw) / f64::from(w), f64::from(dh) / f64::from(h));
        for y in y0..y1 {
            for x in x0..x1 {
                let p = back * Point::new(x as f64 + 0.5, y as f64 + 0.5);
                if p.x < 0.0 || p.y < 0.0 || p.x >= f64::from(w) || p.y >= f64::from(h) {
                    continue;
                }
                let (u, v) = ((p.x * fx) as usize, (p.y * fy) as usize);
                let i = v * dw as usize + u.min(dw as usize - 1);
                let a = u32::from(alpha(i));
                if let Some(px) = self.image.pixels.get_mut(y * cw + x) {
                    let under = u32::from(*px);
                    *px = ((u32::from(value(i)) * a + under * (255 - a)) / 255) as u8;
                }
            }
        }
    }
}

impl<'a> Device<'a> for Canvas {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph_run(
        &mut self,
        _: &hayro_interpret::font::GlyphRun<'_, 'a>,
        _: DrawProps<'a>,
        _: &DrawMode,
    ) {
    }
    fn draw_image(&mut self, image: Image<'a, '_>, props: ImageDrawProps<'a>) {
        let declared = (image.width(), image.height());
        if u64::from(declared.0).saturating_mul(u64::from(declared.1)) > self.max_pixels {
            self.image.skipped.push(format!(
                "an image of {} × {} pixels is over max_pdf_image_pixels ({})",
                declared.0, declared.1, self.max_pixels
            ));
            return;
        }
        let Image::Raster(raster) = image else {
            // Stencil masks paint a colour through a 1-bit mask: a scan's pages are raster
            // images, masks are logos and glyph-like shapes.
            return;
        };
        let mut painted = false;
        raster.with_rgba(
            |data, alpha| {
                painted = true;
                // A soft mask of another size than the image is left out (opaque).
                let (dw, dh) = (data.width(), data.height());
                let mask = alpha.as_ref().filter(|a| a.width == dw && a.height == dh);
                let coverage = |i: usize| mask.map_or(255, |a| a.data.get(i).copied().unwrap_or(0));
                match &data {
                    ImageData::Luma(l) => {
                        let n = l.data.len();
                        let sizes = (l.width, l.height);
                        if n >= l.width as usize * l.height as usize && l.width > 0 {
                            let value = |i: usize| l.data.get(i).copied().unwrap_or(255);
                            self.paint(props.transform, declared, sizes, value, coverage);
                        }
                    }
                    ImageData::Rgb(c) => {
                        let sizes = (c.width, c.height);
                        if c.data.len() >= 3 * c.width as usize * c.height as usize && c.width > 0 {
                            let value = |i: usize| {
                                c.data
                                    .get(3 * i..3 * i + 3)
                                    .map_or(255, |p| p.iter().copied().max().unwrap_or(255))
                            };
                            self.paint(props.transform, declared, sizes, value, coverage);
                        }
                    }
                }
            },
            None,
        );
        if !painted {
            self.image
                .skipped
                .push("an image could not be decoded (unsupported or damaged data)".to_string());
        }
    }
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}
