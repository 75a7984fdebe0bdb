//! `batch_probe`: the `docgrid batch` command line exactly as proposed for `src/main.rs` in
//! `docs/batch.md`, runnable before it is wired in there (`scripts/bench_batch.sh` uses it).
//!
//! `cargo run --release --example batch_probe -- <DIR|FILE>... -o <OUTDIR> [--jobs N] ...`

use clap::{Parser, ValueEnum};
use docgrid::batch::{self, BatchConfig, ProgressMode, Shard};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

/// Converts whole folders of documents in parallel; reruns resume.
#[derive(Parser)]
#[command(name = "batch_probe")]
struct Cli {
    #[command(flatten)]
    args: BatchArgs,
}

// ---- from here to the end: the code proposed for src/main.rs ----

#[derive(Clone, Copy, ValueEnum)]
enum To {
    /// The document model as JSON (contract v1).
    Json,
}

#[derive(clap::Args)]
struct BatchArgs {
    /// Folders (walked recursively) and files; `.docx` and `.pdf` in any case, content sniffed.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output folder (created if missing): the mirrored tree of outputs and manifest.jsonl.
    #[arg(short = 'o', long = "output", required = true)]
    output: PathBuf,
    /// Output format.
    #[arg(long = "to", value_enum, default_value_t = To::Json)]
    to: To,
    /// Conversions at once (0: one per core).
    #[arg(short = 'j', long, default_value_t = 0)]
    jobs: usize,
    /// Redo inputs whose outputs are already complete and newer than the input.
    #[arg(long)]
    force: bool,
    /// Convert only shard K of N (1-based), chosen by a stable hash of each relative path.
    #[arg(long, value_name = "K/N")]
    shard: Option<Shard>,
    /// No progress bar or lines and no summary; failures are still printed.
    #[arg(short, long)]
    quiet: bool,
    /// Write JSON on one line instead of indented.
    #[arg(long)]
    compact: bool,
    /// Seconds after which one input is abandoned and recorded as failed (0: no bound).
    #[arg(long, value_name = "SECS", default_value_t = 120)]
    timeout: u64,
    /// Inputs larger than this fail without being read.
    #[arg(long, value_name = "MIB", default_value_t = 256)]
    max_file_mib: u64,
    /// Also emit header and footer paragraphs as blocks (style `header` / `footer`).
    #[arg(long)]
    headers_footers: bool,
}

fn run_batch(args: &BatchArgs) -> ExitCode {
    let mut config = BatchConfig::new(args.inputs.clone(), args.output.clone());
    config.format = match args.to {
        To::Json => Arc::new(batch::Json {
            pretty: !args.compact,
        }),
    };
    config.jobs = args.jobs;
    config.force = args.force;
    config.shard = args.shard;
    config.progress = if args.quiet {
        ProgressMode::Quiet
    } else {
        ProgressMode::Auto
    };
    config.options.include_headers_footers = args.headers_footers;
    config.max_file_bytes = args.max_file_mib.saturating_mul(1024 * 1024);
    config.timeout = (args.timeout > 0).then(|| Duration::from_secs(args.timeout));
    match batch::run(&config) {
        // Returning ends the process, and with it any conversion abandoned after --timeout.
        Ok(summary) => ExitCode::from(summary.exit_code()),
        Err(e) => {
            eprintln!("docgrid: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

// ---- end of the code proposed for src/main.rs ----

fn main() -> ExitCode {
    run_batch(&Cli::parse().args)
}
