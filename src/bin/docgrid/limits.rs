//! Command-line overrides for every bound of [`docgrid::Limits`], shared by `convert` and `batch`.

use docgrid::limits::{
    DEFAULT_MAX_DEPTH, DEFAULT_MAX_PART_BYTES, DEFAULT_MAX_PDF_DRAW_OPS, DEFAULT_MAX_PDF_GLYPHS,
    DEFAULT_MAX_PDF_PAGES, DEFAULT_MAX_PDF_PATH_ELEMENTS, DEFAULT_MAX_PDF_SECONDS,
    DEFAULT_MAX_PDF_SEGMENTS, DEFAULT_MAX_PDF_STREAM_BYTES, DEFAULT_MAX_TABLE_CELLS,
    DEFAULT_MAX_TABLE_COLS, DEFAULT_MAX_TABLE_NESTING, DEFAULT_MAX_TOTAL_BYTES,
};
use docgrid::{Limits, Options, PageSelection};

/// Resource bounds; an input that exceeds one fails with an error naming it.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct LimitArgs {
    /// Inflated bytes of any one part of a package.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_PART_BYTES)]
    max_part_bytes: u64,
    /// Inflated bytes of all parts of one document.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_TOTAL_BYTES)]
    max_total_bytes: u64,
    /// XML element nesting depth.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_DEPTH)]
    max_depth: usize,
    /// Tables nested inside table cells.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_TABLE_NESTING)]
    max_table_nesting: usize,
    /// Grid positions (rows × columns) of one table.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_TABLE_CELLS)]
    max_table_cells: u64,
    /// Grid columns of one table.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_TABLE_COLS)]
    max_table_cols: usize,
    /// Pages of one PDF.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_PDF_PAGES)]
    max_pdf_pages: usize,
    /// Decoded bytes of one PDF stream, and of one page's content.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_PDF_STREAM_BYTES)]
    max_pdf_stream_bytes: u64,
    /// Elements of one PDF path (a rectangle counts 5).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_PDF_PATH_ELEMENTS)]
    max_pdf_path_elements: u64,
    /// Drawing operations of one PDF page, nested forms included.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_PDF_DRAW_OPS)]
    max_pdf_draw_ops: u64,
    /// Wall time for interpreting one PDF (0: no bound).
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_MAX_PDF_SECONDS)]
    max_pdf_seconds: u64,
    /// Glyphs kept from one PDF.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_PDF_GLYPHS)]
    max_pdf_glyphs: u64,
    /// Path segments kept from one PDF.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_PDF_SEGMENTS)]
    max_pdf_segments: u64,
}

impl LimitArgs {
    /// The library bounds these options describe.
    pub fn limits(&self) -> Limits {
        Limits {
            max_part_bytes: self.max_part_bytes,
            max_total_bytes: self.max_total_bytes,
            max_depth: self.max_depth,
            max_table_nesting: self.max_table_nesting,
            max_table_cells: self.max_table_cells,
            max_table_cols: self.max_table_cols,
            max_pdf_pages: self.max_pdf_pages,
            max_pdf_stream_bytes: self.max_pdf_stream_bytes,
            max_pdf_path_elements: self.max_pdf_path_elements,
            max_pdf_draw_ops: self.max_pdf_draw_ops,
            max_pdf_seconds: self.max_pdf_seconds,
            max_pdf_glyphs: self.max_pdf_glyphs,
            max_pdf_segments: self.max_pdf_segments,
        }
    }
}

/// The reading options `convert`, `batch` and `report` all take: what reaches every reader.
#[derive(clap::Args, Debug, Clone)]
pub struct ReadArgs {
    /// Also emit header and footer content as blocks (style `header` / `footer`); for PDF the
    /// running heads and page numbers, at their pages.
    #[arg(long)]
    headers_footers: bool,
    /// User password for encrypted PDFs (not needed when the user password is empty).
    #[arg(long, value_name = "PW")]
    password: Option<String>,
    /// PDF pages to read, from 1: `1-3,7,10-` (an open range runs to the last page).
    #[arg(long, value_name = "PAGES", value_parser = PageSelection::parse)]
    pages: Option<PageSelection>,
    #[command(flatten)]
    limits: LimitArgs,
}

impl ReadArgs {
    /// The library options these arguments describe.
    pub fn options(&self) -> Options {
        Options {
            limits: self.limits.limits(),
            include_headers_footers: self.headers_footers,
            password: self.password.clone(),
            pages: self.pages.clone(),
        }
    }
}
