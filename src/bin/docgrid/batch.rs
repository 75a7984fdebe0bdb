//! `docgrid batch`: the command-line face of [`docgrid::batch`].

use docgrid::batch::{self, BatchConfig, ProgressMode, Shard};
use docgrid::write::csv::CsvOptions;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

/// Arguments of `docgrid batch`.
#[derive(clap::Args)]
pub struct BatchArgs {
    /// Folders (walked recursively) and files; `.docx` and `.pdf` in any case, content sniffed.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output folder (created if missing): the mirrored tree of outputs and manifest.jsonl.
    #[arg(short = 'o', long = "output", required = true)]
    output: PathBuf,
    /// Output format, named after the whole input name: `a.docx.json`, `a.docx.xlsx`,
    /// `a.docx.md`, a folder `a.docx.csv/` of per-table CSVs, or `a.docx.cells.csv` gathered
    /// into `OUTDIR/cells.csv`.
    #[arg(long = "to", value_enum, default_value_t = BatchTo::Json)]
    to: BatchTo,
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
    /// CSV: repeat a merged cell's text in every position it covers.
    #[arg(long)]
    fill_merged: bool,
    /// CSV, cells and report: start each CSV file with a UTF-8 byte-order mark (for Excel).
    #[arg(long)]
    bom: bool,
    /// CSV: one header line of `/`-joined header paths instead of the header rows.
    #[arg(long)]
    header_paths: bool,
    /// Report: templates JSON of the built-in shape, replacing the built-in templates.
    #[arg(long, value_name = "FILE")]
    template: Option<PathBuf>,
    /// Seconds after which one input is abandoned and recorded as failed (0: no bound).
    #[arg(long, value_name = "SECS", default_value_t = 120)]
    timeout: u64,
    #[command(flatten)]
    read: crate::limits::ReadArgs,
}

/// What `batch` writes per input.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum BatchTo {
    /// `a.docx.json`: the document model (contract v1).
    Json,
    /// A folder `a.docx.csv/` with one CSV per table.
    Csv,
    /// `a.docx.cells.csv` per input, gathered into `OUTDIR/cells.csv`.
    Cells,
    /// `a.docx.xlsx`: a sheet per table with its merges, and a `Text` sheet.
    Xlsx,
    /// `a.docx.md`: Markdown, HTML tables where cells span.
    #[value(alias = "markdown")]
    Md,
    /// A folder `a.docx.report/` (annual-report values and checks), gathered into
    /// `OUTDIR/values.csv` and `OUTDIR/checks.csv`.
    Report,
}

/// Runs a batch. Must return straight to `main`, which must return: a conversion abandoned
/// after `--timeout` is still running on its thread, and only the process exit ends it.
pub fn run(args: &BatchArgs) -> ExitCode {
    let mut config = BatchConfig::new(args.inputs.clone(), args.output.clone());
    config.format = match args.to {
        BatchTo::Json => Arc::new(batch::Json {
            pretty: !args.compact,
        }),
        BatchTo::Xlsx => Arc::new(batch::Xlsx),
        BatchTo::Md => Arc::new(batch::Markdown),
        BatchTo::Csv => Arc::new(batch::Csv {
            options: CsvOptions {
                fill_merged: args.fill_merged,
                bom: args.bom,
                header_paths: args.header_paths,
                table: None,
                tab_separated: false,
            },
        }),
        BatchTo::Cells => Arc::new(batch::Cells { bom: args.bom }),
        BatchTo::Report => match crate::report::load_templates(args.template.as_deref()) {
            Ok(templates) => Arc::new(batch::Report {
                templates: Arc::new(templates),
                bom: args.bom,
            }),
            Err(why) => {
                eprintln!("docgrid: {why}");
                return ExitCode::from(2);
            }
        },
    };
    // As for `convert`: an option the format ignores is a mistake worth saying.
    let misplaced = if (args.fill_merged || args.header_paths) && args.to != BatchTo::Csv {
        Some("--fill-merged and --header-paths apply to --to csv only")
    } else if args.bom && !matches!(args.to, BatchTo::Csv | BatchTo::Cells | BatchTo::Report) {
        Some("--bom applies to --to csv, cells and report only")
    } else if args.compact && args.to != BatchTo::Json {
        Some("--compact applies to --to json only")
    } else if args.template.is_some() && args.to != BatchTo::Report {
        Some("--template applies to --to report only")
    } else {
        None
    };
    if let Some(why) = misplaced {
        eprintln!("docgrid: {why}");
        return ExitCode::from(2);
    }
    config.jobs = args.jobs;
    config.force = args.force;
    config.shard = args.shard;
    config.progress = if args.quiet {
        ProgressMode::Quiet
    } else {
        ProgressMode::Auto
    };
    config.options = args.read.options();
    config.max_file_bytes = args.read.max_file_bytes();
    config.timeout = (args.timeout > 0).then(|| Duration::from_secs(args.timeout));
    match batch::run(&config) {
        Ok(summary) => ExitCode::from(summary.exit_code()),
        Err(e) => {
            eprintln!("docgrid: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
