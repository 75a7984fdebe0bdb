//! The only module that names the PDF crate: turns PDF bytes into a neutral page model.
//!
//! Engine: hayro (hayro-syntax + hayro-interpret 0.9). Measured in shared/research/rust-ecosystem.md on
//! 1,489 PDFs: 0 panics, decodes non-embedded GBK-EUC-H and other predefined CJK CMaps through its bundled
//! Adobe CMaps, gives Unicode for Chromium's Type3 fonts, and reports glyph runs with transforms plus
//! drawn paths (ruling lines for tables). lopdf's own extraction yields no Chinese for those fonts, so on
//! lopdf we would have to write the whole content interpreter and font decoding ourselves.

use crate::PageSelection;
use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use hayro_interpret::kurbo::Rect;
use hayro_interpret::{
    interpret_page, Context, InterpreterCache, InterpreterSettings, TransformExt,
};

/// Caps on what one document may make us collect and do. All but the per-page glyph and
/// segment caps are errors when exceeded ([`LoadError::Limit`]); glyphs and shapes past those
/// two are not kept and counted in [`Page::not_kept`] (a `pdf.page_cap` warning).
#[derive(Debug, Clone, Copy)]
pub struct PageLimits {
    /// Pages of the document; more is an error.
    pub max_pages: usize,
    /// Decoded bytes of any one stream, and of one page's content streams together.
    pub max_stream_bytes: u64,
    /// Elements of one path (`re` counts 5), checked before the engine builds it.
    pub max_path_elements: u64,
    /// Drawing operations per page (paths, text shows, images, form and pattern draws, clips).
    pub max_draw_ops_per_page: u64,
    /// Wall time for the whole document, in seconds; 0 for no bound.
    pub max_seconds: u64,
    /// Glyphs kept for the whole document (every page's are held until the end).
    pub max_glyphs: u64,
    /// Path segments kept for the whole document.
    pub max_segments: u64,
    /// Glyphs kept per page at most.
    pub max_glyphs_per_page: usize,
    /// Path segments kept per page at most.
    pub max_segments_per_page: usize,
}

impl Default for PageLimits {
    fn default() -> Self {
        PageLimits::from_limits(&crate::Limits::default())
    }
}

impl PageLimits {
    /// The PDF bounds of `limits`.
    pub fn from_limits(limits: &crate::Limits) -> PageLimits {
        PageLimits {
            max_pages: limits.max_pdf_pages,
            max_stream_bytes: limits.max_pdf_stream_bytes,
            max_path_elements: limits.max_pdf_path_elements,
            max_draw_ops_per_page: limits.max_pdf_draw_ops,
            max_seconds: limits.max_pdf_seconds,
            max_glyphs: limits.max_pdf_glyphs,
            max_segments: limits.max_pdf_segments,
            max_glyphs_per_page: crate::fixed::PER_PAGE_CAP,
            max_segments_per_page: crate::fixed::PER_PAGE_CAP,
        }
    }
}

pub use crate::fixed::page::{FilledRect, Glyph, ImageBox, Page, Segment, SegmentPaint};

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

mod collect;
mod facts;
mod guard;
#[cfg(feature = "ocr")]
pub mod raster;

use collect::Collector;
pub use facts::DocumentFacts;

/// A loaded PDF: its pages and what the file says about itself.
#[derive(Debug, Clone, Default)]
pub struct LoadedDocument {
    /// Every page, in order ([`Page::omitted`] for pages not selected).
    pub pages: Vec<Page>,
    /// Metadata and the state of the cross-reference data.
    pub facts: DocumentFacts,
}

/// Why [`load_bounded`] stopped: the file could not be opened, a bound was exceeded, or the
/// engine panicked (a bug in it, caught; the page's partial result is dropped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The file could not be opened.
    Engine(EngineError),
    /// A bound of [`PageLimits`] was exceeded.
    Limit {
        /// 1-based page, or 0 for the document as a whole.
        page: usize,
        /// The bound's name, as in [`crate::Limits`] (`max_pdf_draw_ops`, ...).
        what: &'static str,
        /// The bound's value.
        limit: u64,
    },
    /// The engine panicked; 1-based page, or 0 while opening the file.
    Crashed {
        /// Where it happened.
        page: usize,
    },
}

/// [`load_bounded`] with an exceeded bound or an engine crash reported as [`EngineError::Invalid`].
pub fn load(bytes: &[u8], password: &str, limits: PageLimits) -> Result<Vec<Page>, EngineError> {
    load_bounded(bytes, password, limits, None).map_err(|e| match e {
        LoadError::Engine(e) => e,
        LoadError::Limit { .. } | LoadError::Crashed { .. } => EngineError::Invalid,
    })
}

fn caught<T>(page: usize, f: impl FnOnce() -> Result<T, LoadError>) -> Result<T, LoadError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        Err(match payload.downcast::<guard::Stop>() {
            Ok(stop) => LoadError::Limit {
                page,
                what: stop.what,
                limit: stop.limit,
            },
            Err(_) => LoadError::Crashed { page },
        })
    })
}

/// Parses `bytes` and interprets every page (or the `selected` ones; the others are empty pages
/// marked [`Page::omitted`]) into the page model, within `limits`.
pub fn load_bounded(
    bytes: &[u8],
    password: &str,
    limits: PageLimits,
    selected: Option<&PageSelection>,
) -> Result<Vec<Page>, LoadError> {
    load_document(bytes, password, limits, selected).map(|d| d.pages)
}

/// [`load_bounded`] with the document's facts: metadata, and whether the file was damaged.
pub fn load_document(
    bytes: &[u8],
    password: &str,
    limits: PageLimits,
    selected: Option<&PageSelection>,
) -> Result<LoadedDocument, LoadError> {
    let deadline = guard::Deadline::start(limits.max_seconds);
    let limit = |page: usize| {
        move |s: guard::Stop| LoadError::Limit {
            page,
            what: s.what,
            limit: s.limit,
        }
    };
    let cap = limits.max_stream_bytes;
    let measured = guard::scan_raw(bytes, cap, &deadline).map_err(limit(0))?;
    let pdf = caught(0, || open(bytes, password).map_err(LoadError::Engine))?;
    let max_path = limits.max_path_elements;
    caught(0, || {
        guard::check_objects(&pdf, cap, max_path, &deadline, &measured).map_err(limit(0))
    })?;
    let facts = caught(0, || Ok(facts::read(&pdf, bytes)))?;
    let count = pdf.pages().len();
    if count > limits.max_pages {
        return Err(LoadError::Limit {
            page: 0,
            what: "max_pdf_pages",
            limit: limits.max_pages as u64,
        });
    }
    let cache = InterpreterCache::new();
    let mut pages = Vec::with_capacity(count);
    let (mut glyphs, mut segments) = (0u64, 0u64);
    for (i, page) in pdf.pages().iter().enumerate() {
        let n = i + 1;
        let wanted = u32::try_from(n).is_ok_and(|n| selected.is_none_or(|s| s.contains(n)));
        if !wanted {
            let (width, height) = page.render_dimensions();
            pages.push(Page {
                width,
                height,
                omitted: true,
                ..Page::default()
            });
            continue;
        }
        deadline.check().map_err(limit(n))?;
        // The page may keep one glyph (segment) more than the document has left, which tells
        // an exceeded document bound from a page that just fills it.
        let room = |max: u64, used: u64, per_page: usize| {
            let left = max.saturating_sub(used).saturating_add(1);
            per_page.min(usize::try_from(left).unwrap_or(usize::MAX))
        };
        let this = PageLimits {
            max_glyphs_per_page: room(limits.max_glyphs, glyphs, limits.max_glyphs_per_page),
            max_segments_per_page: room(
                limits.max_segments,
                segments,
                limits.max_segments_per_page,
            ),
            ..limits
        };
        let got = caught(n, || {
            guard::check_contents(page.raw(), cap).map_err(limit(n))?;
            let content = guard::page_content(page.raw());
            guard::check_paths(&content, max_path).map_err(limit(n))?;
            Ok(interpret(page, &content, &pdf, &cache, this, deadline))
        })?;
        glyphs = glyphs.saturating_add(got.glyphs.len() as u64);
        segments = segments.saturating_add(got.segments.len() as u64);
        for (used, max, what) in [
            (glyphs, limits.max_glyphs, "max_pdf_glyphs"),
            (segments, limits.max_segments, "max_pdf_segments"),
        ] {
            if used > max {
                return Err(LoadError::Limit {
                    page: n,
                    what,
                    limit: max,
                });
            }
        }
        pages.push(got);
    }
    Ok(LoadedDocument { pages, facts })
}

/// Interprets `content` (the page's decoded content, ours so that it is freed after the page;
/// the engine would keep its own copy with the document), then the page's annotations.
fn interpret<'a>(
    page: &hayro_interpret::hayro_syntax::page::Page<'a>,
    content: &[u8],
    pdf: &'a Pdf,
    cache: &'a InterpreterCache<'a>,
    limits: PageLimits,
    deadline: guard::Deadline,
) -> Page {
    let (width, height) = page.render_dimensions();
    let initial = page.initial_transform(true).to_kurbo();
    let bbox = Rect::new(0.0, 0.0, f64::from(width), f64::from(height));
    let mut ctx = Context::new(
        initial,
        bbox,
        cache,
        pdf.xref(),
        InterpreterSettings::default(),
    );
    let rotation = match page.rotation() {
        hayro_interpret::hayro_syntax::page::Rotation::None => 0,
        hayro_interpret::hayro_syntax::page::Rotation::Horizontal => 90,
        hayro_interpret::hayro_syntax::page::Rotation::Flipped => 180,
        hayro_interpret::hayro_syntax::page::Rotation::FlippedHorizontal => 270,
    };
    let collector = Collector {
        page: Page {
            width,
            height,
            rotation,
            ..Page::default()
        },
        limits,
    };
    let mut dev = guard::Budget::new(collector, limits.max_draw_ops_per_page, deadline);
    let ops = hayro_interpret::hayro_syntax::content::TypedIter::new(content);
    hayro_interpret::interpret(ops, page.resources(), &mut ctx, &mut dev);
    let annotations = InterpreterSettings {
        render_content: hayro_interpret::RenderContent::ANNOTATIONS,
        ..InterpreterSettings::default()
    };
    let mut ctx = Context::new(initial, bbox, cache, pdf.xref(), annotations);
    interpret_page(page, &mut ctx, &mut dev);
    dev.inner.page
}

/// Page images for OCR: for each `(0-based page, the page's image boxes)` asked for, its
/// images on one canvas ([`raster::render`]), `None` for a page that draws none; an engine
/// panic on a page is that page's `None`.
#[cfg(feature = "ocr")]
pub fn render_images(
    bytes: &[u8],
    password: &str,
    wanted: &[(usize, &[ImageBox])],
    max_pixels: u64,
) -> Result<Vec<Option<raster::PageImage>>, LoadError> {
    let pdf = caught(0, || open(bytes, password).map_err(LoadError::Engine))?;
    Ok(wanted
        .iter()
        .map(|&(index, images)| {
            caught(index + 1, || {
                Ok(raster::render(&pdf, index, images, max_pixels))
            })
            .ok()
            .flatten()
        })
        .collect())
}

fn open(bytes: &[u8], password: &str) -> Result<Pdf, EngineError> {
    Pdf::new_with_password(bytes.to_vec(), password).map_err(|e| match e {
        LoadPdfError::Decryption(d) => {
            let name = format!("{d:?}");
            if name == "PasswordProtected" {
                EngineError::PasswordRequired
            } else {
                EngineError::Encryption(name)
            }
        }
        LoadPdfError::Invalid => EngineError::Invalid,
    })
}
