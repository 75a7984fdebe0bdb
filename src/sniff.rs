//! Input format detection from content, never from the file name.

/// A supported input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Office Open XML word-processing package.
    Docx,
    /// Portable Document Format.
    Pdf,
}

impl Format {
    /// The lower-case name used in the JSON `source.format` field.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// OLE2 compound file magic: an encrypted (password-protected) Office package is stored this way.
pub const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Guesses the format from the first bytes: a zip local header means docx (the package
/// reader then checks for a main part), `%PDF-` within the first KiB means pdf.
pub fn sniff(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Some(Format::Docx);
    }
    // PDF readers accept junk before the header; so do we, within the first KiB.
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Some(Format::Pdf);
    }
    if bytes.starts_with(OLE_MAGIC) {
        // An OLE container named .docx is an encrypted package; the docx reader says so.
        return Some(Format::Docx);
    }
    None
}
