//! `docgrid convert --to csv|cells|xlsx|md` on the annual-report samples, checked against the
//! samples' expected JSON (written by the sample generator, not by docgrid) and the issue's
//! acceptance points.

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// (sample, rows of the 申请 table: 26 in the 2019 format, 28 in the 2021 format).
const SAMPLES: [(&str, usize); 2] = [
    ("pingchuan_2020_annual_report", 26),
    ("qinghe_2023_annual_report", 28),
];

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(format!("{name}.docx"))
}

fn expected_tables(name: &str) -> Vec<serde_json::Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(format!("{name}.expected.json"));
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    doc["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["kind"] == "table")
        .cloned()
        .collect()
}

fn docgrid() -> Command {
    Command::cargo_bin("docgrid").unwrap()
}

fn read_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// The expected grid of a table from its JSON cells.
#[allow(clippy::needless_range_loop)] // (row, col) positions read clearer than iterator chains
fn grid(table: &serde_json::Value, fill: bool) -> Vec<Vec<String>> {
    let n = |v: &serde_json::Value| v.as_u64().unwrap() as usize;
    let mut g = vec![vec![String::new(); n(&table["cols"])]; n(&table["rows"])];
    for c in table["cells"].as_array().unwrap() {
        let (r0, k0) = (n(&c["row"]), n(&c["col"]));
        for r in r0..r0 + n(&c["row_span"]) {
            for k in k0..k0 + n(&c["col_span"]) {
                if fill || (r, k) == (r0, k0) {
                    g[r][k] = c["text"].as_str().unwrap().to_string();
                }
            }
        }
    }
    g
}

#[test]
fn csv_folder_holds_every_table_as_in_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut cmd = docgrid();
    cmd.args(["convert", "--to", "csv", "-o"]).arg(&out);
    for (name, _) in SAMPLES {
        cmd.arg(sample(name));
    }
    cmd.assert().success();
    for (name, rows) in SAMPLES {
        let tables = expected_tables(name);
        assert_eq!(tables.len(), 3);
        for (i, t) in tables.iter().enumerate() {
            let path = out.join(format!("{name}.docx.table-{}.csv", i + 1));
            let got = read_csv(&std::fs::read(&path).unwrap());
            assert_eq!(got, grid(t, false), "{}", path.display());
        }
        // The 申请 table (the report's table 3, our second table): rows × 10 columns.
        let got = read_csv(&std::fs::read(out.join(format!("{name}.docx.table-2.csv"))).unwrap());
        assert_eq!(got.len(), rows);
        assert!(got.iter().all(|r| r.len() == 10));
    }
}

#[test]
fn fill_merged_repeats_the_results_label_down_its_span() {
    for (name, rows) in SAMPLES {
        let out = docgrid()
            .args(["convert", "--to", "csv", "--table", "2", "--fill-merged"])
            .arg(sample(name))
            .output()
            .unwrap();
        assert!(out.status.success());
        let got = read_csv(&out.stdout);
        assert_eq!(got, grid(&expected_tables(name)[1], true));
        let label_rows = got.iter().filter(|r| r[0] == "三、本年度办理结果").count();
        // Everything but the 3 header rows, 一, 二 and 四: 20 rows (2019) or 22 rows (2021).
        assert_eq!(label_rows, rows - 6, "{name}");
    }
}

#[test]
fn header_paths_name_the_value_columns() {
    for (name, rows) in SAMPLES {
        let out = docgrid()
            .args([
                "convert",
                "--to",
                "csv",
                "--table",
                "2",
                "--header-paths",
                "--bom",
            ])
            .arg(sample(name))
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(out.stdout.starts_with(b"\xEF\xBB\xBF"));
        let got = read_csv(&out.stdout[3..]);
        assert_eq!(got.len(), rows - 3 + 1, "the 3 header rows become 1 line");
        assert_eq!(
            got[0][3..],
            [
                "申请人情况/自然人",
                "申请人情况/法人或其他组织/商业企业",
                "申请人情况/法人或其他组织/科研机构",
                "申请人情况/法人或其他组织/社会公益组织",
                "申请人情况/法人或其他组织/法律服务机构",
                "申请人情况/法人或其他组织/其他",
                "申请人情况/总计"
            ]
        );
    }
}

#[test]
fn csv_to_stdout_needs_one_table() {
    let out = docgrid()
        .args(["convert", "--to", "csv"])
        .arg(sample(SAMPLES[0].0))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("pick one with --table N"));
    let out = docgrid()
        .args(["convert", "--to", "csv", "--table", "7"])
        .arg(sample(SAMPLES[0].0))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no table 7"));
    for bad in [
        vec!["--to", "xlsx"],
        vec!["--to", "json", "--fill-merged"],
        vec!["--to", "md", "--bom"],
        vec!["--to", "csv", "--table", "0"],
    ] {
        let out = docgrid()
            .arg("convert")
            .args(&bad)
            .arg(sample(SAMPLES[0].0))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
    }
}

#[test]
fn cells_csv_lists_every_cell_of_every_input() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = docgrid();
    cmd.args(["convert", "--to", "cells", "-o"]).arg(dir.path());
    for (name, _) in SAMPLES {
        cmd.arg(sample(name));
    }
    cmd.assert().success();
    let rows = read_csv(&std::fs::read(dir.path().join("cells.csv")).unwrap());
    assert_eq!(
        rows[0],
        ["source", "table", "row", "col", "row_span", "col_span", "text"]
    );
    let mut want = Vec::new();
    for (name, _) in SAMPLES {
        for (i, t) in expected_tables(name).iter().enumerate() {
            for c in t["cells"].as_array().unwrap() {
                want.push(vec![
                    sample(name).to_string_lossy().into_owned(),
                    (i + 1).to_string(),
                    c["row"].to_string(),
                    c["col"].to_string(),
                    c["row_span"].to_string(),
                    c["col_span"].to_string(),
                    c["text"].as_str().unwrap().to_string(),
                ]);
            }
        }
    }
    assert_eq!(rows[1..], want);
}

#[test]
fn xlsx_has_the_merged_ranges_and_values_of_the_json() {
    let dir = tempfile::tempdir().unwrap();
    for (name, _) in SAMPLES {
        docgrid()
            .args(["convert", "--to", "xlsx", "-o"])
            .arg(dir.path())
            .arg(sample(name))
            .assert()
            .success();
        let mut book: Xlsx<_> =
            calamine::open_workbook(dir.path().join(format!("{name}.docx.xlsx"))).unwrap();
        assert_eq!(
            book.sheet_names(),
            ["Table 1", "Table 2", "Table 3", "Text"]
        );
        for (i, t) in expected_tables(name).iter().enumerate() {
            let sheet = format!("Table {}", i + 1);
            let merged: BTreeSet<_> = book
                .merge_cells_by_sheet_name(&sheet)
                .unwrap()
                .into_iter()
                .map(|d| (d.start, d.end))
                .collect();
            let n = |v: &serde_json::Value| v.as_u64().unwrap() as u32;
            let want: BTreeSet<_> = t["cells"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| n(&c["row_span"]) > 1 || n(&c["col_span"]) > 1)
                .map(|c| {
                    let (r, k) = (n(&c["row"]), n(&c["col"]));
                    (
                        (r, k),
                        (r + n(&c["row_span"]) - 1, k + n(&c["col_span"]) - 1),
                    )
                })
                .collect();
            assert_eq!(merged, want, "{name} {sheet}");
            let range = book.worksheet_range(&sheet).unwrap();
            for (r, row) in grid(t, false).iter().enumerate() {
                for (k, text) in row.iter().enumerate() {
                    let got = range.get_value((r as u32, k as u32)).cloned();
                    let got = got.unwrap_or(Data::Empty);
                    let trimmed = text.trim();
                    let is_number = !trimmed.is_empty()
                        && trimmed.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                        && (trimmed == "0"
                            || !trimmed.starts_with('0')
                            || trimmed.starts_with("0."));
                    let want = if text.is_empty() {
                        Data::Empty
                    } else if is_number {
                        Data::Float(trimmed.parse().unwrap())
                    } else {
                        Data::String(text.clone())
                    };
                    assert_eq!(got, want, "{name} {sheet} ({r}, {k})");
                }
            }
        }
    }
}

#[test]
fn markdown_keeps_spans_as_html() {
    let out = docgrid()
        .args(["convert", "--to", "md"])
        .arg(sample(SAMPLES[0].0))
        .output()
        .unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("\n# 一、总体情况：\n"), "headings as Markdown");
    assert_eq!(
        md.matches("<table>").count(),
        3,
        "every sample table has spans"
    );
    assert!(md.contains("<th rowspan=\"2\">自然人</th>"));
    assert!(md.contains("<td rowspan=\"20\">三、本年度办理结果</td>"));
    assert!(md.contains("本年新<br>制作数量"));
}
