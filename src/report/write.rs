//! Report output: JSON objects, and the long values CSV plus checks CSV.

use std::io::{self, Write};

use serde_json::Value as Json;

use super::json::Num;
pub use super::json::{CheckJson, ReportJson};
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

/// A number as the JSON writes it; empty where the JSON has `null`.
fn fmt_num(n: Option<f64>) -> String {
    match n {
        Some(x) if x.is_finite() => serde_json::to_string(&Num(n)).unwrap_or_default(),
        _ => String::new(),
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
fn path(labels: &[String]) -> String {
    labels
        .iter()
        .map(|l| l.replace('\n', " "))
        .collect::<Vec<_>>()
        .join(" / ")
}

fn pages(p: &[u32]) -> String {
    p.iter().map(u32::to_string).collect::<Vec<_>>().join(";")
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
    for inst in &r.instances {
        let (org, org_src, org_conf) = found_cols(&inst.org);
        let (year, year_src, year_conf) = found_cols(&inst.year);
        let n = inst.instance.to_string();
        for (key, v) in &inst.values {
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
                &fmt_num(v.num),
                v.unit.as_deref().unwrap_or(""),
                &n,
                &org_src,
                &org_conf,
                &year_src,
                &year_conf,
                &v.at.table_no,
                &pages(&v.at.pages),
                &v.at.row.to_string(),
                &v.at.col.to_string(),
                &path(&v.at.row_path),
                &path(&v.at.col_path),
            ])?;
        }
    }
    Ok(())
}

/// A cell reference for the CSV: `key@TABLE:rRcC` (`key@YEAR/TABLE:rRcC` in a series check),
/// `key@-` where the table has no such cell.
fn refs(cells: &[CellRef]) -> String {
    cells
        .iter()
        .map(|c| match &c.at {
            Some(at) => {
                let year = c
                    .report
                    .as_ref()
                    .map(|r| format!("{}/", r.2))
                    .unwrap_or_default();
                format!("{}@{year}{}:r{}c{}", c.key, at.table_no, at.row, at.col)
            }
            None => format!("{}@-", c.key),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Appends one row per check of every instance of the report.
pub fn write_checks<W: Write>(r: &Report, w: &mut csv::Writer<W>) -> io::Result<()> {
    for inst in &r.instances {
        let (org, _, _) = found_cols(&inst.org);
        let (year, _, _) = found_cols(&inst.year);
        let n = inst.instance.to_string();
        for c in &inst.checks {
            w.write_record([
                r.source.as_str(),
                &org,
                &year,
                &inst.format,
                &c.rule,
                &c.scope,
                &fmt_num(c.lhs),
                &fmt_num(c.rhs),
                c.status,
                &n,
                &c.key,
                c.description,
                &refs(&c.lhs_cells),
                &refs(&c.rhs_cells),
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
    for s in checks {
        let c = &s.check;
        let (later, earlier) = (&s.later, &s.earlier);
        w.write_record([
            later.source.as_str(),
            &later.org,
            &later.year.to_string(),
            &later.format,
            &c.rule,
            &c.scope,
            &fmt_num(c.lhs),
            &fmt_num(c.rhs),
            c.status,
            &later.instance.to_string(),
            &c.key,
            c.description,
            &refs(&c.lhs_cells),
            &refs(&c.rhs_cells),
            &earlier.source,
            &earlier.instance.to_string(),
            &earlier.year.to_string(),
        ])?;
    }
    Ok(())
}
