//! `docgrid batch --to csv|cells`: a folder of per-table CSVs per input, per-input cells CSVs
//! gathered into one `cells.csv`, both resumable and safe against SIGKILL like JSON.

#[path = "batch/support.rs"]
#[allow(dead_code)] // shared with tests/batch.rs, which uses all of it
mod support;

use docgrid::batch::{self, BatchConfig, Cells, Csv, Shard};
use docgrid::write::csv::CsvOptions;
use std::fs;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::{config, docx, temp_files, tree};

const HEADER: &str = "source,table,row,col,row_span,col_span,text\n";

fn csv_config(inputs: &[&Path], out: &Path, fill_merged: bool) -> BatchConfig {
    let mut c = config(inputs, out);
    c.format = Arc::new(Csv {
        options: CsvOptions {
            fill_merged,
            ..CsvOptions::default()
        },
    });
    c
}

fn cells_config(inputs: &[&Path], out: &Path, bom: bool) -> BatchConfig {
    let mut c = config(inputs, out);
    c.format = Arc::new(Cells { bom });
    c
}

/// The fixture's cells rows (see `support::docx`: "Header" over both columns, then a, b).
fn fixture_rows(source: &Path) -> String {
    let s = source.display();
    format!("{s},1,0,0,1,2,Header\n{s},1,1,0,1,1,a\n{s},1,1,1,1,1,b\n")
}

#[test]
fn csv_writes_one_folder_per_input_with_one_file_per_table() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir_all(input.join("sub")).unwrap();
    fs::write(input.join("a.docx"), docx("A", 0)).unwrap();
    fs::write(input.join("sub/b.docx"), docx("B", 3)).unwrap();
    fs::write(input.join("bad.docx"), b"not a zip").unwrap();
    let out = tmp.path().join("out");

    let s = batch::run(&csv_config(&[&input], &out, false)).unwrap();
    assert_eq!((s.converted, s.failed), (2, 1));
    // The merged header cell's text sits at its top-left position only, as `convert` writes it.
    assert_eq!(
        fs::read_to_string(out.join("a.docx.csv/a.docx.table-1.csv")).unwrap(),
        "Header,\na,b\n"
    );
    assert_eq!(
        fs::read_to_string(out.join("sub/b.docx.csv/b.docx.table-1.csv")).unwrap(),
        "Header,\na,b\n"
    );
    assert!(!out.join("bad.docx.csv").exists());
    assert_eq!(fs::read_dir(out.join("a.docx.csv")).unwrap().count(), 1);

    // A rerun skips both; --force with --fill-merged replaces the folders whole.
    let again = batch::run(&csv_config(&[&input], &out, false)).unwrap();
    assert_eq!((again.converted, again.skipped), (0, 2));
    let mut forced = csv_config(&[&input], &out, true);
    forced.force = true;
    let s = batch::run(&forced).unwrap();
    assert_eq!(s.converted, 2);
    assert_eq!(
        fs::read_to_string(out.join("a.docx.csv/a.docx.table-1.csv")).unwrap(),
        "Header,Header\na,b\n"
    );
    assert!(temp_files(&out).is_empty(), "{:?}", temp_files(&out));
}

#[test]
fn csv_folder_left_half_written_by_a_killed_run_is_removed_and_redone() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir_all(&input).unwrap();
    fs::write(input.join("a.docx"), docx("A", 0)).unwrap();
    let out = tmp.path().join("out");
    // What a kill during the write leaves: the temporary folder, never the output itself.
    let leftover = out.join(".a.docx.csv.docgrid-tmp");
    fs::create_dir_all(&leftover).unwrap();
    fs::write(leftover.join("a.docx.table-1.csv"), "Hea").unwrap();

    let s = batch::run(&csv_config(&[&input], &out, false)).unwrap();
    assert_eq!(s.converted, 1);
    assert!(!leftover.exists());
    assert_eq!(
        fs::read_to_string(out.join("a.docx.csv/a.docx.table-1.csv")).unwrap(),
        "Header,\na,b\n"
    );
}

#[test]
fn cells_are_gathered_into_one_file_in_path_order_on_every_run() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir_all(input.join("z")).unwrap();
    // Created out of name order, so directory order is unlikely to match it.
    for name in ["z/c.docx", "b.docx", "a.docx"] {
        fs::write(input.join(name), docx(name, 1)).unwrap();
    }
    fs::write(input.join("broken.docx"), b"PK\x03\x04").unwrap();
    let out = tmp.path().join("out");

    let s = batch::run(&cells_config(&[&input], &out, true)).unwrap();
    assert_eq!((s.converted, s.failed), (3, 1));
    let want = format!(
        "\u{feff}{HEADER}{}{}{}",
        fixture_rows(&input.join("a.docx")),
        fixture_rows(&input.join("b.docx")),
        fixture_rows(&input.join("z/c.docx"))
    );
    assert_eq!(fs::read_to_string(out.join("cells.csv")).unwrap(), want);
    // Each input's own file is a complete cells CSV too.
    assert_eq!(
        fs::read_to_string(out.join("z/c.docx.cells.csv")).unwrap(),
        format!("\u{feff}{HEADER}{}", fixture_rows(&input.join("z/c.docx")))
    );

    // A rerun with nothing to do, and one that redoes a deleted part, give the same file.
    let again = batch::run(&cells_config(&[&input], &out, true)).unwrap();
    assert_eq!((again.skipped, again.failed), (3, 1));
    assert_eq!(fs::read_to_string(out.join("cells.csv")).unwrap(), want);
    fs::remove_file(out.join("b.docx.cells.csv")).unwrap();
    let redo = batch::run(&cells_config(&[&input], &out, true)).unwrap();
    assert_eq!((redo.converted, redo.skipped), (1, 2));
    assert_eq!(fs::read_to_string(out.join("cells.csv")).unwrap(), want);
}

#[test]
fn each_shard_gathers_its_own_cells_file_and_they_add_up() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir_all(&input).unwrap();
    for i in 0..12 {
        fs::write(input.join(format!("r{i:02}.docx")), docx("R", 0)).unwrap();
    }
    let out = tmp.path().join("out");
    let mut rows = 0;
    for k in 1..=3 {
        let mut c = cells_config(&[&input], &out, false);
        c.shard = Some(Shard::new(k, 3).unwrap());
        batch::run(&c).unwrap();
        let text = fs::read_to_string(out.join(format!("cells.shard-{k}-of-3.csv"))).unwrap();
        assert!(text.starts_with(HEADER));
        rows += text.lines().count() - 1;
    }
    assert_eq!(rows, 12 * 3);
    assert!(!out.join("cells.csv").exists());
}

const CHILD_ENV: &str = "DOCGRID_BATCH_CSV_TEST_CHILD";

fn config_for(format: &str, input: &Path, out: &Path) -> BatchConfig {
    match format {
        "csv" => csv_config(&[input], out, false),
        _ => cells_config(&[input], out, false),
    }
}

/// Entry point of the child process the kill test starts (does nothing in a normal run).
#[test]
fn child_process_entry() {
    let Ok(spec) = std::env::var(CHILD_ENV) else {
        return;
    };
    let mut parts = spec.split('\n');
    let (Some(format), Some(input), Some(out)) = (parts.next(), parts.next(), parts.next()) else {
        return;
    };
    let _ = batch::run(&config_for(format, Path::new(input), Path::new(out)));
}

#[cfg(unix)]
#[test]
fn csv_and_cells_batches_killed_at_random_points_and_rerun_match_clean_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    for i in 0..120 {
        let dir = input.join(format!("{}", i % 4));
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join(format!("report{i}.docx")),
            docx(&format!("Report {i}"), i % 30 * 10),
        )
        .unwrap();
    }
    let mut clock = support::KillClock::new();
    let seed = clock.seed;
    let mut next = || clock.next();
    for format in ["csv", "cells"] {
        let clean_out = tmp.path().join(format!("clean-{format}"));
        let started = Instant::now();
        let clean = batch::run(&config_for(format, &input, &clean_out)).unwrap();
        let clean_time = started.elapsed();
        assert_eq!(clean.converted, 120);
        let out = tmp.path().join(format!("resumed-{format}"));
        for round in 0..3 {
            let delay = Duration::from_micros(next() % (clean_time.as_micros() as u64 + 50_000));
            let mut child = std::process::Command::new(std::env::current_exe().unwrap())
                .args(["--exact", "child_process_entry", "--test-threads", "1"])
                .env(
                    CHILD_ENV,
                    format!("{format}\n{}\n{}", input.display(), out.display()),
                )
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            std::thread::sleep(delay);
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            eprintln!("seed {seed}: {format} round {round} killed after {delay:?}");
        }
        let resumed = batch::run(&config_for(format, &input, &out)).unwrap();
        assert_eq!(resumed.converted + resumed.skipped, 120);
        assert!(temp_files(&out).is_empty(), "{:?}", temp_files(&out));
        assert_eq!(tree(&out), tree(&clean_out), "{format}, seed {seed}");
    }
}

#[test]
fn report_batch_keys_every_sample_and_gathers_values_and_checks() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let mut c = config(&[&samples], &out);
    c.format = Arc::new(batch::Report {
        templates: Arc::new(docgrid::report::Templates::builtin().unwrap()),
        bom: false,
    });
    let s = batch::run(&c).unwrap();
    // The two .docx samples and the PDF export of qinghe's.
    assert_eq!((s.converted, s.failed), (3, 0));
    let pingchuan = samples.join("pingchuan_2020_annual_report.docx");
    let qinghe = samples.join("qinghe_2023_annual_report.docx");
    for dir in [
        "pingchuan_2020_annual_report.docx.report",
        "qinghe_2023_annual_report.docx.report",
        "qinghe_2023_annual_report.pdf.report",
    ] {
        for part in ["report.json", "values.csv", "checks.csv", "series.json"] {
            assert!(out.join(dir).join(part).is_file(), "{dir}/{part}");
        }
    }
    let values = fs::read_to_string(out.join("values.csv")).unwrap();
    let mut lines = values.lines();
    assert_eq!(
        lines.next(),
        Some(
            "source,org,year,format,table,key,row_label,col_label,text,num,unit,instance,\
             org_source,org_confidence,year_source,year_confidence,table_no,pages,row,col,\
             row_path,col_path"
        )
    );
    // The seed's layout is the 2019 one (samples/README.md); rows of pingchuan come first.
    let rows: Vec<&str> = lines.collect();
    let first_qinghe = rows
        .iter()
        .position(|r| r.starts_with(&*qinghe.to_string_lossy()))
        .unwrap();
    assert!(first_qinghe > 0);
    assert!(rows[..first_qinghe]
        .iter()
        .all(|r| r.starts_with(&format!("{},白银市平川区,2020,2019,", pingchuan.display()))));
    assert!(rows
        .iter()
        .any(|r| r.contains(",t3.new_received.natural_person,")));
    // The seed's own arithmetic error (issue 7): T3.balance and T3.results_sum fail in 自然人
    // and 总计, and nothing else fails, in either report.
    let checks = fs::read_to_string(out.join("checks.csv")).unwrap();
    // status is the 9th column (1.5 adds columns after it).
    let mut failed: Vec<String> = checks
        .lines()
        .filter(|l| l.contains(",fail,"))
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            format!("{} {}", f[4], f[5])
        })
        .collect();
    failed.sort();
    assert_eq!(
        failed,
        [
            "T3.balance natural_person",
            "T3.balance total",
            "T3.results_sum natural_person",
            "T3.results_sum total"
        ]
    );
    assert!(checks
        .lines()
        .filter(|l| l.contains(",fail,"))
        .all(|l| l.starts_with(&*pingchuan.to_string_lossy())));
}
