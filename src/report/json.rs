//! The report JSON (docs/output.md, contract 1.5) serialised straight from the report.
//!
//! Building a `serde_json::Value` tree first cost most of `batch --to report`'s time (a
//! report's JSON is about 276 KB for 200 values: every check repeats the provenance of its
//! cells). These views write the same bytes without it. The output was first produced
//! through `Value`, whose objects are sorted maps, so every object here lists its keys in
//! byte order; keep it that way, or the bytes change.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::series::{Member, SeriesCheck};
use super::{CellRef, Check, Found, FoundTable, Instance, Provenance, Report, Value, Warning};

/// A whole number as a JSON integer (counts read `3`, not `3.0`), anything else as a float
/// (`null` when not finite, as `serde_json` writes it).
#[derive(Clone, Copy)]
pub(super) struct Num(pub(super) Option<f64>);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => s.serialize_i64(x as i64),
            Some(x) => s.serialize_f64(x),
            None => s.serialize_none(),
        }
    }
}

/// Where a cell was printed, with its text.
struct Place<'a>(&'a Provenance, &'a str);

impl Serialize for Place<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Place(at, text) = self;
        let mut m = s.serialize_map(Some(7))?;
        m.serialize_entry("col", &at.col)?;
        m.serialize_entry("col_path", &at.col_path)?;
        m.serialize_entry("pages", &at.pages)?;
        m.serialize_entry("row", &at.row)?;
        m.serialize_entry("row_path", &at.row_path)?;
        m.serialize_entry("table_no", &at.table_no)?;
        m.serialize_entry("value_text", text)?;
        m.end()
    }
}

struct ValueJson<'a>(&'a Value);

impl Serialize for ValueJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        let mut m = s.serialize_map(Some(3 + usize::from(v.unit.is_some())))?;
        m.serialize_entry("num", &Num(v.num))?;
        m.serialize_entry("provenance", &Place(&v.at, &v.text))?;
        m.serialize_entry("text", &v.text)?;
        if let Some(u) = &v.unit {
            m.serialize_entry("unit", u)?;
        }
        m.end()
    }
}

struct Values<'a>(&'a std::collections::BTreeMap<String, Value>);

impl Serialize for Values<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, ValueJson(v))))
    }
}

struct CellJson<'a>(&'a CellRef);

impl Serialize for CellJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let mut m = s.serialize_map(Some(if c.report.is_some() { 5 } else { 2 }))?;
        if let Some((_, instance, _)) = &c.report {
            m.serialize_entry("instance", instance)?;
        }
        m.serialize_entry("key", &c.key)?;
        m.serialize_entry("provenance", &c.at.as_ref().map(|at| Place(at, &c.text)))?;
        if let Some((source, _, year)) = &c.report {
            m.serialize_entry("source", source)?;
            m.serialize_entry("year", year)?;
        }
        m.end()
    }
}

struct Cells<'a>(&'a [CellRef]);

impl Serialize for Cells<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(CellJson))
    }
}

/// A check; a series check adds the two reports it ties (`earlier`, `later`).
pub struct CheckJson<'a> {
    check: &'a Check,
    pair: Option<(&'a Member, &'a Member)>,
}

impl<'a> CheckJson<'a> {
    /// A check of one report.
    pub fn new(check: &'a Check) -> Self {
        CheckJson { check, pair: None }
    }

    /// A series check, with its later and earlier report.
    pub fn series(s: &'a SeriesCheck) -> Self {
        CheckJson {
            check: &s.check,
            pair: Some((&s.earlier, &s.later)),
        }
    }
}

impl Serialize for CheckJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.check;
        let mut m = s.serialize_map(Some(if self.pair.is_some() { 11 } else { 9 }))?;
        m.serialize_entry("description", c.description)?;
        if let Some((earlier, _)) = self.pair {
            m.serialize_entry("earlier", &MemberJson(earlier))?;
        }
        m.serialize_entry("key", &c.key)?;
        if let Some((_, later)) = self.pair {
            m.serialize_entry("later", &MemberJson(later))?;
        }
        m.serialize_entry("lhs", &Num(c.lhs))?;
        m.serialize_entry("lhs_cells", &Cells(&c.lhs_cells))?;
        m.serialize_entry("rhs", &Num(c.rhs))?;
        m.serialize_entry("rhs_cells", &Cells(&c.rhs_cells))?;
        m.serialize_entry("rule", &c.rule)?;
        m.serialize_entry("scope", &c.scope)?;
        m.serialize_entry("status", c.status)?;
        m.end()
    }
}

struct Checks<'a>(&'a [Check]);

impl Serialize for Checks<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(CheckJson::new))
    }
}

struct MemberJson<'a>(&'a Member);

impl Serialize for MemberJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let x = self.0;
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("format", &x.format)?;
        m.serialize_entry("instance", &x.instance)?;
        m.serialize_entry("org", &x.org)?;
        m.serialize_entry("source", &x.source)?;
        m.serialize_entry("year", &x.year)?;
        m.end()
    }
}

struct FoundJson<'a, T>(&'a Option<Found<T>>);

impl<T: Serialize> Serialize for FoundJson<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Some(f) = self.0 else {
            return s.serialize_none();
        };
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("confidence", &f.confidence)?;
        m.serialize_entry("source", f.source.as_str())?;
        m.serialize_entry("value", &f.value)?;
        m.end()
    }
}

struct TableJson<'a>(&'a FoundTable);

impl Serialize for TableJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = self.0;
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("id", &t.id)?;
        m.serialize_entry("pages", &t.pages)?;
        m.serialize_entry("table_nos", &t.table_nos)?;
        m.end()
    }
}

struct InstanceJson<'a>(&'a Instance);

impl Serialize for InstanceJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let i = self.0;
        let mut m = s.serialize_map(Some(8))?;
        m.serialize_entry("checks", &Checks(&i.checks))?;
        m.serialize_entry("format", &i.format)?;
        m.serialize_entry("instance", &i.instance)?;
        m.serialize_entry("org", &FoundJson(&i.org))?;
        m.serialize_entry("tables", &Seq(&i.tables, TableJson))?;
        m.serialize_entry("tables_found", &i.tables_found)?;
        m.serialize_entry("values", &Values(&i.values))?;
        m.serialize_entry("year", &FoundJson(&i.year))?;
        m.end()
    }
}

struct WarningJson<'a>(&'a Warning);

impl Serialize for WarningJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("code", self.0.code)?;
        m.serialize_entry("message", &self.0.message)?;
        m.end()
    }
}

/// A slice through a view of each element.
struct Seq<'a, T, V>(&'a [T], fn(&'a T) -> V);

impl<'a, T, V: Serialize> Serialize for Seq<'a, T, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut q = s.serialize_seq(Some(self.0.len()))?;
        for x in self.0 {
            q.serialize_element(&(self.1)(x))?;
        }
        q.end()
    }
}

/// One document's report object: the first instance's fields as in 1.4, every instance under
/// `reports`, the warnings, and (command `report`) the series checks whose later report it is.
pub struct ReportJson<'a> {
    report: &'a Report,
    series: Option<&'a [&'a SeriesCheck]>,
}

impl<'a> ReportJson<'a> {
    /// The report alone (`batch --to report`'s `report.json`).
    pub fn new(report: &'a Report) -> Self {
        ReportJson {
            report,
            series: None,
        }
    }

    /// The report with `series_checks`.
    pub fn with_series(report: &'a Report, series: &'a [&'a SeriesCheck]) -> Self {
        ReportJson {
            report,
            series: Some(series),
        }
    }
}

impl Serialize for ReportJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.report;
        let mut m = s.serialize_map(Some(10 + usize::from(self.series.is_some())))?;
        m.serialize_entry("checks", &Checks(&r.checks))?;
        m.serialize_entry("format", &r.format)?;
        m.serialize_entry("org", &r.org)?;
        m.serialize_entry("reports", &Seq(&r.instances, InstanceJson))?;
        if let Some(series) = self.series {
            m.serialize_entry("series_checks", &Seq(series, |c| CheckJson::series(c)))?;
        }
        m.serialize_entry("source", &r.source)?;
        m.serialize_entry("tables_found", &r.tables_found)?;
        m.serialize_entry("unmatched", &r.unmatched)?;
        m.serialize_entry("values", &Values(&r.values))?;
        m.serialize_entry("warnings", &Seq(&r.warnings, WarningJson))?;
        m.serialize_entry("year", &r.year)?;
        m.end()
    }
}
