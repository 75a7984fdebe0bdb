//! Batch output formats beyond JSON, written by the `write` module: one file (or, for CSV, one
//! folder) per input.

use super::{OutputFormat, Shard};
use crate::model::Document;
use crate::write::cells::{self, CellsWriter};
use crate::write::csv::{self, CsvOptions};
// The writers' own naming rule (not the batch trait of the same name).
use crate::write::output::{write_atomically_at, OutputFormat as Named};
use crate::write::tables::numbered;
use crate::write::{markdown, xlsx};
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::{fs, io::Read};

/// One workbook per input (`a.docx.xlsx`): a sheet per table with its merges, a `Text` sheet.
#[derive(Debug, Clone, Copy, Default)]
pub struct Xlsx;

impl OutputFormat for Xlsx {
    fn suffix(&self) -> &str {
        Named::Xlsx.suffix()
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
        Named::Markdown.suffix()
    }

    fn write(&self, doc: &Document, path: &Path) -> io::Result<()> {
        let mut w = io::BufWriter::new(fs::File::create(path)?);
        markdown::write(doc, &markdown::MarkdownOptions::default(), &mut w)?;
        w.flush()
    }
}

/// One folder per input (`a.docx.csv/`) holding a CSV per table (`a.docx.table-1.csv`, nested
/// tables `a.docx.table-1.1.csv`); an input without tables gets an empty folder, which still
/// records that it was converted. The folder is written whole under a temporary name and
/// renamed, so it is either complete or absent.
#[derive(Debug, Clone, Default)]
pub struct Csv {
    /// Merge filling, BOM and header paths, as for `convert --to csv`.
    pub options: CsvOptions,
}

impl OutputFormat for Csv {
    fn suffix(&self) -> &str {
        Named::Csv.suffix()
    }

    fn write(&self, doc: &Document, path: &Path) -> io::Result<()> {
        fs::create_dir(path)?;
        // The input's whole file name, as in the folder's own name: the one naming rule.
        let stem = crate::write::output::output_name(Path::new(&doc.source.path));
        for (label, table) in numbered(doc) {
            let file = fs::File::create(path.join(csv::file_name(&stem, &label)))?;
            csv::write_table(table, &self.options, io::BufWriter::new(file))?;
        }
        Ok(())
    }

    fn is_dir(&self) -> bool {
        true
    }
}

/// One long cells CSV per input (`a.docx.cells.csv`, the unit a rerun resumes by), gathered at
/// the end of every run into `OUTDIR/cells.csv` (`cells.shard-K-of-N.csv` for a shard): one
/// header line, then the rows of every input of the run in sorted path order.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cells {
    /// Start each file with a UTF-8 byte-order mark (for Excel).
    pub bom: bool,
}

impl OutputFormat for Cells {
    fn suffix(&self) -> &str {
        Named::Cells.suffix()
    }

    fn write(&self, doc: &Document, path: &Path) -> io::Result<()> {
        let out = io::BufWriter::new(fs::File::create(path)?);
        let mut w = CellsWriter::new(out, self.bom)?;
        w.write_document(doc, None)?;
        w.finish()?.flush()
    }

    fn gather(
        &self,
        out_dir: &Path,
        shard: Option<Shard>,
        outputs: &mut dyn Iterator<Item = PathBuf>,
    ) -> io::Result<()> {
        let path = out_dir.join(super::run_file_name("cells", "csv", shard));
        // A killed run's half-merged file is replaced by the rerun, never left beside it.
        let tmp = super::input::temp_path(&path);
        write_atomically_at(&path, tmp, |w| {
            if self.bom {
                w.write_all(csv::BOM)?;
            }
            w.write_all(cells::HEADER.join(",").as_bytes())?;
            w.write_all(b"\n")?;
            for part in outputs {
                // Each part starts with its own BOM and header line: keep only its rows.
                let mut r = io::BufReader::new(fs::File::open(&part)?);
                let mut first = Vec::new();
                r.read_until(b'\n', &mut first)?;
                io::copy(&mut r, w)?;
            }
            Ok(())
        })
    }
}
