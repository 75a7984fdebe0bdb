//! Report output: JSON objects, and the long values CSV plus checks CSV.

use std::io::{self, Write};

use serde_json::{json, Value as Json};

use super::Report;

/// A whole number as a JSON integer (counts read `3`, not `3.0`), anything else as a float.
fn number(n: Option<f64>) -> Json {
    match n {
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => json!(x as i64),
        Some(x) => json!(x),
        None => Json::Null,
    }
}

/// The report as the JSON object.
pub fn to_json(r: &Report) -> Json {
    let values: serde_json::Map<String, Json> = r
        .values
        .iter()
        .map(|(k, v)| {
            let mut o = json!({"text": v.text, "num": number(v.num)});
            if let (Some(u), Some(m)) = (&v.unit, o.as_object_mut()) {
                m.insert("unit".into(), json!(u));
            }
            (k.clone(), o)
        })
        .collect();
    let checks: Vec<Json> = r
        .checks
        .iter()
        .map(|c| {
            json!({"rule": c.rule, "scope": c.scope, "lhs": number(c.lhs), "rhs": number(c.rhs),
                   "status": c.status})
        })
        .collect();
    json!({
        "source": r.source, "org": r.org, "year": r.year, "format": r.format,
        "tables_found": r.tables_found, "values": values, "checks": checks, "unmatched": r.unmatched,
    })
}

fn fmt_num(n: Option<f64>) -> String {
    match number(n) {
        Json::Null => String::new(),
        v => v.to_string(),
    }
}

/// Header of the long values CSV.
pub const VALUES_HEADER: [&str; 11] = [
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
];

/// Header of checks.csv.
pub const CHECKS_HEADER: [&str; 9] = [
    "source", "org", "year", "format", "rule", "scope", "lhs", "rhs", "status",
];

/// Appends one row per value of the report.
pub fn write_values<W: Write>(r: &Report, w: &mut csv::Writer<W>) -> io::Result<()> {
    let year = r.year.map(|y| y.to_string()).unwrap_or_default();
    let org = r.org.clone().unwrap_or_default();
    for (key, v) in &r.values {
        w.write_record([
            r.source.as_str(),
            &org,
            &year,
            &r.format,
            &v.table,
            key,
            &v.row_label,
            &v.col_label,
            &v.text,
            &fmt_num(v.num),
            v.unit.as_deref().unwrap_or(""),
        ])?;
    }
    Ok(())
}

/// Appends one row per check of the report.
pub fn write_checks<W: Write>(r: &Report, w: &mut csv::Writer<W>) -> io::Result<()> {
    let year = r.year.map(|y| y.to_string()).unwrap_or_default();
    let org = r.org.clone().unwrap_or_default();
    for c in &r.checks {
        w.write_record([
            r.source.as_str(),
            &org,
            &year,
            &r.format,
            &c.rule,
            &c.scope,
            &fmt_num(c.lhs),
            &fmt_num(c.rhs),
            c.status,
        ])?;
    }
    Ok(())
}
