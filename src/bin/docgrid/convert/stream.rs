//! Outputs that hold every input in one stream: `--to cells` (one long CSV) and `--to jsonl`
//! (one compact JSON document per line). On stdout, as the file named, or in a folder as
//! `cells.csv` / `documents.jsonl`, written atomically; an input that fails is reported and left
//! out, the others still written.

use super::{ConvertArgs, Destination, To};
use crate::input::Reading;
use docgrid::write::output::AtomicFile;
use docgrid::write::{cells, json};
use docgrid::Document;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Runs a streaming conversion; exit 1 when an input failed.
pub(super) fn run(
    args: &ConvertArgs,
    reading: &Reading,
    to: To,
    destination: &Destination,
) -> ExitCode {
    let folder_name = if to == To::Cells {
        "cells.csv"
    } else {
        "documents.jsonl"
    };
    let path = match destination {
        Destination::Stdout => None,
        Destination::File(p) => Some(p.clone()),
        Destination::Folder(dir) => Some(dir.join(folder_name)),
    };
    let result = match &path {
        None => into(args, reading, to, io::BufWriter::new(io::stdout().lock()))
            .map(|(_, failed)| failed),
        Some(path) => AtomicFile::create(path)
            .and_then(|file| into(args, reading, to, file))
            .and_then(|(file, failed)| file.commit().map(|()| failed)),
    };
    match result {
        Ok(false) => ExitCode::SUCCESS,
        Ok(true) => ExitCode::from(1),
        // A closed pipe (`| head`): the reader has what it wanted.
        Err(e) if crate::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let place = path.unwrap_or_else(|| PathBuf::from("-"));
            eprintln!("docgrid: {}: {e}", place.display());
            ExitCode::from(1)
        }
    }
}

/// The writer of one stream.
enum Sink<W: Write> {
    Cells(Box<cells::CellsWriter<W>>),
    Jsonl(W),
}

impl<W: Write> Sink<W> {
    fn write(&mut self, doc: &Document, table: Option<&str>) -> io::Result<()> {
        match self {
            Sink::Cells(w) => w.write_document(doc, table),
            Sink::Jsonl(w) => json::write(doc, w, false),
        }
    }

    fn finish(self) -> io::Result<W> {
        match self {
            Sink::Cells(w) => w.finish(),
            Sink::Jsonl(mut w) => w.flush().map(|()| w),
        }
    }
}

/// Streams every input into `out`; returns it and whether any input failed.
fn into<W: Write>(args: &ConvertArgs, reading: &Reading, to: To, out: W) -> io::Result<(W, bool)> {
    let mut sink = match to {
        To::Cells => Sink::Cells(Box::new(cells::CellsWriter::new(out, args.bom)?)),
        _ => Sink::Jsonl(out),
    };
    let mut failed = false;
    for input in &args.inputs {
        let doc = match reading.read(input) {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("docgrid: {}: {e}", input.display());
                failed = true;
                continue;
            }
        };
        let started = Instant::now();
        let written = crate::picks::resolve(&doc, &args.table)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))
            .and_then(|labels| match labels.as_slice() {
                [] => sink.write(&doc, None),
                labels => labels.iter().try_for_each(|l| sink.write(&doc, Some(l))),
            });
        match written {
            Ok(()) => reading.timings(input, &[("write", started.elapsed())]),
            Err(e) if e.kind() == io::ErrorKind::InvalidInput => {
                eprintln!("docgrid: {}: {e}", input.display());
                failed = true;
            }
            Err(e) => return Err(e),
        }
    }
    Ok((sink.finish()?, failed))
}
