//! Legacy Word 97–2003 binary documents ([MS-DOC]), read from their OLE container (`cfb`):
//! the FIB, the piece table (text), paragraph properties (styles, tables, lists), the style
//! sheet and the summary properties, into the same blocks the DOCX reader gives.
//!
//! Every offset and length from the file is checked against its stream; what can be
//! recovered from is a warning, what cannot is an error naming the stream or structure.

mod chars;
mod fib;
mod fkp;
mod le;
mod lists;
mod meta;
mod pieces;
mod sprm;
mod styles;
mod tables;
mod text;
mod textbox;

use crate::error::{Error, ErrorKind};
use crate::limits::Limits;
use crate::model::{Block, Document, Note, Paragraph};
use crate::word::symbols::UnmappedSymbols;
use crate::Options;
use fib::{fc, Fib};
use fkp::{ParaProps, ParaRuns};
use pieces::PieceTable;
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// An error about a structure of the file that is out of bounds or inconsistent.
fn malformed(part: &str, message: &str) -> Error {
    Error::new(ErrorKind::Malformed {
        part: part.to_string(),
        message: message.to_string(),
    })
}

/// Story indices of [`Fib::ccp`].
const FOOTNOTES: usize = 1;
const HEADERS: usize = 2;
const ENDNOTES: usize = 5;

/// Reads a .doc held in memory.
pub fn read(bytes: &[u8], options: &Options) -> Result<Document, Error> {
    let limits = &options.limits;
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| malformed("OLE container", &e.to_string()))?;
    let word = stream(&mut file, "WordDocument", limits)?.ok_or_else(|| {
        Error::new(ErrorKind::MissingPart {
            part: "WordDocument stream".into(),
        })
    })?;
    let fib = Fib::parse(&word)?;
    let table = stream(&mut file, fib.table_stream, limits)?.ok_or_else(|| {
        Error::new(ErrorKind::MissingPart {
            part: format!("{} stream", fib.table_stream),
        })
    })?;
    let mut doc = Document::new("doc");
    if let Some(summary) = stream(&mut file, "\u{5}SummaryInformation", limits)? {
        doc.metadata = meta::summary(&summary, &mut doc.warnings);
    }
    let clx = fib.structure(&table, fc::CLX).ok_or_else(|| {
        let message = format!("no CLX in the {} stream", fib.table_stream);
        malformed("piece table", &message)
    })?;
    let pieces = PieceTable::parse(clx)?;
    let total = fib.total_cp();
    // Each CP is at least one byte of the stream (which was read within max_part_bytes), so a
    // larger count is a damaged FIB, not a document too large for a limit.
    if total as usize > word.len() {
        let message = format!(
            "the FIB's story lengths ({total} characters) exceed the stream ({} bytes)",
            word.len()
        );
        return Err(malformed("WordDocument stream", &message));
    }
    let data = stream(&mut file, "Data", limits)?.unwrap_or_default();
    let units = pieces.text(&word, total, &mut doc.warnings);
    let mut unmapped = UnmappedSymbols::default();
    let char_sources = chars::CharSources {
        word: &word,
        data: &data,
        plc: fib.structure(&table, fc::PLCFBTE_CHPX),
        fonts: fib.structure(&table, fc::STTBF_FFN),
        pieces: &pieces,
        units: &units,
    };
    let marks = chars::read_marks(&char_sources, &mut unmapped);
    let runs = ParaRuns::load(
        &word,
        fib.structure(&table, fc::PLCFBTE_PAPX),
        &mut doc.warnings,
    );
    let styles = fib
        .structure(&table, fc::STSHF)
        .map(styles::StyleSheet::parse)
        .unwrap_or_default();
    let section_ends: Vec<u32> = fib
        .structure(&table, fc::PLCFSED)
        .and_then(|p| le::plc(p, 12))
        .map(|(_, cps)| cps.into_iter().skip(1).collect())
        .unwrap_or_default();
    let story = Story {
        units: &units,
        marks: &marks,
        word: &word,
        data: &data,
        pieces: &pieces,
        runs: &runs,
    };
    let numbering = lists::read(
        &table,
        fib.fc_lcb(fc::PLF_LST),
        fib.structure(&table, fc::PLF_LFO),
        &mut doc.warnings,
    );
    let mut main = story.paragraphs(0, fib.ccp[0], &section_ends);
    textbox::splice(&mut main, &story, &fib, &table, &mut doc.warnings);
    let lists = tables::Lists {
        styles: &styles,
        numbering: &numbering,
    };
    doc.blocks = tables::blocks(main, &lists, limits, &mut doc.warnings)?;
    read_notes(&story, &fib, &table, &mut doc);
    if options.include_headers_footers {
        read_headers(&story, &fib, &table, &mut doc);
    }
    doc.warnings
        .extend(unmapped.into_warnings("doc.symbol_unmapped"));
    crate::word::roles::complete_metadata(&mut doc);
    Ok(doc)
}

/// The text and properties every story is read from.
struct Story<'a> {
    units: &'a [u16],
    /// Symbol characters and checkbox form fields, by CP.
    marks: &'a chars::CharMarks,
    word: &'a [u8],
    data: &'a [u8],
    pieces: &'a PieceTable,
    runs: &'a ParaRuns,
}

impl Story<'_> {
    /// The paragraphs of CPs `[start, start + len)`, with their properties.
    fn paragraphs(&self, start: u32, len: u32, section_ends: &[u32]) -> Vec<text::Paragraph> {
        let end = start.saturating_add(len) as usize;
        let Some(units) = self.units.get(start as usize..end.min(self.units.len())) else {
            return Vec::new();
        };
        // Each run's sprms are read once: a run (and a sprmPHugePapx of up to 64 KiB) can be
        // shared by any number of paragraphs.
        let mut cache: HashMap<usize, ParaProps> = HashMap::new();
        text::paragraphs(units, start, section_ends, self.marks)
            .into_iter()
            .map(|raw| {
                let props = self
                    .pieces
                    .fc_of(raw.mark_cp)
                    .and_then(|fc| self.runs.run_at(fc))
                    .map(|i| {
                        cache
                            .entry(i)
                            .or_insert_with(|| self.runs.props(i, self.word, self.data))
                            .clone()
                    })
                    .unwrap_or_default();
                text::Paragraph { raw, props }
            })
            .collect()
    }

    /// The text of CPs `[start, start + len)`: paragraphs joined with `\n`, trimmed.
    fn text(&self, start: u32, len: u32) -> String {
        let lines: Vec<String> = self
            .paragraphs(start, len, &[])
            .into_iter()
            .map(|p| p.raw.text)
            .collect();
        lines.join("\n").trim().to_string()
    }
}

/// Footnotes and endnotes: each note's CP range in its story from PlcffndTxt / PlcfendTxt.
fn read_notes(story: &Story, fib: &Fib, table: &[u8], doc: &mut Document) {
    for (kind, story_index, refs, txt) in [
        ("footnote", FOOTNOTES, fc::PLCFFND_REF, fc::PLCFFND_TXT),
        ("endnote", ENDNOTES, fc::PLCFEND_REF, fc::PLCFEND_TXT),
    ] {
        let Some((count, _)) = fib.structure(table, refs).and_then(|p| le::plc(p, 2)) else {
            continue;
        };
        let Some((_, cps)) = fib.structure(table, txt).and_then(|p| le::plc(p, 0)) else {
            continue;
        };
        let base = fib.story_start(story_index);
        let story_len = fib.ccp[story_index];
        for (i, w) in cps.windows(2).take(count).enumerate() {
            let (a, b) = (w[0].min(story_len), w[1].min(story_len));
            doc.notes.push(Note {
                kind,
                id: (i + 1).to_string(),
                text: story.text(base.saturating_add(a), b.saturating_sub(a)),
            });
        }
    }
}

/// Headers and footers: PlcfHdd lists six separator stories, then six per section (even and
/// odd header, even and odd footer, first-page header and footer).
fn read_headers(story: &Story, fib: &Fib, table: &[u8], doc: &mut Document) {
    let Some((_, cps)) = fib
        .structure(table, fc::PLCFHDD)
        .and_then(|p| le::plc(p, 0))
    else {
        return;
    };
    let base = fib.story_start(HEADERS);
    let story_len = fib.ccp[HEADERS];
    for (i, w) in cps.windows(2).enumerate().skip(6) {
        let style = match (i - 6) % 6 {
            0 | 1 | 4 => "header",
            _ => "footer",
        };
        let (a, b) = (w[0].min(story_len), w[1].min(story_len));
        for p in story.paragraphs(base.saturating_add(a), b.saturating_sub(a), &[]) {
            let text = p.raw.text.trim().to_string();
            if !text.is_empty() {
                doc.blocks.push(Block::Paragraph(Paragraph {
                    text,
                    style: Some(style.to_string()),
                    ..Paragraph::default()
                }));
            }
        }
    }
}

/// A stream of the root storage, read whole within `max_part_bytes`; `None` when absent.
fn stream(
    file: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    name: &str,
    limits: &Limits,
) -> Result<Option<Vec<u8>>, Error> {
    let path = format!("/{name}");
    if !file.is_stream(&path) {
        return Ok(None);
    }
    let part = format!("{name} stream").replace('\u{5}', "");
    let mut s = file
        .open_stream(&path)
        .map_err(|e| malformed(&part, &e.to_string()))?;
    let mut bytes = Vec::new();
    s.by_ref()
        .take(limits.max_part_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| match e.kind() {
            // cfb's words for a sector chain shorter than the stream's declared size.
            std::io::ErrorKind::UnexpectedEof => malformed(
                &part,
                "ends before its declared size (the file is truncated or its sector chain is \
                 damaged)",
            ),
            _ => malformed(&part, &e.to_string()),
        })?;
    if bytes.len() as u64 > limits.max_part_bytes {
        return Err(Error::new(ErrorKind::Limit {
            part,
            what: "max_part_bytes",
            limit: limits.max_part_bytes,
        }));
    }
    Ok(Some(bytes))
}
