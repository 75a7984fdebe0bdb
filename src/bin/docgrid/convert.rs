//! `docgrid convert`: where each output goes (stdout, the file `-o` names, or a folder with the
//! naming rule of docs/output.md) and the writer for each format.

use crate::limits::ReadArgs;
use clap::ValueEnum;
use docgrid::write::output::{output_name, write_atomically, AtomicFile, OutputFormat};
use docgrid::write::{cells, csv, json, markdown, tables, xlsx};
use docgrid::{convert_bytes, Document, Options};
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ConvertArgs {
    /// Input files (.docx or .pdf, sniffed from content); `-` reads stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output format (default: from the -o file's extension, else json).
    #[arg(long = "to", value_enum)]
    to: Option<To>,
    /// Output: a file (one input), a folder (an existing one, a path ending in `/`, or several
    /// inputs; outputs named `<input name>.json`, `.md`, `.xlsx`, `.table-<N>.csv`), or `-` for
    /// stdout.
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    /// Write JSON on one line instead of indented.
    #[arg(long)]
    compact: bool,
    /// csv: repeat a merged cell's text over its whole span instead of leaving it empty.
    #[arg(long)]
    fill_merged: bool,
    /// csv/cells: start with a UTF-8 byte-order mark, so Excel reads Chinese text right.
    #[arg(long)]
    bom: bool,
    /// csv: one header line joining multi-level headers with `/` instead of the header rows.
    #[arg(long)]
    header_paths: bool,
    /// csv/cells/xlsx/md: only table N (from 1; `3.1` is the first table nested in table 3).
    #[arg(long, value_name = "N", value_parser = parse_label)]
    table: Option<String>,
    /// Print no warnings on stderr (they stay in the JSON `warnings`); errors are still printed.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum To {
    /// The document model as JSON (contract 1.3).
    Json,
    /// One CSV file per table, `<input name>.table-<N>.csv`.
    Csv,
    /// One long CSV of every cell of every table of every input.
    Cells,
    /// One workbook per input: a sheet per table and a `Text` sheet.
    Xlsx,
    /// Markdown: headings, paragraphs, pipe tables, HTML tables where cells span.
    #[value(alias = "markdown")]
    Md,
}

impl To {
    fn of(format: OutputFormat) -> To {
        match format {
            OutputFormat::Json => To::Json,
            OutputFormat::Markdown => To::Md,
            OutputFormat::Csv => To::Csv,
            OutputFormat::Cells => To::Cells,
            OutputFormat::Xlsx => To::Xlsx,
        }
    }

    fn format(self) -> OutputFormat {
        match self {
            To::Json => OutputFormat::Json,
            To::Md => OutputFormat::Markdown,
            To::Csv => OutputFormat::Csv,
            To::Cells => OutputFormat::Cells,
            To::Xlsx => OutputFormat::Xlsx,
        }
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

/// Why a conversion stopped: a usage error (exit 2), a failed input or a failed output (exit 1).
enum Failure {
    Usage(String),
    Input(io::Error),
    Output(PathBuf, io::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Input(e)
    }
}

/// Attaches the output path to an I/O error of writing it.
fn to_output<T>(path: &Path, r: io::Result<T>) -> Result<T, Failure> {
    r.map_err(|e| Failure::Output(path.to_path_buf(), e))
}

/// A table label: positive numbers joined by dots.
fn parse_label(s: &str) -> Result<String, String> {
    let ok = s
        .split('.')
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && !p.starts_with('0'));
    if ok {
        Ok(s.to_string())
    } else {
        Err("expected a table number from 1, or N.K for a nested table".into())
    }
}

/// The format and the destination, or why the options do not make sense together.
fn plan(args: &ConvertArgs) -> Result<(To, Destination), String> {
    let several = args.inputs.len() > 1;
    let destination = match &args.output {
        None => Destination::Stdout,
        Some(p) if p.as_os_str() == "-" => Destination::Stdout,
        Some(p) if several || p.is_dir() || ends_with_separator(p) => {
            Destination::Folder(p.clone())
        }
        Some(p) => Destination::File(p.clone()),
    };
    let to = match (args.to, &destination) {
        (Some(to), _) => to,
        (None, Destination::File(p)) => match OutputFormat::of_extension(p) {
            Some(format) => To::of(format),
            None if p.extension().is_none() => To::Json,
            None => {
                return Err(format!(
                    "{}: cannot tell the output format from its extension; give --to json|csv|cells|xlsx|md",
                    p.display()
                ))
            }
        },
        (None, _) => To::Json,
    };
    if (args.fill_merged || args.header_paths) && to != To::Csv {
        return Err("--fill-merged and --header-paths apply to --to csv only".into());
    }
    if args.bom && !matches!(to, To::Csv | To::Cells) {
        return Err("--bom applies to --to csv and --to cells only".into());
    }
    if args.table.is_some() && to == To::Json {
        return Err("--table applies to --to csv, cells, xlsx and md".into());
    }
    if args.compact && to != To::Json {
        return Err("--compact applies to --to json only".into());
    }
    match (&destination, to) {
        (Destination::Stdout, To::Xlsx) if args.output.is_none() => {
            return Err(
                "--to xlsx writes a workbook: give -o FILE.xlsx, -o FOLDER/, or -o - for stdout"
                    .into(),
            )
        }
        (Destination::Stdout, To::Json | To::Md | To::Csv | To::Xlsx) if several => {
            return Err("several inputs need -o <FOLDER>".into())
        }
        _ => {}
    }
    if let Destination::Folder(_) = destination {
        if to != To::Cells {
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
    let options = args.read.options();
    if let Destination::Folder(dir) = &destination {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("docgrid: {}: {e}", dir.display());
            return ExitCode::from(1);
        }
    }
    if to == To::Cells {
        return convert_to_cells(args, &options, &destination);
    }
    let mut failed = false;
    for input in &args.inputs {
        let result = read(input, &options, args.quiet)
            .and_then(|doc| write_one(&doc, input, args, to, &destination));
        match result {
            Ok(()) => {}
            Err(Failure::Input(e) | Failure::Output(_, e))
                if e.kind() == io::ErrorKind::BrokenPipe =>
            {
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

/// Reads one input; unless `quiet`, every warning of the document is also a line on stderr.
fn read(input: &Path, options: &Options, quiet: bool) -> Result<Document, Failure> {
    let bytes = if input == Path::new("-") {
        let mut buf = Vec::new();
        io::stdin().lock().read_to_end(&mut buf)?;
        buf
    } else {
        std::fs::read(input)?
    };
    let mut doc = convert_bytes(&bytes, options).map_err(io::Error::other)?;
    doc.source.path = input.to_string_lossy().into_owned();
    if !quiet {
        print_warnings(input, &doc);
    }
    Ok(doc)
}

/// One stderr line per document warning: `docgrid: <input>: warning: [page N: ]<message> (<code>)`.
pub fn print_warnings(input: &Path, doc: &Document) {
    let mut err = io::stderr().lock();
    for w in &doc.warnings {
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

fn write_one(
    doc: &Document,
    input: &Path,
    args: &ConvertArgs,
    to: To,
    destination: &Destination,
) -> Result<(), Failure> {
    let suffix = to.format().suffix();
    match to {
        To::Json => emit(destination, input, suffix, |w| {
            json::write(doc, w, !args.compact)
        }),
        To::Md => {
            let options = markdown::MarkdownOptions {
                table: args.table.clone(),
            };
            emit(destination, input, suffix, |w| {
                markdown::write(doc, &options, w)
            })
        }
        To::Csv => {
            let options = csv::CsvOptions {
                fill_merged: args.fill_merged,
                bom: args.bom,
                header_paths: args.header_paths,
                table: args.table.clone(),
            };
            if let Destination::Folder(dir) = destination {
                let written = csv::write_folder(doc, &output_name(input), dir, &options);
                return written.map(drop).map_err(|e| match e.kind() {
                    io::ErrorKind::InvalidInput => Failure::Input(e),
                    _ => Failure::Output(dir.clone(), e),
                });
            }
            let picked = tables::select(tables::numbered(doc), args.table.as_deref())
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
            let [(_, table)] = picked.as_slice() else {
                let place = match destination {
                    Destination::File(p) => format!("the file {}", p.display()),
                    _ => "stdout".to_string(),
                };
                return Err(Failure::Usage(format!(
                    "{} tables; a CSV to {place} holds one: pick one with --table N or give -o <FOLDER>/",
                    picked.len()
                )));
            };
            emit(destination, input, suffix, |w| {
                csv::write_table(table, &options, w)
            })
        }
        To::Xlsx => {
            let options = xlsx::XlsxOptions {
                table: args.table.clone(),
            };
            let (bytes, warnings) = xlsx::to_bytes(doc, &options)?;
            for w in warnings {
                eprintln!("docgrid: {}: warning: {}", input.display(), w.message);
            }
            emit(destination, input, suffix, |w| w.write_all(&bytes))
        }
        // Written by convert_to_cells.
        To::Cells => Err(Failure::Usage(
            "--to cells writes one file for all inputs".into(),
        )),
    }
}

/// `--to cells`: one CSV for all inputs, on stdout, as the file named, or as
/// `<FOLDER>/cells.csv`, written atomically; an input that fails is reported and left out,
/// the others still written.
fn convert_to_cells(args: &ConvertArgs, options: &Options, destination: &Destination) -> ExitCode {
    let path = match destination {
        Destination::Stdout => None,
        Destination::File(p) => Some(p.clone()),
        Destination::Folder(dir) => Some(dir.join("cells.csv")),
    };
    let result = match &path {
        None => cells_into(args, options, io::BufWriter::new(io::stdout().lock()))
            .map(|(_, failed)| failed),
        Some(path) => AtomicFile::create(path)
            .and_then(|file| cells_into(args, options, file))
            .and_then(|(file, failed)| file.commit().map(|()| failed)),
    };
    match result {
        Ok(false) => ExitCode::SUCCESS,
        Ok(true) => ExitCode::from(1),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let place = path.unwrap_or_else(|| PathBuf::from("-"));
            eprintln!("docgrid: {}: {e}", place.display());
            ExitCode::from(1)
        }
    }
}

/// Streams the cells of every input into `out`; returns it and whether any input failed.
fn cells_into<W: Write>(args: &ConvertArgs, options: &Options, out: W) -> io::Result<(W, bool)> {
    let mut writer = cells::CellsWriter::new(out, args.bom)?;
    let mut failed = false;
    for input in &args.inputs {
        let doc = match read(input, options, args.quiet) {
            Ok(doc) => doc,
            Err(Failure::Input(e) | Failure::Output(_, e)) => {
                eprintln!("docgrid: {}: {e}", input.display());
                failed = true;
                continue;
            }
            Err(Failure::Usage(m)) => {
                eprintln!("docgrid: {}: {m}", input.display());
                failed = true;
                continue;
            }
        };
        match writer.write_document(&doc, args.table.as_deref()) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::InvalidInput => {
                eprintln!("docgrid: {}: {e}", input.display());
                failed = true;
            }
            Err(e) => return Err(e),
        }
    }
    Ok((writer.finish()?, failed))
}
