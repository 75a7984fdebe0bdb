//! `batch --to report`: the annual-report profile per input, gathered into two pivot-ready
//! files for the whole archive.

use super::{OutputFormat, Shard};
use crate::model::Document;
use crate::report::{self, write as rw, Templates};
use crate::write::output::AtomicFile;
use std::fs;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Per input a folder `a.docx.report/` with `report.json`, `values.csv`, `checks.csv` and
/// `series.json` (what the series rules read; written whole and renamed, like the csv
/// folders); after every run the parts of this run's inputs are gathered, in sorted path
/// order, into `OUTDIR/values.csv` and `OUTDIR/checks.csv` (`values.shard-K-of-N.csv`, … for a
/// shard), and the series checks of this run's reports are appended to checks.csv.
#[derive(Debug, Clone)]
pub struct Report {
    /// The table templates (built-in or `--template`).
    pub templates: Arc<Templates>,
    /// Start the gathered CSV files with a UTF-8 byte-order mark (for Excel).
    pub bom: bool,
}

/// Room for a typical report.json (300 KB for a report of 200 values), so that it is
/// not copied while it grows.
const JSON_CAPACITY: usize = 512 * 1024;

/// A worker's buffer is given back to the allocator past this size (a report of many
/// instances), so that one huge input does not hold its memory for the rest of the run.
const KEEP_AT_MOST: usize = 4 * 1024 * 1024;

thread_local! {
    /// One buffer per batch worker, reused from input to input rather than 512 KB reserved
    /// and freed for each.
    static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` with this thread's buffer, empty.
fn with_buffer<T>(f: impl FnOnce(&mut Vec<u8>) -> io::Result<T>) -> io::Result<T> {
    BUFFER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buf) => {
            buf.clear();
            if buf.capacity() > KEEP_AT_MOST {
                *buf = Vec::new();
            }
            buf.reserve(JSON_CAPACITY);
            let result = f(&mut buf);
            buf.clear();
            result
        }
        // Not reentrant today; a nested call gets a buffer of its own rather than a panic.
        Err(_) => f(&mut Vec::with_capacity(JSON_CAPACITY)),
    })
}

/// A CSV file put together in `buf` and written with one call.
fn write_csv(
    buf: &mut Vec<u8>,
    path: &Path,
    header: &[&str],
    rows: impl FnOnce(&mut csv::Writer<&mut Vec<u8>>) -> io::Result<()>,
) -> io::Result<()> {
    buf.clear();
    {
        let mut w = csv::Writer::from_writer(&mut *buf);
        w.write_record(header)?;
        rows(&mut w)?;
        w.flush()?;
    }
    fs::write(path, &buf)
}

/// The per-input part names, each also the name of the gathered file.
const PARTS: [&str; 2] = ["values", "checks"];

impl OutputFormat for Report {
    fn suffix(&self) -> &str {
        ".report"
    }

    fn write(&self, doc: &Document, path: &Path) -> io::Result<()> {
        let r = report::build(doc, &self.templates);
        fs::create_dir(path)?;
        // Each file is put together in memory and written with one call: report.json is
        // about 300 KB, which an 8 KB BufWriter handed to the kernel in some forty writes.
        // Compact: a file per input that programs read; pretty printing cost a quarter of the
        // batch's time (1,000 reports: 11.4 s -> 8.4 s, scripts/bench_report_batch.sh).
        with_buffer(|buf| {
            rw::write_compact(&r, buf)?;
            buf.push(b'\n');
            fs::write(path.join("report.json"), &buf)?;
            write_csv(buf, &path.join("values.csv"), &rw::VALUES_HEADER, |w| {
                rw::write_values(&r, w)
            })?;
            write_csv(buf, &path.join("checks.csv"), &rw::CHECKS_HEADER, |w| {
                rw::write_checks(&r, w)
            })?;
            buf.clear();
            serde_json::to_writer(&mut *buf, &report::series::members(&r))?;
            fs::write(path.join("series.json"), &buf)
        })
    }

    fn is_dir(&self) -> bool {
        true
    }

    fn gather(
        &self,
        out_dir: &Path,
        shard: Option<Shard>,
        outputs: &mut dyn Iterator<Item = PathBuf>,
    ) -> io::Result<()> {
        // Both files are written in one pass over the outputs, so the walk runs once.
        let mut files = Vec::with_capacity(PARTS.len());
        for (part, header) in PARTS
            .iter()
            .zip([rw::VALUES_HEADER.join(","), rw::CHECKS_HEADER.join(",")])
        {
            let path = out_dir.join(super::run_file_name(part, "csv", shard));
            let mut f = AtomicFile::create_at(&path, super::input::temp_path(&path))?;
            if self.bom {
                f.write_all(b"\xEF\xBB\xBF")?;
            }
            f.write_all(header.as_bytes())?;
            f.write_all(b"\n")?;
            files.push(f);
        }
        let mut members = Vec::new();
        for dir in outputs {
            for (part, file) in PARTS.iter().zip(files.iter_mut()) {
                let mut r = io::BufReader::new(fs::File::open(dir.join(format!("{part}.csv")))?);
                let mut header = Vec::new();
                r.read_until(b'\n', &mut header)?;
                io::copy(&mut r, file)?;
            }
            // Outputs of an earlier version have no series.json: they join no series.
            if let Ok(bytes) = fs::read(dir.join("series.json")) {
                let mine: Vec<report::series::Member> =
                    serde_json::from_slice(&bytes).map_err(io::Error::other)?;
                members.extend(mine);
            }
        }
        let series = report::series::evaluate_members(members, &self.templates);
        if let Some(checks) = files.get_mut(1) {
            let mut w = csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(&mut *checks);
            rw::write_series(&series, &mut w)?;
            w.flush()?;
        }
        for f in files {
            f.commit()?;
        }
        Ok(())
    }
}
