//! The format-neutral document model every reader produces and every writer consumes.
//!
//! Serialises directly to the JSON of `docs/output.md` (contract 1.3).

use serde::Serialize;
use std::collections::BTreeMap;

/// The JSON contract version written as `"docgrid"`.
pub const CONTRACT_VERSION: &str = "1.6";

/// One converted document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Contract version, always [`CONTRACT_VERSION`].
    pub docgrid: &'static str,
    /// Where the document came from.
    pub source: Source,
    /// Document properties (title, author, created, …); only those present.
    pub metadata: BTreeMap<String, String>,
    /// Headings, paragraphs and tables in reading order.
    pub blocks: Vec<Block>,
    /// Footnotes and endnotes, in the order they are defined.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// Things the reader recovered from or skipped, never silently.
    pub warnings: Vec<Warning>,
}

impl Document {
    /// An empty document of the given format.
    pub fn new(format: &'static str) -> Document {
        Document {
            docgrid: CONTRACT_VERSION,
            source: Source {
                path: String::new(),
                format,
                pages: None,
            },
            metadata: BTreeMap::new(),
            blocks: Vec::new(),
            notes: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The top-level tables in document order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }
}

/// The input a document was read from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// The path as given on the command line (`-` for stdin).
    pub path: String,
    /// `docx`, `doc`, `pdf`, `html` or `mhtml`.
    pub format: &'static str,
    /// Page count for PDF, `null` for the flow formats.
    pub pages: Option<u32>,
}

/// One block of the reading order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    /// A heading with its level.
    Heading(Heading),
    /// A body paragraph.
    Paragraph(Paragraph),
    /// A table on its true grid.
    Table(Table),
}

/// A heading paragraph.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Heading {
    /// Outline level, 1–9.
    pub level: u8,
    /// The heading text, without its number.
    pub text: String,
    /// The number of a numbered heading as Word displays it (`1.2.1`, `第一章`), from its
    /// list numbering; `text` does not repeat it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// 1-based page it starts on (PDF only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// `"ocr": true` and `"ocr_confidence"` when read by OCR from a scanned page.
    #[serde(flatten)]
    pub ocr: Option<OcrMark>,
}

impl Heading {
    /// The heading as displayed: its label, a space and its text (just the text when unnumbered).
    pub fn displayed(&self) -> std::borrow::Cow<'_, str> {
        match &self.label {
            Some(label) => format!("{label} {}", self.text).into(),
            None => self.text.as_str().into(),
        }
    }
}

/// A body paragraph.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Paragraph {
    /// The text, with inner tabs as `\t` and line breaks as `\n`.
    pub text: String,
    /// The paragraph style's name, when it has one other than the default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style: Option<String>,
    /// List membership, when the paragraph is numbered or bulleted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list: Option<ListItem>,
    /// 1-based page it starts on (PDF only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// `"ocr": true` and `"ocr_confidence"` when read by OCR from a scanned page.
    #[serde(flatten)]
    pub ocr: Option<OcrMark>,
}

/// The mark of a block read by OCR from a scanned page (feature `ocr`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct OcrMark {
    /// Always `true`: the block's text was recognised from an image, not read from a text layer.
    pub ocr: bool,
    /// Mean character confidence, 0–1, of the OCR of the page(s) the block lies on; doubtful
    /// lines are quoted in the `pdf.ocr_low_confidence` warning.
    pub ocr_confidence: f32,
}

impl OcrMark {
    /// The mark for a mean confidence.
    pub fn new(confidence: f32) -> OcrMark {
        OcrMark {
            ocr: true,
            ocr_confidence: confidence,
        }
    }
}

/// A paragraph's place in a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListItem {
    /// Nesting level, 0 for the outermost.
    pub level: u8,
    /// The marker as rendered (`1.`, `（一）`, `•`), when the numbering definition allows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
}

/// A table whose cells partition its `rows` × `cols` grid.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Table {
    /// Position among the top-level tables (or among a cell's tables, for nested ones).
    pub index: usize,
    /// Grid rows.
    pub rows: usize,
    /// Grid columns.
    pub cols: usize,
    /// Leading rows that form the header: rows marked `w:tblHeader`, else the rows the first
    /// row's vertical spans reach, else 0 (see `TableBuilder::finish`).
    pub header_rows: usize,
    /// Cells in row-major order of their top-left corner.
    pub cells: Vec<Cell>,
    /// 1-based page it starts on (PDF only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Every page it lies on, when it continues across a page break (PDF only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<u32>,
    /// `"ocr": true` and `"ocr_confidence"` when read by OCR from a scanned page.
    #[serde(flatten)]
    pub ocr: Option<OcrMark>,
}

/// A cell covering `[row, row+row_span) × [col, col+col_span)`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Cell {
    /// Top grid row.
    pub row: usize,
    /// Left grid column.
    pub col: usize,
    /// Rows covered, at least 1.
    pub row_span: usize,
    /// Columns covered, at least 1.
    pub col_span: usize,
    /// The cell's paragraphs joined with `\n`, trimmed at both ends.
    pub text: String,
    /// Tables nested in this cell.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<Table>,
}

impl Cell {
    /// A cell at (`row`, `col`) covering `row_span` × `col_span` positions, with no nested table.
    pub fn new(row: usize, col: usize, row_span: usize, col_span: usize, text: &str) -> Cell {
        Cell {
            row,
            col,
            row_span,
            col_span,
            text: text.to_string(),
            tables: Vec::new(),
        }
    }

    /// (row, col, row_span, col_span, text): the cell's place and text, for comparing grids.
    pub fn shape(&self) -> (usize, usize, usize, usize, &str) {
        (self.row, self.col, self.row_span, self.col_span, &self.text)
    }
}

/// A footnote or endnote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    /// `footnote` or `endnote`.
    pub kind: &'static str,
    /// The note's id in the source.
    pub id: String,
    /// The note's paragraphs joined with `\n`.
    pub text: String,
}

/// Something the reader recovered from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    /// A stable dotted code, e.g. `docx.vmerge_without_anchor`.
    pub code: &'static str,
    /// A human-readable explanation.
    pub message: String,
    /// 1-based page, for PDF.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

impl Warning {
    /// A warning without a page.
    pub fn new(code: &'static str, message: impl Into<String>) -> Warning {
        Warning {
            code,
            message: message.into(),
            page: None,
        }
    }
}
