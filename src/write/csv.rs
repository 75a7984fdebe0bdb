//! CSV writer (`--to csv`): one RFC 4180 file per table, `<stem>.table-<N>.csv`.
//!
//! UTF-8, `\n` line ends, fields quoted only when they hold a comma, quote or line break (so
//! a cell's line breaks stay inside its quotes).

use super::output::{sync_dir, AtomicFile};
use super::tables::{numbered, select, Layout};
use crate::model::{Document, Table};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The UTF-8 byte-order mark Excel needs to read UTF-8 CSV as UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How tables become CSV.
#[derive(Debug, Clone, Default)]
pub struct CsvOptions {
    /// Repeat a merged cell's text over its whole span instead of only at its top-left.
    pub fill_merged: bool,
    /// Start each file with a UTF-8 byte-order mark.
    pub bom: bool,
    /// Replace the header rows by one line of `/`-joined multi-level names.
    pub header_paths: bool,
    /// Write only the table with this label (`3`, or `3.1` for a nested one).
    pub table: Option<String>,
    /// Separate fields with tabs (TSV, `.tsv` files) instead of commas; quoting is unchanged.
    pub tab_separated: bool,
}

/// Writes one table as CSV.
///
/// With `header_paths`, the table's `header_rows` (at least one row, as a table without a
/// known header is read with its first row as header, like pandas does) become a single
/// line of names (see [`Layout::header_paths`]), followed by the remaining rows.
pub fn write_table<W: Write>(table: &Table, options: &CsvOptions, mut out: W) -> io::Result<()> {
    if options.bom {
        out.write_all(BOM)?;
    }
    let delimiter = if options.tab_separated { b'\t' } else { b',' };
    let mut w = csv::WriterBuilder::new()
        .flexible(false)
        .delimiter(delimiter)
        .from_writer(out);
    let layout = Layout::new(table);
    let mut first_body_row = 0;
    if options.header_paths && layout.rows > 0 {
        first_body_row = header_name_rows(table);
        w.write_record(distinct_names(layout.header_paths(first_body_row)))?;
    }
    for row in first_body_row..layout.rows {
        w.write_record((0..layout.cols).map(|col| layout.text_at(row, col, options.fill_merged)))?;
    }
    w.flush()
}

/// One name per column, as `--header-paths` writes them: [`Layout::header_paths`] over the
/// table's header rows (its first row when none is known), repeated names made distinct.
/// The Python binding's flat DataFrame columns are these names, so both stay one rule.
pub fn header_names(table: &Table) -> Vec<String> {
    distinct_names(Layout::new(table).header_paths(header_name_rows(table)))
}

/// The rows that name the columns: the header rows, at least one (a table without a known
/// header is read with its first row as header, as pandas does), at most all rows.
fn header_name_rows(table: &Table) -> usize {
    table.header_rows.max(1).min(table.rows)
}

/// Column names made distinct as pandas does on reading (`name`, `name.1`, `name.2`): a row
/// label spanning several columns names each of them, and a reader keyed by column name would
/// otherwise keep only one. Empty names stay empty.
fn distinct_names(names: Vec<String>) -> Vec<String> {
    let mut used: std::collections::HashSet<String> = names.iter().cloned().collect();
    let mut seen = std::collections::HashSet::new();
    names
        .into_iter()
        .map(|name| {
            if name.is_empty() || seen.insert(name.clone()) {
                return name;
            }
            let renamed = (1..)
                .map(|k| format!("{name}.{k}"))
                .find(|n| !used.contains(n))
                .unwrap_or_default();
            used.insert(renamed.clone());
            renamed
        })
        .collect()
}

/// The file name of table `label` of input `stem`.
pub fn file_name(stem: &str, label: &str) -> String {
    format!("{stem}.table-{label}.csv")
}

/// The file name of table `label` of input `stem` as TSV.
pub fn tsv_file_name(stem: &str, label: &str) -> String {
    format!("{stem}.table-{label}.tsv")
}

/// Writes the selected tables of `doc` into `dir` (which must exist), each atomically and
/// durably (a file sync each, one folder sync);
/// returns the paths written. A `table` option naming no table is an `InvalidInput` error.
pub fn write_folder(
    doc: &Document,
    stem: &str,
    dir: &Path,
    options: &CsvOptions,
) -> io::Result<Vec<PathBuf>> {
    let tables = select(numbered(doc), options.table.as_deref())
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let mut written = Vec::with_capacity(tables.len());
    for (label, table) in tables {
        let name = if options.tab_separated {
            tsv_file_name(stem, &label)
        } else {
            file_name(stem, &label)
        };
        let path = dir.join(name);
        let mut file = AtomicFile::create(&path)?;
        write_table(table, options, &mut file)?;
        file.commit_file()?;
        written.push(path);
    }
    // One folder sync for every rename above, not one per table.
    if !written.is_empty() {
        sync_dir(dir)?;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Cell;

    fn cell(row: usize, col: usize, rs: usize, cs: usize, text: &str) -> Cell {
        Cell {
            row,
            col,
            row_span: rs,
            col_span: cs,
            text: text.into(),
            tables: Vec::new(),
        }
    }

    fn sample() -> Table {
        // 总 (2 rows) | a,"b" (2 cols)
        //             | x     | line1\nline2
        Table {
            rows: 2,
            cols: 3,
            header_rows: 1,
            cells: vec![
                cell(0, 0, 2, 1, "总"),
                cell(0, 1, 1, 2, "a,\"b\""),
                cell(1, 1, 1, 1, "x"),
                cell(1, 2, 1, 1, "line1\nline2"),
            ],
            ..Table::default()
        }
    }

    fn render(options: &CsvOptions) -> String {
        let mut out = Vec::new();
        write_table(&sample(), options, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn merged_text_stands_at_the_top_left_by_default() {
        assert_eq!(
            render(&CsvOptions::default()),
            "总,\"a,\"\"b\"\"\",\n,x,\"line1\nline2\"\n"
        );
    }

    #[test]
    fn fill_merged_repeats_over_the_span() {
        let options = CsvOptions {
            fill_merged: true,
            ..CsvOptions::default()
        };
        assert_eq!(
            render(&options),
            "总,\"a,\"\"b\"\"\",\"a,\"\"b\"\"\"\n总,x,\"line1\nline2\"\n"
        );
    }

    #[test]
    fn bom_and_header_paths() {
        let options = CsvOptions {
            bom: true,
            header_paths: true,
            ..CsvOptions::default()
        };
        let text = render(&options);
        assert_eq!(
            text,
            "\u{feff}总,\"a,\"\"b\"\"\",\"a,\"\"b\"\".1\"\n,x,\"line1\nline2\"\n"
        );
    }

    #[test]
    fn repeated_header_names_are_made_distinct_as_pandas_does() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            distinct_names(names(&["项目", "项目", "", "", "项目.1", "项目"])),
            names(&["项目", "项目.2", "", "", "项目.1", "项目.3"])
        );
    }

    #[test]
    fn tab_separated_quotes_only_what_needs_it() {
        let options = CsvOptions {
            tab_separated: true,
            ..CsvOptions::default()
        };
        assert_eq!(
            render(&options),
            "总\t\"a,\"\"b\"\"\"\t\n\tx\t\"line1\nline2\"\n"
        );
    }

    #[test]
    fn empty_table_is_an_empty_file() {
        let mut out = Vec::new();
        let options = CsvOptions {
            header_paths: true,
            ..CsvOptions::default()
        };
        write_table(&Table::default(), &options, &mut out).unwrap();
        assert!(out.is_empty());
    }
}
