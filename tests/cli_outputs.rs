//! Where `convert` writes (docs/output.md, "Output files"): the naming rule, every `-o` case,
//! errors that name the output path; and the reading options reaching the PDF reader through
//! `convert`, `report` and `batch`.

#[path = "support/pdf.rs"]
mod support;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn docgrid() -> Command {
    Command::cargo_bin("docgrid").unwrap()
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/qinghe_2023_annual_report.docx")
}

/// A one-page PDF with a ruled 2×2 table above a page-number footer.
fn table_pdf() -> Vec<u8> {
    let mut s = support::text(290, 30, 9, "- 1 -");
    s.push_str("0.8 w\n");
    for i in 0..=2 {
        let x = 72 + 100 * i;
        s.push_str(&format!("{x} 600 m {x} 648 l S\n"));
        let y = 600 + 24 * i;
        s.push_str(&format!("72 {y} m 272 {y} l S\n"));
    }
    for (r, row) in [["Kind", "Count"], ["Received", "12"]].iter().enumerate() {
        for (c, t) in row.iter().enumerate() {
            s.push_str(&support::text(
                80 + 100 * c as u32,
                632 - 24 * r as u32,
                10,
                t,
            ));
        }
    }
    support::pdf(&[support::PageSpec::new(s)])
}

/// A folder holding `r.docx` (a sample, 3 tables) and `r.pdf` (1 table).
fn inputs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(sample(), dir.path().join("r.docx")).unwrap();
    std::fs::write(dir.path().join("r.pdf"), table_pdf()).unwrap();
    dir
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// (exit code, stdout, stderr) of `docgrid ARGS` run in `dir`.
fn run(dir: &Path, args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = docgrid().current_dir(dir).args(args).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    (out.status.code().unwrap_or(-1), out.stdout, err)
}

#[test]
fn inputs_with_one_stem_write_distinct_names() {
    let dir = inputs();
    let d = dir.path();
    let (code, _, err) = run(
        d,
        &["convert", "r.pdf", "r.docx", "--to", "csv", "-o", "out"],
    );
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        names(&d.join("out")),
        vec![
            "r.docx.table-1.csv",
            "r.docx.table-2.csv",
            "r.docx.table-3.csv",
            "r.pdf.table-1.csv"
        ]
    );
    assert_eq!(
        std::fs::read_to_string(d.join("out/r.pdf.table-1.csv")).unwrap(),
        "Kind,Count\nReceived,12\n"
    );
    for (to, suffix) in [("json", "json"), ("md", "md"), ("xlsx", "xlsx")] {
        let folder = format!("out-{to}");
        let (code, _, err) = run(
            d,
            &["convert", "r.pdf", "r.docx", "--to", to, "-o", &folder],
        );
        assert_eq!((code, err.as_str()), (0, ""));
        let want = vec![format!("r.docx.{suffix}"), format!("r.pdf.{suffix}")];
        assert_eq!(names(&d.join(&folder)), want);
    }
}

#[test]
fn dash_o_file_writes_exactly_that_file() {
    let dir = inputs();
    let d = dir.path();
    // One table to a CSV file: a file, not a folder named out.csv.
    let (code, _, err) = run(d, &["convert", "r.pdf", "-o", "out.csv"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(d.join("out.csv").is_file());
    assert_eq!(
        std::fs::read_to_string(d.join("out.csv")).unwrap(),
        "Kind,Count\nReceived,12\n"
    );
    let (code, _, err) = run(d, &["convert", "r.docx", "--table", "2", "-o", "t2.csv"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(
        std::fs::read_to_string(d.join("t2.csv"))
            .unwrap()
            .lines()
            .count()
            > 20
    );
    // Several tables to one CSV file: refused with the hint, nothing written.
    let (code, _, err) = run(d, &["convert", "r.docx", "-o", "all.csv"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "docgrid: r.docx: 3 tables; a CSV to the file all.csv holds one: pick one with --table N or give -o <FOLDER>/\n"
    );
    assert!(!d.join("all.csv").exists());
}

#[test]
fn the_format_comes_from_the_output_extension() {
    let dir = inputs();
    let d = dir.path();
    let (code, _, err) = run(d, &["convert", "r.docx", "-o", "r.xlsx"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let bytes = std::fs::read(d.join("r.xlsx")).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "not a workbook");
    let book: calamine::Xlsx<_> = calamine::open_workbook(d.join("r.xlsx")).unwrap();
    use calamine::Reader;
    assert_eq!(
        book.sheet_names(),
        ["Table 1", "Table 2", "Table 3", "Text"]
    );
    let (code, _, _) = run(d, &["convert", "r.docx", "-o", "r.md"]);
    assert_eq!(code, 0);
    let md = std::fs::read_to_string(d.join("r.md")).unwrap();
    assert!(
        md.starts_with("某市清河区2023年政府信息公开工作年度报告\n\n"),
        "{md}"
    );
    assert!(
        md.contains("<table>"),
        "the spanning tables are HTML tables in Markdown"
    );
    let (code, _, _) = run(d, &["convert", "r.docx", "-o", "r.JSON"]);
    assert_eq!(code, 0);
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("r.JSON")).unwrap()).unwrap();
    assert_eq!(v["docgrid"], "1.6");
    let (code, _, err) = run(d, &["convert", "r.docx", "-o", "r.txt"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "docgrid: r.txt: cannot tell the output format from its extension; give --to json|jsonl|csv|tsv|cells|xlsx|md\n"
    );
    // --to wins over the extension.
    let (code, _, _) = run(d, &["convert", "r.docx", "--to", "json", "-o", "x.md"]);
    assert_eq!(code, 0);
    assert!(std::fs::read_to_string(d.join("x.md"))
        .unwrap()
        .starts_with('{'));
}

#[test]
fn dash_o_dash_is_stdout() {
    let dir = inputs();
    let d = dir.path();
    let (code, stdout, err) = run(d, &["convert", "r.pdf", "-o", "-"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let v: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(v["source"]["format"], "pdf");
    assert!(!d.join("-").exists(), "wrote a file named -");
    let (code, stdout, _) = run(d, &["convert", "r.pdf", "--to", "csv", "-o", "-"]);
    assert_eq!(code, 0);
    assert_eq!(stdout, b"Kind,Count\nReceived,12\n");
    let (code, stdout, _) = run(d, &["convert", "r.docx", "--to", "xlsx", "-o", "-"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with(b"PK\x03\x04"));
    assert!(!d.join("-").exists());
    let (code, _, err) = run(d, &["convert", "r.docx", "--to", "xlsx"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "docgrid: --to xlsx writes a workbook: give -o FILE.xlsx, -o FOLDER/, or -o - for stdout\n"
    );
}

#[test]
fn a_trailing_slash_or_an_existing_folder_is_a_folder() {
    let dir = inputs();
    let d = dir.path();
    let (code, _, _) = run(d, &["convert", "r.docx", "-o", "new/"]);
    assert_eq!(code, 0);
    assert_eq!(names(&d.join("new")), vec!["r.docx.json"]);
    std::fs::create_dir(d.join("there")).unwrap();
    let (code, _, _) = run(d, &["convert", "r.docx", "--to", "md", "-o", "there"]);
    assert_eq!(code, 0);
    assert_eq!(names(&d.join("there")), vec!["r.docx.md"]);
}

#[test]
fn an_output_error_names_the_output_path() {
    let dir = inputs();
    let d = dir.path();
    std::fs::write(d.join("plain"), "a file").unwrap();
    let (code, _, err) = run(d, &["convert", "r.pdf", "-o", "plain/out.json"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("docgrid: plain/out.json: "), "{err}");
    assert!(!err.contains("r.pdf"), "{err}");
    let (code, _, err) = run(d, &["convert", "r.pdf", "r.docx", "-o", "plain"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("docgrid: plain: "), "{err}");
    // A missing input still names the input.
    let (code, _, err) = run(d, &["convert", "missing.pdf", "-o", "m.json"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("docgrid: missing.pdf: "), "{err}");
}

#[test]
fn headers_footers_and_pages_reach_the_pdf_reader_from_the_cli() {
    let dir = inputs();
    let d = dir.path();
    let (_, stdout, _) = run(d, &["convert", "r.pdf", "--headers-footers"]);
    let v: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    let blocks = v["blocks"].as_array().unwrap();
    assert_eq!(blocks.len(), 2, "{blocks:?}");
    assert_eq!(blocks[0]["kind"], "table");
    assert_eq!(
        blocks[1],
        serde_json::json!({"kind": "paragraph", "text": "- 1 -", "style": "footer", "page": 1})
    );
    let (_, stdout, _) = run(d, &["convert", "r.pdf"]);
    let v: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(v["blocks"].as_array().unwrap().len(), 1);
    assert_eq!(v["blocks"][0]["kind"], "table");
    let (code, stdout, _) = run(d, &["convert", "r.pdf", "--pages", "2-"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(v["blocks"], serde_json::json!([]));
    assert_eq!(v["source"]["pages"], 1);
    let (code, _, err) = run(d, &["convert", "r.pdf", "--pages", "0"]);
    assert_eq!(code, 2);
    assert!(err.contains("pages are numbered from 1"), "{err}");
}

#[test]
fn table_limits_reach_pdf_tables_from_the_cli() {
    let dir = inputs();
    let (code, stdout, err) = run(dir.path(), &["convert", "r.pdf", "--max-table-cells", "3"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(v["warnings"][0]["code"], "pdf.table_over_limit");
    assert!(v["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .all(|b| b["kind"] != "table"));
}

#[test]
fn every_warning_is_also_a_line_on_stderr() {
    let dir = inputs();
    let (code, stdout, err) = run(dir.path(), &["convert", "r.pdf", "--max-table-cells", "3"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    let warnings = v["warnings"].as_array().unwrap();
    assert!(!warnings.is_empty());
    let lines: Vec<&str> = err.lines().filter(|l| l.contains(": warning: ")).collect();
    assert_eq!(lines.len(), warnings.len(), "{err}");
    for (line, w) in lines.iter().zip(warnings) {
        let page = w["page"]
            .as_u64()
            .map(|p| format!("page {p}: "))
            .unwrap_or_default();
        let expected = format!(
            "docgrid: r.pdf: warning: {page}{} ({})",
            w["message"].as_str().unwrap(),
            w["code"].as_str().unwrap()
        );
        assert_eq!(*line, expected);
    }
    assert!(
        lines[0].starts_with("docgrid: r.pdf: warning: page 1: a table of "),
        "{err}"
    );
    assert!(lines[0].ends_with("(pdf.table_over_limit)"), "{err}");
    // --quiet keeps them in the JSON only.
    let (code, quiet_out, err) = run(
        dir.path(),
        &["convert", "-q", "r.pdf", "--max-table-cells", "3"],
    );
    assert_eq!(code, 0);
    assert_eq!(err, "");
    assert_eq!(quiet_out, stdout);
}

/// Our fixture encrypted with AES-128, user password "userpassword"
/// (scripts/make_encrypted_fixture.sh).
fn encrypted() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/encrypted.pdf")
}

#[test]
fn password_reaches_report() {
    let pdf = encrypted();
    let out = docgrid().arg("report").arg(&pdf).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("password required"));
    let out = docgrid()
        .args(["report", "--password", "userpassword"])
        .arg(&pdf)
        .output()
        .unwrap();
    // Read with the password, it holds no report table: exit 1 with that cause (1.5), the
    // JSON array still written.
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(": no report table found"), "{err}");
    assert!(!err.contains("password required"), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.is_array() && v[0].is_object(), "{v}");
    // And through convert: the text of the fixture's first page.
    let out = docgrid()
        .args(["convert", "--password", "userpassword"])
        .arg(&pdf)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["blocks"][0]["text"], "Revenue 2024");
    let out = docgrid()
        .args(["convert", "--password", "wrong"])
        .arg(&pdf)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).ends_with(": wrong password\n"));
}

#[test]
fn password_reaches_batch() {
    let pdf = encrypted();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(&pdf, input.join("e.pdf")).unwrap();
    let out_dir = dir.path().join("out");
    let run = |extra: &[&str]| {
        docgrid()
            .arg("batch")
            .arg(&input)
            .arg("-o")
            .arg(&out_dir)
            .args(["--quiet", "--force"])
            .args(extra)
            .output()
            .unwrap()
    };
    let failed = run(&[]);
    assert_eq!(failed.status.code(), Some(1));
    let converted = run(&["--password", "userpassword"]);
    assert_eq!(
        converted.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&converted.stderr)
    );
    let json = std::fs::read(out_dir.join("e.pdf.json")).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["source"]["format"], "pdf");
}
