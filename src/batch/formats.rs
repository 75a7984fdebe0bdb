//! Batch output formats beyond JSON: one file per input, written by the `write` module.

use super::OutputFormat;
use crate::model::Document;
use crate::write::{markdown, xlsx};
use std::io::{self, Write};
use std::path::Path;
use std::{fs, io::Read};

/// One workbook per input (`a.docx.xlsx`): a sheet per table with its merges, a `Text` sheet.
#[derive(Debug, Clone, Copy, Default)]
pub struct Xlsx;

impl OutputFormat for Xlsx {
    fn suffix(&self) -> &str {
        ".xlsx"
    }

    fn write(&self, doc: &Document, path: &Path) -> io::Result<()> {
        let (bytes, _) = xlsx::to_bytes(doc, &xlsx::XlsxOptions::default())?;
        fs::write(path, bytes)
    }

    fn is_complete(&self, path: &Path) -> bool {
        // A workbook is a zip: a complete one ends with the end-of-central-directory record,
        // whose signature sits 22 bytes from the end (the writer adds no archive comment).
        let tail = || -> io::Result<[u8; 4]> {
            let mut f = fs::File::open(path)?;
            io::Seek::seek(&mut f, io::SeekFrom::End(-22))?;
            let mut sig = [0u8; 4];
            f.read_exact(&mut sig)?;
            Ok(sig)
        };
        tail().is_ok_and(|s| &s == b"PK\x05\x06")
    }
}

/// Markdown per input (`a.docx.md`): headings, paragraphs, pipe tables, HTML tables for spans.
#[derive(Debug, Clone, Copy, Default)]
pub struct Markdown;

impl OutputFormat for Markdown {
    fn suffix(&self) -> &str {
        ".md"
    }

    fn write(&self, doc: &Document, path: &Path) -> io::Result<()> {
        let mut w = io::BufWriter::new(fs::File::create(path)?);
        markdown::write(doc, &markdown::MarkdownOptions::default(), &mut w)?;
        w.flush()
    }
}
