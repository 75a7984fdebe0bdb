//! The `docgrid` command line: a thin layer over the library.

mod batch;
mod limits;
mod report;

use clap::{Parser, Subcommand, ValueEnum};
use docgrid::write::output::{safe_stem, write_atomically, AtomicFile};
use docgrid::write::{cells, csv, json, markdown, tables, xlsx};
use docgrid::{convert_bytes, Document, Options};
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Word (.docx) and PDF documents to structured data: paragraphs and tables with merged cells
/// rebuilt as a true row/column grid.
#[derive(Parser)]
#[command(name = "docgrid", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert documents; with one input and no -o, JSON (or Markdown, or a one-table CSV)
    /// goes to stdout.
    Convert(ConvertArgs),
    /// Convert whole folders in parallel into a mirrored tree with a manifest; reruns resume.
    Batch(batch::BatchArgs),
    /// Annual reports (政府信息公开工作年度报告): standard tables as keyed values, with rule checks.
    Report(report::ReportArgs),
}

#[derive(clap::Args)]
struct ConvertArgs {
    /// Input files (.docx or .pdf, sniffed from content); `-` reads stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long = "to", value_enum, default_value_t = To::Json)]
    to: To,
    /// json/md: output file (one input) or folder (several inputs); csv/cells/xlsx: output
    /// folder (created if missing).
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    /// Write JSON on one line instead of indented.
    #[arg(long)]
    compact: bool,
    /// Also emit header and footer paragraphs as blocks (style `header` / `footer`).
    #[arg(long)]
    headers_footers: bool,
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
    /// User password for encrypted PDFs (not needed when the user password is empty).
    #[arg(long, value_name = "PW")]
    password: Option<String>,
    #[command(flatten)]
    limits: limits::LimitArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum To {
    /// The document model as JSON (contract v1).
    Json,
    /// One CSV file per table, `<stem>.table-<N>.csv`.
    Csv,
    /// One long `cells.csv` of every cell of every table of every input.
    Cells,
    /// One workbook per input, `<stem>.xlsx`: a sheet per table and a `Text` sheet.
    Xlsx,
    /// Markdown: headings, paragraphs, pipe tables, HTML tables where cells span.
    #[value(alias = "markdown")]
    Md,
}

/// Why a conversion stopped: a usage error (exit 2) or a failed input (exit 1).
enum Failure {
    Usage(String),
    Input(io::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Input(e)
    }
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    quiet_panics();
    let run = std::panic::catch_unwind(|| match cli.command {
        Command::Convert(args) => convert(&args),
        Command::Batch(args) => batch::run(&args),
        Command::Report(args) => report::run(&args),
    });
    run.unwrap_or_else(|_| {
        let what = LAST_PANIC.with(|p| p.take()).unwrap_or_default();
        eprintln!("docgrid: internal error (a bug; please report it): {what}");
        ExitCode::from(101)
    })
}

thread_local! {
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Panics are caught where a file is converted (the PDF engine's and each batch job's) and
/// reported as that file's one-line failure; the default hook would print a second, multi-line
/// message first. The hook only remembers the message (with its location) for `main`'s last
/// resort, one line too.
fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let line = info.to_string().replace('\n', " ");
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(line));
    }));
}

/// Refuses option combinations that would be silently ignored or clobber outputs.
fn check_usage(args: &ConvertArgs) -> Result<(), String> {
    let to = args.to;
    if (args.fill_merged || args.header_paths) && to != To::Csv {
        return Err("--fill-merged and --header-paths apply to --to csv only".into());
    }
    if args.bom && !matches!(to, To::Csv | To::Cells) {
        return Err("--bom applies to --to csv and --to cells only".into());
    }
    if args.table.is_some() && to == To::Json {
        return Err("--table applies to --to csv, cells, xlsx and md".into());
    }
    let several = args.inputs.len() > 1;
    if args.output.is_none() {
        match to {
            To::Xlsx => return Err("--to xlsx needs -o <FOLDER>".into()),
            To::Json | To::Md | To::Csv if several => {
                return Err("several inputs need -o <FOLDER>".into())
            }
            _ => {}
        }
    }
    // Outputs named by the input's stem would overwrite each other.
    let by_stem =
        args.output.is_some() && (matches!(to, To::Csv | To::Xlsx) || (several && to == To::Md));
    if by_stem {
        let mut seen: HashMap<String, &Path> = HashMap::new();
        for input in &args.inputs {
            if let Some(other) = seen.insert(safe_stem(input), input) {
                return Err(format!(
                    "{} and {} would write the same output names; convert them separately",
                    other.display(),
                    input.display()
                ));
            }
        }
    }
    Ok(())
}

fn convert(args: &ConvertArgs) -> ExitCode {
    if let Err(message) = check_usage(args) {
        eprintln!("docgrid: {message}");
        return ExitCode::from(2);
    }
    let options = Options {
        include_headers_footers: args.headers_footers,
        limits: args.limits.limits(),
        password: args.password.clone(),
        pages: None,
    };
    if let Some(dir) = args.output.as_ref().filter(|_| {
        matches!(args.to, To::Csv | To::Cells | To::Xlsx)
            || (args.inputs.len() > 1 && matches!(args.to, To::Json | To::Md))
    }) {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("docgrid: {}: {e}", dir.display());
            return ExitCode::from(1);
        }
    }
    if args.to == To::Cells {
        return convert_to_cells(args, &options);
    }
    let mut failed = false;
    for input in &args.inputs {
        let result = read(input, &options).and_then(|doc| write_one(&doc, input, args));
        match result {
            Ok(()) => {}
            Err(Failure::Input(e)) if e.kind() == io::ErrorKind::BrokenPipe => {
                return ExitCode::SUCCESS
            }
            Err(Failure::Input(e)) => {
                eprintln!("docgrid: {}: {}", input.display(), e);
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

fn read(input: &Path, options: &Options) -> Result<Document, Failure> {
    let bytes = if input == Path::new("-") {
        let mut buf = Vec::new();
        io::stdin().lock().read_to_end(&mut buf)?;
        buf
    } else {
        std::fs::read(input)?
    };
    let mut doc = convert_bytes(&bytes, options).map_err(io::Error::other)?;
    doc.source.path = input.to_string_lossy().into_owned();
    Ok(doc)
}

fn write_one(doc: &Document, input: &Path, args: &ConvertArgs) -> Result<(), Failure> {
    let several = args.inputs.len() > 1;
    let stem = safe_stem(input);
    let pretty = !args.compact;
    let stdout = || io::BufWriter::new(io::stdout().lock());
    match (args.to, &args.output) {
        (To::Json, None) => json::write(doc, stdout(), pretty)?,
        (To::Json, Some(out)) if !several => {
            write_atomically(out, |w| json::write(doc, w, pretty))?
        }
        (To::Json, Some(dir)) => {
            let mut name = input
                .file_name()
                .map(|n| n.to_os_string())
                .unwrap_or_else(|| "stdin".into());
            name.push(".json");
            write_atomically(&dir.join(name), |w| json::write(doc, w, pretty))?
        }
        (To::Md, out) => {
            let options = markdown::MarkdownOptions {
                table: args.table.clone(),
            };
            match out {
                None => markdown::write(doc, &options, stdout())?,
                Some(file) if !several => {
                    write_atomically(file, |w| markdown::write(doc, &options, w))?
                }
                Some(dir) => write_atomically(&dir.join(format!("{stem}.md")), |w| {
                    markdown::write(doc, &options, w)
                })?,
            }
        }
        (To::Csv, out) => {
            let options = csv::CsvOptions {
                fill_merged: args.fill_merged,
                bom: args.bom,
                header_paths: args.header_paths,
                table: args.table.clone(),
            };
            match out {
                Some(dir) => {
                    csv::write_folder(doc, &stem, dir, &options)?;
                }
                None => {
                    let picked = tables::select(tables::numbered(doc), args.table.as_deref())
                        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
                    let [(_, table)] = picked.as_slice() else {
                        return Err(Failure::Usage(format!(
                            "{} tables; CSV goes to stdout for one table only: pick one with --table N or give -o <FOLDER>",
                            picked.len()
                        )));
                    };
                    let mut w = stdout();
                    csv::write_table(table, &options, &mut w)?;
                    w.flush()?;
                }
            }
        }
        (To::Xlsx, Some(dir)) => {
            let options = xlsx::XlsxOptions {
                table: args.table.clone(),
            };
            let (_, warnings) = xlsx::write_file(doc, &stem, dir, &options)?;
            for w in warnings {
                eprintln!("docgrid: {}: warning: {}", input.display(), w.message);
            }
        }
        // Refused by check_usage; cells are written by convert_to_cells.
        (To::Xlsx, None) | (To::Cells, _) => {
            return Err(Failure::Usage("--to xlsx needs -o <FOLDER>".into()))
        }
    }
    Ok(())
}

/// `--to cells`: one CSV for all inputs, on stdout or as `<OUTDIR>/cells.csv`, written
/// atomically; an input that fails is reported and left out, the others still written.
fn convert_to_cells(args: &ConvertArgs, options: &Options) -> ExitCode {
    let result = match &args.output {
        None => cells_into(args, options, io::BufWriter::new(io::stdout().lock()))
            .map(|(_, failed)| failed),
        Some(dir) => AtomicFile::create(&dir.join("cells.csv"))
            .and_then(|file| cells_into(args, options, file))
            .and_then(|(file, failed)| file.commit().map(|()| failed)),
    };
    match result {
        Ok(false) => ExitCode::SUCCESS,
        Ok(true) => ExitCode::from(1),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let place = args.output.as_deref().unwrap_or(Path::new("-"));
            eprintln!("docgrid: {}: {e}", place.join("cells.csv").display());
            ExitCode::from(1)
        }
    }
}

/// Streams the cells of every input into `out`; returns it and whether any input failed.
fn cells_into<W: Write>(args: &ConvertArgs, options: &Options, out: W) -> io::Result<(W, bool)> {
    let mut writer = cells::CellsWriter::new(out, args.bom)?;
    let mut failed = false;
    for input in &args.inputs {
        let doc = match read(input, options) {
            Ok(doc) => doc,
            Err(Failure::Input(e)) => {
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
