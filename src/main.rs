//! The `docgrid` command line: a thin layer over the library.

use clap::{Parser, Subcommand, ValueEnum};
use docgrid::{convert_bytes, Options};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
    /// Convert documents; with one input and no -o, JSON goes to stdout.
    Convert(ConvertArgs),
}

#[derive(clap::Args)]
struct ConvertArgs {
    /// Input files (.docx or .pdf, sniffed from content); `-` reads stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long = "to", value_enum, default_value_t = To::Json)]
    to: To,
    /// Output file (one input) or folder (several inputs; created if missing).
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    /// Write JSON on one line instead of indented.
    #[arg(long)]
    compact: bool,
    /// Also emit header and footer paragraphs as blocks (style `header` / `footer`).
    #[arg(long)]
    headers_footers: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum To {
    /// The document model as JSON (contract v1).
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Convert(args) => convert(&args),
    }
}

fn convert(args: &ConvertArgs) -> ExitCode {
    let options = Options {
        include_headers_footers: args.headers_footers,
        ..Options::default()
    };
    let several = args.inputs.len() > 1;
    if several && args.output.is_none() {
        eprintln!("docgrid: several inputs need -o <FOLDER>");
        return ExitCode::from(2);
    }
    let mut failed = false;
    for input in &args.inputs {
        match convert_one(input, args, &options, several) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("docgrid: {}: {}", input.display(), e);
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn convert_one(
    input: &Path,
    args: &ConvertArgs,
    options: &Options,
    several: bool,
) -> io::Result<()> {
    let bytes = if input == Path::new("-") {
        let mut buf = Vec::new();
        io::stdin().lock().read_to_end(&mut buf)?;
        buf
    } else {
        std::fs::read(input)?
    };
    let mut doc = convert_bytes(&bytes, options).map_err(io::Error::other)?;
    doc.source.path = input.to_string_lossy().into_owned();
    let pretty = !args.compact;
    match (&args.output, several) {
        (None, _) => {
            let stdout = io::stdout();
            docgrid::write::json::write(&doc, io::BufWriter::new(stdout.lock()), pretty)
        }
        (Some(out), false) => {
            write_atomically(out, |w| docgrid::write::json::write(&doc, w, pretty))
        }
        (Some(dir), true) => {
            std::fs::create_dir_all(dir)?;
            let name = input
                .file_name()
                .map(|n| n.to_os_string())
                .unwrap_or_else(|| "stdin".into());
            let mut name = name;
            name.push(".json");
            write_atomically(&dir.join(name), |w| {
                docgrid::write::json::write(&doc, w, pretty)
            })
        }
    }
}

/// Writes to a temporary file beside `path`, then renames it, so `path` is never half-written.
fn write_atomically(
    path: &Path,
    f: impl FnOnce(&mut io::BufWriter<std::fs::File>) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp_name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    tmp_name.push(format!(".tmp{}", std::process::id()));
    let tmp = dir.join(tmp_name);
    let result = (|| {
        let mut w = io::BufWriter::new(std::fs::File::create(&tmp)?);
        f(&mut w)?;
        w.flush()?;
        w.get_ref().sync_all()?;
        drop(w);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
