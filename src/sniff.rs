//! Input format detection from content, never from the file name.
//!
//! [`sniff`] says what a file is, readable or not, so that a file docgrid cannot read gets a
//! message naming what it is (".xls (Excel 97-2003 workbook)") instead of "unrecognised".

use std::fmt;
use std::io::Cursor;

/// A format docgrid reads: each has one reader in [`crate::reader`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Office Open XML word-processing package.
    Docx,
    /// Portable Document Format.
    Pdf,
    /// Word 97-2003 binary document (OLE with a `WordDocument` stream).
    Doc,
    /// An HTML page (Word's "Save as HTML" pages too).
    Html,
    /// A MIME web archive (.mht/.mhtml) holding an HTML page.
    Mhtml,
}

impl Format {
    /// The lower-case name used in the JSON `source.format` field.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Doc => "doc",
            Format::Html => "html",
            Format::Mhtml => "mhtml",
        }
    }
}

/// What the content of a file is, as far as its first bytes (and, for OLE compound files, its
/// directory) tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    /// A format with a reader.
    Readable(Format),
    /// Zero bytes.
    Empty,
    /// An OOXML package encrypted with a password: an OLE file holding `EncryptionInfo` and
    /// `EncryptedPackage` (MS-OFFCRYPTO), whatever its name says.
    EncryptedOoxml,
    /// Word 97-2003 binary document; no longer produced by [`sniff`], which reads it as
    /// [`Format::Doc`] (kept so that callers matching on it still build).
    LegacyWord,
    /// Excel 97-2003 (or Excel 5) workbook.
    LegacyExcel,
    /// PowerPoint 97-2003 presentation.
    LegacyPowerPoint,
    /// Another OLE compound file (Outlook message, Visio drawing, MSI package, ...).
    OtherOle,
    /// An OLE signature with a directory that cannot be read.
    DamagedOle,
    /// An HTML page.
    Html,
    /// A MIME web archive (.mht/.mhtml), as browsers and Word save "single file web pages".
    Mhtml,
    /// Rich Text Format.
    Rtf,
    /// A raster image; the name of its format.
    Image(&'static str),
    /// Nothing recognised.
    Unknown,
}

impl fmt::Display for Detected {
    /// What the file is, in a user's words.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self {
            Detected::Readable(Format::Docx) => "Word document (.docx)",
            Detected::Readable(Format::Pdf) => "PDF document",
            Detected::Readable(Format::Doc) => ".doc (Word 97-2003)",
            Detected::Readable(Format::Html) => "HTML page",
            Detected::Readable(Format::Mhtml) => "MHTML web archive",
            Detected::Empty => "empty file",
            Detected::EncryptedOoxml => {
                "password-protected Word document (or other encrypted Office file)"
            }
            Detected::LegacyWord => ".doc (Word 97-2003)",
            Detected::LegacyExcel => ".xls (Excel 97-2003)",
            Detected::LegacyPowerPoint => ".ppt (PowerPoint 97-2003)",
            Detected::OtherOle => "OLE compound file that is not a Word, Excel or PowerPoint file",
            Detected::DamagedOle => "damaged OLE compound file (unreadable directory)",
            Detected::Html => "HTML page",
            Detected::Mhtml => "MHTML web archive",
            Detected::Rtf => "RTF document",
            Detected::Image(kind) => return write!(f, "{kind} image"),
            Detected::Unknown => {
                "not a format docgrid reads (.docx, .doc, .pdf, .html, .mht): unrecognised content"
            }
        };
        f.write_str(what)
    }
}

impl Detected {
    /// Why this file is not converted, as the one-line message after the file name; `None` for
    /// a readable format.
    pub fn refusal(&self) -> Option<String> {
        Some(match self {
            Detected::Readable(_) => return None,
            Detected::Empty | Detected::Unknown | Detected::DamagedOle | Detected::OtherOle => {
                self.to_string()
            }
            Detected::EncryptedOoxml => {
                format!("{self}: not supported yet; save a copy without the password")
            }
            Detected::LegacyWord => format!("{self}: not supported yet; save it as .docx"),
            Detected::Image(_) => format!("{self}: not supported yet (scans need OCR)"),
            _ => format!("{self}: not supported yet"),
        })
    }
}

/// OLE2 compound file magic: legacy Office files, and encrypted OOXML packages, are stored so.
pub const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Says what the bytes are. A zip is taken for a .docx (the package reader then checks for a
/// main part); `%PDF-` within the first KiB means PDF, as PDF readers accept junk before it.
pub fn sniff(bytes: &[u8]) -> Detected {
    if bytes.is_empty() {
        return Detected::Empty;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Detected::Readable(Format::Docx);
    }
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Detected::Readable(Format::Pdf);
    }
    if bytes.starts_with(OLE_MAGIC) {
        return sniff_ole(bytes);
    }
    if let Some(kind) = image_kind(bytes) {
        return Detected::Image(kind);
    }
    sniff_text(head)
}

/// Tells OLE files apart by the streams in their root storage.
fn sniff_ole(bytes: &[u8]) -> Detected {
    let Ok(file) = cfb::CompoundFile::open(Cursor::new(bytes)) else {
        return Detected::DamagedOle;
    };
    let has = |name: &str| {
        file.read_root_storage()
            .any(|e| e.name().eq_ignore_ascii_case(name))
    };
    if has("EncryptedPackage") && has("EncryptionInfo") {
        Detected::EncryptedOoxml
    } else if has("WordDocument") {
        Detected::Readable(Format::Doc)
    } else if has("Workbook") || has("Book") {
        Detected::LegacyExcel
    } else if has("PowerPoint Document") {
        Detected::LegacyPowerPoint
    } else {
        Detected::OtherOle
    }
}

/// Raster image signatures.
fn image_kind(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\xFF\xD8\xFF", "JPEG"),
        (b"GIF87a", "GIF"),
        (b"GIF89a", "GIF"),
        (b"II*\0", "TIFF"),
        (b"MM\0*", "TIFF"),
        (b"\0\0\0\x0cjP  ", "JPEG 2000"),
    ];
    if let Some((_, kind)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Some(kind);
    }
    if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return Some("WebP");
    }
    // BMP: "BM" alone is too weak; its header also stores the file size.
    if bytes.starts_with(b"BM") && bytes.len() >= 14 {
        let size = bytes
            .get(2..6)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        if size == u32::try_from(bytes.len()).ok() {
            return Some("BMP");
        }
    }
    None
}

/// Text formats by their opening: RTF's `{\rtf`, MHTML's MIME headers, HTML's tags (after a
/// byte-order mark, white space and comments). UTF-16 HTML is recognised by its BOM.
fn sniff_text(head: &[u8]) -> Detected {
    let utf16 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    let text: Vec<u8> = if utf16 {
        // Every other byte is the ASCII one for markup; good enough to find a tag.
        let skip = usize::from(head.starts_with(&[0xFE, 0xFF]));
        head.iter().skip(2 + skip).step_by(2).copied().collect()
    } else {
        head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head).to_vec()
    };
    let lower = text.to_ascii_lowercase();
    let start = lower
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(lower.len());
    let lead = &lower[start..];
    if lead.starts_with(b"{\\rtf") {
        return Detected::Rtf;
    }
    let mime_header = |name: &[u8]| {
        lead.split(|&b| b == b'\n')
            .take(20)
            .any(|line| line.starts_with(name))
    };
    if mime_header(b"mime-version:") && mime_header(b"content-type: multipart/related") {
        return Detected::Readable(Format::Mhtml);
    }
    const HTML_OPENINGS: &[&[u8]] = &[
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<title",
        b"<table",
    ];
    if HTML_OPENINGS.iter().any(|o| lead.starts_with(o)) || opens_with_html_tag(lead) {
        return Detected::Readable(Format::Html);
    }
    // A page that opens with an XML declaration or comments still says <html early on.
    if (lead.starts_with(b"<?xml") || lead.starts_with(b"<!--"))
        && lower.windows(5).any(|w| w == b"<html")
    {
        return Detected::Readable(Format::Html);
    }
    Detected::Unknown
}

/// A fragment saved without `<html>` (a portal's article body, a pasted table): it opens with
/// a tag only HTML has. XML opens with its declaration or a root no HTML page uses.
fn opens_with_html_tag(lead: &[u8]) -> bool {
    const FRAGMENT_TAGS: &[&[u8]] = &[
        b"p",
        b"div",
        b"span",
        b"h1",
        b"h2",
        b"h3",
        b"h4",
        b"h5",
        b"h6",
        b"ul",
        b"ol",
        b"li",
        b"br",
        b"a",
        b"b",
        b"i",
        b"u",
        b"strong",
        b"em",
        b"font",
        b"center",
        b"form",
        b"img",
        b"pre",
        b"section",
        b"article",
        b"main",
        b"header",
        b"nav",
        b"style",
        b"script",
        b"link",
        b"base",
        b"blockquote",
        b"hr",
        b"dl",
        b"tr",
        b"td",
    ];
    let Some(rest) = lead.strip_prefix(b"<") else {
        return false;
    };
    let name_len = rest
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let after = rest.get(name_len).copied();
    let name = rest.get(..name_len).unwrap_or_default();
    FRAGMENT_TAGS.contains(&name)
        && matches!(after, Some(b'>' | b' ' | b'\t' | b'\r' | b'\n' | b'/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_formats() {
        assert_eq!(sniff(b"{\\rtf1\\ansi hello}"), Detected::Rtf);
        assert_eq!(
            sniff(b"\xEF\xBB\xBF  <!DOCTYPE html><p>x"),
            Detected::Readable(Format::Html)
        );
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<html xmlns=\"x\">"),
            Detected::Readable(Format::Html)
        );
        assert_eq!(
            sniff(b"<!-- saved -->\n<HTML><BODY>"),
            Detected::Readable(Format::Html)
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<html>".bytes().flat_map(|b| [b, 0]))
            .collect();
        assert_eq!(sniff(&utf16), Detected::Readable(Format::Html));
        let mht =
            b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;";
        assert_eq!(sniff(mht), Detected::Readable(Format::Mhtml));
        assert_eq!(sniff(b"plain words <html> later"), Detected::Unknown);
    }

    #[test]
    fn html_fragments_open_with_an_html_tag() {
        for fragment in [
            &b"<p>x</p>"[..],
            b"\n  <DIV class=\"TRS_Editor\">",
            b"<table border=1><tr><td>1",
            b"<span/>",
            b"<br>",
        ] {
            assert_eq!(
                sniff(fragment),
                Detected::Readable(Format::Html),
                "{fragment:?}"
            );
        }
        for other in [
            &b"<pre-commit>"[..],
            b"<p",
            b"<project>",
            b"<a:b>",
            b"<svg>",
        ] {
            assert_eq!(sniff(other), Detected::Unknown, "{other:?}");
        }
    }

    #[test]
    fn images_and_empty() {
        assert_eq!(sniff(b""), Detected::Empty);
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Detected::Image("PNG")
        );
        assert_eq!(
            sniff(b"\xFF\xD8\xFF\xE0\0\x10JFIF"),
            Detected::Image("JPEG")
        );
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Detected::Image("WebP"));
        let mut bmp = b"BM\x10\0\0\0".to_vec();
        bmp.resize(16, 0);
        assert_eq!(sniff(&bmp), Detected::Image("BMP"));
        assert_eq!(sniff(b"BMW owners' club"), Detected::Unknown);
    }

    #[test]
    fn broken_ole_is_named_damaged() {
        let mut bytes = OLE_MAGIC.to_vec();
        bytes.resize(4096, 0);
        assert_eq!(sniff(&bytes), Detected::DamagedOle);
    }
}
