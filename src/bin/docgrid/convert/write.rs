//! One output per input: JSON, Markdown, CSV/TSV (a file, stdout, or one file per table in a
//! folder) and XLSX.

use super::{ConvertArgs, Destination, Failure, To};
use crate::input::Reading;
use docgrid::write::output::{output_name, write_atomically};
use docgrid::write::{csv, json, markdown, tables, xlsx};
use docgrid::Document;
use std::io::{self, Write};
use std::path::Path;

/// Attaches the output path to an I/O error of writing it.
fn to_output<T>(path: &Path, r: io::Result<T>) -> Result<T, Failure> {
    r.map_err(|e| Failure::Output(path.to_path_buf(), e))
}

/// Writes through `write` to stdout, to the file, or to `<folder>/<input name><suffix>`.
fn emit(
    destination: &Destination,
    input: &Path,
    suffix: &str,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Failure> {
    let path = match destination {
        Destination::Stdout => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            write(&mut out)?;
            return Ok(out.flush()?);
        }
        Destination::File(path) => path.clone(),
        Destination::Folder(dir) => dir.join(format!("{}{suffix}", output_name(input))),
    };
    to_output(&path, write_atomically(&path, |w| write(w)))
}

/// Writes the output of `doc` (read from `input`) in format `to`.
pub(super) fn one(
    doc: &Document,
    input: &Path,
    args: &ConvertArgs,
    reading: &Reading,
    to: To,
    destination: &Destination,
) -> Result<(), Failure> {
    let no_tables = doc.tables().next().is_none();
    if no_tables && matches!(to, To::Csv | To::Tsv | To::Xlsx) {
        if !args.allow_empty {
            return Err(Failure::NoTables);
        }
        // Accepted: an empty file where exactly one was asked for, nothing otherwise.
        return match destination {
            Destination::File(_) if to != To::Xlsx => emit(destination, input, "", |_| Ok(())),
            _ => Ok(()),
        };
    }
    let labels = crate::picks::resolve(doc, &args.table)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    match to {
        To::Json => emit(destination, input, ".json", |w| {
            json::write(doc, w, !args.compact)
        }),
        To::Md if labels.is_empty() => emit(destination, input, ".md", |w| {
            markdown::write(doc, &markdown::MarkdownOptions::default(), w)
        }),
        To::Md => emit(destination, input, ".md", |w| {
            for (i, label) in labels.iter().enumerate() {
                if i > 0 {
                    writeln!(w)?;
                }
                let options = markdown::MarkdownOptions {
                    table: Some(label.clone()),
                };
                markdown::write(doc, &options, &mut *w)?;
            }
            Ok(())
        }),
        To::Csv | To::Tsv => delimited(doc, input, args, &labels, to, destination),
        To::Xlsx => {
            let options = xlsx::XlsxOptions {
                table: labels.first().cloned(),
            };
            let (bytes, warnings) = xlsx::to_bytes(doc, &options)?;
            reading.warn(input, &warnings);
            emit(destination, input, ".xlsx", |w| w.write_all(&bytes))
        }
        // Written by stream::run.
        To::Cells | To::Jsonl => Err(Failure::Usage(
            "this format writes one stream for all inputs".into(),
        )),
    }
}

/// CSV or TSV: a folder gets one file per table; stdout or a file holds exactly one table.
fn delimited(
    doc: &Document,
    input: &Path,
    args: &ConvertArgs,
    labels: &[String],
    to: To,
    destination: &Destination,
) -> Result<(), Failure> {
    let options = csv::CsvOptions {
        fill_merged: args.fill_merged,
        bom: args.bom,
        header_paths: args.header_paths,
        table: None,
        tab_separated: to == To::Tsv,
    };
    if let Destination::Folder(dir) = destination {
        // No labels: every table; else one file per label.
        let picks: Vec<Option<String>> = if labels.is_empty() {
            vec![None]
        } else {
            labels.iter().cloned().map(Some).collect()
        };
        for table in picks {
            let options = csv::CsvOptions {
                table,
                ..options.clone()
            };
            let written = csv::write_folder(doc, &output_name(input), dir, &options);
            written.map(drop).map_err(|e| match e.kind() {
                io::ErrorKind::InvalidInput => Failure::Input(e),
                _ => Failure::Output(dir.clone(), e),
            })?;
        }
        return Ok(());
    }
    let mut picked = Vec::new();
    if labels.is_empty() {
        picked = tables::numbered(doc);
    }
    for label in labels {
        let one = tables::select(tables::numbered(doc), Some(label))
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        picked.extend(one);
    }
    let [(_, table)] = picked.as_slice() else {
        let place = match destination {
            Destination::File(p) => format!("the file {}", p.display()),
            _ => "stdout".to_string(),
        };
        let kind = if to == To::Tsv { "TSV" } else { "CSV" };
        return Err(Failure::Usage(format!(
            "{} tables; a {kind} to {place} holds one: pick one with --table N or give -o <FOLDER>/",
            picked.len()
        )));
    };
    emit(destination, input, "", |w| {
        csv::write_table(table, &options, w)
    })
}
