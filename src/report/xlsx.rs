//! `report --to xlsx`: a workbook with a `values` sheet (the values CSV's columns, provenance
//! included) and a `checks` sheet (the checks CSV's, series checks after the report checks),
//! failed checks filled red.

use std::io;

use rust_xlsxwriter::{Color, Format, Workbook, Worksheet, XlsxError};

use super::series::SeriesCheck;
use super::{write as rw, Report};

/// Columns written as numbers when their text parses as one.
const NUMERIC: [&str; 9] = [
    "year",
    "num",
    "lhs",
    "rhs",
    "instance",
    "row",
    "col",
    "prev_year",
    "prev_instance",
];

fn xlsx_error(e: XlsxError) -> io::Error {
    io::Error::other(format!("xlsx: {e}"))
}

/// The records a CSV writer callback produces, parsed back into fields.
fn records(
    fill: &dyn Fn(&mut csv::Writer<Vec<u8>>) -> io::Result<()>,
) -> io::Result<Vec<csv::StringRecord>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    fill(&mut w)?;
    let bytes = w
        .into_inner()
        .map_err(|e| io::Error::other(e.to_string()))?;
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes.as_slice())
        .records()
        .map(|r| r.map_err(io::Error::other))
        .collect()
}

fn sheet(
    ws: &mut Worksheet,
    header: &[&str],
    rows: &[csv::StringRecord],
    failed: Option<usize>,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let red = Format::new().set_background_color(Color::RGB(0xFFC7CE));
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (r, rec) in rows.iter().enumerate() {
        let row = r as u32 + 1;
        let fail = failed.is_some_and(|i| rec.get(i) == Some("fail"));
        for (c, field) in rec.iter().enumerate() {
            let col = c as u16;
            let numeric = header.get(c).is_some_and(|h| NUMERIC.contains(h));
            match field.parse::<f64>() {
                Ok(n) if numeric && fail => ws.write_number_with_format(row, col, n, &red)?,
                Ok(n) if numeric => ws.write_number(row, col, n)?,
                _ if fail => ws.write_string_with_format(row, col, field, &red)?,
                _ => ws.write_string(row, col, field)?,
            };
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The workbook of the reports and the run's series checks.
pub fn workbook(reports: &[&Report], series: &[SeriesCheck]) -> io::Result<Vec<u8>> {
    let values = records(&|w| {
        for r in reports {
            rw::write_values(r, w)?;
        }
        Ok(())
    })?;
    let checks = records(&|w| {
        for r in reports {
            rw::write_checks(r, w)?;
        }
        rw::write_series(series, w)
    })?;
    let status = rw::CHECKS_HEADER.iter().position(|h| *h == "status");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("values").map_err(xlsx_error)?;
    sheet(ws, &rw::VALUES_HEADER, &values, None).map_err(xlsx_error)?;
    let ws = wb.add_worksheet();
    ws.set_name("checks").map_err(xlsx_error)?;
    sheet(ws, &rw::CHECKS_HEADER, &checks, status).map_err(xlsx_error)?;
    wb.save_to_buffer().map_err(xlsx_error)
}
