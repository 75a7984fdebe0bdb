//! Annual-report profile: keyed values and rule checks against the generated corpus truth and the samples.

use std::io::Write;
use std::path::{Path, PathBuf};

use docgrid::report::{build, Report, Templates};
use docgrid::Options;
use serde_json::Value;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn report_of(path: &Path) -> Report {
    let bytes = std::fs::read(path).unwrap();
    let doc = docgrid::convert_bytes(&bytes, &Options::default()).unwrap();
    build(&doc, &Templates::builtin().unwrap())
}

/// Checks the report of rendering `name.ext` (`docx`, `pdf` for LibreOffice, `chromium.pdf`)
/// against `name.truth.json`: every value, every rule outcome, format, org, year.
fn check_truth(name: &str) {
    check_rendering(name, "docx");
}

fn check_rendering(name: &str, ext: &str) {
    let dir = manifest().join("../shared/corpus/reports");
    if !dir.is_dir() {
        let _ = writeln!(std::io::stderr(), "SKIPPED: ../shared/corpus not found");
        return;
    }
    let truth: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join(format!("{name}.truth.json"))).unwrap(),
    )
    .unwrap();
    let rep = report_of(&dir.join(format!("{name}.{ext}")));
    let name = format!("{name}.{ext}");
    let mut n = 0;
    for t in truth["tables"].as_array().unwrap() {
        for (key, v) in t["values"].as_object().unwrap() {
            let got = rep
                .values()
                .get(key)
                .unwrap_or_else(|| panic!("{name}: key {key} missing"));
            assert_eq!(
                got.text,
                v["text"].as_str().unwrap(),
                "{name}: text of {key}"
            );
            assert_eq!(got.num, v["num"].as_f64(), "{name}: num of {key}");
            n += 1;
        }
    }
    assert!(n > 100, "{name}: only {n} truth values");
    let want: Vec<(String, String, f64, f64, &str)> = truth["rule_check"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let status = if c["ok"].as_bool().unwrap() {
                "pass"
            } else {
                "fail"
            };
            (
                c["rule"].as_str().unwrap().to_string(),
                c["scope"].as_str().unwrap().to_string(),
                c["lhs"].as_f64().unwrap(),
                c["rhs"].as_f64().unwrap(),
                status,
            )
        })
        .collect();
    let got: Vec<(String, String, f64, f64, &str)> = rep
        .checks()
        .iter()
        .map(|c| {
            (
                c.rule.clone(),
                c.scope.clone(),
                c.lhs.unwrap_or(f64::NAN),
                c.rhs.unwrap_or(f64::NAN),
                c.status,
            )
        })
        .collect();
    assert_eq!(got, want, "{name}: rule_check");
    assert_eq!(rep.format, truth["format"].as_str().unwrap());
    assert_eq!(rep.org.as_deref(), truth["org"].as_str());
    assert_eq!(rep.year.map(u64::from), truth["year"].as_u64());
}

#[test]
#[cfg_attr(no_corpus, ignore = "needs ../shared/corpus (see README)")]
fn v2021_ok_matches_truth() {
    check_truth("v2021_ok");
}

#[test]
#[cfg_attr(no_corpus, ignore = "needs ../shared/corpus (see README)")]
fn v2021_split_matches_truth() {
    check_truth("v2021_split");
}

#[test]
#[cfg_attr(no_corpus, ignore = "needs ../shared/corpus (see README)")]
fn pdf_renderings_match_truth() {
    for name in ["v2021_ok", "v2021_split"] {
        for ext in ["pdf", "chromium.pdf"] {
            check_rendering(name, ext);
        }
    }
}

/// The value under `key` of a report, as a number.
fn num(rep: &Report, key: &str) -> f64 {
    rep.values()
        .get(key)
        .and_then(|v| v.num)
        .unwrap_or_else(|| panic!("{}: no number under {key}", rep.source))
}

/// Every key of the report that starts with `prefix`.
fn keys_of<'r>(rep: &'r Report, prefix: &str) -> Vec<&'r str> {
    rep.values()
        .keys()
        .filter(|k| k.starts_with(prefix))
        .map(String::as_str)
        .collect()
}

#[test]
#[cfg_attr(no_corpus, ignore = "needs ../shared/corpus (see README)")]
fn real_wps_reports_are_keyed_and_checked() {
    let dir = manifest().join("../shared/corpus/reports");
    if !dir.is_dir() {
        let _ = writeln!(std::io::stderr(), "SKIPPED: ../shared/corpus not found");
        return;
    }
    // Figures from ../shared/spec/cn-annual-report.md §4 ("Real files", read with pdftotext).
    let huaian = report_of(&dir.join("huaian_city_2024.pdf"));
    assert_eq!(huaian.format, "2021");
    assert_eq!(huaian.org.as_deref(), Some("淮安市人民政府"));
    assert_eq!(huaian.year, Some(2024));
    assert_eq!(
        huaian.tables_found,
        ["t2_active", "t3_requests", "t4_review_litigation"]
    );
    assert_eq!(num(&huaian, "t3.new_received.total"), 3119.0);
    assert_eq!(num(&huaian, "t3.carried_over.total"), 34.0);
    assert_eq!(num(&huaian, "t3.total.total"), 3050.0);
    assert_eq!(num(&huaian, "t3.carried_forward.total"), 103.0);
    assert_eq!(num(&huaian, "t4.review.total"), 351.0);
    assert_eq!(num(&huaian, "t4.litigation_direct.total"), 26.0);
    assert_eq!(num(&huaian, "t4.litigation_after_review.total"), 20.0);

    let hongze = report_of(&dir.join("hongze_district_2024.pdf"));
    // 2021 table 2 with the 2019 single-row （六）其他处理 in table 3 (spec §3).
    assert_eq!(hongze.format, "hybrid");
    assert_eq!(hongze.org.as_deref(), Some("淮安市洪泽区人民政府"));
    assert_eq!(num(&hongze, "t3.new_received.total"), 95.0);
    assert_eq!(num(&hongze, "t3.carried_over.total"), 0.0);
    assert_eq!(num(&hongze, "t3.total.total"), 95.0);
    assert_eq!(num(&hongze, "t4.review.total"), 2.0);
    assert_eq!(num(&hongze, "t4.litigation_direct.total"), 1.0);
    assert_eq!(num(&hongze, "t4.litigation_after_review.total"), 3.0);

    for rep in [&huaian, &hongze] {
        // All of table 3 (7 applicant columns) and table 4 (15 cells) keyed; the spec says
        // both reports pass every hard rule.
        let t3 = keys_of(rep, "t3.");
        let t4 = keys_of(rep, "t4.");
        assert_eq!(t4.len(), 15, "{}: {t4:?}", rep.source);
        assert_eq!(t3.len() % 7, 0, "{}: {} t3 values", rep.source, t3.len());
        assert!(t3.len() >= 7 * 23, "{}: {} t3 values", rep.source, t3.len());
        assert!(
            rep.unmatched.is_empty(),
            "{}: {:?}",
            rep.source,
            rep.unmatched
        );
        let bad: Vec<_> = rep.checks().iter().filter(|c| c.status != "pass").collect();
        assert!(bad.is_empty(), "{}: {bad:?}", rep.source);
        assert!(
            rep.checks().len() >= 40,
            "{}: {} checks",
            rep.source,
            rep.checks().len()
        );
    }
}

fn failing(rep: &Report) -> Vec<(String, String)> {
    rep.checks()
        .iter()
        .filter(|c| c.status != "pass")
        .map(|c| (c.rule.clone(), c.scope.clone()))
        .collect()
}

#[test]
fn seed_sample_fails_balance_and_results_sum_in_natural_person_and_total() {
    let rep = report_of(&manifest().join("samples/pingchuan_2020_annual_report.docx"));
    assert_eq!(rep.format, "2019");
    // Spec §5: the seed's (七)总计 row says 0 where 3 requests were handled by natural persons.
    let want: Vec<(String, String)> = [
        ("T3.balance", "natural_person"),
        ("T3.results_sum", "natural_person"),
        ("T3.balance", "total"),
        ("T3.results_sum", "total"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(failing(&rep), want);
    // 7 columns × 2 + 23 body rows (2 + 19 result rows + 总计 + 结转) + 3 blocks.
    assert_eq!(rep.checks().len(), 14 + 23 + 3);
}

#[test]
fn qinghe_sample_passes_everything() {
    let rep = report_of(&manifest().join("samples/qinghe_2023_annual_report.docx"));
    assert!(failing(&rep).is_empty(), "{:?}", failing(&rep));
    assert!(rep.checks().len() >= 14 + 23 + 3);
}

#[test]
fn cli_json_and_csv() {
    let bin = env!("CARGO_BIN_EXE_docgrid");
    let sample = manifest().join("samples/pingchuan_2020_annual_report.docx");
    let out = std::process::Command::new(bin)
        .arg("report")
        .arg(&sample)
        .output()
        .unwrap();
    assert!(out.status.success());
    let all: Value = serde_json::from_slice(&out.stdout).unwrap();
    // Always an array of documents, even for one input (1.5).
    assert_eq!(all.as_array().map(Vec::len), Some(1));
    let v = &all[0];
    for k in [
        "source",
        "org",
        "year",
        "format",
        "tables_found",
        "values",
        "checks",
        "unmatched",
    ] {
        assert!(v.get(k).is_some(), "missing {k}");
    }
    assert_eq!(v["format"], "2019");
    assert_eq!(v["year"], 2020);
    let bal = &v["checks"][0];
    assert_eq!(
        (
            &bal["rule"],
            &bal["scope"],
            &bal["lhs"],
            &bal["rhs"],
            &bal["status"]
        ),
        (
            &Value::from("T3.balance"),
            &Value::from("natural_person"),
            &Value::from(3),
            &Value::from(0),
            &Value::from("fail")
        )
    );
    let dir = std::env::temp_dir().join(format!("docgrid-report-{}", std::process::id()));
    let st = std::process::Command::new(bin)
        .args(["report", "--to", "csv", "-o"])
        .arg(&dir)
        .arg(&sample)
        .status()
        .unwrap();
    assert!(st.success());
    let values = std::fs::read_to_string(dir.join("values.csv")).unwrap();
    assert!(values.starts_with(
        "source,org,year,format,table,key,row_label,col_label,text,num,unit,instance,org_source,\
         org_confidence,year_source,year_confidence,table_no,pages,row,col,row_path,col_path\n"
    ));
    let checks = std::fs::read_to_string(dir.join("checks.csv")).unwrap();
    assert!(checks.starts_with(
        "source,org,year,format,rule,scope,lhs,rhs,status,instance,key,description,lhs_cells,\
         rhs_cells,prev_source,prev_instance,prev_year\n"
    ));
    assert_eq!(checks.lines().count(), 1 + 14 + 23 + 3);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn user_template_replaces_builtin() {
    // A templates file holding only table 4 keys nothing else.
    let mut t: Value = serde_json::from_str(include_str!("../src/report/templates.json")).unwrap();
    for v in t["versions"].as_object_mut().unwrap().values_mut() {
        v["tables"]
            .as_array_mut()
            .unwrap()
            .retain(|x| x["id"] == "t4_review_litigation");
    }
    let tpl = Templates::parse(&t.to_string()).unwrap();
    let bytes = std::fs::read(manifest().join("samples/qinghe_2023_annual_report.docx")).unwrap();
    let doc = docgrid::convert_bytes(&bytes, &Options::default()).unwrap();
    let rep = build(&doc, &tpl);
    assert_eq!(rep.tables_found, ["t4_review_litigation"]);
    assert_eq!(rep.values().len(), 15);
    assert_eq!(rep.checks().len(), 3);
}

/// Splits table `t` at the first row from the middle on that no merged cell crosses.
fn split_table(t: &docgrid::model::Table) -> (docgrid::model::Table, docgrid::model::Table) {
    let k = (t.rows / 2..t.rows)
        .find(|&k| {
            t.cells
                .iter()
                .all(|c| c.row >= k || c.row + c.row_span <= k)
        })
        .unwrap();
    let mut a = t.clone();
    let mut b = t.clone();
    a.cells.retain(|c| c.row < k);
    a.rows = k;
    b.cells.retain(|c| c.row >= k);
    for c in &mut b.cells {
        c.row -= k;
    }
    b.rows = t.rows - k;
    (a, b)
}

/// Key, text and number of every value (their provenance differs between the whole and the
/// split tables: other table labels and rows).
fn printed(r: &Report) -> Vec<(String, String, Option<f64>)> {
    r.values()
        .iter()
        .map(|(k, v)| (k.clone(), v.text.clone(), v.num))
        .collect()
}

/// A check's rule, scope, sides and status.
type Outcome = (String, String, Option<f64>, Option<f64>, &'static str);

/// Rule, scope, sides and status of every check.
fn outcomes(r: &Report) -> Vec<Outcome> {
    r.checks()
        .iter()
        .map(|c| (c.rule.clone(), c.scope.clone(), c.lhs, c.rhs, c.status))
        .collect()
}

/// v2021_ok.docx of the corpus, the built-in templates and its report; `None` (with the
/// visible skip line) without the corpus.
fn v2021_ok() -> Option<(docgrid::model::Document, Templates, Report)> {
    let dir = manifest().join("../shared/corpus/reports");
    if !dir.is_dir() {
        let _ = writeln!(std::io::stderr(), "SKIPPED: ../shared/corpus not found");
        return None;
    }
    let bytes = std::fs::read(dir.join("v2021_ok.docx")).unwrap();
    let doc = docgrid::convert_bytes(&bytes, &Options::default()).unwrap();
    let tpl = Templates::builtin().unwrap();
    let whole = build(&doc, &tpl);
    Some((doc, tpl, whole))
}

#[test]
fn tables_split_in_two_give_the_same_report() {
    let Some((doc, tpl, whole)) = v2021_ok() else {
        return;
    };
    let mut cut = doc.clone();
    cut.blocks = Vec::new();
    for b in &doc.blocks {
        match b {
            docgrid::model::Block::Table(t) => {
                let (a, c) = split_table(t);
                cut.blocks.push(docgrid::model::Block::Table(a));
                cut.blocks.push(docgrid::model::Block::Table(c));
            }
            other => cut.blocks.push(other.clone()),
        }
    }
    let split = build(&cut, &tpl);
    assert_eq!(split.tables_found, whole.tables_found);
    assert_eq!(printed(&split), printed(&whole));
    assert_eq!(outcomes(&split), outcomes(&whole));
    assert!(split.unmatched.is_empty());
}

#[test]
fn a_continuation_that_repeats_the_header_rows_gives_the_same_report() {
    let Some((doc, tpl, whole)) = v2021_ok() else {
        return;
    };
    let mut cut = doc.clone();
    cut.blocks = Vec::new();
    let mut repeated = 0;
    for b in &doc.blocks {
        match b {
            docgrid::model::Block::Table(t) => {
                let (a, mut c) = split_table(t);
                // The header as the page-break continuation repeats it: the rows the contract's
                // header_rows names, when the table has some and they can be cut off whole.
                let h = t.header_rows;
                let whole_rows = t
                    .cells
                    .iter()
                    .all(|x| x.row >= h || x.row + x.row_span <= h);
                if h > 0 && h < a.rows && whole_rows {
                    for x in &mut c.cells {
                        x.row += h;
                    }
                    c.cells
                        .extend(t.cells.iter().filter(|x| x.row < h).cloned());
                    c.cells.sort_by_key(|x| (x.row, x.col));
                    c.rows += h;
                    repeated += 1;
                }
                cut.blocks.push(docgrid::model::Block::Table(a));
                cut.blocks.push(docgrid::model::Block::Table(c));
            }
            other => cut.blocks.push(other.clone()),
        }
    }
    // At least T3, the table real reports break over pages (T4's 4 rows split inside its
    // 3-row header, so it gets no repeat).
    assert!(repeated >= 1, "{repeated}");
    let split = build(&cut, &tpl);
    assert_eq!(split.tables_found, whole.tables_found);
    assert_eq!(printed(&split), printed(&whole));
    assert_eq!(outcomes(&split), outcomes(&whole));
    assert!(split.unmatched.is_empty());
}
