//! Report instances, provenance and series checks (issue 19), against the truth that
//! scripts/make_report_fixtures.py wrote beside the fixtures in tests/fixtures/report/.

use std::io::Write;
use std::path::{Path, PathBuf};

use docgrid::model::{Document, Table};
use docgrid::report::{build, series, Report, Templates};
use docgrid::Options;
use serde_json::Value;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report")
}

fn truth() -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixtures().join("truth.json")).unwrap()).unwrap()
}

fn read(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap();
    let mut doc = docgrid::convert_bytes(&bytes, &Options::default()).unwrap();
    doc.source.path = path.display().to_string();
    doc
}

/// The table a provenance label (`3`, `1.5`) names: top-level tables in order, nested ones in
/// row-major order of their cells.
pub fn table_by_label<'d>(doc: &'d Document, label: &str) -> Option<&'d Table> {
    let mut parts = label.split('.').map(|p| p.parse::<usize>().ok());
    let first = parts.next()??;
    let mut t = doc.tables().nth(first.checked_sub(1)?)?;
    for k in parts {
        let k = k?;
        t = t
            .cells
            .iter()
            .flat_map(|c| c.tables.iter())
            .nth(k.checked_sub(1)?)?;
    }
    Some(t)
}

/// Every value of every instance points at a cell whose text is the value's text.
pub fn provenance_resolves(doc: &Document, rep: &Report) -> usize {
    let mut n = 0;
    for inst in &rep.instances {
        for (key, v) in &inst.values {
            let t = table_by_label(doc, &v.at.table_no)
                .unwrap_or_else(|| panic!("{}: {key}: no table {}", rep.source, v.at.table_no));
            let cell = t
                .cells
                .iter()
                .find(|c| c.row == v.at.row && c.col == v.at.col)
                .unwrap_or_else(|| panic!("{}: {key}: no cell at {:?}", rep.source, v.at));
            assert_eq!(cell.text, v.text, "{}: {key} at {:?}", rep.source, v.at);
            n += 1;
        }
    }
    n
}

/// A check's rule, scope, sides and status.
type Outcome<'a> = (String, String, Option<f64>, Option<f64>, &'a str);

/// The instance's values and hard checks equal the truth's (`values_field`: where the truth
/// keeps the places of this rendering).
fn check_instance(rep: &Report, k: usize, want: &Value, values_field: &str) {
    let inst = &rep.instances[k];
    let name = format!("{} instance {}", rep.source, k + 1);
    assert_eq!(
        inst.year.as_ref().map(|y| u64::from(y.value)),
        want["year"].as_u64(),
        "{name}"
    );
    assert_eq!(inst.format, want["format"].as_str().unwrap(), "{name}");
    let values = want[values_field].as_object().unwrap();
    assert_eq!(inst.values.len(), values.len(), "{name}: value count");
    for (key, w) in values {
        let got = inst
            .values
            .get(key)
            .unwrap_or_else(|| panic!("{name}: {key} missing"));
        assert_eq!(got.text, w["text"].as_str().unwrap(), "{name}: {key}");
        assert_eq!(
            (
                got.at.table_no.as_str(),
                got.at.row as u64,
                got.at.col as u64
            ),
            (
                w["table_no"].as_str().unwrap(),
                w["row"].as_u64().unwrap(),
                w["col"].as_u64().unwrap()
            ),
            "{name}: provenance of {key}"
        );
    }
    let got: Vec<Outcome<'_>> = inst
        .checks
        .iter()
        .map(|c| (c.rule.clone(), c.scope.clone(), c.lhs, c.rhs, c.status))
        .collect();
    let want_checks: Vec<Outcome<'_>> = want["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["rule"].as_str().unwrap().to_string(),
                c["scope"].as_str().unwrap().to_string(),
                c["lhs"].as_f64(),
                c["rhs"].as_f64(),
                c["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, want_checks, "{name}: checks");
    assert!(inst.checks.iter().all(|c| c.status == "pass"), "{name}");
}

fn comparison(file: &str, values_field: &str, duplicate: &Value) {
    let t = truth();
    let doc = read(&fixtures().join(file));
    let rep = build(&doc, &Templates::builtin().unwrap());
    assert_eq!(rep.instances.len(), 2, "{file}");
    for (k, want) in t["compare"]["instances"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        check_instance(&rep, k, want, values_field);
        let org = rep.instances[k].org.as_ref().unwrap();
        assert_eq!(org.value, t["org"].as_str().unwrap());
        assert_eq!(org.source.as_str(), "title");
        assert_eq!(
            rep.instances[k].year.as_ref().unwrap().source.as_str(),
            "heading"
        );
    }
    assert!(provenance_resolves(&doc, &rep) == 400, "{file}");
    // The appendix repeats the 2023 table 4: a warning naming both places.
    let places: Vec<&str> = duplicate
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(rep.warnings.len(), 1, "{:?}", rep.warnings);
    let w = &rep.warnings[0];
    assert_eq!(w.code, "report.duplicate_table");
    assert!(
        w.message
            .contains("t4_review_litigation of the 2023 report")
            && w.message
                .contains(&format!("table {} and table {}", places[0], places[1])),
        "{}",
        w.message
    );
    // The frame (table 1, a layout table holding the reports) is no report table and is not
    // listed as unmatched either.
    assert!(rep.unmatched.is_empty(), "{:?}", rep.unmatched);
    for inst in &rep.instances {
        assert!(inst
            .tables
            .iter()
            .all(|t| t.table_nos.iter().all(|n| n.starts_with("1."))));
    }
}

#[test]
fn html_comparison_gives_two_instances_equal_to_the_truth() {
    let t = truth();
    comparison(
        "compare_2022_2023.html",
        "values",
        &t["compare"]["duplicate"]["html"],
    );
}

#[test]
fn docx_comparison_gives_two_instances_equal_to_the_truth() {
    let t = truth();
    comparison(
        "compare_2022_2023.docx",
        "docx_values",
        &t["compare"]["duplicate"]["docx"],
    );
    // The 2023 table 3 was pasted in two pieces, the second repeating the header: joined.
    let doc = read(&fixtures().join("compare_2022_2023.docx"));
    let rep = build(&doc, &Templates::builtin().unwrap());
    let t3 = rep.instances[1]
        .tables
        .iter()
        .find(|t| t.id == "t3_requests")
        .unwrap();
    assert_eq!(t3.table_nos, ["1.5", "1.6"]);
}

fn series_reports() -> (Value, Vec<(Document, Report)>) {
    let t = truth();
    let tpl = Templates::builtin().unwrap();
    let reps = t["series"]["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let doc = read(&fixtures().join("series").join(r["file"].as_str().unwrap()));
            let rep = build(&doc, &tpl);
            (doc, rep)
        })
        .collect();
    (t, reps)
}

#[test]
fn seven_year_series_reports_the_carry_over_break() {
    let (t, reps) = series_reports();
    for ((doc, rep), want) in reps.iter().zip(t["series"]["reports"].as_array().unwrap()) {
        assert_eq!(rep.instances.len(), 1, "{}", rep.source);
        check_instance(rep, 0, want, "values");
        provenance_resolves(doc, rep);
        let inst = &rep.instances[0];
        let org = inst.org.as_ref().unwrap();
        assert_eq!(org.value, t["org"].as_str().unwrap(), "{}", rep.source);
        // 2024 is titled only "2024年度报告": its organisation is the signature line's.
        let (org_src, year_src) = if want["year"] == 2024 {
            ("body", "title")
        } else {
            ("title", "title")
        };
        assert_eq!(org.source.as_str(), org_src, "{}", rep.source);
        assert_eq!(inst.year.as_ref().unwrap().source.as_str(), year_src);
    }
    let refs: Vec<&Report> = reps.iter().map(|(_, r)| r).collect();
    let got: Vec<(String, String, u64, String)> =
        series::evaluate(&refs, &Templates::builtin().unwrap())
            .iter()
            .map(|s| {
                assert_eq!(s.check.scope, "series");
                assert_eq!(s.later.year, s.earlier.year + 1);
                (
                    s.check.rule.clone(),
                    s.check.key.clone(),
                    u64::from(s.later.year),
                    s.check.status.to_string(),
                )
            })
            .collect();
    let want: Vec<(String, String, u64, String)> = t["series"]["expected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e[0].as_str().unwrap().to_string(),
                e[1].as_str().unwrap().to_string(),
                e[2].as_u64().unwrap(),
                e[3].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(got, want);
    let failing: Vec<_> = got.iter().filter(|g| g.3 != "pass").collect();
    assert_eq!(
        failing,
        [
            &(
                "T3.carry_chain".to_string(),
                "natural_person".to_string(),
                2023,
                "fail".to_string()
            ),
            &(
                "T3.carry_chain".to_string(),
                "total".to_string(),
                2023,
                "fail".to_string()
            ),
        ]
    );
}

/// Prints the comparison page with headless Chromium into `dir`; None (with a visible
/// SKIPPED) without Chromium.
fn chromium_pdf(dir: &Path) -> Option<PathBuf> {
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| Path::new(p).exists());
    let Some(chromium) = chromium else {
        let _ = writeln!(std::io::stderr(), "SKIPPED: chromium not found");
        return None;
    };
    let pdf = dir.join("compare.pdf");
    let status = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!(
            "file://{}",
            fixtures().join("compare_2022_2023.html").display()
        ))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .ok()?;
    status.success().then_some(pdf)
}

#[test]
fn chromium_comparison_keeps_the_two_years_apart() {
    let dir = tempfile::tempdir().unwrap();
    let Some(pdf) = chromium_pdf(dir.path()) else {
        return;
    };
    let t = truth();
    let doc = read(&pdf);
    let rep = build(&doc, &Templates::builtin().unwrap());
    // The frame is no table: the 9 tables are the reports' (side by side, kept apart).
    assert!(doc.tables().all(|t| t.cols <= 15 && t.rows <= 26));
    assert_eq!(rep.instances.len(), 2);
    for (k, want) in t["compare"]["instances"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let inst = &rep.instances[k];
        assert_eq!(
            inst.year.as_ref().map(|y| u64::from(y.value)),
            want["year"].as_u64()
        );
        // Tables 2 and 4 of each year: every value as generated, and the clipped heading of
        // table 4 in no cell.
        for (key, w) in want["values"].as_object().unwrap() {
            if key.starts_with("t3.") {
                continue;
            }
            let got = inst.values.get(key).unwrap_or_else(|| panic!("{key}"));
            assert_eq!(got.text, w["text"].as_str().unwrap(), "{key}");
            assert!(!got.at.pages.is_empty(), "{key}");
        }
        assert!(inst
            .checks
            .iter()
            .filter(|c| c.rule == "T4.block_total")
            .all(|c| c.status == "pass"));
    }
    provenance_resolves(&doc, &rep);
}
