//! `docgrid report`: standard tables of 政府信息公开工作年度报告 as keyed values and rule checks.

use crate::input::Chatter;
use clap::ValueEnum;
use docgrid::report::series::{self, SeriesCheck};
use docgrid::report::{self, write as rw, Report, Templates};
use docgrid::write::output::write_atomically;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `docgrid report`.
#[derive(clap::Args)]
pub struct ReportArgs {
    /// Input files (.docx, .doc, .html or .pdf, sniffed from content); `-` reads stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long = "to", value_enum, default_value_t = ReportTo::Json)]
    to: ReportTo,
    /// json: output file (stdout without it); csv: output folder for values.csv and checks.csv;
    /// xlsx: the workbook file.
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    /// csv: start values.csv and checks.csv with a UTF-8 byte-order mark (for Excel).
    #[arg(long)]
    bom: bool,
    /// Exit 3 when a hard rule fails in any report (after writing everything).
    #[arg(long)]
    fail_on_check: bool,
    /// Templates JSON of the built-in shape, replacing the built-in templates.
    #[arg(long, value_name = "FILE")]
    template: Option<PathBuf>,
    /// Print no reading warnings on stderr; errors are still printed.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    read: crate::limits::ReadArgs,
}

/// Output formats of `docgrid report`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportTo {
    /// A JSON array with one object per input, whatever the number of inputs.
    Json,
    /// values.csv (one row per value) and checks.csv, all inputs in one pair of files.
    Csv,
    /// One workbook: a `values` sheet and a `checks` sheet with failures filled red.
    Xlsx,
}

/// Exit status of `--fail-on-check` when a hard rule failed.
const EXIT_CHECK_FAILED: u8 = 3;

/// One input's outcome: its report, or the error that stopped reading it.
enum Outcome {
    Read(Box<Report>),
    Failed { source: String, error: String },
}

/// The built-in templates, or those of `path` (`--template`); the error is one line.
pub(crate) fn load_templates(path: Option<&std::path::Path>) -> Result<Templates, String> {
    match path {
        None => Templates::builtin().map_err(|e| format!("built-in templates: {e}")),
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Templates::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
        }
    }
}

/// Runs `docgrid report`: exit 2 on usage errors, 1 when an input failed or holds no report
/// table, 3 (with `--fail-on-check`) when a hard rule failed.
pub fn run(args: &ReportArgs) -> ExitCode {
    let tpl = match load_templates(args.template.as_deref()) {
        Ok(t) => t,
        Err(m) => {
            eprintln!("docgrid: {m}");
            return ExitCode::from(2);
        }
    };
    let usage = match args.to {
        ReportTo::Csv if args.output.is_none() => Some("--to csv needs -o <FOLDER>"),
        ReportTo::Xlsx if args.output.is_none() => Some("--to xlsx needs -o <FILE.xlsx>"),
        ReportTo::Json | ReportTo::Xlsx if args.bom => Some("--bom applies to --to csv only"),
        _ => None,
    };
    if let Some(why) = usage {
        eprintln!("docgrid: {why}");
        return ExitCode::from(2);
    }
    let reading = args.read.reading(Chatter::of(args.quiet, false));
    let mut outcomes = Vec::new();
    let mut failed = false;
    for input in &args.inputs {
        match reading.read(input) {
            Ok(doc) => {
                let r = report::build(&doc, &tpl);
                if !args.quiet {
                    for w in &r.warnings {
                        eprintln!(
                            "docgrid: {}: warning: {} ({})",
                            input.display(),
                            w.message,
                            w.code
                        );
                    }
                }
                if r.instances.iter().all(|i| i.tables_found.is_empty()) {
                    eprintln!(
                        "docgrid: {}: no report table found (no table 2, 3 or 4 of the annual-report templates; {} tables read)",
                        input.display(),
                        doc.tables().count()
                    );
                    failed = true;
                }
                outcomes.push(Outcome::Read(Box::new(r)));
            }
            Err(e) => {
                eprintln!("docgrid: {}: {e}", input.display());
                outcomes.push(Outcome::Failed {
                    source: input.display().to_string(),
                    error: e.to_string(),
                });
                failed = true;
            }
        }
    }
    let reports: Vec<&Report> = outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Read(r) => Some(r.as_ref()),
            Outcome::Failed { .. } => None,
        })
        .collect();
    let series = series::evaluate(&reports, &tpl);
    let written = match args.to {
        ReportTo::Json => write_json(&outcomes, &series, args),
        ReportTo::Csv => write_csv(&reports, &series, args),
        ReportTo::Xlsx => write_xlsx(&reports, &series, args),
    };
    let check_failed = reports
        .iter()
        .flat_map(|r| &r.instances)
        .flat_map(|i| &i.checks)
        .any(|c| c.status == "fail");
    match written {
        Ok(()) if failed => ExitCode::from(1),
        Ok(()) if args.fail_on_check && check_failed => ExitCode::from(EXIT_CHECK_FAILED),
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if crate::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("docgrid: {e}");
            ExitCode::from(1)
        }
    }
}

/// The JSON array: one object per input in input order (a failed input as `source` and
/// `error`); each series check under the document of its later report.
fn write_json(outcomes: &[Outcome], series: &[SeriesCheck], args: &ReportArgs) -> io::Result<()> {
    // Serialised straight from the reports: a `Value` tree of every report cost more than
    // reading the documents.
    let mine: Vec<Vec<&SeriesCheck>> = outcomes
        .iter()
        .map(|o| match o {
            Outcome::Read(r) => series
                .iter()
                .filter(|s| s.later.source == r.source)
                .collect(),
            Outcome::Failed { .. } => Vec::new(),
        })
        .collect();
    let docs: Vec<Doc<'_>> = outcomes
        .iter()
        .zip(&mine)
        .map(|(o, mine)| match o {
            Outcome::Read(r) => Doc::Read(rw::ReportJson::with_series(r, mine)),
            Outcome::Failed { source, error } => Doc::Failed { error, source },
        })
        .collect();
    let value = docs;
    let emit = |w: &mut dyn Write| -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *w, &value)?;
        writeln!(w)
    };
    match &args.output {
        None => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            emit(&mut out)?;
            out.flush()
        }
        Some(path) => write_atomically(path, |w| emit(w)),
    }
}

/// One element of the JSON array; a failed input's keys in byte order, as every object of
/// the report JSON.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Doc<'a> {
    Read(rw::ReportJson<'a>),
    Failed { error: &'a str, source: &'a str },
}

/// UTF-8 byte-order mark, for Excel.
const BOM: &[u8] = b"\xEF\xBB\xBF";

fn write_csv(reports: &[&Report], series: &[SeriesCheck], args: &ReportArgs) -> io::Result<()> {
    let Some(dir) = &args.output else {
        return Ok(());
    };
    std::fs::create_dir_all(dir)?;
    write_atomically(&dir.join("values.csv"), |w| {
        if args.bom {
            w.write_all(BOM)?;
        }
        let mut c = csv::Writer::from_writer(w);
        c.write_record(rw::VALUES_HEADER)?;
        for r in reports {
            rw::write_values(r, &mut c)?;
        }
        c.flush()
    })?;
    write_atomically(&dir.join("checks.csv"), |w| {
        if args.bom {
            w.write_all(BOM)?;
        }
        let mut c = csv::Writer::from_writer(w);
        c.write_record(rw::CHECKS_HEADER)?;
        for r in reports {
            rw::write_checks(r, &mut c)?;
        }
        rw::write_series(series, &mut c)?;
        c.flush()
    })
}

fn write_xlsx(reports: &[&Report], series: &[SeriesCheck], args: &ReportArgs) -> io::Result<()> {
    let Some(path) = &args.output else {
        return Ok(());
    };
    let bytes = docgrid::report::xlsx::workbook(reports, series)?;
    write_atomically(path, |w| w.write_all(&bytes))
}
