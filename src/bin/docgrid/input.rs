//! Reading one input for `convert`, `tables` and `report`: the size limit checked before
//! reading, a folder pointed at `batch`, warnings and timings on stderr.

use docgrid::model::Warning;
use docgrid::{convert_bytes, Document, Options};
use std::io::{self, Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

/// What stderr shows besides errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chatter {
    /// Errors only (`-q`).
    Quiet,
    /// Errors and one line per warning.
    Warnings,
    /// Also one line of timings per stage and input (`-v`).
    Timings,
}

impl Chatter {
    /// From the `-q` and `-v` flags (clap keeps them apart).
    pub fn of(quiet: bool, verbose: bool) -> Chatter {
        match (quiet, verbose) {
            (true, _) => Chatter::Quiet,
            (false, true) => Chatter::Timings,
            (false, false) => Chatter::Warnings,
        }
    }
}

/// How every input of one command is read.
pub struct Reading {
    /// The library options.
    pub options: Options,
    /// Inputs larger than this fail before being read.
    pub max_file_bytes: u64,
    /// What goes to stderr.
    pub chatter: Chatter,
}

impl Reading {
    /// Reads and converts `input` (`-` is stdin); unless quiet, every warning of the document
    /// is also a line on stderr, and with timings the read and convert stages are timed.
    pub fn read(&self, input: &Path) -> io::Result<Document> {
        let started = Instant::now();
        let bytes = self.bytes(input)?;
        let read = started.elapsed();
        let started = Instant::now();
        let mut doc = convert_bytes(&bytes, &self.options).map_err(io::Error::other)?;
        let converted = started.elapsed();
        doc.source.path = input.to_string_lossy().into_owned();
        self.warn(input, &doc.warnings);
        self.timings(input, &[("read", read), ("convert", converted)]);
        Ok(doc)
    }

    /// The input's bytes, refusing a folder and a file over the size limit before reading it.
    fn bytes(&self, input: &Path) -> io::Result<Vec<u8>> {
        if input == Path::new("-") {
            let mut buf = Vec::new();
            let limit = self.max_file_bytes.saturating_add(1);
            io::stdin().lock().take(limit).read_to_end(&mut buf)?;
            let len = u64::try_from(buf.len()).unwrap_or(u64::MAX);
            return match docgrid::limits::file_size_error(len, self.max_file_bytes) {
                // Only `limit` bytes were read: the input is at least that long.
                Some(_) => Err(io::Error::other(format!(
                    "stdin is over the limit of {} MiB; raise it with --max-file-mib",
                    self.max_file_bytes / (1024 * 1024)
                ))),
                None => Ok(buf),
            };
        }
        let meta = std::fs::metadata(input)?;
        if meta.is_dir() {
            return Err(io::Error::other(format!(
                "is a folder; to convert the documents in it, run: docgrid batch {} -o <OUTDIR>",
                input.display()
            )));
        }
        if let Some(cause) = docgrid::limits::file_size_error(meta.len(), self.max_file_bytes) {
            return Err(io::Error::other(cause));
        }
        std::fs::read(input)
    }

    /// One stderr line per warning: `docgrid: <input>: warning: [page N: ]<message> (<code>)`.
    pub fn warn(&self, input: &Path, warnings: &[Warning]) {
        if self.chatter == Chatter::Quiet {
            return;
        }
        let mut err = io::stderr().lock();
        for w in warnings {
            let page = w.page.map(|p| format!("page {p}: ")).unwrap_or_default();
            let _ = writeln!(
                err,
                "docgrid: {}: warning: {page}{} ({})",
                input.display(),
                w.message,
                w.code
            );
        }
    }

    /// With `-v`, one line `docgrid: <input>: time: read 1.2 ms, convert 30.5 ms`.
    pub fn timings(&self, input: &Path, stages: &[(&str, Duration)]) {
        if self.chatter != Chatter::Timings {
            return;
        }
        let stages: Vec<String> = stages
            .iter()
            .map(|(name, d)| format!("{name} {:.1} ms", d.as_secs_f64() * 1000.0))
            .collect();
        let _ = writeln!(
            io::stderr().lock(),
            "docgrid: {}: time: {}",
            input.display(),
            stages.join(", ")
        );
    }
}
