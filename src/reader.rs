//! The readers, one per [`Format`], behind one signature: bytes and options in, the model out.
//!
//! A new input format is a module of its own plus one line in [`READERS`]; fixed-layout sources
//! produce [`crate::pdf::engine::Page`]s for the shared layout and table code, flow formats
//! build blocks and hand their tables to [`crate::table`].

use crate::error::{Error, ErrorKind};
use crate::model::Document;
use crate::sniff::{self, Detected, Format};
use crate::{doc, docx, html, pdf, Options};

/// A reader: the whole input in memory, the caller's options, the document or a typed error.
pub type ReadFn = fn(&[u8], &Options) -> Result<Document, Error>;

/// Every reader, keyed by the format sniffing detects.
pub const READERS: &[(Format, ReadFn)] = &[
    (Format::Docx, docx::read),
    (Format::Pdf, pdf::read),
    (Format::Doc, doc::read),
    (Format::Html, html::read),
    (Format::Mhtml, html::read_mhtml),
];

/// The reader for a format.
pub fn reader(format: Format) -> Option<ReadFn> {
    READERS.iter().find(|(f, _)| *f == format).map(|(_, r)| *r)
}

/// Sniffs the bytes and runs the matching reader; a file of a kind no reader takes is an error
/// that names its kind.
pub fn read(bytes: &[u8], options: &Options) -> Result<Document, Error> {
    match sniff::sniff(bytes) {
        Detected::Readable(format) => match reader(format) {
            Some(read) => read(bytes, options),
            None => Err(Error::new(ErrorKind::UnknownFormat)),
        },
        Detected::Unknown => Err(Error::new(ErrorKind::UnknownFormat)),
        other => Err(Error::new(ErrorKind::NotReadable(other))),
    }
}
