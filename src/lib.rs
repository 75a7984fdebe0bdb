//! docgrid: Word (.docx) and PDF originals to structured data.
//!
//! Data flows one way: bytes → reader ([`docx`]) → [`model`] → writer ([`write`]).
//! Tables are rebuilt on their true row/column grid by [`table`].

#[cfg(feature = "batch")]
pub mod batch;
pub mod docx;
pub mod error;
pub mod fixed;
pub mod limits;
pub mod model;
mod options;
pub mod pdf;
pub mod reader;
pub mod report;
pub mod sniff;
pub mod table;
pub mod write;

pub use error::{Error, ErrorKind, PdfError};
pub use limits::Limits;
pub use model::Document;
pub use options::{Options, PageSelection};
pub use sniff::Format;

/// Converts one document held in memory, sniffing its format from the bytes.
pub fn convert_bytes(bytes: &[u8], options: &Options) -> Result<Document, Error> {
    reader::read(bytes, options)
}
