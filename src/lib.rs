//! docgrid: Word (.docx, .doc), HTML and PDF originals to structured data: every paragraph and
//! every table, with merged cells rebuilt as a true row/column grid.
//!
//! Data flows one way: bytes → [`sniff`] → a reader ([`reader`]: DOCX, .doc, HTML, and [`pdf`]
//! through the page model of [`fixed`]) → [`model`] → a writer ([`write`](mod@write)). Tables
//! are built by [`table`] for every reader. ARCHITECTURE.md shows the rooms; docs/output.md is the output contract.
//!
//! ```
//! use docgrid::{convert_bytes, model::Block, Options};
//!
//! let bytes = std::fs::read("samples/qinghe_2023_annual_report.docx")?;
//! let doc = convert_bytes(&bytes, &Options::default())?;
//! let table = doc.tables().next().expect("the report has tables");
//! assert!(table.cells.iter().any(|c| c.col_span > 1), "merged cells keep their spans");
//! let headings = doc.blocks.iter().filter(|b| matches!(b, Block::Heading(_))).count();
//! assert!(headings > 0);
//! let json = serde_json::to_string(&doc)?;
//! assert!(json.starts_with(r#"{"docgrid":"1.6""#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[cfg(feature = "batch")]
pub mod batch;
pub(crate) mod doc;
pub(crate) mod docx;
pub mod error;
pub mod fixed;
pub(crate) mod html;
pub mod limits;
pub mod model;
#[cfg(feature = "ocr")]
pub mod ocr;
mod options;
mod params;
pub mod pdf;
pub mod reader;
pub mod report;
pub mod sniff;
pub mod table;
pub(crate) mod word;
pub mod write;

pub use error::{Error, ErrorKind, PdfError};
pub use limits::Limits;
pub use model::Document;
pub use options::{OcrMode, OcrOptions, Options, PageSelection, TableDetector, TableSearch};
pub use params::LayoutParams;
pub use sniff::Format;

/// Converts one document held in memory, sniffing its format from the bytes.
pub fn convert_bytes(bytes: &[u8], options: &Options) -> Result<Document, Error> {
    reader::read(bytes, options)
}
