//! `docgrid convert`: where each output goes (stdout, the file `-o` names, or a folder with the
//! naming rule of docs/output.md) and the writer for each format.

mod stream;
mod write;

use crate::input::Chatter;
use crate::limits::ReadArgs;
use crate::picks::{parse_pick, TablePick};
use clap::ValueEnum;
use docgrid::write::output::{output_name, OutputFormat};
use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
#[command(
    after_help = "Excel users: add --bom to CSV, TSV and cells outputs, so Excel reads \
    UTF-8 (Chinese) text right.\n\nExit status: 0 every input converted; 1 an input failed or \
    --to csv/tsv/xlsx found no table (unless --allow-empty); 2 usage error."
)]
pub struct ConvertArgs {
    /// Input files (.docx, .doc, .pdf, .html, .mht, sniffed from content); `-` reads stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output format (default: from the -o file's extension, else json).
    #[arg(long = "to", value_enum)]
    to: Option<To>,
    /// Output: a file (one input; any number for jsonl and cells), a folder (an existing one, a
    /// path ending in `/`, or several inputs; outputs named `<input name>.json`, `.md`, `.xlsx`,
    /// `.table-<N>.csv`), or `-` for stdout.
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    /// Write JSON on one line instead of indented.
    #[arg(long)]
    compact: bool,
    /// csv/tsv: repeat a merged cell's text over its whole span instead of leaving it empty.
    #[arg(long)]
    fill_merged: bool,
    /// csv/tsv/cells: start with a UTF-8 byte-order mark, so Excel reads Chinese text right.
    #[arg(long)]
    bom: bool,
    /// csv/tsv: one header line joining multi-level headers with `/` instead of the header rows
    /// (a repeated name gets `.1`, `.2`, as pandas names duplicate columns).
    #[arg(long)]
    header_paths: bool,
    /// csv/tsv/cells/xlsx/md: only table N (from 1; `3.1` is the first table nested in table 3;
    /// `p3:1` the first table on page 3); several as `1,3` or repeated (xlsx: one).
    #[arg(long, value_name = "N", value_parser = parse_pick, value_delimiter = ',')]
    table: Vec<TablePick>,
    /// csv/tsv/xlsx: a document without tables is not an error (exit 0; an empty file for
    /// `-o FILE.csv`, else nothing written).
    #[arg(long)]
    allow_empty: bool,
    /// Print no warnings on stderr (they stay in the JSON `warnings`); errors are still printed.
    #[arg(short, long)]
    quiet: bool,
    /// Also print how long reading, converting and writing each input took.
    #[arg(short, long, conflicts_with = "quiet")]
    verbose: bool,
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum To {
    /// The document model as JSON (contract 1.3).
    Json,
    /// One compact JSON document per line, one line per input (for jq, Spark, pandas).
    Jsonl,
    /// One CSV file per table, `<input name>.table-<N>.csv`.
    Csv,
    /// As csv, tab-separated, `<input name>.table-<N>.tsv`.
    Tsv,
    /// One long CSV of every cell of every table of every input.
    Cells,
    /// One workbook per input: a sheet per table and a `Text` sheet.
    Xlsx,
    /// Markdown: headings, paragraphs, pipe tables, HTML tables where cells span.
    #[value(alias = "markdown")]
    Md,
}

impl To {
    /// The format an output file's extension names.
    fn of_extension(path: &Path) -> Option<To> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "jsonl" | "ndjson" => Some(To::Jsonl),
            "tsv" => Some(To::Tsv),
            _ => Some(match OutputFormat::of_extension(path)? {
                OutputFormat::Json => To::Json,
                OutputFormat::Markdown => To::Md,
                OutputFormat::Csv => To::Csv,
                OutputFormat::Cells => To::Cells,
                OutputFormat::Xlsx => To::Xlsx,
            }),
        }
    }

    /// Whether all inputs go into one stream (stdout or one file) rather than one output each.
    fn is_stream(self) -> bool {
        matches!(self, To::Cells | To::Jsonl)
    }

    fn is_delimited(self) -> bool {
        matches!(self, To::Csv | To::Tsv)
    }
}

/// Where the outputs go.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Destination {
    Stdout,
    /// Exactly this file.
    File(PathBuf),
    /// This folder, outputs named by the rule.
    Folder(PathBuf),
}

/// Why a conversion stopped: a usage error (exit 2), a failed input or output, or an output
/// with nothing in it (exit 1).
enum Failure {
    Usage(String),
    Input(io::Error),
    Output(PathBuf, io::Error),
    NoTables,
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Input(e)
    }
}

/// The format and the destination, or why the options do not make sense together.
fn plan(args: &ConvertArgs) -> Result<(To, Destination), String> {
    let several = args.inputs.len() > 1;
    let folder = |p: &Path| p.is_dir() || ends_with_separator(p);
    // A stream of several inputs still goes to one file.
    let stream_file = |p: &Path| {
        args.to
            .or_else(|| To::of_extension(p))
            .is_some_and(To::is_stream)
            && !folder(p)
    };
    let destination = match &args.output {
        None => Destination::Stdout,
        Some(p) if p.as_os_str() == "-" => Destination::Stdout,
        Some(p) if stream_file(p) => Destination::File(p.clone()),
        Some(p) if several || folder(p) => Destination::Folder(p.clone()),
        Some(p) => Destination::File(p.clone()),
    };
    let to = match (args.to, &destination) {
        (Some(to), _) => to,
        (None, Destination::File(p)) => match To::of_extension(p) {
            Some(to) => to,
            None if p.extension().is_none() => To::Json,
            None => {
                return Err(format!(
                    "{}: cannot tell the output format from its extension; give --to json|jsonl|csv|tsv|cells|xlsx|md",
                    p.display()
                ))
            }
        },
        (None, _) => To::Json,
    };
    if (args.fill_merged || args.header_paths) && !to.is_delimited() {
        return Err("--fill-merged and --header-paths apply to --to csv and tsv only".into());
    }
    if args.bom && !matches!(to, To::Csv | To::Tsv | To::Cells) {
        return Err("--bom applies to --to csv, tsv and cells only".into());
    }
    if !args.table.is_empty() && matches!(to, To::Json | To::Jsonl) {
        return Err("--table applies to --to csv, tsv, cells, xlsx and md".into());
    }
    if args.table.len() > 1 && to == To::Xlsx {
        return Err("--to xlsx takes one --table (or none, for a sheet per table)".into());
    }
    if args.compact && to != To::Json {
        return Err("--compact applies to --to json only (jsonl is always compact)".into());
    }
    if args.allow_empty && !matches!(to, To::Csv | To::Tsv | To::Xlsx) {
        return Err("--allow-empty applies to --to csv, tsv and xlsx only".into());
    }
    match (&destination, to) {
        (Destination::Stdout, To::Xlsx) if args.output.is_none() => {
            return Err(
                "--to xlsx writes a workbook: give -o FILE.xlsx, -o FOLDER/, or -o - for stdout"
                    .into(),
            )
        }
        (Destination::Stdout, To::Json | To::Md | To::Csv | To::Tsv | To::Xlsx) if several => {
            return Err("several inputs need -o <FOLDER> (or --to jsonl for one stream)".into())
        }
        _ => {}
    }
    if let Destination::Folder(_) = destination {
        if !to.is_stream() {
            // Outputs named by the whole input name collide only for the same name in two folders.
            let mut seen: HashMap<String, &Path> = HashMap::new();
            for input in &args.inputs {
                if let Some(other) = seen.insert(output_name(input), input) {
                    return Err(format!(
                        "{} and {} would write the same output names; convert them separately",
                        other.display(),
                        input.display()
                    ));
                }
            }
        }
    }
    Ok((to, destination))
}

fn ends_with_separator(p: &Path) -> bool {
    let s = p.as_os_str().as_encoded_bytes();
    s.ends_with(b"/") || (cfg!(windows) && s.ends_with(b"\\"))
}

/// Runs `docgrid convert`.
pub fn run(args: &ConvertArgs) -> ExitCode {
    let (to, destination) = match plan(args) {
        Ok(plan) => plan,
        Err(message) => {
            eprintln!("docgrid: {message}");
            return ExitCode::from(2);
        }
    };
    let reading = args.read.reading(Chatter::of(args.quiet, args.verbose));
    if let Destination::Folder(dir) = &destination {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("docgrid: {}: {e}", dir.display());
            return ExitCode::from(1);
        }
    }
    if to.is_stream() {
        return stream::run(args, &reading, to, &destination);
    }
    let mut failed = false;
    for input in &args.inputs {
        let result = reading.read(input).map_err(Failure::Input).and_then(|doc| {
            let started = Instant::now();
            write::one(&doc, input, args, &reading, to, &destination)?;
            reading.timings(input, &[("write", started.elapsed())]);
            Ok(())
        });
        match result {
            Ok(()) => {}
            // A closed pipe (`| head`): the reader has what it wanted.
            Err(Failure::Input(e) | Failure::Output(_, e)) if crate::is_broken_pipe(&e) => {
                return ExitCode::SUCCESS
            }
            Err(Failure::Input(e)) => {
                eprintln!("docgrid: {}: {e}", input.display());
                failed = true;
            }
            Err(Failure::Output(path, e)) => {
                eprintln!("docgrid: {}: {e}", path.display());
                failed = true;
            }
            Err(Failure::NoTables) => {
                eprintln!(
                    "docgrid: {}: no tables found; nothing written (--allow-empty accepts this)",
                    input.display()
                );
                failed = true;
            }
            Err(Failure::Usage(message)) => {
                eprintln!("docgrid: {}: {message}", input.display());
                return ExitCode::from(2);
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
