//! XLSX writer (`--to xlsx`): one workbook per input, `<stem>.xlsx`, a sheet per table
//! (`Table 1`, `Table 2`, `Table 2.1` for a nested one, …) whose merged ranges are exactly
//! the cells' spans, and a last sheet `Text` listing the blocks.
//!
//! Cell texts that are plainly numbers ([`super::number`]) are stored as numbers with a
//! number format that shows them as written; all others as text, exactly as written.

use super::number;
use super::output::write_atomically;
use super::tables::{numbered, select};
use crate::model::{Block, Document, Table, Warning};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use std::io;
use std::path::Path;

/// Excel's limit on the characters (UTF-16 units) of one cell.
const MAX_CELL_CHARS: usize = 32_767;
/// Excel's limit on the length (UTF-16 units) of a sheet name.
const MAX_SHEET_NAME: usize = 31;
/// Column widths, in characters, are kept within these bounds.
const MIN_WIDTH: usize = 4;
const MAX_WIDTH: usize = 40;
/// Height in points of one line of the default 11-point font.
const LINE_HEIGHT: f64 = 15.0;

/// How documents become workbooks.
#[derive(Debug, Clone, Default)]
pub struct XlsxOptions {
    /// Write only the table with this label (`3`, or `3.1` for a nested one).
    pub table: Option<String>,
}

/// Builds the workbook of `doc` in memory; returns its bytes and warnings about texts cut
/// to Excel's cell limit. Errors name the table and Excel's refusal (e.g. too many rows).
pub fn to_bytes(doc: &Document, options: &XlsxOptions) -> io::Result<(Vec<u8>, Vec<Warning>)> {
    let tables = select(numbered(doc), options.table.as_deref())
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let mut workbook = Workbook::new();
    let mut used = Vec::new();
    let mut warnings = Vec::new();
    let mut sheet_of_label = Vec::new();
    for (label, table) in &tables {
        let name = sheet_name(&format!("Table {label}"), &mut used);
        let sheet = workbook.add_worksheet();
        sheet.set_name(&name).map_err(|e| xlsx_error(&name, e))?;
        write_table(sheet, table, &name, &mut warnings).map_err(|e| xlsx_error(&name, e))?;
        sheet_of_label.push((label.as_str(), name));
    }
    let name = sheet_name("Text", &mut used);
    let sheet = workbook.add_worksheet();
    sheet.set_name(&name).map_err(|e| xlsx_error(&name, e))?;
    write_text_sheet(sheet, doc, &sheet_of_label, &mut warnings)
        .map_err(|e| xlsx_error(&name, e))?;
    let bytes = workbook
        .save_to_buffer()
        .map_err(|e| xlsx_error("workbook", e))?;
    Ok((bytes, warnings))
}

/// Writes the workbook to `path` atomically; returns the warnings of [`to_bytes`].
pub fn write_file(doc: &Document, path: &Path, options: &XlsxOptions) -> io::Result<Vec<Warning>> {
    let (bytes, warnings) = to_bytes(doc, options)?;
    write_atomically(path, |w| io::Write::write_all(w, &bytes))?;
    Ok(warnings)
}

fn xlsx_error(sheet: &str, e: XlsxError) -> io::Error {
    io::Error::other(format!("xlsx sheet {sheet}: {e}"))
}

/// A sheet name Excel accepts and no other sheet of the workbook has (Excel compares them
/// case-insensitively): `[]:*?/\` replaced by `_`, no apostrophe at either end, not blank,
/// at most 31 UTF-16 units, ` (2)`, ` (3)`, … appended when taken. Records it in `used`.
pub fn sheet_name(wanted: &str, used: &mut Vec<String>) -> String {
    let cleaned: String = wanted
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let cleaned = cleaned.trim_matches('\'');
    let base = if cleaned.is_empty() { "Sheet" } else { cleaned };
    let taken = |n: &str, used: &[String]| {
        let n = n.to_lowercase();
        // Excel reserves "History" for its change tracking.
        n == "history" || used.iter().any(|u| u.to_lowercase() == n)
    };
    let mut name = truncate_utf16(base, MAX_SHEET_NAME).to_string();
    let mut k = 2;
    while taken(&name, used) {
        let suffix = format!(" ({k})");
        let room = MAX_SHEET_NAME.saturating_sub(suffix.len());
        name = format!(
            "{}{suffix}",
            truncate_utf16(base, room).trim_end_matches('\'')
        );
        k += 1;
    }
    used.push(name.clone());
    name
}

/// The longest prefix of `s` of at most `max` UTF-16 units.
fn truncate_utf16(s: &str, max: usize) -> &str {
    let mut units = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > max {
            return &s[..i];
        }
    }
    s
}

/// `text`, cut to Excel's cell limit with a warning naming where.
fn fit<'a>(text: &'a str, place: &str, warnings: &mut Vec<Warning>) -> &'a str {
    let cut = truncate_utf16(text, MAX_CELL_CHARS);
    if cut.len() < text.len() {
        warnings.push(Warning::new(
            "xlsx.text_truncated",
            format!(
                "{place}: text cut to Excel's {MAX_CELL_CHARS}-character cell limit (was {} characters)",
                text.chars().count()
            ),
        ));
    }
    cut
}

fn u32_of(n: usize) -> Result<u32, XlsxError> {
    u32::try_from(n).map_err(|_| XlsxError::RowColumnLimitError)
}

fn u16_of(n: usize) -> Result<u16, XlsxError> {
    u16::try_from(n).map_err(|_| XlsxError::RowColumnLimitError)
}

fn write_table(
    sheet: &mut Worksheet,
    table: &Table,
    name: &str,
    warnings: &mut Vec<Warning>,
) -> Result<(), XlsxError> {
    for c in &table.cells {
        let header = c.row < table.header_rows;
        let spans = c.row_span > 1 || c.col_span > 1;
        let mut format = Format::new()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter);
        if header {
            format = format.set_bold();
        }
        if header || spans {
            format = format.set_align(FormatAlign::Center);
        }
        let place = format!("{name}, row {}, column {}", c.row + 1, c.col + 1);
        let text = fit(&c.text, &place, warnings);
        let parsed = number::parse(text);
        if let Some(n) = &parsed {
            format = format.set_num_format(&n.format);
        }
        let (r, k) = (u32_of(c.row)?, u16_of(c.col)?);
        if spans {
            let last_r = u32_of(c.row.saturating_add(c.row_span.max(1)) - 1)?;
            let last_k = u16_of(c.col.saturating_add(c.col_span.max(1)) - 1)?;
            sheet.merge_range(
                r,
                k,
                last_r,
                last_k,
                if parsed.is_some() { "" } else { text },
                &format,
            )?;
        }
        match &parsed {
            Some(n) => {
                sheet.write_number_with_format(r, k, n.value, &format)?;
            }
            None if !spans => {
                sheet.write_string_with_format(r, k, text, &format)?;
            }
            None => {}
        }
    }
    let (widths, heights) = sizes(table);
    for (k, w) in widths.iter().enumerate() {
        sheet.set_column_width(u16_of(k)?, *w)?;
    }
    for (r, h) in heights.iter().enumerate() {
        if *h > LINE_HEIGHT {
            sheet.set_row_height(u32_of(r)?, *h)?;
        }
    }
    if table.header_rows > 0 && table.header_rows < table.rows {
        let last_header = u32_of(table.header_rows - 1)?;
        sheet.set_freeze_panes(last_header + 1, 0)?;
        sheet.set_repeat_rows(0, last_header)?;
    }
    // Printed (or converted to PDF) as a person reads it: whole width on the page.
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Column widths (in characters) and row heights (in points) that show every text: columns
/// as wide as their widest one-column text (within bounds), rows as tall as their texts
/// wrap to. Neither Excel nor LibreOffice grows rows for wrapped text in merged cells, so
/// a merged cell's lines are shared out over the rows it spans.
fn sizes(table: &Table) -> (Vec<f64>, Vec<f64>) {
    let mut widths = vec![MIN_WIDTH; table.cols];
    for c in table.cells.iter().filter(|c| c.col_span == 1) {
        if let Some(w) = widths.get_mut(c.col) {
            *w = (*w).max(display_width(&c.text).min(MAX_WIDTH));
        }
    }
    let mut heights = vec![LINE_HEIGHT; table.rows];
    let mut by_height: Vec<_> = table.cells.iter().collect();
    // One-row cells first, so a merged cell only adds what its rows still lack.
    by_height.sort_by_key(|c| c.row_span);
    for c in by_height {
        let col_end = c.col.saturating_add(c.col_span).min(table.cols);
        let row_end = c.row.saturating_add(c.row_span).min(table.rows);
        let room: usize = widths.get(c.col..col_end).map_or(0, |w| w.iter().sum());
        let lines: usize = c
            .text
            .lines()
            .map(|l| display_width(l).div_ceil(room.max(1)).max(1))
            .sum();
        let needed = lines.max(1) as f64 * LINE_HEIGHT;
        let Some(rows) = heights.get_mut(c.row..row_end) else {
            continue;
        };
        let have: f64 = rows.iter().sum();
        if needed > have && !rows.is_empty() {
            let extra = (needed - have) / rows.len() as f64;
            rows.iter_mut().for_each(|h| *h += extra);
        }
    }
    // One character of padding, as the display width counts glyphs edge to edge.
    let widths = widths.into_iter().map(|w| w as f64 + 1.0).collect();
    (widths, heights)
}

/// The width of the longest line of `text`, counting wide (CJK) characters twice.
fn display_width(text: &str) -> usize {
    text.lines()
        .map(|l| {
            l.chars()
                .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
                .sum()
        })
        .max()
        .unwrap_or(0)
}

fn write_text_sheet(
    sheet: &mut Worksheet,
    doc: &Document,
    sheet_of_label: &[(&str, String)],
    warnings: &mut Vec<Warning>,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (k, title) in ["kind", "level", "page", "text"].iter().enumerate() {
        sheet.write_string_with_format(0, u16_of(k)?, *title, &bold)?;
    }
    let mut row: u32 = 0;
    let mut top_level = 0;
    for block in &doc.blocks {
        row = row.checked_add(1).ok_or(XlsxError::RowColumnLimitError)?;
        let place = format!("Text, row {}", row + 1);
        match block {
            Block::Heading(h) => {
                sheet.write_string(row, 0, "heading")?;
                sheet.write_number(row, 1, f64::from(h.level))?;
                sheet.write_string_with_format(
                    row,
                    3,
                    fit(&h.displayed(), &place, warnings),
                    &wrap,
                )?;
            }
            Block::Paragraph(p) => {
                sheet.write_string(row, 0, "paragraph")?;
                sheet.write_string_with_format(row, 3, fit(&p.text, &place, warnings), &wrap)?;
            }
            Block::Table(_) => {
                top_level += 1;
                let label = top_level.to_string();
                sheet.write_string(row, 0, "table")?;
                // Points to the table's sheet, when it was written.
                if let Some((_, name)) = sheet_of_label.iter().find(|(l, _)| *l == label) {
                    sheet.write_string(row, 3, name)?;
                }
            }
        }
    }
    for note in &doc.notes {
        row = row.checked_add(1).ok_or(XlsxError::RowColumnLimitError)?;
        let place = format!("Text, row {}", row + 1);
        sheet.write_string(row, 0, note.kind)?;
        sheet.write_string_with_format(row, 3, fit(&note.text, &place, warnings), &wrap)?;
    }
    sheet.set_column_width(0, 10)?;
    sheet.set_column_width(3, 100)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut used = Vec::new();
        assert_eq!(sheet_name("Table 1", &mut used), "Table 1");
        assert_eq!(sheet_name("table 1", &mut used), "table 1 (2)");
        assert_eq!(sheet_name("a[b]:c*d?e/f\\g", &mut used), "a_b__c_d_e_f_g");
        assert_eq!(sheet_name("'quoted'", &mut used), "quoted");
        assert_eq!(sheet_name("''", &mut used), "Sheet");
        assert_eq!(sheet_name("History", &mut used), "History (2)");
        let long = "Table 1.2.3.4.5.6.7.8.9.10.11.12.13";
        let first = sheet_name(long, &mut used);
        assert_eq!(first, "Table 1.2.3.4.5.6.7.8.9.10.11.1");
        let second = sheet_name(long, &mut used);
        assert_eq!(second, "Table 1.2.3.4.5.6.7.8.9.10. (2)");
        let wide = sheet_name(&"表".repeat(40), &mut used);
        assert_eq!(wide, "表".repeat(31));
        for name in &used {
            assert!(name.encode_utf16().count() <= MAX_SHEET_NAME, "{name}");
        }
    }

    #[test]
    fn merged_text_wraps_over_the_rows_it_spans() {
        let cell = |row, col, row_span, col_span, text: &str| crate::model::Cell {
            row,
            col,
            row_span,
            col_span,
            text: text.into(),
            tables: Vec::new(),
        };
        // A 2-row, 2-column corner holding 60 CJK characters (120 wide) above 4-wide columns
        // (one-column texts "ab" widen nothing past the minimum): 120 / 8 = 15 lines of 15
        // points shared by two rows.
        let t = Table {
            rows: 3,
            cols: 2,
            cells: vec![
                cell(0, 0, 2, 2, &"字".repeat(60)),
                cell(2, 0, 1, 1, "ab"),
                cell(2, 1, 1, 1, "line\nline"),
            ],
            ..Table::default()
        };
        let (widths, heights) = sizes(&t);
        assert_eq!(widths, vec![5.0, 5.0]);
        assert_eq!(heights, vec![112.5, 112.5, 30.0]);
    }

    #[test]
    fn display_width_counts_cjk_twice() {
        assert_eq!(display_width("ab\n申请人情况"), 10);
        assert_eq!(display_width(""), 0);
    }
}
