//! `docgrid report`: standard tables of 政府信息公开工作年度报告 as keyed values and rule checks.

use crate::input::Chatter;
use clap::ValueEnum;
use docgrid::report::{self, write as rw, Report, Templates};
use docgrid::write::output::write_atomically;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `docgrid report`.
#[derive(clap::Args)]
pub struct ReportArgs {
    /// Input files (.docx or .pdf, sniffed from content).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long = "to", value_enum, default_value_t = ReportTo::Json)]
    to: ReportTo,
    /// json: output file (stdout without it); csv: output folder for values.csv and checks.csv.
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
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
    /// One JSON object per input (an array for several inputs).
    Json,
    /// values.csv (one row per value) and checks.csv, all inputs in one pair of files.
    Csv,
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

/// Runs `docgrid report`: exit 2 on usage errors, 1 when an input failed.
pub fn run(args: &ReportArgs) -> ExitCode {
    let tpl = match load_templates(args.template.as_deref()) {
        Ok(t) => t,
        Err(m) => {
            eprintln!("docgrid: {m}");
            return ExitCode::from(2);
        }
    };
    if args.to == ReportTo::Csv && args.output.is_none() {
        eprintln!("docgrid: --to csv needs -o <FOLDER>");
        return ExitCode::from(2);
    }
    let reading = args.read.reading(Chatter::of(args.quiet, false));
    let mut reports = Vec::new();
    let mut failed = false;
    for input in &args.inputs {
        match reading.read(input) {
            Ok(doc) => reports.push(report::build(&doc, &tpl)),
            Err(e) => {
                eprintln!("docgrid: {}: {e}", input.display());
                failed = true;
            }
        }
    }
    let written = match args.to {
        ReportTo::Json => write_json(&reports, args),
        ReportTo::Csv => write_csv(&reports, args),
    };
    match written {
        Ok(()) if !failed => ExitCode::SUCCESS,
        Ok(()) => ExitCode::from(1),
        Err(e) if crate::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("docgrid: {e}");
            ExitCode::from(1)
        }
    }
}

fn write_json(reports: &[Report], args: &ReportArgs) -> io::Result<()> {
    let value = match reports {
        [one] => rw::to_json(one),
        many => serde_json::Value::Array(many.iter().map(rw::to_json).collect()),
    };
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

fn write_csv(reports: &[Report], args: &ReportArgs) -> io::Result<()> {
    let Some(dir) = &args.output else {
        return Ok(());
    };
    std::fs::create_dir_all(dir)?;
    write_atomically(&dir.join("values.csv"), |w| {
        let mut c = csv::Writer::from_writer(w);
        c.write_record(rw::VALUES_HEADER)?;
        for r in reports {
            rw::write_values(r, &mut c)?;
        }
        c.flush()
    })?;
    write_atomically(&dir.join("checks.csv"), |w| {
        let mut c = csv::Writer::from_writer(w);
        c.write_record(rw::CHECKS_HEADER)?;
        for r in reports {
            rw::write_checks(r, &mut c)?;
        }
        c.flush()
    })
}
