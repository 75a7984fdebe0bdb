//! Report instances, provenance and series checks (issue 19), against the truth that
//! scripts/make_report_fixtures.py wrote beside the fixtures in tests/fixtures/report/.

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
/// keeps the places of this rendering; `label`: the label of this rendering's table for the
/// truth's label, where the rendering numbers its tables otherwise).
fn check_instance(
    rep: &Report,
    k: usize,
    want: &Value,
    values_field: &str,
    label: &dyn Fn(&str) -> String,
) {
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
                got.at.table_no.clone(),
                got.at.row as u64,
                got.at.col as u64
            ),
            (
                label(w["table_no"].as_str().unwrap()),
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
        check_instance(&rep, k, want, values_field, &str::to_string);
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
        check_instance(rep, 0, want, "values", &str::to_string);
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

/// The label in the Chromium PDF of the table the truth labels `label` on the HTML page.
/// The page's frame holds year `i`'s table `k` (of 2, 3, 4) as nested table `1.(3i+k+1)`, and
/// the appendix's table 4 as table 2; the PDF has no frame table and numbers tables top to
/// bottom, left to right: the two years' tables 2, then 3 (each joined over the page break),
/// then 4, then the appendix's.
fn chromium_label(label: &str) -> String {
    match label
        .strip_prefix("1.")
        .map(|n| n.parse::<usize>().unwrap())
    {
        Some(n) => ((n - 1) % 3 * 2 + (n - 1) / 3 + 1).to_string(),
        None => (label.parse::<usize>().unwrap() + 5).to_string(),
    }
}

/// The comparison page as headless Chromium prints it (A4 landscape): each year's table 3 is
/// broken over the page break, its header repeated on page 2, where no cell divides the
/// first two label columns, so that page's piece draws one column rule fewer.
#[test]
fn chromium_comparison_keeps_the_two_years_apart() {
    let t = truth();
    let doc = read(&fixtures().join("compare_2022_2023.chromium.pdf"));
    let rep = build(&doc, &Templates::builtin().unwrap());
    let instances = t["compare"]["instances"].as_array().unwrap();
    // The frame is no table: the tables are the reports' (side by side, kept apart), each year's
    // tables 2, 3 and 4 and the appendix's table 4, none larger than the largest grid the
    // truth places a value in.
    let (rows, cols) = instances
        .iter()
        .flat_map(|i| i["values"].as_object().unwrap().values())
        .fold((0, 0), |(r, c), v| {
            (
                r.max(v["row"].as_u64().unwrap() + 1),
                c.max(v["col"].as_u64().unwrap() + 1),
            )
        });
    assert_eq!(doc.tables().count(), 7);
    assert!(doc
        .tables()
        .all(|t| t.rows as u64 <= rows && t.cols as u64 <= cols));
    assert_eq!(rep.instances.len(), 2);
    for (k, want) in instances.iter().enumerate() {
        // Tables 2, 3 and 4 of each year: every value as generated and where it was printed,
        // the clipped heading of table 4 in no cell, and every hard check as the truth's.
        check_instance(&rep, k, want, "values", &chromium_label);
        let inst = &rep.instances[k];
        assert!(inst.values.values().all(|v| !v.at.pages.is_empty()));
        // Table 3 is one table over both pages, not a first part and an unmatched rest.
        let t3 = inst.tables.iter().find(|t| t.id == "t3_requests").unwrap();
        assert_eq!(t3.pages, [1, 2]);
        assert_eq!(t3.table_nos.len(), 1);
    }
    assert!(rep.unmatched.is_empty(), "{:?}", rep.unmatched);
    assert_eq!(provenance_resolves(&doc, &rep), 400);
    // The appendix repeats the 2023 table 4: a warning naming both places.
    let places: Vec<String> = t["compare"]["duplicate"]["html"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| chromium_label(p.as_str().unwrap()))
        .collect();
    assert_eq!(rep.warnings.len(), 1, "{:?}", rep.warnings);
    assert_eq!(rep.warnings[0].code, "report.duplicate_table");
    assert!(rep.warnings[0].message.contains(&format!(
        "table {} (page 2) and table {}",
        places[0], places[1]
    )));
}

/// `batch --to report` writes report.json with `write::write_compact`, which copies the first
/// instance's checks and values rather than serialising them twice; its bytes must be those of
/// the `ReportJson` view: with two instances, one, and none (a document with no report table).
#[test]
fn compact_report_json_is_the_views_bytes() {
    let templates = Templates::builtin().unwrap();
    let files = [
        fixtures().join("compare_2022_2023.docx"),
        fixtures().join("compare_2022_2023.html"),
        fixtures().join("compare_2022_2023.chromium.pdf"),
        fixtures().join("series/qinghe_2021.docx"),
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/doc/constructs.docx"),
    ];
    let mut instances = Vec::new();
    for f in &files {
        let doc = read(f);
        let rep = build(&doc, &templates);
        let want = serde_json::to_vec(&docgrid::report::write::ReportJson::new(&rep)).unwrap();
        let mut got = Vec::new();
        docgrid::report::write::write_compact(&rep, &mut got).unwrap();
        assert!(
            got == want,
            "{}: write_compact differs from ReportJson",
            f.display()
        );
        instances.push(rep.instances.len());
    }
    assert_eq!(instances, [2, 2, 2, 1, 1]);
}
