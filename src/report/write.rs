//! Report output: JSON objects, and the long values CSV plus checks CSV.

use std::io::{self, Write};

use serde_json::Value as Json;

use super::json::Num;
pub use super::json::{write_compact, CheckJson, ReportJson};
use super::series::SeriesCheck;
use super::{CellRef, Check, Found, Report};

/// A view as a `Value`; the views hold no map with keys other than strings, so this cannot
/// fail, and `Null` stands in if it ever did.
fn to_value(v: impl serde::Serialize) -> Json {
    serde_json::to_value(v).unwrap_or(Json::Null)
}

/// A check as JSON: outcome, description and the cells on both sides.
pub fn check_json(c: &Check) -> Json {
    to_value(CheckJson::new(c))
}

/// The report as JSON: the first instance's fields as in 1.4, then every instance under
/// `reports`, and the warnings. Writing it out, [`ReportJson`] serialises the same without
/// building the tree.
pub fn to_json(r: &Report) -> Json {
    to_value(ReportJson::new(r))
}

/// A series check as JSON: the check, and the two reports it ties.
pub fn series_json(s: &SeriesCheck) -> Json {
    to_value(CheckJson::series(s))
}

/// A number as the JSON writes it (integers by itoa, the rest by ryu, as `serde_json` does);
/// nothing where the JSON has `null`. Written into `out`, cleared first: the CSV writers reuse
/// one String per column rather than allocate one per cell.
fn put_num(out: &mut String, n: Option<f64>) {
    out.clear();
    if let Some(x) = n {
        match Num::whole(x) {
            Some(i) => out.push_str(itoa::Buffer::new().format(i)),
            None if x.is_finite() => out.push_str(ryu::Buffer::new().format_finite(x)),
            None => {}
        }
    }
}

/// Header of the long values CSV (1.4's columns, then the instance and the provenance).
pub const VALUES_HEADER: [&str; 22] = [
    "source",
    "org",
    "year",
    "format",
    "table",
    "key",
    "row_label",
    "col_label",
    "text",
    "num",
    "unit",
    "instance",
    "org_source",
    "org_confidence",
    "year_source",
    "year_confidence",
    "table_no",
    "pages",
    "row",
    "col",
    "row_path",
    "col_path",
];

/// Header of checks.csv (1.4's columns, then the instance, the cells and the earlier report
/// of a series check).
pub const CHECKS_HEADER: [&str; 17] = [
    "source",
    "org",
    "year",
    "format",
    "rule",
    "scope",
    "lhs",
    "rhs",
    "status",
    "instance",
    "key",
    "description",
    "lhs_cells",
    "rhs_cells",
    "prev_source",
    "prev_instance",
    "prev_year",
];

/// A label path on one line: ` / ` between labels, a line break inside a label a space.
fn put_path(out: &mut String, labels: &[String]) {
    out.clear();
    for (k, l) in labels.iter().enumerate() {
        if k > 0 {
            out.push_str(" / ");
        }
        for (j, line) in l.split('\n').enumerate() {
            if j > 0 {
                out.push(' ');
            }
            out.push_str(line);
        }
    }
}

fn put_pages(out: &mut String, p: &[u32]) {
    out.clear();
    for (k, n) in p.iter().enumerate() {
        if k > 0 {
            out.push(';');
        }
        out.push_str(itoa::Buffer::new().format(*n));
    }
}

/// The computed columns of a row, reused from row to row.
#[derive(Default)]
struct Scratch {
    /// A value's number, or a check's left side.
    num: String,
    rhs: String,
    pages: String,
    row_path: String,
    col_path: String,
    lhs_cells: String,
    rhs_cells: String,
}

impl Scratch {
    /// A check's two sides and their cells.
    fn sides(&mut self, c: &Check) {
        put_num(&mut self.num, c.lhs);
        put_num(&mut self.rhs, c.rhs);
        put_refs(&mut self.lhs_cells, &c.lhs_cells);
        put_refs(&mut self.rhs_cells, &c.rhs_cells);
    }
}

fn found_cols<T: ToString>(f: &Option<Found<T>>) -> (String, String, String) {
    match f {
        Some(f) => (
            f.value.to_string(),
            f.source.as_str().to_string(),
            f.confidence.to_string(),
        ),
        None => Default::default(),
    }
}

/// Appends one row per value of every instance of the report.
pub fn write_values<W: Write>(r: &Report, w: &mut csv::Writer<W>) -> io::Result<()> {
    let mut x = Scratch::default();
    let (mut row, mut col) = (itoa::Buffer::new(), itoa::Buffer::new());
    for inst in &r.instances {
        let (org, org_src, org_conf) = found_cols(&inst.org);
        let (year, year_src, year_conf) = found_cols(&inst.year);
        let n = inst.instance.to_string();
        for (key, v) in &inst.values {
            put_num(&mut x.num, v.num);
            put_pages(&mut x.pages, &v.at.pages);
            put_path(&mut x.row_path, &v.at.row_path);
            put_path(&mut x.col_path, &v.at.col_path);
            w.write_record([
                r.source.as_str(),
                &org,
                &year,
                &inst.format,
                &v.table,
                key,
                &v.row_label,
                &v.col_label,
                &v.text,
                &x.num,
                v.unit.as_deref().unwrap_or(""),
                &n,
                &org_src,
                &org_conf,
                &year_src,
                &year_conf,
                &v.at.table_no,
                &x.pages,
                row.format(v.at.row),
                col.format(v.at.col),
                &x.row_path,
                &x.col_path,
            ])?;
        }
    }
    Ok(())
}

/// Cell references for the CSV: `key@TABLE:rRcC` (`key@YEAR/TABLE:rRcC` in a series check),
/// `key@-` where the table has no such cell; one space between them.
fn put_refs(out: &mut String, cells: &[CellRef]) {
    out.clear();
    for (k, c) in cells.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(&c.key);
        out.push('@');
        let Some(at) = &c.at else {
            out.push('-');
            continue;
        };
        if let Some(r) = &c.report {
            out.push_str(itoa::Buffer::new().format(r.2));
            out.push('/');
        }
        out.push_str(&at.table_no);
        out.push_str(":r");
        out.push_str(itoa::Buffer::new().format(at.row));
        out.push('c');
        out.push_str(itoa::Buffer::new().format(at.col));
    }
}

/// Appends one row per check of every instance of the report.
pub fn write_checks<W: Write>(r: &Report, w: &mut csv::Writer<W>) -> io::Result<()> {
    let mut x = Scratch::default();
    for inst in &r.instances {
        let (org, _, _) = found_cols(&inst.org);
        let (year, _, _) = found_cols(&inst.year);
        let n = inst.instance.to_string();
        for c in &inst.checks {
            x.sides(c);
            w.write_record([
                r.source.as_str(),
                &org,
                &year,
                &inst.format,
                &c.rule,
                &c.scope,
                &x.num,
                &x.rhs,
                c.status,
                &n,
                &c.key,
                c.description,
                &x.lhs_cells,
                &x.rhs_cells,
                "",
                "",
                "",
            ])?;
        }
    }
    Ok(())
}

/// Appends one row per series check (scope `series`; source, org, year of the later report,
/// `prev_*` of the earlier one).
pub fn write_series<W: Write>(checks: &[SeriesCheck], w: &mut csv::Writer<W>) -> io::Result<()> {
    let mut x = Scratch::default();
    for s in checks {
        let c = &s.check;
        x.sides(c);
        let (later, earlier) = (&s.later, &s.earlier);
        w.write_record([
            later.source.as_str(),
            &later.org,
            &later.year.to_string(),
            &later.format,
            &c.rule,
            &c.scope,
            &x.num,
            &x.rhs,
            c.status,
            &later.instance.to_string(),
            &c.key,
            c.description,
            &x.lhs_cells,
            &x.rhs_cells,
            &earlier.source,
            &earlier.instance.to_string(),
            &earlier.year.to_string(),
        ])?;
    }
    Ok(())
}
