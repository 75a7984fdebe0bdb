//! The library's errors as the exceptions of `docgrid._errors`, with path, part, page and cause.

use docgrid::{ErrorKind, PdfError};
use pyo3::exceptions::{PyFileNotFoundError, PyIsADirectoryError, PyOSError, PyPermissionError};
use pyo3::prelude::*;

/// The exception class (in `docgrid._errors`) an error kind is raised as.
fn class_of(kind: &ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Encrypted | ErrorKind::PasswordProtected(_) => "PasswordRequired",
        ErrorKind::Pdf(PdfError::PasswordRequired | PdfError::WrongPassword) => "PasswordRequired",
        ErrorKind::UnknownFormat
        | ErrorKind::NotReadable(_)
        | ErrorKind::Unsupported(_)
        | ErrorKind::Dtd { .. }
        | ErrorKind::Pdf(PdfError::Encryption(_)) => "UnsupportedFormat",
        ErrorKind::Limit { .. } => "LimitExceeded",
        ErrorKind::Io(_) => "Error",
        _ => "Corrupt",
    }
}

/// The part (or stream) an error names, if any.
fn part_of(kind: &ErrorKind) -> Option<&str> {
    match kind {
        ErrorKind::MissingPart { part }
        | ErrorKind::Xml { part, .. }
        | ErrorKind::Dtd { part }
        | ErrorKind::Limit { part, .. }
        | ErrorKind::Malformed { part, .. } => Some(part),
        _ => None,
    }
}

/// The 1-based page an error names (a PDF engine failure on a page), if any.
fn page_of(kind: &ErrorKind) -> Option<usize> {
    match kind {
        ErrorKind::Pdf(PdfError::Crashed { page }) if *page > 0 => Some(*page),
        _ => None,
    }
}

/// A conversion error as its `docgrid` exception; the message reads like the CLI's line,
/// `<path>: <cause>`.
pub fn to_python(py: Python<'_>, error: &docgrid::Error, path: Option<&str>) -> PyErr {
    let kind = error.kind();
    let cause = error.to_string();
    let message = match path {
        Some(path) => format!("{path}: {cause}"),
        None => cause.clone(),
    };
    let limit = match kind {
        ErrorKind::Limit { what, limit, .. } => Some((*what, *limit)),
        _ => None,
    };
    let raised = py
        .import("docgrid._errors")
        .and_then(|m| m.getattr(class_of(kind)))
        .and_then(|class| {
            class.call1((
                message,
                path,
                part_of(kind),
                page_of(kind),
                cause,
                limit.map(|l| l.0),
                limit.map(|l| l.1),
            ))
        });
    match raised {
        Ok(exception) => PyErr::from_value(exception),
        Err(e) => e,
    }
}

/// A failure to read the input file as the matching `OSError` subclass, naming the path.
pub fn io_error(error: std::io::Error, path: Option<&str>) -> PyErr {
    let message = match path {
        Some(path) => format!("{path}: {error}"),
        None => error.to_string(),
    };
    match error.kind() {
        std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(message),
        std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err(message),
        std::io::ErrorKind::IsADirectory => PyIsADirectoryError::new_err(message),
        _ => PyOSError::new_err(message),
    }
}
