//! Report output: JSON objects, and the long values CSV plus checks CSV.

use std::io::{self, Write};

use serde_json::{json, Value as Json};

use super::series::{Member, SeriesCheck};
use super::{CellRef, Check, Found, Instance, Provenance, Report, Value};

/// A whole number as a JSON integer (counts read `3`, not `3.0`), anything else as a float.
fn number(n: Option<f64>) -> Json {
    match n {
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => json!(x as i64),
        Some(x) => json!(x),
        None => Json::Null,
    }
}

fn provenance(at: &Provenance, text: &str) -> Json {
    json!({"table_no": at.table_no, "pages": at.pages, "row": at.row, "col": at.col,
           "value_text": text, "row_path": at.row_path, "col_path": at.col_path})
}

fn value(v: &Value) -> Json {
    let mut o = json!({"text": v.text, "num": number(v.num)});
    if let Some(m) = o.as_object_mut() {
        if let Some(u) = &v.unit {
            m.insert("unit".into(), json!(u));
        }
        m.insert("provenance".into(), provenance(&v.at, &v.text));
    }
    o
}

fn values(vs: &std::collections::BTreeMap<String, Value>) -> Json {
    Json::Object(vs.iter().map(|(k, v)| (k.clone(), value(v))).collect())
}

fn cell_ref(c: &CellRef) -> Json {
    let mut o = json!({"key": c.key});
    if let Some(m) = o.as_object_mut() {
        if let Some((source, instance, year)) = &c.report {
            m.insert("source".into(), json!(source));
            m.insert("instance".into(), json!(instance));
            m.insert("year".into(), json!(year));
        }
        let at = match &c.at {
            Some(at) => provenance(at, &c.text),
            None => Json::Null,
        };
        m.insert("provenance".into(), at);
    }
    o
}

/// A check as JSON: outcome, description and the cells on both sides.
pub fn check_json(c: &Check) -> Json {
    json!({"rule": c.rule, "scope": c.scope, "key": c.key, "description": c.description,
           "lhs": number(c.lhs), "rhs": number(c.rhs), "status": c.status,
           "lhs_cells": c.lhs_cells.iter().map(cell_ref).collect::<Vec<_>>(),
           "rhs_cells": c.rhs_cells.iter().map(cell_ref).collect::<Vec<_>>()})
}

fn found<T: serde::Serialize>(f: &Option<Found<T>>) -> Json {
    match f {
        Some(f) => {
            json!({"value": f.value, "source": f.source.as_str(), "confidence": f.confidence})
        }
        None => Json::Null,
    }
}

fn instance(i: &Instance) -> Json {
    json!({
        "instance": i.instance, "org": found(&i.org), "year": found(&i.year), "format": i.format,
        "tables_found": i.tables_found, "tables": i.tables, "values": values(&i.values),
        "checks": i.checks.iter().map(check_json).collect::<Vec<_>>(),
    })
}

/// The report as JSON: the first instance's fields as in 1.4, then every instance under
/// `reports`, and the warnings.
pub fn to_json(r: &Report) -> Json {
    json!({
        "source": r.source, "org": r.org, "year": r.year, "format": r.format,
        "tables_found": r.tables_found, "values": values(&r.values),
        "checks": r.checks.iter().map(check_json).collect::<Vec<_>>(), "unmatched": r.unmatched,
        "reports": r.instances.iter().map(instance).collect::<Vec<_>>(),
        "warnings": r.warnings,
    })
}

/// A series check as JSON: the check, and the two reports it ties.
pub fn series_json(s: &SeriesCheck) -> Json {
    let member = |m: &Member| {
        json!({"source": m.source, "instance": m.instance, "org": m.org, "year": m.year,
               "format": m.format})
    };
    let mut o = check_json(&s.check);
    if let Some(m) = o.as_object_mut() {
        m.insert("later".into(), member(&s.later));
        m.insert("earlier".into(), member(&s.earlier));
    }
    o
}

fn fmt_num(n: Option<f64>) -> String {
    match number(n) {
        Json::Null => String::new(),
        v => v.to_string(),
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
