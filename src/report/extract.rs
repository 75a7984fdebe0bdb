//! From a document to its report instances: match every table against the templates by its
//! header and label text, join continued tables, group the standard tables into instances by
//! year, and key every value with where it was printed.

use std::collections::BTreeMap;

use super::locate::{self, Candidate, Source};
use super::meta::{self, Found};
use super::num::{normalize_label, parse_cell, CellValue};
use super::template::{Templates, TplTable};
use super::{rules, FoundTable, Instance, Provenance, Report, Value, Warning};
use crate::model::{Document, Table};
use crate::table::continuation::{self, Rows};

/// Most pieces a split table is rebuilt from.
const MAX_PIECES: usize = 4;

/// A table rebuilt from pieces: which candidate each joined row came from.
struct Joined {
    table: Table,
    /// (candidate index, first joined row, leading rows of the piece left out as a repeated header).
    pieces: Vec<(usize, usize, usize)>,
}

impl Joined {
    fn new(t: &Table, ci: usize) -> Joined {
        Joined {
            table: t.clone(),
            pieces: vec![(ci, 0, 0)],
        }
    }

    fn with(&self, next: &Table, ci: usize) -> Joined {
        let skip = continuation::repeated_header_rows(
            &Rows::of(&self.table),
            &Rows::of(next),
            &normalize_label,
        );
        let mut pieces = self.pieces.clone();
        pieces.push((ci, self.table.rows, skip));
        Joined {
            table: continuation::append(&self.table, next, &normalize_label),
            pieces,
        }
    }

    /// The candidate and its own grid row for a joined row.
    fn locate(&self, row: usize) -> (usize, usize) {
        let (ci, start, skip) = self
            .pieces
            .iter()
            .rev()
            .find(|p| p.1 <= row)
            .copied()
            .unwrap_or((0, 0, 0));
        (ci, row - start + skip)
    }
}

/// One standard table found: its template, version and joined grid.
struct Matched<'t> {
    version: String,
    tpl: &'t TplTable,
    joined: Joined,
    year: Option<u32>,
    /// Side-by-side columns in force (years) and which line set them.
    columns: (Vec<u32>, usize),
}

/// Whether `next` may continue the table begun by `first`: same width, same container, same
/// year context, not itself a layout table.
fn continues(first: &Candidate<'_>, next: &Candidate<'_>) -> bool {
    next.table.cols == first.table.cols
        && next.parent == first.parent
        && next.year == first.year
        && !next.container
}

/// Matches the candidates in order, joining continued tables; returns the matches and the
/// indexes of unmatched top-level tables.
fn match_all<'t>(
    cands: &[Candidate<'_>],
    templates: &'t Templates,
) -> (Vec<Matched<'t>>, Vec<usize>) {
    let mut found = Vec::new();
    let mut unmatched = Vec::new();
    let mut i = 0;
    while let Some(first) = cands.get(i) {
        let mut joined = Joined::new(first.table, i);
        let mut hit = templates.best_match(first.table);
        let mut used = 1;
        // A table split across pages or into pieces arrives as consecutive tables of the same width.
        while hit.is_none() && used < MAX_PIECES && !first.container {
            let Some(next) = cands.get(i + used).filter(|n| continues(first, n)) else {
                break;
            };
            joined = joined.with(next.table, i + used);
            used += 1;
            hit = templates.best_match(&joined.table);
        }
        if hit.is_none() {
            used = 1;
            joined = Joined::new(first.table, i);
        }
        // The first piece alone may already match on its headers: take continuations that match
        // nothing by themselves while the joined table still matches the same template.
        while let Some((_, tpl)) = hit {
            let Some(next) = cands
                .get(i + used)
                .filter(|n| continues(first, n) && templates.best_match(n.table).is_none())
            else {
                break;
            };
            let more = joined.with(next.table, i + used);
            match templates.best_match(&more.table) {
                Some(h) if h.1.id == tpl.id && used < MAX_PIECES => {
                    joined = more;
                    hit = Some(h);
                    used += 1;
                }
                _ => break,
            }
        }
        i += used;
        match hit {
            Some((version, tpl)) => found.push(Matched {
                version: version.to_string(),
                tpl,
                joined,
                year: first.year,
                columns: (first.columns.clone(), first.columns_line),
            }),
            None if first.parent.is_none() && !first.container => {
                unmatched.push(first.table.index);
            }
            None => {}
        }
    }
    (found, unmatched)
}

/// Where a matched table lies, for messages: `table 3 (pages 4-5)`.
fn place(m: &Matched<'_>, cands: &[Candidate<'_>]) -> String {
    let (labels, pages) = labels_and_pages(m, cands);
    let mut s = format!("table {}", labels.join("+"));
    match pages.as_slice() {
        [] => {}
        [one] => s.push_str(&format!(" (page {one})")),
        [a, .., b] => s.push_str(&format!(" (pages {a}-{b})")),
    }
    s
}

fn labels_and_pages(m: &Matched<'_>, cands: &[Candidate<'_>]) -> (Vec<String>, Vec<u32>) {
    let mut labels = Vec::new();
    let mut pages: Vec<u32> = Vec::new();
    for (ci, _, _) in &m.joined.pieces {
        if let Some(c) = cands.get(*ci) {
            labels.push(c.label.clone());
            pages.extend(&c.pages);
        }
    }
    pages.sort_unstable();
    pages.dedup();
    (labels, pages)
}

/// The keyed values of one matched table, each with its provenance.
fn values_of(m: &Matched<'_>, cands: &[Candidate<'_>], out: &mut BTreeMap<String, Value>) {
    for e in m.tpl.extract(&m.joined.table) {
        let (num, unit) = match parse_cell(&e.text) {
            CellValue::Number(p) => (Some(p.num), p.unit),
            _ => (None, None),
        };
        let (ci, row) = m.joined.locate(e.row);
        let (table_no, pages) = cands
            .get(ci)
            .map(|c| (c.label.clone(), c.pages.clone()))
            .unwrap_or_default();
        let at = Provenance {
            table_no,
            pages,
            row,
            col: e.col,
            row_path: e.row_path,
            col_path: e.col_path,
        };
        let value = Value {
            text: e.text,
            num,
            unit,
            table: m.tpl.id.clone(),
            row_label: e.row_label,
            col_label: e.col_label,
            at,
        };
        out.insert(e.key, value);
    }
}

/// Builds the reports of one document against the given templates.
pub fn build(doc: &Document, templates: &Templates) -> Report {
    let cands = locate::candidates(doc);
    let (found, unmatched) = match_all(&cands, templates);
    let meta = meta::read(doc);
    let mut warnings = Vec::new();
    // Instances by year, in order of first appearance; a table with no year context joins the
    // instance before it.
    let mut groups: Vec<(Option<u32>, Vec<Matched<'_>>)> = Vec::new();
    let mut copies: BTreeMap<(usize, String), usize> = BTreeMap::new();
    for mut m in found {
        // Under side-by-side column heads, the k-th copy of a table is the k-th column's.
        if m.year.is_none() && !m.columns.0.is_empty() {
            let k = copies.entry((m.columns.1, m.tpl.id.clone())).or_insert(0);
            m.year = m.columns.0.get(*k).copied();
            *k += 1;
        }
        let at = match m.year {
            Some(y) => groups.iter().position(|g| g.0 == Some(y)),
            None if groups.is_empty() => None,
            None => Some(groups.len() - 1),
        };
        match at.and_then(|k| groups.get_mut(k)) {
            Some(g) => {
                if let Some(first) = g.1.iter().find(|x| x.tpl.id == m.tpl.id) {
                    let year =
                        g.0.map(|y| format!(" of the {y} report"))
                            .unwrap_or_default();
                    warnings.push(Warning {
                        code: "report.duplicate_table",
                        message: format!(
                            "{}{year} appears twice: {} and {}; the values are read from the first, the second is left out",
                            m.tpl.id,
                            place(first, &cands),
                            place(&m, &cands)
                        ),
                    });
                } else {
                    g.1.push(m);
                }
            }
            None => groups.push((m.year, vec![m])),
        }
    }
    if groups.is_empty() {
        groups.push((None, Vec::new()));
    }
    let instances: Vec<Instance> = groups
        .into_iter()
        .enumerate()
        .map(|(k, (year, tables))| instance(k + 1, year, &tables, &cands, &meta, templates))
        .collect();
    let first = instances.first();
    Report {
        source: doc.source.path.clone(),
        org: first.and_then(|i| i.org.as_ref()).map(|o| o.value.clone()),
        year: first.and_then(|i| i.year.as_ref()).map(|y| y.value),
        format: first.map_or_else(|| "unknown".to_string(), |i| i.format.clone()),
        tables_found: first.map(|i| i.tables_found.clone()).unwrap_or_default(),
        unmatched,
        instances,
        warnings,
    }
}

fn instance(
    number: usize,
    year: Option<u32>,
    tables: &[Matched<'_>],
    cands: &[Candidate<'_>],
    meta: &meta::Meta,
    templates: &Templates,
) -> Instance {
    let mut values = BTreeMap::new();
    let mut found = Vec::new();
    for m in tables {
        values_of(m, cands, &mut values);
        let (table_nos, pages) = labels_and_pages(m, cands);
        found.push(FoundTable {
            id: m.tpl.id.clone(),
            table_nos,
            pages,
        });
    }
    let mut versions: Vec<&str> = tables
        .iter()
        .map(|m| m.version.as_str())
        .filter(|v| *v != "*")
        .collect();
    versions.sort_unstable();
    versions.dedup();
    let format = match versions.as_slice() {
        [] => "unknown".to_string(),
        [one] => (*one).to_string(),
        _ => "hybrid".to_string(),
    };
    let t3_version = tables
        .iter()
        .find(|m| m.tpl.id == "t3_requests")
        .map(|m| m.version.as_str());
    let checks = rules::evaluate(&values, templates, t3_version);
    // The year of the tables' context wins over the title's when they differ (a comparison
    // document's title names the later year, or none).
    let year = match (year, &meta.year) {
        (Some(y), Some(t)) if t.value == y && t.source == Source::Title => Some(t.clone()),
        (Some(y), _) => Some(Found {
            value: y,
            source: Source::Heading,
            confidence: meta::HEADING,
        }),
        (None, t) => t.clone(),
    };
    Instance {
        instance: number,
        org: meta.org.clone(),
        year,
        format,
        tables_found: found.iter().map(|t| t.id.clone()).collect(),
        tables: found,
        values,
        checks,
    }
}
