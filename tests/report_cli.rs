//! `docgrid report` and `batch --to report` options of issue 19: always a JSON array, stdin,
//! --to xlsx, --bom, --fail-on-check, the no-table exit status, series rows in checks.csv; and
//! provenance on every value of every corpus report.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use docgrid::report::{build, Templates};
use docgrid::Options;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn docgrid() -> Command {
    Command::new(env!("CARGO_BIN_EXE_docgrid"))
}

fn sample(name: &str) -> PathBuf {
    root().join("samples").join(name)
}

fn series_dir() -> PathBuf {
    root().join("tests/fixtures/report/series")
}

fn series_files() -> Vec<PathBuf> {
    (2019..=2025)
        .map(|y| series_dir().join(format!("qinghe_{y}.docx")))
        .collect()
}

#[test]
fn json_is_always_an_array_even_with_failures() {
    let out = docgrid()
        .args(["report", "-q"])
        .arg(sample("qinghe_2023_annual_report.docx"))
        .arg("no/such/file.docx")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = v.as_array().unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["reports"].as_array().map(Vec::len), Some(1));
    assert_eq!(docs[1]["source"], "no/such/file.docx");
    assert!(docs[1]["error"].is_string());
}

#[test]
fn stdin_is_read_with_a_dash() {
    let bytes = std::fs::read(sample("pingchuan_2020_annual_report.docx")).unwrap();
    let mut child = docgrid()
        .args(["report", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["source"], "-");
    assert_eq!(v[0]["year"], 2020);
    assert_eq!(v[0]["reports"][0]["format"], "2019");
}

#[test]
fn no_report_table_exits_1_with_one_stderr_line() {
    let mut child = docgrid()
        .args(["report", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"<!doctype html><p>2023\xe5\xb9\xb4 no tables here</p>")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("docgrid: -: no report table found"),
        "{err}"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["format"], "unknown");
}

#[test]
fn fail_on_check_exits_3_only_when_a_hard_rule_fails() {
    // The seed's own error: T3.balance fails (tests/report.rs).
    let out = docgrid()
        .args(["report", "--fail-on-check"])
        .arg(sample("pingchuan_2020_annual_report.docx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(serde_json::from_slice::<Value>(&out.stdout).is_ok());
    let out = docgrid()
        .args(["report", "--fail-on-check"])
        .arg(sample("qinghe_2023_annual_report.docx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    // Without the option, a failed rule is no failure of the command.
    let out = docgrid()
        .arg("report")
        .arg(sample("pingchuan_2020_annual_report.docx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn csv_with_bom_and_series_rows() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let st = docgrid()
        .args(["report", "-q", "--to", "csv", "--bom", "-o"])
        .arg(&out)
        .args(series_files())
        .status()
        .unwrap();
    assert!(st.success());
    let values = std::fs::read(out.join("values.csv")).unwrap();
    assert!(values.starts_with(b"\xEF\xBB\xBFsource,org,year,"));
    let checks = std::fs::read_to_string(out.join("checks.csv")).unwrap();
    let checks = checks.trim_start_matches('\u{feff}');
    let mut rd = csv::Reader::from_reader(checks.as_bytes());
    let header = rd.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    let series: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| &r[col("scope")] == "series")
        .collect();
    // 6 pairs × 7 columns of the carry chain, 2019→2020 five 2019 rows, 2021→2025 four pairs × 2.
    assert_eq!(series.len(), 6 * 7 + 5 + 4 * 2);
    let failed: Vec<(&str, &str, &str, &str)> = series
        .iter()
        .filter(|r| &r[col("status")] == "fail")
        .map(|r| {
            (
                &r[col("rule")],
                &r[col("key")],
                &r[col("year")],
                &r[col("prev_year")],
            )
        })
        .collect();
    assert_eq!(
        failed,
        [
            ("T3.carry_chain", "natural_person", "2023", "2022"),
            ("T3.carry_chain", "total", "2023", "2022")
        ]
    );
    let broken = series.iter().find(|r| &r[col("status")] == "fail").unwrap();
    assert!(broken[col("prev_source")].ends_with("qinghe_2022.docx"));
    assert_eq!(
        &broken[col("lhs_cells")],
        "t3.carried_over.natural_person@2023/2:r4c3"
    );
    assert_eq!(
        &broken[col("rhs_cells")],
        "t3.carried_forward.natural_person@2022/2:r27c3"
    );
    assert!(!broken[col("description")].is_empty());
    // --bom is for CSV only.
    let out = docgrid()
        .args(["report", "--bom"])
        .arg(sample("qinghe_2023_annual_report.docx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn xlsx_has_a_values_and_a_checks_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("r.xlsx");
    let st = docgrid()
        .args(["report", "-q", "--to", "xlsx", "-o"])
        .arg(&book)
        .arg(sample("pingchuan_2020_annual_report.docx"))
        .status()
        .unwrap();
    assert!(st.success());
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&book).unwrap()).unwrap();
    let mut wb = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/workbook.xml").unwrap(), &mut wb).unwrap();
    assert!(
        wb.contains(r#"name="values""#) && wb.contains(r#"name="checks""#),
        "{wb}"
    );
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles).unwrap();
    // The failure fill.
    assert!(styles.contains("FFC7CE"), "{styles}");
    let out = docgrid()
        .args(["report", "--to", "xlsx"])
        .arg(sample("pingchuan_2020_annual_report.docx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn batch_report_appends_series_checks_and_takes_bom() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let st = docgrid()
        .args(["batch", "-q", "--to", "report", "--bom", "-o"])
        .arg(&out)
        .arg(series_dir())
        .status()
        .unwrap();
    assert!(st.success());
    let checks = std::fs::read_to_string(out.join("checks.csv")).unwrap();
    assert!(checks.starts_with('\u{feff}'));
    let series: Vec<&str> = checks.lines().filter(|l| l.contains(",series,")).collect();
    assert_eq!(series.len(), 6 * 7 + 5 + 4 * 2);
    let failed: Vec<&&str> = series.iter().filter(|l| l.contains(",fail,")).collect();
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert!(failed[0].contains("T3.carry_chain,series,"));
}

#[test]
#[cfg_attr(no_corpus, ignore = "needs ../shared/corpus (see README)")]
fn every_corpus_value_points_at_its_cell() {
    let dir = root().join("../shared/corpus/reports");
    if !dir.is_dir() {
        let _ = writeln!(std::io::stderr(), "SKIPPED: ../shared/corpus not found");
        return;
    }
    let tpl = Templates::builtin().unwrap();
    let mut total = 0;
    let mut files = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        let ext = path.extension().and_then(|x| x.to_str()).unwrap_or("");
        if !matches!(ext, "docx" | "pdf") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let doc = docgrid::convert_bytes(&bytes, &Options::default()).unwrap();
        let rep = build(&doc, &tpl);
        let n = resolve(&doc, &rep, &path);
        total += n;
        files += 1;
    }
    assert!(files >= 8, "{files}");
    assert!(total > 1000, "{total}");
}

/// Every value's provenance names a cell whose text is the value's text; returns the count.
fn resolve(doc: &docgrid::model::Document, rep: &docgrid::report::Report, path: &Path) -> usize {
    let mut n = 0;
    for inst in &rep.instances {
        for (key, v) in &inst.values {
            let mut parts =
                v.at.table_no
                    .split('.')
                    .map(|p| p.parse::<usize>().unwrap());
            let mut t = doc.tables().nth(parts.next().unwrap() - 1).unwrap();
            for k in parts {
                t = t
                    .cells
                    .iter()
                    .flat_map(|c| c.tables.iter())
                    .nth(k - 1)
                    .unwrap();
            }
            let cell = t
                .cells
                .iter()
                .find(|c| c.row == v.at.row && c.col == v.at.col)
                .unwrap_or_else(|| panic!("{}: {key}: {:?}", path.display(), v.at));
            assert_eq!(cell.text, v.text, "{}: {key}", path.display());
            if doc.source.format == "pdf" {
                assert!(!v.at.pages.is_empty(), "{}: {key}", path.display());
            }
            n += 1;
        }
    }
    n
}
