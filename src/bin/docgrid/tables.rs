//! `docgrid tables`: every table of each input, one tab-separated line each, to find the one
//! to pick with `--table` (as camelot's `TableList` does).

use crate::input::Chatter;
use crate::limits::ReadArgs;
use docgrid::write::tables::{numbered, Layout};
use docgrid::Document;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Header cells shown per table.
const HEADER_CELLS: usize = 4;
/// Characters shown of one header cell.
const CELL_CHARS: usize = 24;

/// Arguments of `docgrid tables`.
#[derive(clap::Args)]
#[command(
    after_help = "Columns: source, table (the --table label), pages (PDF; `-` for other \
    formats), rows, cols, header_rows, header (the first row's cells, ` | ` between)."
)]
pub struct TablesArgs {
    /// Input files (any format convert reads); `-` reads stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Print no reading warnings on stderr; errors are still printed.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    read: ReadArgs,
}

/// The header line of the listing.
pub const COLUMNS: &str = "source\ttable\tpages\trows\tcols\theader_rows\theader";

/// Runs `docgrid tables`: exit 1 when an input failed.
pub fn run(args: &TablesArgs) -> ExitCode {
    let reading = args.read.reading(Chatter::of(args.quiet, false));
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut failed = false;
    let mut written = writeln!(out, "{COLUMNS}");
    for input in &args.inputs {
        if written.is_err() {
            break;
        }
        match reading.read(input) {
            Ok(doc) => written = list(&doc, &mut out),
            Err(e) => {
                eprintln!("docgrid: {}: {e}", input.display());
                failed = true;
            }
        }
    }
    match written.and_then(|()| out.flush()) {
        Ok(()) if !failed => ExitCode::SUCCESS,
        Ok(()) => ExitCode::from(1),
        Err(e) if crate::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("docgrid: -: {e}");
            ExitCode::from(1)
        }
    }
}

/// One line per table of `doc`, nested ones after their parent.
fn list(doc: &Document, out: &mut impl Write) -> io::Result<()> {
    for (label, table) in numbered(doc) {
        let pages = crate::picks::table_pages(table);
        let pages = match (pages.first(), pages.last()) {
            (Some(first), Some(last)) if first != last => format!("{first}-{last}"),
            (Some(first), _) => first.to_string(),
            _ => "-".to_string(),
        };
        let layout = Layout::new(table);
        let header: Vec<String> = (0..layout.cols)
            .filter_map(|col| {
                let cell = layout.cell_at(0, col)?;
                (cell.col == col).then(|| shorten(&cell.text))
            })
            .take(HEADER_CELLS)
            .collect();
        writeln!(
            out,
            "{}\t{label}\t{pages}\t{}\t{}\t{}\t{}",
            clean(&doc.source.path),
            table.rows,
            table.cols,
            table.header_rows,
            header.join(" | ")
        )?;
    }
    Ok(())
}

/// A cell's text on one line, cut to [`CELL_CHARS`] characters with `…`.
fn shorten(text: &str) -> String {
    let one_line = clean(text);
    if one_line.chars().count() <= CELL_CHARS {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(CELL_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// Tabs and line breaks as spaces, so every table stays one line of tab-separated fields.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
