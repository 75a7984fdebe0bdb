//! Series checks: the soft rules that tie one organisation's report of year y to its report of
//! year y−1 (T3.carry_chain, T2.valid_chain_2021, T2.prev_count_chain_2019).

use std::collections::BTreeMap;

use super::num::{normalize_label, parse_cell, CellValue};
use super::rules::{describe, CellRef, Check};
use super::{Instance, Provenance, Report, Templates};
use serde::{Deserialize, Serialize};

/// Table 2 rows of the 2021 format with 制发 / 废止 / 现行有效 columns.
const T2_2021_ROWS: [&str; 2] = ["regulations", "normative_docs"];
/// Table 2 rows of the 2019 format with 上一年项目数量 / 本年增/减.
const T2_2019_ROWS: [&str; 5] = [
    "art20_5.admin_license",
    "art20_5.other_services",
    "art20_6.admin_penalty",
    "art20_6.admin_coercion",
    "art20_8.admin_fees",
];

/// What the series rules need of one report instance; `batch` keeps it beside each output
/// (`series.json`) so a run's series checks need no second reading of the inputs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Member {
    /// Source path.
    pub source: String,
    /// 1-based instance in the document.
    pub instance: usize,
    /// Issuing body.
    pub org: String,
    /// Report year.
    pub year: u32,
    /// Format of the instance.
    pub format: String,
    /// Template table ids found.
    pub tables_found: Vec<String>,
    /// The values the series rules read: key → (text, provenance).
    pub values: BTreeMap<String, (String, Provenance)>,
}

/// Value keys the series rules read.
fn series_key(k: &str) -> bool {
    k.starts_with("t3.carried_over.")
        || k.starts_with("t3.carried_forward.")
        || k.starts_with("t2.art20_1.")
        || k.ends_with(".prev_count")
        || k.ends_with(".change")
}

/// The members of a report: its instances with an organisation and a year.
pub fn members(r: &Report) -> Vec<Member> {
    r.instances
        .iter()
        .filter_map(|inst: &Instance| {
            let (org, year) = (inst.org.as_ref()?, inst.year.as_ref()?);
            Some(Member {
                source: r.source.clone(),
                instance: inst.instance,
                org: org.value.clone(),
                year: year.value,
                format: inst.format.clone(),
                tables_found: inst.tables_found.clone(),
                values: inst
                    .values
                    .iter()
                    .filter(|(k, _)| series_key(k))
                    .map(|(k, v)| (k.clone(), (v.text.clone(), v.at.clone())))
                    .collect(),
            })
        })
        .collect()
}

/// A side of a series rule: (report, key, sign).
type Term<'r> = (&'r Member, String, f64);

fn cell(m: &Member, key: &str) -> CellRef {
    let v = m.values.get(key);
    CellRef {
        key: key.to_string(),
        report: Some((m.source.clone(), m.instance, m.year)),
        at: v.map(|v| v.1.clone()),
        text: v.map(|v| v.0.clone()).unwrap_or_default(),
    }
}

/// The signed sum of terms; None when a cell is missing or not a number (placeholders and
/// text are never 0). Blank counts as 0, as in the hard rules.
fn total(terms: &[Term<'_>]) -> Option<f64> {
    let mut s = 0.0;
    for (m, key, sign) in terms {
        let text = m.values.get(key)?.0.as_str();
        match parse_cell(text) {
            CellValue::Blank => {}
            CellValue::Number(p) => s += sign * p.num,
            CellValue::Other => return None,
        }
    }
    Some(s)
}

fn check(rule: &str, key: &str, lhs: &[Term<'_>], rhs: &[Term<'_>]) -> Check {
    let (l, r) = (total(lhs), total(rhs));
    let status = match (l, r) {
        (Some(a), Some(b)) if (a - b).abs() < 1e-9 => "pass",
        (Some(_), Some(_)) => "fail",
        _ => "not_assessable",
    };
    let assessable = status != "not_assessable";
    Check {
        rule: rule.to_string(),
        scope: "series".to_string(),
        key: key.to_string(),
        description: describe(rule),
        lhs_cells: lhs.iter().map(|(m, k, _)| cell(m, k)).collect(),
        rhs_cells: rhs.iter().map(|(m, k, _)| cell(m, k)).collect(),
        lhs: l.filter(|_| assessable),
        rhs: r.filter(|_| assessable),
        status,
    }
}

/// Series checks of one pair: `later` is year y, `earlier` year y−1 of the same organisation.
fn pair(later: &Member, earlier: &Member, templates: &Templates) -> Vec<Check> {
    let mut out = Vec::new();
    let has = |m: &Member, id: &str| m.tables_found.iter().any(|t| t == id);
    if has(later, "t3_requests") && has(earlier, "t3_requests") {
        for (col, _) in &templates.applicant_cols {
            out.push(check(
                "T3.carry_chain",
                col,
                &[(later, format!("t3.carried_over.{col}"), 1.0)],
                &[(earlier, format!("t3.carried_forward.{col}"), 1.0)],
            ));
        }
    }
    let both_t2 = has(later, "t2_active") && has(earlier, "t2_active");
    if both_t2 && later.format == "2021" && earlier.format == "2021" {
        for row in T2_2021_ROWS {
            let k = |c: &str| format!("t2.art20_1.{row}.{c}");
            out.push(check(
                "T2.valid_chain_2021",
                row,
                &[(later, k("valid"), 1.0)],
                &[
                    (earlier, k("valid"), 1.0),
                    (later, k("made"), 1.0),
                    (later, k("repealed"), -1.0),
                ],
            ));
        }
    }
    if both_t2 && later.format == "2019" && earlier.format == "2019" {
        for row in T2_2019_ROWS {
            let k = |c: &str| format!("t2.{row}.{c}");
            let key = row.rsplit('.').next().unwrap_or(row);
            out.push(check(
                "T2.prev_count_chain_2019",
                key,
                &[(later, k("prev_count"), 1.0)],
                &[(earlier, k("prev_count"), 1.0), (earlier, k("change"), 1.0)],
            ));
        }
    }
    out
}

/// One series check with the two reports it ties.
#[derive(Debug, Clone)]
pub struct SeriesCheck {
    /// The report of year y.
    pub later: Member,
    /// The report of year y−1.
    pub earlier: Member,
    /// The outcome (scope `series`).
    pub check: Check,
}

/// Series checks across the reports of one run.
pub fn evaluate(reports: &[&Report], templates: &Templates) -> Vec<SeriesCheck> {
    let all: Vec<Member> = reports.iter().flat_map(|r| members(r)).collect();
    evaluate_members(all, templates)
}

/// Series checks across members: for each organisation (compared normalised) every pair of
/// consecutive years. A year given twice for an organisation pairs its first report only.
pub fn evaluate_members(all: Vec<Member>, templates: &Templates) -> Vec<SeriesCheck> {
    let mut by_org: BTreeMap<(String, u32), Member> = BTreeMap::new();
    for m in all {
        by_org.entry((normalize_label(&m.org), m.year)).or_insert(m);
    }
    let mut out = Vec::new();
    for ((org, year), later) in &by_org {
        let Some(earlier) = year
            .checked_sub(1)
            .and_then(|y| by_org.get(&(org.clone(), y)))
        else {
            continue;
        };
        for check in pair(later, earlier, templates) {
            out.push(SeriesCheck {
                later: later.clone(),
                earlier: earlier.clone(),
                check,
            });
        }
    }
    out
}
