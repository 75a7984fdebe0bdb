//! The command line as users of pandoc, tabula and pdftotext expect it (issue 22): warnings on
//! stderr, `-q`/`-v`, empty outputs, jsonl and tsv, closed pipes, messages that say what to do.

#[path = "support/pdf.rs"]
mod support;

#[allow(dead_code)]
#[path = "common/fixture.rs"]
mod fixture;

use assert_cmd::Command;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Stdio;

fn docgrid() -> Command {
    Command::cargo_bin("docgrid").unwrap()
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(format!("{name}.docx"))
}

/// (exit code, stdout, stderr) of `docgrid ARGS` run in `dir`.
fn run(dir: &Path, args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = docgrid().current_dir(dir).args(args).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    (out.status.code().unwrap_or(-1), out.stdout, err)
}

/// A PDF whose page 1 is a scan (an image, no text) and page 2 text in a font whose one glyph
/// name has no Unicode.
fn lossy_pdf() -> Vec<u8> {
    let scan = b"q 500 0 0 700 50 50 cm /Im1 Do Q".to_vec();
    let text = b"BT /F1 12 Tf 72 700 Td (AB) Tj ET".to_vec();
    let objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [6 0 R 8 0 R] /Count 2 >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica \
           /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding \
           /Differences [66 /zzunknownglyph] >> >>"
            .to_vec(),
        b"<< >>".to_vec(),
        support::stream(
            "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray \
             /BitsPerComponent 8",
            &[0, 255, 255, 0],
        ),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
           /Resources << /XObject << /Im1 5 0 R >> >> /Contents 7 0 R >>"
            .to_vec(),
        support::stream("", &scan),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
           /Resources << /Font << /F1 3 0 R >> >> /Contents 9 0 R >>"
            .to_vec(),
        support::stream("", &text),
    ];
    support::from_objects(&objs)
}

/// Three one-line pages cut where the third page's object begins: no xref, no trailer.
fn truncated_pdf() -> Vec<u8> {
    let pages: Vec<support::PageSpec> = ["First page.", "Second page.", "Third page."]
        .iter()
        .map(|t| support::PageSpec::new(support::text(72, 700, 12, t)))
        .collect();
    let whole = support::pdf(&pages);
    let cut = whole.windows(8).position(|w| w == b"10 0 obj").unwrap();
    whole[..cut].to_vec()
}

/// A folder with `lossy.pdf`, `cut.pdf`, `empty-table.docx` (a table without rows) and
/// `text.docx` (one paragraph, no table).
fn inputs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("lossy.pdf"), lossy_pdf()).unwrap();
    std::fs::write(d.join("cut.pdf"), truncated_pdf()).unwrap();
    let empty_table = "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid></w:tbl>\
                       <w:p><w:r><w:t>After.</w:t></w:r></w:p>";
    std::fs::write(d.join("empty-table.docx"), fixture::docx(empty_table)).unwrap();
    let text = "<w:p><w:r><w:t>Only text.</w:t></w:r></w:p>";
    std::fs::write(d.join("text.docx"), fixture::docx(text)).unwrap();
    dir
}

/// The `warning:` lines of `stderr`.
fn warning_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.contains(": warning: "))
        .collect()
}

#[test]
fn recoveries_and_losses_are_one_stderr_line_each() {
    let dir = inputs();
    let d = dir.path();
    let (code, _, err) = run(d, &["convert", "lossy.pdf"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        warning_lines(&err),
        [
            "docgrid: lossy.pdf: warning: page 1: page has no text layer (a scan, or text drawn as outlines); nothing read from it: a scan? build docgrid with --features ocr to read it (pdf.no_text_layer)",
            "docgrid: lossy.pdf: warning: page 2: 1 glyphs have no Unicode mapping in their font; written as U+FFFD (pdf.unmapped_glyphs)",
        ],
        "{err}"
    );
    let (code, _, err) = run(d, &["convert", "cut.pdf"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        "docgrid: cut.pdf: warning: xref damaged, 2 of 3 pages recovered (objects found by scanning the file) (pdf.xref_damaged)\n"
    );
    let (code, _, err) = run(d, &["convert", "empty-table.docx"]);
    assert_eq!(code, 0, "{err}");
    let lines = warning_lines(&err);
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].starts_with("docgrid: empty-table.docx: warning: ")
            && lines[0].ends_with(" (docx.empty_table)"),
        "{err}"
    );
    // -q: none of them.
    for input in ["lossy.pdf", "cut.pdf", "empty-table.docx"] {
        let (code, _, err) = run(d, &["convert", "-q", input]);
        assert_eq!((code, err.as_str()), (0, ""), "{input}");
    }
}

#[test]
fn verbose_adds_one_timing_line_per_stage_group() {
    let dir = inputs();
    let (code, stdout, err) = run(dir.path(), &["convert", "-v", "cut.pdf", "--to", "md"]);
    assert_eq!(code, 0, "{err}");
    assert!(!stdout.is_empty());
    let times: Vec<&str> = err.lines().filter(|l| l.contains(": time: ")).collect();
    assert_eq!(times.len(), 2, "{err}");
    let shape = |line: &str, stages: &[&str]| {
        let rest = line.strip_prefix("docgrid: cut.pdf: time: ").unwrap();
        let parts: Vec<&str> = rest.split(", ").collect();
        assert_eq!(parts.len(), stages.len(), "{line}");
        for (part, stage) in parts.iter().zip(stages) {
            let ms = part
                .strip_prefix(&format!("{stage} "))
                .and_then(|p| p.strip_suffix(" ms"))
                .unwrap_or_else(|| panic!("{line}"));
            assert!(ms.parse::<f64>().is_ok(), "{line}");
        }
    };
    shape(times[0], &["read", "convert"]);
    shape(times[1], &["write"]);
    // The warning is still there, and -q with -v is a usage error.
    assert_eq!(warning_lines(&err).len(), 1, "{err}");
    let (code, _, err) = run(dir.path(), &["convert", "-q", "-v", "cut.pdf"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");
}

#[test]
fn no_tables_for_csv_or_xlsx_is_an_error_unless_allowed() {
    let dir = inputs();
    let d = dir.path();
    let said =
        "docgrid: text.docx: no tables found; nothing written (--allow-empty accepts this)\n";
    let (code, stdout, err) = run(d, &["convert", "text.docx", "--to", "csv"]);
    assert_eq!((code, err.as_str()), (1, said));
    assert!(stdout.is_empty());
    for args in [
        &["convert", "text.docx", "-o", "t.csv"][..],
        &["convert", "text.docx", "--to", "csv", "-o", "out/"],
        &["convert", "text.docx", "-o", "t.xlsx"],
        &["convert", "text.docx", "--to", "tsv"],
    ] {
        let (code, _, err) = run(d, args);
        assert_eq!((code, err.as_str()), (1, said), "{args:?}");
    }
    assert!(!d.join("t.csv").exists() && !d.join("t.xlsx").exists());
    // Several inputs: the others are still written.
    let (code, _, err) = run(
        d,
        &[
            "convert",
            "text.docx",
            "lossy.pdf",
            "-q",
            "--to",
            "json",
            "-o",
            "j/",
        ],
    );
    assert_eq!((code, err.as_str()), (0, ""), "json is never empty");
    // --allow-empty: exit 0, an empty file where one file was asked for, nothing otherwise.
    let (code, stdout, err) = run(d, &["convert", "text.docx", "--to", "csv", "--allow-empty"]);
    assert_eq!((code, err.as_str(), stdout.len()), (0, "", 0));
    let (code, _, err) = run(d, &["convert", "text.docx", "-o", "t.csv", "--allow-empty"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(std::fs::read(d.join("t.csv")).unwrap(), b"");
    let (code, _, err) = run(
        d,
        &["convert", "text.docx", "-o", "t.xlsx", "--allow-empty"],
    );
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(!d.join("t.xlsx").exists());
    let (code, _, err) = run(d, &["convert", "text.docx", "--allow-empty"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "docgrid: --allow-empty applies to --to csv, tsv and xlsx only\n"
    );
}

#[test]
fn jsonl_is_one_compact_document_per_line_for_several_inputs() {
    let dir = inputs();
    let d = dir.path();
    let (code, stdout, err) = run(
        d,
        &[
            "convert",
            "-q",
            "--to",
            "jsonl",
            "text.docx",
            "cut.pdf",
            "missing.pdf",
        ],
    );
    assert_eq!(code, 1, "missing.pdf failed");
    assert_eq!(
        err,
        "docgrid: missing.pdf: No such file or directory (os error 2)\n"
    );
    let text = String::from_utf8(stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(text.ends_with('\n'));
    let formats: Vec<String> = lines
        .iter()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["source"]["format"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(formats, ["docx", "pdf"]);
    // The same stream as one file, its format from the extension, and in a folder.
    let (code, _, err) = run(
        d,
        &["convert", "-q", "text.docx", "cut.pdf", "-o", "all.jsonl"],
    );
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(std::fs::read_to_string(d.join("all.jsonl")).unwrap(), text);
    let (code, _, _) = run(
        d,
        &["convert", "-q", "--to", "jsonl", "text.docx", "-o", "f/"],
    );
    assert_eq!(code, 0);
    let one = std::fs::read_to_string(d.join("f/documents.jsonl")).unwrap();
    assert_eq!(one, format!("{}\n", lines[0]));
}

#[test]
fn tsv_is_csv_with_tabs() {
    let docx = sample("qinghe_2023_annual_report");
    let csv = docgrid()
        .args(["convert", "--to", "csv", "--table", "1"])
        .arg(&docx)
        .output()
        .unwrap();
    let tsv = docgrid()
        .args(["convert", "--to", "tsv", "--table", "1"])
        .arg(&docx)
        .output()
        .unwrap();
    assert!(csv.status.success() && tsv.status.success());
    let csv = String::from_utf8(csv.stdout).unwrap();
    let tsv = String::from_utf8(tsv.stdout).unwrap();
    assert!(
        tsv.starts_with("第二十条第（一）项\t\t\t\n信息内容\t本年制发件数\t"),
        "{tsv}"
    );
    // The same records, a line break inside a cell quoted in both.
    let records = |text: &str, delimiter: u8| -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(delimiter)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect()
    };
    assert!(tsv.contains("\"本年收费金额\n（单位：万元）\""));
    assert_eq!(records(&tsv, b'\t'), records(&csv, b','));
    // A folder gets `.table-<N>.tsv` files.
    let dir = tempfile::tempdir().unwrap();
    let out = docgrid()
        .args(["convert", "--to", "tsv", "-o"])
        .arg(dir.path().join("out/"))
        .arg(&docx)
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "qinghe_2023_annual_report.docx.table-1.tsv",
            "qinghe_2023_annual_report.docx.table-2.tsv",
            "qinghe_2023_annual_report.docx.table-3.tsv"
        ]
    );
}

/// Runs `docgrid ARGS` with its stdout closed before it writes: (exit code, stderr).
fn into_closed_pipe(args: &[&str]) -> (Option<i32>, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_docgrid"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (child.wait().unwrap().code(), err)
}

#[test]
fn a_closed_pipe_ends_quietly_with_status_0() {
    let docx = sample("qinghe_2023_annual_report");
    let docx = docx.to_str().unwrap();
    for args in [
        &["convert", docx][..],
        &["convert", docx, "--to", "md"],
        &["convert", docx, "--to", "csv", "--table", "2"],
        &["convert", docx, "--to", "cells"],
        &["convert", docx, docx, "--to", "jsonl"],
        &["convert", docx, "--to", "xlsx", "-o", "-"],
        &["report", docx],
    ] {
        assert_eq!(into_closed_pipe(args), (Some(0), String::new()), "{args:?}");
    }
    // batch writes progress and its summary to stderr: closed too, it still converts.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::copy(docx, dir.path().join("in/r.docx")).unwrap();
    let out = dir.path().join("out");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_docgrid"))
        .arg("batch")
        .arg(dir.path().join("in"))
        .arg("-o")
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            drop(child.stderr.take());
            child.wait()
        })
        .unwrap();
    assert_eq!(status.code(), Some(0));
    assert!(out.join("r.docx.json").is_file());
}

#[test]
fn convert_of_a_folder_suggests_batch() {
    let dir = inputs();
    std::fs::create_dir(dir.path().join("archive")).unwrap();
    let (code, _, err) = run(dir.path(), &["convert", "archive"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "docgrid: archive: is a folder; to convert the documents in it, run: docgrid batch archive -o <OUTDIR>\n"
    );
}

#[test]
fn the_file_size_limit_names_its_flag_in_convert_report_and_batch() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let big = vec![b' '; 1024 * 1024 + 1];
    std::fs::create_dir(d.join("in")).unwrap();
    std::fs::write(d.join("in/big.pdf"), &big).unwrap();
    let cause =
        "file is 1.0 MiB (1048577 bytes), over the limit of 1 MiB; raise it with --max-file-mib";
    let (code, _, err) = run(d, &["convert", "in/big.pdf", "--max-file-mib", "1"]);
    assert_eq!((code, err), (1, format!("docgrid: in/big.pdf: {cause}\n")));
    let (code, _, err) = run(d, &["report", "in/big.pdf", "--max-file-mib", "1"]);
    assert_eq!((code, err), (1, format!("docgrid: in/big.pdf: {cause}\n")));
    let (code, _, err) = run(
        d,
        &["batch", "in", "-o", "out", "-q", "--max-file-mib", "1"],
    );
    assert_eq!(code, 1);
    assert!(err.contains(&format!("big.pdf: {cause}\n")), "{err}");
    // stdin is bounded too, without reading past the limit.
    let out = docgrid()
        .args(["convert", "-", "--max-file-mib", "1"])
        .write_stdin(big)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "docgrid: -: stdin is over the limit of 1 MiB; raise it with --max-file-mib\n"
    );
}

#[test]
fn header_paths_give_repeated_row_label_columns_distinct_names() {
    let out = docgrid()
        .args(["convert", "--to", "csv", "--table", "2", "--header-paths"])
        .arg(sample("qinghe_2023_annual_report"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let label = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
    assert_eq!(
        header[..4],
        [
            label.to_string(),
            format!("{label}.1"),
            format!("{label}.2"),
            "申请人情况/自然人".to_string()
        ]
    );
}

#[test]
fn help_tells_excel_users_about_bom() {
    let out = docgrid().args(["convert", "--help"]).output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(
        help.contains("Excel users: add --bom to CSV, TSV and cells outputs"),
        "{help}"
    );
    assert!(help.contains("--allow-empty") && help.contains("jsonl") && help.contains("tsv"));
}

/// A ruled table at the top of a page: `rows` of texts, each column 100 pt wide.
fn ruled(rows: &[&[&str]], top: u32) -> String {
    let cols = rows[0].len() as u32;
    let n = rows.len() as u32;
    let mut s = String::from("0.8 w\n");
    for i in 0..=cols {
        let x = 72 + 100 * i;
        s.push_str(&format!("{x} {} m {x} {top} l S\n", top - 24 * n));
    }
    for i in 0..=n {
        let y = top - 24 * i;
        s.push_str(&format!("72 {y} m {} {y} l S\n", 72 + 100 * cols));
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, t) in row.iter().enumerate() {
            s.push_str(&support::text(
                80 + 100 * c as u32,
                top - 16 - 24 * r as u32,
                10,
                t,
            ));
        }
    }
    s
}

/// Page 1: a 2×2 table; page 2: a 2×3 table, then a 1×2 one lower down.
fn two_page_tables_pdf() -> Vec<u8> {
    let first = ruled(&[&["Kind", "Count"], &["Received", "12"]], 700);
    let mut second = ruled(&[&["Name", "Value", "Unit"], &["Fee", "3", "yuan"]], 700);
    second.push_str(&support::text(
        72,
        560,
        12,
        "Some text between the two tables.",
    ));
    second.push_str(&ruled(&[&["Last", "Table"]], 400));
    support::pdf(&[
        support::PageSpec::new(first),
        support::PageSpec::new(second),
    ])
}

#[test]
fn tables_lists_every_table_and_table_picks_by_page() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("t.pdf"), two_page_tables_pdf()).unwrap();
    let (code, stdout, err) = run(d, &["tables", "t.pdf"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        String::from_utf8(stdout).unwrap(),
        "source\ttable\tpages\trows\tcols\theader_rows\theader\n\
         t.pdf\t1\t1\t2\t2\t0\tKind | Count\n\
         t.pdf\t2\t2\t2\t3\t0\tName | Value | Unit\n\
         t.pdf\t3\t2\t1\t2\t0\tLast | Table\n"
    );
    // p2:2 is table 3; several picks, comma-separated or repeated.
    let (code, stdout, err) = run(d, &["convert", "t.pdf", "--to", "csv", "--table", "p2:2"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(stdout, b"Last,Table\n");
    let (code, _, err) = run(
        d,
        &[
            "convert",
            "t.pdf",
            "--to",
            "csv",
            "--table",
            "p1:1,p2:2",
            "-o",
            "out/",
        ],
    );
    assert_eq!((code, err.as_str()), (0, ""));
    let mut names: Vec<String> = std::fs::read_dir(d.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["t.pdf.table-1.csv", "t.pdf.table-3.csv"]);
    let (code, stdout, _) = run(
        d,
        &[
            "convert", "t.pdf", "--to", "cells", "--table", "3", "--table", "p1:1",
        ],
    );
    assert_eq!(code, 0);
    let text = String::from_utf8(stdout).unwrap();
    let tables: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    assert_eq!(tables, ["3", "3", "1", "1", "1", "1"]);
    // A page without that table says what the page has; a bad pick is a usage error.
    let (code, _, err) = run(d, &["convert", "t.pdf", "--to", "md", "--table", "p1:2"]);
    assert_eq!(code, 1);
    assert_eq!(err, "docgrid: t.pdf: no table p1:2 (page 1 has 1 tables)\n");
    let (code, _, err) = run(d, &["convert", "t.pdf", "--to", "csv", "--table", "p0:1"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("expected pP:K, the K-th table on page P"),
        "{err}"
    );
    let (code, _, err) = run(d, &["convert", "t.pdf", "--table", "1,2", "-o", "x.xlsx"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "docgrid: --to xlsx takes one --table (or none, for a sheet per table)\n"
    );
    // Several tables to stdout still need one.
    let (code, _, err) = run(d, &["convert", "t.pdf", "--to", "csv", "--table", "1,3"]);
    assert_eq!(code, 2);
    assert!(err.contains("2 tables; a CSV to stdout holds one"), "{err}");
}

#[test]
fn tables_lists_flow_documents_without_pages() {
    let out = docgrid()
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(["tables", "samples/qinghe_2023_annual_report.docx"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let name = "samples/qinghe_2023_annual_report.docx";
    assert_eq!(
        text.lines().skip(1).collect::<Vec<_>>(),
        [
            format!("{name}\t1\t-\t14\t4\t0\t第二十条第（一）项"),
            format!("{name}\t2\t-\t28\t10\t3\t（本列数据的勾稽关系为：第一项加第二项之和，等… | 申请人情况"),
            format!("{name}\t3\t-\t4\t15\t3\t行政复议 | 行政诉讼"),
        ]
    );
    let (code, err) = into_closed_pipe(&["tables", name]);
    assert_eq!((code, err.as_str()), (Some(0), ""));
}

#[test]
fn area_lattice_and_stream_steer_pdf_table_detection() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("t.pdf"), two_page_tables_pdf()).unwrap();
    // Page 2 from y 400 down (top-left origin): only the last table.
    let (code, stdout, err) = run(d, &["tables", "t.pdf", "--area", "0,400,595,842"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        String::from_utf8(stdout).unwrap(),
        "source\ttable\tpages\trows\tcols\theader_rows\theader\n\
         t.pdf\t1\t2\t1\t2\t0\tLast | Table\n"
    );
    // The tables outside are read as text.
    let (_, stdout, _) = run(d, &["convert", "t.pdf", "--area", "0,400,595,842"]);
    let v: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    let texts: Vec<&str> = v["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b["text"].as_str())
        .collect();
    assert!(texts.iter().any(|t| t.contains("Kind")), "{texts:?}");
    let (code, _, err) = run(d, &["tables", "t.pdf", "--area", "10,10,5,50"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`10,10,5,50`: needs x0 < x1 and y0 < y1"),
        "{err}"
    );
    // Ruled tables: --lattice finds all three, --stream none of them.
    let count = |args: &[&str]| {
        let (code, stdout, err) = run(d, args);
        assert_eq!((code, err.as_str()), (0, ""), "{args:?}");
        String::from_utf8(stdout).unwrap().lines().count() - 1
    };
    assert_eq!(count(&["tables", "t.pdf", "--lattice"]), 3);
    // --stream reads the two-row tables from their text and horizontal rules (the header row
    // then recognised as such); the one-row table is not a table without its grid.
    let (code, stdout, err) = run(d, &["tables", "t.pdf", "--stream"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        String::from_utf8(stdout).unwrap(),
        "source\ttable\tpages\trows\tcols\theader_rows\theader\n\
         t.pdf\t1\t1\t2\t2\t1\tKind | Count\n\
         t.pdf\t2\t2\t2\t3\t1\tName | Value | Unit\n"
    );
    // A table without any rules: only the stream detector finds it.
    let rows = [
        ["Region", "Count"],
        ["North", "12"],
        ["South", "7"],
        ["East", "30"],
        ["West", "4"],
    ];
    let mut content = String::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, t) in row.iter().enumerate() {
            content.push_str(&support::text(
                72 + 200 * c as u32,
                700 - 18 * r as u32,
                10,
                t,
            ));
        }
    }
    std::fs::write(
        d.join("plain.pdf"),
        support::pdf(&[support::PageSpec::new(content)]),
    )
    .unwrap();
    let found = count(&["tables", "plain.pdf"]);
    assert_eq!(count(&["tables", "plain.pdf", "--stream"]), found);
    assert_eq!(count(&["tables", "plain.pdf", "--lattice"]), 0);
    assert_eq!(found, 1, "the default finds the line-less table");
    let (code, _, err) = run(d, &["tables", "t.pdf", "--stream", "--lattice"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");
}

#[test]
fn version_names_the_output_contract() {
    let out = docgrid().arg("--version").output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!(
            "docgrid {} (output contract {})\n",
            env!("CARGO_PKG_VERSION"),
            docgrid::model::CONTRACT_VERSION
        )
    );
}

#[test]
fn completions_are_generated_for_each_shell() {
    let dir = tempfile::tempdir().unwrap();
    // What each shell's script looks like: its own syntax, the subcommands, convert's --to.
    let marks: [(&str, &[&str]); 4] = [
        ("bash", &["complete -F", "convert", "batch", "--to"]),
        ("zsh", &["#compdef docgrid", "convert", "--to"]),
        ("fish", &["complete -c docgrid", "convert", "-l to"]),
        (
            "powershell",
            &["Register-ArgumentCompleter", "convert", "--to"],
        ),
    ];
    for (shell, wanted) in marks {
        let (code, out, err) = run(dir.path(), &["completions", shell]);
        let script = String::from_utf8(out).unwrap();
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(err.is_empty(), "{shell}: {err}");
        for mark in wanted {
            assert!(script.contains(mark), "{shell} script lacks {mark:?}");
        }
    }
    let (code, out, err) = run(dir.path(), &["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("invalid value 'tcsh'"), "{err}");
}

#[test]
fn man_prints_a_roff_page_naming_the_subcommands() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run(dir.path(), &["man"]);
    let page = String::from_utf8(out).unwrap();
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    let title = page.lines().find(|l| l.starts_with(".TH ")).unwrap_or("");
    assert!(title.contains("docgrid 1"), "{title}");
    assert!(
        title.contains(&format!(
            "output contract {}",
            docgrid::model::CONTRACT_VERSION
        )),
        "{title}"
    );
    assert!(page.contains(".SH SUBCOMMANDS"), "no SUBCOMMANDS section");
    for sub in ["convert", "batch", "tables", "report", "completions"] {
        assert!(page.contains(&format!("docgrid\\-{sub}(1)")), "no {sub}");
    }
    // A closed pipe ends quietly, as the conversions do.
    let (status, err) = into_closed_pipe(&["man"]);
    assert_eq!(status, Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
}
