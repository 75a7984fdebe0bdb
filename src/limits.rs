//! Resource bounds, so that no input can exhaust memory or time.

pub mod content;
pub mod decoded;
mod inflate;

/// Default bound on the inflated size of one package part (the largest real document.xml
/// seen in the corpus is 52.5 MB).
pub const DEFAULT_MAX_PART_BYTES: u64 = 512 * 1024 * 1024;
/// Default bound on the inflated size of all parts read from one package.
pub const DEFAULT_MAX_TOTAL_BYTES: u64 = 1024 * 1024 * 1024;
/// Default bound on XML element nesting depth (real documents stay under 100).
pub const DEFAULT_MAX_DEPTH: usize = 1_000;
/// Default bound on nested tables inside tables.
pub const DEFAULT_MAX_TABLE_NESTING: usize = 64;
/// Default bound on grid positions (rows × columns) of one table.
pub const DEFAULT_MAX_TABLE_CELLS: u64 = 20_000_000;
/// Default bound on grid columns of one table (Word itself allows 63).
pub const DEFAULT_MAX_TABLE_COLS: usize = 16_384;

/// Default bound on pages read from one PDF (the largest corpus PDF has a few hundred).
pub const DEFAULT_MAX_PDF_PAGES: usize = 10_000;
/// Default bound on the decoded bytes of one PDF stream, and of one page's content streams
/// together: the engine holds a decoded stream whole (the largest content stream in the corpus
/// is 0.4 MB, the largest embedded font a few MB).
pub const DEFAULT_MAX_PDF_STREAM_BYTES: u64 = 64 * 1024 * 1024;
/// Default bound on the elements of one path (`re` counts 5): the engine and docgrid hold a
/// path whole until it is painted, at up to 180 bytes per element.
pub const DEFAULT_MAX_PDF_PATH_ELEMENTS: u64 = 1_000_000;
/// Default bound on drawing operations per PDF page (paths painted, text shows, images, form
/// and pattern invocations, clips), nested forms included: an exponential form-XObject DAG
/// stops here. Dense real pages (maps, charts) stay under a few hundred thousand.
pub const DEFAULT_MAX_PDF_DRAW_OPS: u64 = 2_000_000;
/// Default bound on the glyphs kept from one PDF: every page's glyphs are held until the whole
/// document is read, at about 250 bytes each with the text built from them (a dense page has
/// 1,500 to 3,000; a page keeps at most 200,000).
pub const DEFAULT_MAX_PDF_GLYPHS: u64 = 1_000_000;
/// Default bound on the path segments kept from one PDF (held like glyphs, 32 bytes each; a
/// page keeps at most 200,000).
pub const DEFAULT_MAX_PDF_SEGMENTS: u64 = 2_000_000;
/// Default wall-time bound, in seconds, on interpreting one PDF (0: none); the last line of
/// defence against constructs the other bounds do not count.
pub const DEFAULT_MAX_PDF_SECONDS: u64 = 60;

/// The bounds applied while reading one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Inflated bytes of any one part.
    pub max_part_bytes: u64,
    /// Inflated bytes of all parts of one document.
    pub max_total_bytes: u64,
    /// XML element nesting depth.
    pub max_depth: usize,
    /// Tables nested inside table cells.
    pub max_table_nesting: usize,
    /// Grid positions of one table.
    pub max_table_cells: u64,
    /// Grid columns of one table.
    pub max_table_cols: usize,
    /// Pages of one PDF.
    pub max_pdf_pages: usize,
    /// Decoded bytes of one PDF stream, and of one page's content.
    pub max_pdf_stream_bytes: u64,
    /// Elements of one PDF path.
    pub max_pdf_path_elements: u64,
    /// Drawing operations of one PDF page, nested forms included.
    pub max_pdf_draw_ops: u64,
    /// Wall time for interpreting one PDF, in seconds (0: no bound).
    pub max_pdf_seconds: u64,
    /// Glyphs kept from one PDF.
    pub max_pdf_glyphs: u64,
    /// Path segments kept from one PDF.
    pub max_pdf_segments: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_part_bytes: DEFAULT_MAX_PART_BYTES,
            max_total_bytes: DEFAULT_MAX_TOTAL_BYTES,
            max_depth: DEFAULT_MAX_DEPTH,
            max_table_nesting: DEFAULT_MAX_TABLE_NESTING,
            max_table_cells: DEFAULT_MAX_TABLE_CELLS,
            max_table_cols: DEFAULT_MAX_TABLE_COLS,
            max_pdf_pages: DEFAULT_MAX_PDF_PAGES,
            max_pdf_stream_bytes: DEFAULT_MAX_PDF_STREAM_BYTES,
            max_pdf_path_elements: DEFAULT_MAX_PDF_PATH_ELEMENTS,
            max_pdf_draw_ops: DEFAULT_MAX_PDF_DRAW_OPS,
            max_pdf_seconds: DEFAULT_MAX_PDF_SECONDS,
            max_pdf_glyphs: DEFAULT_MAX_PDF_GLYPHS,
            max_pdf_segments: DEFAULT_MAX_PDF_SEGMENTS,
        }
    }
}
