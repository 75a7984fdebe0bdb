//! docgrid: Word (.docx) and PDF originals to structured data.
//!
//! Data flows one way: bytes → reader ([`docx`]) → [`model`] → writer ([`write`]).
//! Tables are rebuilt on their true row/column grid by [`table`].

pub mod batch;
pub mod docx;
pub mod error;
pub mod limits;
pub mod model;
pub mod pdf;
pub mod report;
pub mod sniff;
pub mod table;
pub mod write;

pub use error::{Error, ErrorKind, PdfError};
pub use limits::Limits;
pub use model::Document;
pub use sniff::Format;

/// Options that steer a conversion.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Resource bounds applied while reading.
    pub limits: Limits,
    /// Also emit header and footer content (as blocks with `style` "header"/"footer").
    pub include_headers_footers: bool,
    /// User password for encrypted PDFs (files whose user password is empty open without it).
    pub password: Option<String>,
}

/// Converts one document held in memory, sniffing its format from the bytes.
pub fn convert_bytes(bytes: &[u8], options: &Options) -> Result<Document, Error> {
    match sniff::sniff(bytes) {
        Some(Format::Docx) => docx::read(bytes, options),
        Some(Format::Pdf) => pdf::read(bytes, options),
        None => Err(Error::new(ErrorKind::UnknownFormat)),
    }
}
