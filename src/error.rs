//! Typed errors. Each names the part (or page) and the cause, so the CLI can print
//! one line: `docgrid: <path>: <error>`.

use std::fmt;

/// A conversion error: one pointer wide, like `csv::Error`.
#[derive(Debug)]
pub struct Error(Box<ErrorKind>);

/// What went wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading the input failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The bytes are neither a zip package nor a PDF.
    #[error("not a format docgrid reads (.docx, .doc, .pdf, .html, .mht): unrecognised content")]
    UnknownFormat,
    /// A file whose kind is known but that no reader reads (yet): a `.doc`, an image, an empty
    /// file; the message names what it is.
    #[error("{}", .0.refusal().unwrap_or_default())]
    NotReadable(crate::sniff::Detected),
    /// An OLE compound file given to the .docx reader directly: Office stores password-protected
    /// packages this way.
    #[error("encrypted or legacy Office file (OLE container), not a .docx package")]
    Encrypted,
    /// The zip container is unreadable.
    #[error("invalid zip package: {0}")]
    Zip(String),
    /// The package has no main document part.
    #[error("no main document part (not a Word document)")]
    NoMainPart,
    /// A required part named by the package is missing.
    #[error("{part}: part is missing")]
    MissingPart {
        /// The part name.
        part: String,
    },
    /// An XML part is not well-formed.
    #[error("{part}: malformed XML at byte {position}: {message}")]
    Xml {
        /// The part name.
        part: String,
        /// Byte offset in the inflated part.
        position: u64,
        /// The parser's message.
        message: String,
    },
    /// The XML declares a DTD or entities; we refuse rather than expand them (XXE, billion laughs).
    #[error("{part}: XML with a DTD or entity declaration is refused")]
    Dtd {
        /// The part name.
        part: String,
    },
    /// A resource bound of [`crate::Limits`] was exceeded.
    #[error("{part}: limit exceeded: {what} over {limit} (raise with --{})", .what.replace('_', "-"))]
    Limit {
        /// The part name (or "document").
        part: String,
        /// The bound's name, as in the CLI option.
        what: &'static str,
        /// The bound's value.
        limit: u64,
    },
    /// OCR of a scanned page could not run: the models or the ONNX Runtime library are missing
    /// or unusable (the message names what to install), or the runtime failed on a page.
    #[error("OCR: {0}")]
    Ocr(String),
    /// A structure of a binary file (a stream of a .doc) that is out of bounds or inconsistent.
    #[error("{part}: {message}")]
    Malformed {
        /// The stream or structure (`WordDocument stream`, `piece table`).
        part: String,
        /// What is wrong with it.
        message: String,
    },
    /// A password-protected file docgrid cannot decrypt; the text names what it is.
    #[error("password-protected {0}: not supported; save a copy without the password")]
    PasswordProtected(String),
    /// A format or feature docgrid does not read.
    #[error("{0}")]
    Unsupported(String),
    /// A PDF that cannot be opened or read.
    #[error("{0}")]
    Pdf(PdfError),
}

/// Why a PDF could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PdfError {
    /// The file has a user password and none was given.
    #[error("password required (give it with --password)")]
    PasswordRequired,
    /// The password given does not open the file.
    #[error("wrong password")]
    WrongPassword,
    /// Encryption that cannot be handled.
    #[error("unsupported PDF encryption ({0})")]
    Encryption(String),
    /// Not parseable as a PDF at all.
    #[error("not a readable PDF file")]
    Invalid,
    /// The PDF engine failed on a page (1-based; 0 while opening the file).
    #[error("PDF engine failure on page {page}")]
    Crashed {
        /// Where it happened.
        page: usize,
    },
}

impl Error {
    /// Wraps a kind.
    pub fn new(kind: ErrorKind) -> Error {
        Error(Box::new(kind))
    }

    /// The kind of error.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Consumes the error, returning its kind.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error::new(kind)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::new(ErrorKind::Io(e))
    }
}
