//! Annual-report profile: keyed values and 勾稽关系 checks from the standard tables of a
//! 政府信息公开工作年度报告, read from the model's table grids only.

pub mod num;
mod rules;
pub mod template;
pub mod write;

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Block, Document, Table};
pub use num::{normalize_label, parse_cell, CellValue};
pub use rules::Check;
pub use template::Templates;

/// One keyed value: the cell text as printed, plus the parsed number when there is one.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Value {
    /// Cell text exactly as in the document.
    pub text: String,
    /// Parsed number (None for blank, placeholders and text).
    pub num: Option<f64>,
    /// Unit word printed after the number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Template table id the value came from.
    #[serde(skip)]
    pub table: String,
    /// Row label from the template.
    #[serde(skip)]
    pub row_label: String,
    /// Column header from the template.
    #[serde(skip)]
    pub col_label: String,
}

/// The report extracted from one document.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Source path.
    pub source: String,
    /// Issuing body from the title.
    pub org: Option<String>,
    /// Report year from the title.
    pub year: Option<u32>,
    /// "2019", "2021", "hybrid" or "unknown".
    pub format: String,
    /// Template table ids found.
    pub tables_found: Vec<String>,
    /// Values by key.
    pub values: BTreeMap<String, Value>,
    /// Rule outcomes.
    pub checks: Vec<Check>,
    /// Indexes of document tables that matched no template.
    pub unmatched: Vec<usize>,
}

/// Most pieces a split table is rebuilt from.
const MAX_PIECES: usize = 4;

/// `a` with `b` appended below it, without the rows of `b` that repeat `a`'s header (labels
/// compared normalised, as the templates compare them).
fn append(a: &Table, b: &Table) -> Table {
    crate::table::continuation::append(a, b, &normalize_label)
}

/// Builds the report of one document against the given templates.
pub fn build(doc: &Document, templates: &Templates) -> Report {
    let tables: Vec<&Table> = doc.tables().collect();
    let mut values = BTreeMap::new();
    let mut found: Vec<(String, String)> = Vec::new();
    let mut unmatched = Vec::new();
    let mut i = 0;
    while let Some(first) = tables.get(i) {
        let mut joined = Cow::Borrowed(*first);
        let mut hit = templates.best_match(first);
        let mut used = 1;
        // A table split across pages or into pieces arrives as consecutive tables of the same width.
        while hit.is_none() && used < MAX_PIECES {
            let Some(next) = tables.get(i + used).filter(|n| n.cols == first.cols) else {
                break;
            };
            joined = Cow::Owned(append(&joined, next));
            used += 1;
            hit = templates.best_match(&joined);
        }
        if hit.is_none() {
            used = 1;
        }
        // The first piece alone may already match on its headers: take continuations that match nothing
        // by themselves while the joined table still matches the same template.
        while let Some((_, tpl)) = hit {
            let Some(next) = tables
                .get(i + used)
                .filter(|n| n.cols == first.cols && templates.best_match(n).is_none())
            else {
                break;
            };
            let more = append(&joined, next);
            match templates.best_match(&more) {
                Some(h) if h.1.id == tpl.id && used < MAX_PIECES => {
                    joined = Cow::Owned(more);
                    hit = Some(h);
                    used += 1;
                }
                _ => break,
            }
        }
        i += used;
        let t = joined.as_ref();
        match hit {
            Some((version, tpl)) => {
                for e in tpl.extract(t) {
                    let (num, unit) = match parse_cell(&e.text) {
                        CellValue::Number(p) => (Some(p.num), p.unit),
                        _ => (None, None),
                    };
                    let value = Value {
                        text: e.text,
                        num,
                        unit,
                        table: tpl.id.clone(),
                        row_label: e.row_label,
                        col_label: e.col_label,
                    };
                    values.insert(e.key, value);
                }
                found.push((version.to_string(), tpl.id.clone()));
            }
            None => unmatched.push(first.index),
        }
    }
    let mut versions: Vec<&str> = found
        .iter()
        .map(|(v, _)| v.as_str())
        .filter(|v| *v != "*")
        .collect();
    versions.sort_unstable();
    versions.dedup();
    let format = match versions.as_slice() {
        [] => "unknown".to_string(),
        [one] => (*one).to_string(),
        _ => "hybrid".to_string(),
    };
    let (org, year) = title_meta(doc);
    let t3_version = found
        .iter()
        .find(|(_, id)| id == "t3_requests")
        .map(|(v, _)| v.as_str());
    let checks = rules::evaluate(&values, templates, t3_version);
    Report {
        source: doc.source.path.clone(),
        org,
        year,
        format,
        tables_found: found.into_iter().map(|(_, id)| id).collect(),
        values,
        checks,
        unmatched,
    }
}

/// Reads "<org><year>年政府信息公开工作年度报告" from the first heading or paragraph that has it.
/// The org may sit alone on the line before "<year>年…报告", as in two-line titles.
fn title_meta(doc: &Document) -> (Option<String>, Option<u32>) {
    let mut prev = String::new();
    for b in &doc.blocks {
        let text = match b {
            Block::Heading(h) => &h.text,
            Block::Paragraph(p) => &p.text,
            _ => continue,
        };
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let Some(pos) = t
            .find("年度政府信息公开")
            .or_else(|| t.find("年政府信息公开"))
        else {
            if !t.is_empty() {
                prev = t;
            }
            continue;
        };
        let head = t.get(..pos).unwrap_or("");
        let digits: String = head
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let year = digits.parse().ok();
        let org = head.get(..head.len() - digits.len()).unwrap_or("").trim();
        let org = if org.is_empty() { prev.as_str() } else { org };
        return ((!org.is_empty()).then(|| org.to_string()), year);
    }
    (None, None)
}
