//! The `docgrid` command line: a thin layer over the library.

mod batch;
mod convert;
mod input;
mod limits;
mod picks;
mod report;
mod tables;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::process::ExitCode;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Word (.docx, .doc), PDF and HTML documents to structured data: paragraphs and tables with
/// merged cells rebuilt as a true row/column grid.
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
    Convert(convert::ConvertArgs),
    /// Convert whole folders in parallel into a mirrored tree with a manifest; reruns resume.
    Batch(batch::BatchArgs),
    /// List every table of each input (label, pages, rows × cols, header rows, first header
    /// cells), to choose the one for `convert --table`.
    Tables(tables::TablesArgs),
    /// Annual reports (政府信息公开工作年度报告): standard tables as keyed values, with rule checks.
    Report(report::ReportArgs),
    /// Print a shell completion script to stdout (e.g. `docgrid completions bash >
    /// ~/.local/share/bash-completion/completions/docgrid`).
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to stdout (e.g. `docgrid man | man -l -`).
    Man,
}

/// The whole command definition, with the contract version beside the crate's (read from the
/// library so they never disagree); completions and the man page are generated from it too.
fn command() -> clap::Command {
    let version = format!(
        "{} (output contract {})",
        env!("CARGO_PKG_VERSION"),
        docgrid::model::CONTRACT_VERSION
    );
    Cli::command().version(version)
}

fn main() -> ExitCode {
    let matches = command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    quiet_panics();
    let run = std::panic::catch_unwind(|| match cli.command {
        Command::Convert(args) => convert::run(&args),
        Command::Batch(args) => batch::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Tables(args) => tables::run(&args),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command(), "docgrid", &mut script);
            print_generated(Ok(script), "completion script")
        }
        Command::Man => {
            let mut page = Vec::new();
            let rendered = clap_mangen::Man::new(command()).render(&mut page);
            print_generated(rendered.map(|()| page), "man page")
        }
    });
    run.unwrap_or_else(|_| {
        let what = LAST_PANIC.with(|p| p.take()).unwrap_or_default();
        eprintln!("docgrid: internal error (a bug; please report it): {what}");
        ExitCode::from(101)
    })
}

/// Writes a generated text to stdout. It is built in memory first because clap_complete
/// panics on a write error; a closed pipe ends quietly, as for conversions.
fn print_generated(text: std::io::Result<Vec<u8>>, what: &str) -> ExitCode {
    use std::io::Write;
    let written = text.and_then(|bytes| {
        let mut out = std::io::stdout().lock();
        out.write_all(&bytes)?;
        out.flush()
    });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("docgrid: cannot write the {what}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Whether writing failed because the reader of our stdout went away (`| head`): a Unix filter
/// then ends quietly with status 0. Writers wrap the error (the csv crate's, serde's, which
/// give no `source`), so the wrapped errors are unwrapped by type.
pub(crate) fn is_broken_pipe(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    let mut error = e;
    loop {
        if error.kind() == BrokenPipe {
            return true;
        }
        let Some(inner) = error.get_ref() else {
            return false;
        };
        if let Some(io) = inner.downcast_ref::<std::io::Error>() {
            error = io;
        } else if let Some(csv::ErrorKind::Io(io)) =
            inner.downcast_ref::<csv::Error>().map(|c| c.kind())
        {
            error = io;
        } else {
            return inner
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == Some(BrokenPipe);
        }
    }
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
