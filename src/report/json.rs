//! The report JSON (docs/output.md, contract 1.5) serialised straight from the report.
//!
//! Building a `serde_json::Value` tree first cost most of `batch --to report`'s time (a
//! report's JSON is about 276 KB for 200 values: every check repeats the provenance of its
//! cells). These views write the same bytes without it. The output was first produced
//! through `Value`, whose objects are sorted maps, so every object here lists its keys in
//! byte order; keep it that way, or the bytes change.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::ops::Range;

use super::series::{Member, SeriesCheck};
use super::{CellRef, Check, Found, FoundTable, Instance, Provenance, Report, Value, Warning};

/// A whole number as a JSON integer (counts read `3`, not `3.0`), anything else as a float
/// (`null` when not finite, as `serde_json` writes it).
#[derive(Clone, Copy)]
pub(super) struct Num(pub(super) Option<f64>);

impl Num {
    /// The integer a whole number is written as (the CSV writers follow the same rule).
    pub(super) fn whole(x: f64) -> Option<i64> {
        (x.fract() == 0.0 && x.abs() < 9.0e15).then_some(x as i64)
    }
}

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Some(x) => match Num::whole(x) {
                Some(i) => s.serialize_i64(i),
                None => s.serialize_f64(x),
            },
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

/// Each value's provenance object of one instance, serialised once: its checks name the same
/// cells again (about 300 references to 200 values), and serialising these strings was the
/// largest single cost of writing a report.
type Places<'a> = BTreeMap<&'a str, (&'a Value, Box<RawValue>)>;

fn places(values: &BTreeMap<String, Value>) -> serde_json::Result<Places<'_>> {
    values
        .iter()
        .map(|(k, v)| {
            Ok((
                k.as_str(),
                (v, serde_json::value::to_raw_value(&Place(&v.at, &v.text))?),
            ))
        })
        .collect()
}

struct ValueJson<'a>(&'a Value, Option<&'a RawValue>);

impl Serialize for ValueJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        let mut m = s.serialize_map(Some(3 + usize::from(v.unit.is_some())))?;
        m.serialize_entry("num", &Num(v.num))?;
        match self.1 {
            Some(raw) => m.serialize_entry("provenance", raw)?,
            None => m.serialize_entry("provenance", &Place(&v.at, &v.text))?,
        }
        m.serialize_entry("text", &v.text)?;
        if let Some(u) = &v.unit {
            m.serialize_entry("unit", u)?;
        }
        m.end()
    }
}

struct Values<'a>(&'a BTreeMap<String, Value>, Option<&'a Places<'a>>);

impl Serialize for Values<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let raw = |k: &str| self.1.and_then(|p| p.get(k)).map(|(_, r)| &**r);
        s.collect_map(self.0.iter().map(|(k, v)| (k, ValueJson(v, raw(k)))))
    }
}

struct CellJson<'a>(&'a CellRef, Option<&'a Places<'a>>);

impl CellJson<'_> {
    /// The value's serialised provenance, when the cell is that value's as printed.
    fn written(&self) -> Option<&RawValue> {
        let c = self.0;
        let (v, raw) = self.1?.get(c.key.as_str())?;
        (c.report.is_none() && c.at.as_ref() == Some(&v.at) && c.text == v.text).then_some(&**raw)
    }
}

impl Serialize for CellJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let mut m = s.serialize_map(Some(if c.report.is_some() { 5 } else { 2 }))?;
        if let Some((_, instance, _)) = &c.report {
            m.serialize_entry("instance", instance)?;
        }
        m.serialize_entry("key", &c.key)?;
        match self.written() {
            Some(raw) => m.serialize_entry("provenance", raw)?,
            None => m.serialize_entry("provenance", &c.at.as_ref().map(|at| Place(at, &c.text)))?,
        }
        if let Some((source, _, year)) = &c.report {
            m.serialize_entry("source", source)?;
            m.serialize_entry("year", year)?;
        }
        m.end()
    }
}

struct Cells<'a>(&'a [CellRef], Option<&'a Places<'a>>);

impl Serialize for Cells<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|c| CellJson(c, self.1)))
    }
}

/// A check; a series check adds the two reports it ties (`earlier`, `later`).
pub struct CheckJson<'a> {
    check: &'a Check,
    pair: Option<(&'a Member, &'a Member)>,
    places: Option<&'a Places<'a>>,
}

impl<'a> CheckJson<'a> {
    /// A check of one report.
    pub fn new(check: &'a Check) -> Self {
        CheckJson {
            check,
            pair: None,
            places: None,
        }
    }

    /// A series check, with its later and earlier report.
    pub fn series(s: &'a SeriesCheck) -> Self {
        CheckJson {
            check: &s.check,
            pair: Some((&s.earlier, &s.later)),
            places: None,
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
        m.serialize_entry("lhs_cells", &Cells(&c.lhs_cells, self.places))?;
        m.serialize_entry("rhs", &Num(c.rhs))?;
        m.serialize_entry("rhs_cells", &Cells(&c.rhs_cells, self.places))?;
        m.serialize_entry("rule", &c.rule)?;
        m.serialize_entry("scope", &c.scope)?;
        m.serialize_entry("status", c.status)?;
        m.end()
    }
}

struct Checks<'a>(&'a [Check], Option<&'a Places<'a>>);

impl Serialize for Checks<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|check| CheckJson {
            places: self.1,
            ..CheckJson::new(check)
        }))
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
        m.serialize_entry("checks", &Checks(&i.checks, None))?;
        m.serialize_entry("format", &i.format)?;
        m.serialize_entry("instance", &i.instance)?;
        m.serialize_entry("org", &FoundJson(&i.org))?;
        m.serialize_entry("tables", &Seq(&i.tables, TableJson))?;
        m.serialize_entry("tables_found", &i.tables_found)?;
        m.serialize_entry("values", &Values(&i.values, None))?;
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
        m.serialize_entry("checks", &Checks(r.checks(), None))?;
        m.serialize_entry("format", &r.format)?;
        m.serialize_entry("org", &r.org)?;
        m.serialize_entry("reports", &Seq(&r.instances, InstanceJson))?;
        if let Some(series) = self.series {
            m.serialize_entry("series_checks", &Seq(series, |c| CheckJson::series(c)))?;
        }
        m.serialize_entry("source", &r.source)?;
        m.serialize_entry("tables_found", &r.tables_found)?;
        m.serialize_entry("unmatched", &r.unmatched)?;
        m.serialize_entry("values", &Values(r.values(), None))?;
        m.serialize_entry("warnings", &Seq(&r.warnings, WarningJson))?;
        m.serialize_entry("year", &r.year)?;
        m.end()
    }
}

/// Appends `v` compact, returning where its bytes lie in `out`.
fn span(out: &mut Vec<u8>, v: &impl Serialize) -> serde_json::Result<Range<usize>> {
    let start = out.len();
    serde_json::to_writer(&mut *out, v)?;
    Ok(start..out.len())
}

/// Appends `,"key":v` compact.
fn field(out: &mut Vec<u8>, key: &str, v: &impl Serialize) -> serde_json::Result<()> {
    out.push(b',');
    serde_json::to_writer(&mut *out, key)?;
    out.push(b':');
    serde_json::to_writer(&mut *out, v)
}

/// [`ReportJson::new`] appended compact to `out`, byte for byte (a test holds them equal).
///
/// The 1.4 top-level `checks` and `values` are the first instance's: each is serialised once
/// and its bytes copied to the other place, and each value's provenance is serialised once
/// for the checks that name it. Serialising was most of `batch --to report`'s own time, and
/// these are most of the bytes. The copies are ranges of `out` itself: serialising them
/// into Strings of their own (`RawValue`) raised the batch's peak RSS by 15 MiB.
pub fn write_compact(report: &Report, out: &mut Vec<u8>) -> serde_json::Result<()> {
    let r = report;
    let places = places(r.values())?;
    out.extend_from_slice(b"{\"checks\":");
    let checks = span(out, &Checks(r.checks(), Some(&places)))?;
    field(out, "format", &r.format)?;
    field(out, "org", &r.org)?;
    out.extend_from_slice(b",\"reports\":[");
    let mut values = None;
    for (k, i) in r.instances.iter().enumerate() {
        if k > 0 {
            out.push(b',');
            serde_json::to_writer(&mut *out, &InstanceJson(i))?;
            continue;
        }
        // InstanceJson's fields, in its order, with the checks copied.
        out.extend_from_slice(b"{\"checks\":");
        out.extend_from_within(checks.clone());
        field(out, "format", &i.format)?;
        field(out, "instance", &i.instance)?;
        field(out, "org", &FoundJson(&i.org))?;
        field(out, "tables", &Seq(&i.tables, TableJson))?;
        field(out, "tables_found", &i.tables_found)?;
        out.extend_from_slice(b",\"values\":");
        values = Some(span(out, &Values(&i.values, Some(&places)))?);
        field(out, "year", &FoundJson(&i.year))?;
        out.push(b'}');
    }
    out.push(b']');
    field(out, "source", &r.source)?;
    field(out, "tables_found", &r.tables_found)?;
    field(out, "unmatched", &r.unmatched)?;
    match values {
        Some(v) => {
            out.extend_from_slice(b",\"values\":");
            out.extend_from_within(v);
        }
        None => field(out, "values", &Values(r.values(), None))?,
    }
    field(out, "warnings", &Seq(&r.warnings, WarningJson))?;
    field(out, "year", &r.year)?;
    out.push(b'}');
    Ok(())
}
