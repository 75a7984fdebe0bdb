//! `docgrid::batch`: a folder of good and bad inputs, reruns, shards, panics, stalls, and a
//! batch killed with SIGKILL and resumed.

#[path = "batch/support.rs"]
mod support;

use docgrid::batch::{self, Shard};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};
use support::{assert_fixture_output, config, docx, manifest, run, temp_files, tree};

#[cfg(unix)]
#[test]
fn mixed_folder_converts_every_valid_file_and_records_each_bad_one() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::symlink;

    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    fs::create_dir_all(input.join("sub/deeper")).unwrap();
    fs::create_dir_all(input.join("x.docx")).unwrap();
    let good = docx("Good report", 0);
    fs::write(input.join("good.docx"), &good).unwrap();
    fs::write(input.join("sub/deeper/UPPER.DOCX"), docx("Upper", 0)).unwrap();
    // A folder named like an input is walked into, not read.
    fs::write(input.join("x.docx/inside.docx"), docx("Inside", 0)).unwrap();
    let non_utf8 = input.join(OsStr::from_bytes(b"r\xe9sum\xe9.docx"));
    fs::write(&non_utf8, docx("Latin-1 name", 0)).unwrap();
    fs::write(input.join("truncated.docx"), &good[..good.len() / 2]).unwrap();
    fs::write(
        input.join("notzip.docx"),
        b"This is a text file, renamed.\n",
    )
    .unwrap();
    fs::write(input.join("empty.docx"), b"").unwrap();
    fs::write(input.join("notes.txt"), b"not an input").unwrap();
    symlink(".", input.join("sub/loop")).unwrap();
    symlink("self.docx", input.join("self.docx")).unwrap();

    let summary = run(&[&input], &out);

    assert_eq!(
        (summary.converted, summary.skipped, summary.failed),
        (4, 0, 5),
        "{summary}"
    );
    assert_eq!(summary.exit_code(), 1);
    assert_fixture_output(
        &out.join("good.docx.json"),
        &input.join("good.docx"),
        "Good report",
    );
    assert_fixture_output(
        &out.join("sub/deeper/UPPER.DOCX.json"),
        &input.join("sub/deeper/UPPER.DOCX"),
        "Upper",
    );
    assert_fixture_output(
        &out.join("x.docx/inside.docx.json"),
        &input.join("x.docx/inside.docx"),
        "Inside",
    );
    assert_fixture_output(
        &out.join(OsStr::from_bytes(b"r\xe9sum\xe9.docx.json")),
        &non_utf8,
        "Latin-1 name",
    );

    let m = manifest(&out, "manifest.jsonl");
    let p = |rel: &str| input.join(rel).to_string_lossy().into_owned();
    let status = |rel: &str| m[&p(rel)]["status"].as_str().unwrap().to_string();
    let error = |rel: &str| m[&p(rel)]["error"].as_str().unwrap().to_string();
    assert_eq!(m.len(), 9, "{m:#?}");
    for ok in ["good.docx", "sub/deeper/UPPER.DOCX", "x.docx/inside.docx"] {
        assert_eq!(status(ok), "ok");
        assert_eq!(
            (m[&p(ok)]["tables"].as_u64(), m[&p(ok)]["blocks"].as_u64()),
            (Some(1), Some(2))
        );
    }
    let lossy = non_utf8.to_string_lossy().into_owned();
    assert_eq!(m[&lossy]["status"], "ok");
    assert_eq!(
        m[&lossy]["path_hex"].as_str().unwrap(),
        non_utf8
            .as_os_str()
            .as_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    for bad in [
        "truncated.docx",
        "notzip.docx",
        "empty.docx",
        "self.docx",
        "sub/loop",
    ] {
        assert_eq!(status(bad), "failed", "{bad}");
        let cause = error(bad);
        assert!(
            !cause.is_empty() && !cause.contains('\n'),
            "{bad}: {cause:?}"
        );
        assert!(m[&p(bad)]["tables"].is_null());
    }
    assert!(
        error("truncated.docx").contains("zip"),
        "{}",
        error("truncated.docx")
    );
    assert!(error("notzip.docx").contains("not a format docgrid reads"));
    // Sniffing names what a file is (issue 15): an empty file says so.
    assert_eq!(error("empty.docx"), "empty file");
    assert!(
        error("self.docx").contains("symbolic links"),
        "{}",
        error("self.docx")
    );
    assert!(error("sub/loop").contains("loop"), "{}", error("sub/loop"));
    // Nothing else in the output tree: no output for failures, no temporary files.
    let files: BTreeSet<PathBuf> = tree(&out)
        .into_iter()
        .filter(|(_, b)| b.is_some())
        .map(|(p, _)| p)
        .collect();
    assert_eq!(files.len(), 4, "{files:#?}");
    assert!(temp_files(&out).is_empty());
}

#[test]
fn rerun_skips_complete_outputs_redoes_stale_or_cut_ones_and_force_redoes_all() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    fs::create_dir_all(input.join("a")).unwrap();
    for name in ["one", "two", "three"] {
        fs::write(input.join(format!("a/{name}.docx")), docx(name, 3)).unwrap();
    }
    let first = run(&[&input], &out);
    assert_eq!((first.converted, first.skipped, first.failed), (3, 0, 0));
    assert_eq!(first.exit_code(), 0);

    let second = run(&[&input], &out);
    assert_eq!((second.converted, second.skipped, second.failed), (0, 3, 0));
    let m = manifest(&out, "manifest.jsonl");
    assert_eq!(m.len(), 3);
    for v in m.values() {
        // Skipped lines keep the counts of the run that converted them (1 table, 5 blocks).
        assert_eq!(
            (
                v["status"].as_str(),
                v["tables"].as_u64(),
                v["blocks"].as_u64()
            ),
            (Some("skipped"), Some(1), Some(5))
        );
    }

    // An input newer than its output, and an output cut short, are redone.
    let later = SystemTime::now() + Duration::from_secs(5);
    fs::File::options()
        .write(true)
        .open(input.join("a/one.docx"))
        .unwrap()
        .set_modified(later)
        .unwrap();
    let two = out.join("a/two.docx.json");
    let len = fs::metadata(&two).unwrap().len();
    fs::File::options()
        .write(true)
        .open(&two)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    let third = run(&[&input], &out);
    assert_eq!((third.converted, third.skipped, third.failed), (2, 1, 0));
    assert_fixture_output(&two, &input.join("a/two.docx"), "two");
    // The output of an input dated in the future carries that date, so the next run skips it.
    assert!(
        fs::metadata(out.join("a/one.docx.json"))
            .unwrap()
            .modified()
            .unwrap()
            >= later
    );
    let fourth = run(&[&input], &out);
    assert_eq!((fourth.converted, fourth.skipped), (0, 3));

    let mut forced = config(&[&input], &out);
    forced.force = true;
    let fifth = batch::run(&forced).unwrap();
    assert_eq!((fifth.converted, fifth.skipped, fifth.failed), (3, 0, 0));
}

fn fake_convert(
    bytes: &[u8],
    options: &docgrid::Options,
) -> Result<docgrid::Document, docgrid::Error> {
    if bytes.starts_with(b"PANIC") {
        panic!("injected panic");
    }
    if bytes.starts_with(b"STALL") {
        std::thread::sleep(Duration::from_secs(4));
    }
    docgrid::convert_bytes(bytes, options)
}

#[test]
fn a_panicking_conversion_fails_that_file_only() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    fs::create_dir_all(&input).unwrap();
    fs::write(input.join("boom.docx"), b"PANIC").unwrap();
    for i in 0..6 {
        fs::write(input.join(format!("ok{i}.docx")), docx("fine", 0)).unwrap();
    }
    let mut c = config(&[&input], &out);
    c.convert = fake_convert;
    let s = batch::run(&c).unwrap();
    assert_eq!((s.converted, s.failed), (6, 1));
    let m = manifest(&out, "manifest.jsonl");
    let boom = &m[&input.join("boom.docx").to_string_lossy().into_owned()];
    assert_eq!(boom["status"], "failed");
    assert!(
        boom["error"]
            .as_str()
            .unwrap()
            .contains("panicked: injected panic"),
        "{boom}"
    );
}

#[test]
fn a_stalled_conversion_times_out_and_the_batch_finishes_without_it() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    fs::create_dir_all(&input).unwrap();
    fs::write(input.join("stall.docx"), b"STALL").unwrap();
    for i in 0..8 {
        fs::write(input.join(format!("ok{i}.docx")), docx("fine", 0)).unwrap();
    }
    let mut c = config(&[&input], &out);
    c.convert = fake_convert;
    c.jobs = 1;
    c.timeout = Some(Duration::from_millis(300));
    let started = Instant::now();
    let s = batch::run(&c).unwrap();
    // The stalled input sleeps 4 s; the others go on in the spare thread, and run() does not
    // wait for the abandoned conversion.
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!((s.converted, s.failed), (8, 1));
    let m = manifest(&out, "manifest.jsonl");
    let stall = &m[&input.join("stall.docx").to_string_lossy().into_owned()];
    assert!(
        stall["error"].as_str().unwrap().starts_with("timed out"),
        "{stall}"
    );
    assert!(!out.join("stall.docx.json").exists());
}

#[test]
fn shards_partition_the_full_run() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    for i in 0..30 {
        let dir = input.join(format!("d{}", i % 4));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join(format!("r{i}.docx")), docx(&format!("r{i}"), 0)).unwrap();
    }
    fs::write(input.join("bad.docx"), b"garbage").unwrap();
    let full_out = tmp.path().join("full");
    let full = run(&[&input], &full_out);
    assert_eq!((full.converted, full.failed), (30, 1));
    let full_tree = tree(&full_out);
    let full_manifest = manifest(&full_out, "manifest.jsonl");

    // All three shards into one folder, as N machines on a shared file system would.
    let shared = tmp.path().join("shared");
    let mut seen = BTreeSet::new();
    let mut concatenated = BTreeMap::new();
    for k in 1..=3 {
        let mut c = config(&[&input], &shared);
        c.shard = Some(Shard::new(k, 3).unwrap());
        let s = batch::run(&c).unwrap();
        assert!(s.converted > 0, "shard {k}/3 is empty");
        let m = manifest(&shared, &format!("manifest.shard-{k}-of-3.jsonl"));
        for (path, line) in m {
            assert!(seen.insert(path.clone()), "{path} in two shards");
            concatenated.insert(path, line["status"].clone());
        }
    }
    let full_status: BTreeMap<_, _> = full_manifest
        .into_iter()
        .map(|(p, v)| (p, v["status"].clone()))
        .collect();
    assert_eq!(concatenated, full_status);
    assert_eq!(tree(&shared), full_tree);
}

#[test]
fn several_inputs_are_mirrored_under_their_names_and_a_named_file_is_read_whatever_its_name() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("archive");
    fs::create_dir_all(dir.join("2021")).unwrap();
    fs::write(dir.join("2021/a.docx"), docx("A", 0)).unwrap();
    fs::write(
        dir.join("2021/skip.bin"),
        docx("not selected in a folder", 0),
    )
    .unwrap();
    let odd = tmp.path().join("report.bin");
    fs::write(&odd, docx("Odd name", 0)).unwrap();
    let out = tmp.path().join("out");
    let s = run(&[&dir, &odd], &out);
    assert_eq!((s.converted, s.failed), (2, 0));
    assert_fixture_output(
        &out.join("archive/2021/a.docx.json"),
        &dir.join("2021/a.docx"),
        "A",
    );
    assert_fixture_output(&out.join("report.bin.json"), &odd, "Odd name");
    assert_eq!(tree(&out).len(), 4, "{:#?}", tree(&out)); // archive/, archive/2021/, 2 files
}

#[test]
fn shard_arguments_are_checked() {
    assert_eq!("2/8".parse::<Shard>().unwrap(), Shard::new(2, 8).unwrap());
    for bad in ["0/3", "4/3", "1/0", "a/b", "3", ""] {
        assert!(bad.parse::<Shard>().is_err(), "{bad}");
    }
}

#[test]
fn an_unusable_output_folder_is_an_error_but_a_missing_input_is_a_failure() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("occupied");
    fs::write(&file, b"x").unwrap();
    let err = batch::run(&config(&[tmp.path()], &file)).unwrap_err();
    assert_eq!(err.exit_code(), 2);
    let dup = batch::run(&config(
        &[&tmp.path().join("a/in"), &tmp.path().join("b/in")],
        &tmp.path().join("o"),
    ));
    assert!(matches!(dup, Err(batch::BatchError::Usage(_))));
    // A missing input is that input's failure, not a usage error: the others still run.
    let missing = tmp.path().join("missing");
    let s = run(
        &[&missing, &tmp.path().join("occupied")],
        &tmp.path().join("o2"),
    );
    assert_eq!((s.converted, s.failed, s.exit_code()), (0, 2, 1));
    let m = manifest(&tmp.path().join("o2"), "manifest.jsonl");
    let cause = m[&missing.to_string_lossy().into_owned()]["error"]
        .as_str()
        .unwrap();
    assert!(cause.contains("No such file"), "{cause}");
}

/// Set in the child process of the kill-and-resume test: "<input>\n<out>".
const CHILD_ENV: &str = "DOCGRID_BATCH_TEST_CHILD";

/// Not a test of its own: the body of the child process that the kill-and-resume test starts
/// (this test binary, re-run on this one test) and kills. Does nothing otherwise.
#[test]
fn child_process_entry() {
    let Ok(spec) = std::env::var(CHILD_ENV) else {
        return;
    };
    let (input, out) = spec.split_once('\n').unwrap();
    run(&[Path::new(input)], Path::new(out));
}

#[cfg(unix)]
#[test]
fn a_batch_killed_at_a_random_point_and_rerun_matches_a_clean_run() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    for i in 0..240 {
        let dir = input.join(format!("{}/{}", i % 5, i % 3));
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join(format!("report{i}.docx")),
            docx(&format!("Report {i}"), i % 40 * 10),
        )
        .unwrap();
    }
    fs::write(input.join("broken.docx"), b"PK\x03\x04 but nothing after").unwrap();

    let clean_out = tmp.path().join("clean");
    let started = Instant::now();
    let clean = run(&[&input], &clean_out);
    let clean_time = started.elapsed();
    assert_eq!((clean.converted, clean.failed), (240, 1));

    let mut clock = support::KillClock::new();
    let seed = clock.seed;
    let mut next = || clock.next();
    let out = tmp.path().join("resumed");
    let mut done = 0;
    for round in 0..3 {
        // Up to the time the remaining work took in the clean run, plus the child's start-up,
        // so that most kills land mid-run.
        let remaining = clean_time.as_micros() as u64 * (240 - done) / 240;
        let delay = Duration::from_micros(next() % (remaining + 50_000));
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "child_process_entry",
                "--nocapture",
                "--test-threads",
                "1",
            ])
            .env(CHILD_ENV, format!("{}\n{}", input.display(), out.display()))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        done = walkdir::WalkDir::new(&out)
            .into_iter()
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "json"))
            })
            .count() as u64;
        eprintln!("seed {seed}: round {round} killed after {delay:?} with {done}/240 outputs");
    }
    let resumed = run(&[&input], &out);
    assert_eq!(resumed.converted + resumed.skipped, 240);
    assert_eq!(resumed.failed, 1);
    assert!(temp_files(&out).is_empty(), "{:?}", temp_files(&out));
    assert_eq!(tree(&out), tree(&clean_out), "seed {seed}");
    // Same inputs, same outcomes (a skipped input was converted by an earlier run), same counts.
    let view = |m: BTreeMap<String, Value>| -> BTreeMap<String, (String, Value, Value)> {
        m.into_iter()
            .map(|(p, v)| {
                let status = v["status"].as_str().unwrap().replace("skipped", "ok");
                (p, (status, v["tables"].clone(), v["blocks"].clone()))
            })
            .collect()
    };
    assert_eq!(
        view(manifest(&out, "manifest.jsonl")),
        view(manifest(&clean_out, "manifest.jsonl"))
    );
    assert!(!out.join(".manifest.jsonl.prev").exists());
}
