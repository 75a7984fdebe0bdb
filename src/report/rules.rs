//! The hard 勾稽关系 rules (T3.balance, T3.results_sum, T3.row_total, T4.block_total).

use std::collections::BTreeMap;

use serde::Serialize;

use super::num::{parse_cell, CellValue};
use super::{Provenance, Templates, Value};

/// One cell a check read: its value key, and where it was printed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CellRef {
    /// Value key.
    pub key: String,
    /// The report it belongs to, for series checks: (source, 1-based instance, year).
    pub report: Option<(String, usize, u32)>,
    /// Where it was printed; `None` when the table has no such cell.
    pub at: Option<Provenance>,
    /// Its text as printed (empty when absent).
    pub text: String,
}

/// One rule outcome.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Check {
    /// Rule id.
    pub rule: String,
    /// Column, row or block key the rule was evaluated on; `series` for a series check.
    pub scope: String,
    /// The column, row or block key (the same as `scope` for the checks of one report).
    pub key: String,
    /// What the rule says, in one line.
    pub description: &'static str,
    /// The cells summed on the left side.
    pub lhs_cells: Vec<CellRef>,
    /// The cells summed on the right side.
    pub rhs_cells: Vec<CellRef>,
    /// Left side (None when not assessable).
    pub lhs: Option<f64>,
    /// Right side (None when not assessable).
    pub rhs: Option<f64>,
    /// pass / fail / not_assessable.
    pub status: &'static str,
}

/// The one-line description of a rule id.
pub fn describe(rule: &str) -> &'static str {
    match rule {
        "T3.balance" => "table 3: 一 new requests + 二 carried over = 三(七) total handled + 四 carried forward, per applicant column",
        "T3.results_sum" => "table 3: the result rows (一)–(六) sum to 三(七) total, per applicant column",
        "T3.row_total" => "table 3: the applicant columns sum to 总计, per row",
        "T4.block_total" => "table 4: 维持 + 纠正 + 其他 + 尚未审结 = 总计, per block",
        "T3.carry_chain" => "series: 二 carried over (year y) = 四 carried forward (year y-1), per applicant column",
        "T2.valid_chain_2021" => "series (2021 format): 现行有效件数(y) = 现行有效件数(y-1) + 本年制发件数(y) - 本年废止件数(y)",
        "T2.prev_count_chain_2019" => "series (2019 format): 上一年项目数量(y) = 上一年项目数量(y-1) + 本年增/减(y-1)",
        _ => "user rule",
    }
}

/// The cells named by `keys` in `values` (the same report).
pub fn cells(values: &BTreeMap<String, Value>, keys: &[String]) -> Vec<CellRef> {
    keys.iter()
        .map(|k| {
            let v = values.get(k);
            CellRef {
                key: k.clone(),
                report: None,
                at: v.map(|v| v.at.clone()),
                text: v.map(|v| v.text.clone()).unwrap_or_default(),
            }
        })
        .collect()
}

const T4_BLOCKS: [&str; 3] = ["review", "litigation_direct", "litigation_after_review"];
const T4_PARTS: [&str; 4] = ["maintained", "corrected", "other", "pending"];

/// Sum of the named cells; Err when one of them is text or a placeholder. Ok((sum, any_non_blank)).
pub(super) fn sum(values: &BTreeMap<String, Value>, keys: &[String]) -> Result<(f64, bool), ()> {
    let mut s = 0.0;
    let mut any = false;
    for k in keys {
        let text = values.get(k).map_or("", |v| v.text.as_str());
        match parse_cell(text) {
            CellValue::Blank => {}
            CellValue::Number(p) => {
                s += p.num;
                any = true;
            }
            CellValue::Other => return Err(()),
        }
    }
    Ok((s, any))
}

/// Compares two sides; `total` is the side holding the checked total (blank total with non-blank parts is
/// not assessable: the report did not fill it in).
fn compare(
    values: &BTreeMap<String, Value>,
    rule: &str,
    scope: &str,
    parts: &[String],
    totals: &[String],
    total_key: &str,
) -> Check {
    let na = Check {
        rule: rule.to_string(),
        scope: scope.to_string(),
        key: scope.to_string(),
        description: describe(rule),
        lhs_cells: cells(values, parts),
        rhs_cells: cells(values, totals),
        lhs: None,
        rhs: None,
        status: "not_assessable",
    };
    let (Ok((l, l_any)), Ok((r, _))) = (sum(values, parts), sum(values, totals)) else {
        return na;
    };
    let total_blank = matches!(
        parse_cell(values.get(total_key).map_or("", |v| v.text.as_str())),
        CellValue::Blank
    );
    if total_blank && l_any {
        return na;
    }
    let status = if (l - r).abs() < 1e-9 { "pass" } else { "fail" };
    Check {
        lhs: Some(l),
        rhs: Some(r),
        status,
        ..na
    }
}

fn keys(prefix: &str, rows: &[&str], col: &str) -> Vec<String> {
    rows.iter().map(|r| format!("{prefix}.{r}.{col}")).collect()
}

/// Evaluates every hard rule whose table was found, in the truth files' order.
pub fn evaluate(
    values: &BTreeMap<String, Value>,
    templates: &Templates,
    t3_version: Option<&str>,
) -> Vec<Check> {
    let mut out = Vec::new();
    let has_t3 = values.values().any(|v| v.table == "t3_requests");
    let has_t4 = values.values().any(|v| v.table == "t4_review_litigation");
    if has_t3 {
        let mut result_rows: Vec<&str> = Vec::new();
        for v in templates.versions.keys() {
            for r in templates.result_rows(v) {
                if !result_rows.contains(&r.as_str()) {
                    result_rows.push(r);
                }
            }
        }
        for (col, _) in &templates.applicant_cols {
            let parts = keys("t3", &["new_received", "carried_over"], col);
            let rhs = keys("t3", &["total", "carried_forward"], col);
            let total = format!("t3.total.{col}");
            out.push(compare(values, "T3.balance", col, &parts, &rhs, &total));
            let present: Vec<String> = keys("t3", &result_rows, col)
                .into_iter()
                .filter(|k| values.contains_key(k))
                .collect();
            out.push(compare(
                values,
                "T3.results_sum",
                col,
                &present,
                std::slice::from_ref(&total),
                &total,
            ));
        }
        let cols: Vec<&str> = templates
            .applicant_cols
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| *k != "total")
            .collect();
        for row in t3_rows(values, templates, t3_version) {
            let parts: Vec<String> = cols.iter().map(|c| format!("t3.{row}.{c}")).collect();
            let total = format!("t3.{row}.total");
            out.push(compare(
                values,
                "T3.row_total",
                &row,
                &parts,
                std::slice::from_ref(&total),
                &total,
            ));
        }
    }
    if has_t4 {
        for b in T4_BLOCKS {
            let parts: Vec<String> = T4_PARTS.iter().map(|p| format!("t4.{b}.{p}")).collect();
            let total = format!("t4.{b}.total");
            out.push(compare(
                values,
                "T4.block_total",
                b,
                &parts,
                std::slice::from_ref(&total),
                &total,
            ));
        }
    }
    out
}

/// Table 3 body-row keys present in the values, in template order.
fn t3_rows(
    values: &BTreeMap<String, Value>,
    templates: &Templates,
    t3_version: Option<&str>,
) -> Vec<String> {
    let mut rows: Vec<String> = Vec::new();
    // The matched version's row order first; rows only another version has (hybrid) follow.
    let first = t3_version.and_then(|v| templates.versions.get(v));
    for v in first.into_iter().chain(templates.versions.values()) {
        for t in v.tables.iter().filter(|t| t.id == "t3_requests") {
            for c in &t.cells {
                let Some(key) = &c.key else { continue };
                let Some(row) = key
                    .strip_prefix("t3.")
                    .and_then(|k| k.strip_suffix(".total"))
                else {
                    continue;
                };
                if values.contains_key(key) && !rows.iter().any(|r| r == row) {
                    rows.push(row.to_string());
                }
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(pairs: &[(&str, &str)]) -> BTreeMap<String, Value> {
        pairs
            .iter()
            .map(|(k, t)| {
                let v = Value {
                    text: (*t).to_string(),
                    num: None,
                    unit: None,
                    table: "t4_review_litigation".into(),
                    row_label: String::new(),
                    col_label: String::new(),
                    at: Provenance::default(),
                };
                ((*k).to_string(), v)
            })
            .collect()
    }

    fn review(cells: [&str; 5]) -> Check {
        let names = ["maintained", "corrected", "other", "pending", "total"];
        let pairs: Vec<(String, &str)> = names
            .iter()
            .zip(cells)
            .map(|(n, t)| (format!("t4.review.{n}"), t))
            .collect();
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, t)| (k.as_str(), *t)).collect();
        let tpl = Templates::builtin().unwrap();
        evaluate(&vals(&pairs), &tpl, None).remove(0)
    }

    #[test]
    fn blank_semantics() {
        // All blank: 0 = 0 passes.
        assert_eq!(review(["", "", "", "", ""]).status, "pass");
        // Blank summand counts as 0.
        let c = review(["2", "", "1", "", "3"]);
        assert_eq!((c.status, c.lhs, c.rhs), ("pass", Some(3.0), Some(3.0)));
        // Total left blank while parts are filled: not reported, so not assessable.
        assert_eq!(review(["2", "", "", "", ""]).status, "not_assessable");
        // A placeholder is not a number and is never read as 0.
        assert_eq!(review(["/", "0", "0", "0", "0"]).status, "not_assessable");
        assert_eq!(review(["0", "0", "0", "0", "—"]).status, "not_assessable");
        let c = review(["1", "1", "0", "0", "3"]);
        assert_eq!((c.status, c.lhs, c.rhs), ("fail", Some(2.0), Some(3.0)));
    }
}
