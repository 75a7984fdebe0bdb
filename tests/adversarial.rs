//! Adversarial inputs, small enough for CI: none may panic, hang, or fail with more than one
//! line; bombs and bounds must fail with the specific typed error.

mod common;

use common::Fixture;
use docgrid::error::ErrorKind;
use docgrid::{convert_bytes, Error, Limits, Options};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::time::Duration;

/// Bound on one conversion in a debug build; real documents take well under a second.
const TIME_BOUND: Duration = Duration::from_secs(15);

#[path = "adversarial/pdf.rs"]
mod pdf;
#[path = "support/pdf.rs"]
mod support;

/// Runs `f` on its own thread: fails the test on a panic or when it takes over [`TIME_BOUND`].
fn within<T: Send + 'static>(name: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(catch_unwind(AssertUnwindSafe(f)));
    });
    let outcome = rx
        .recv_timeout(TIME_BOUND)
        .unwrap_or_else(|_| panic!("{name}: no result within {TIME_BOUND:?}"));
    outcome.unwrap_or_else(|_| panic!("{name}: panicked"))
}

/// Converts on its own thread: fails the test on a panic, a timeout or a multi-line error.
fn run(name: &str, bytes: Vec<u8>, limits: Limits) -> Result<(), Error> {
    let options = Options {
        limits,
        ..Options::default()
    };
    let result = within(name, move || convert_bytes(&bytes, &options).map(|_| ()));
    if let Err(e) = &result {
        let line = e.to_string();
        assert!(!line.contains('\n'), "{name}: multi-line error: {line:?}");
        assert!(!line.is_empty(), "{name}: empty error");
    }
    result
}

fn doc(inner: &str) -> Vec<u8> {
    Fixture::new(inner).build()
}

fn raw(xml: &[u8]) -> Vec<u8> {
    Fixture::new("").raw_document(xml).build()
}

fn limit_name(name: &str, result: Result<(), Error>) -> &'static str {
    match result {
        Err(e) => match e.kind() {
            ErrorKind::Limit { what, .. } => what,
            other => panic!("{name}: expected a Limit error, got {other:?}"),
        },
        Ok(()) => panic!("{name}: expected a Limit error, got Ok"),
    }
}

#[test]
fn deflate_bomb_stops_at_part_limit() {
    // 16 MiB of whitespace deflates ~1000:1; the bound, not the declared size, must stop it.
    let mut xml = br#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#.to_vec();
    xml.resize(xml.len() + 16 * 1024 * 1024, b' ');
    xml.extend_from_slice(b"</w:body></w:document>");
    let limits = Limits {
        max_part_bytes: 1024 * 1024,
        ..Limits::default()
    };
    let r = run("bomb", raw(&xml), limits);
    assert_eq!(limit_name("bomb", r), "max_part_bytes");
}

#[test]
fn total_bytes_bound_applies_across_parts() {
    let limits = Limits {
        max_total_bytes: 2_000,
        ..Limits::default()
    };
    let big = "<w:p><w:r><w:t>filler text</w:t></w:r></w:p>".repeat(200);
    let r = run("total", doc(&big), limits);
    assert_eq!(limit_name("total", r), "max_total_bytes");
}

#[test]
fn entity_declarations_and_billion_laughs_are_refused() {
    let laughs = br#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"#;
    let xxe = br#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"#;
    for (name, xml) in [("laughs", &laughs[..]), ("xxe", &xxe[..])] {
        match run(name, raw(xml), Limits::default()) {
            Err(e) => assert!(
                matches!(e.kind(), ErrorKind::Dtd { part } if part == "word/document.xml"),
                "{name}: {e}"
            ),
            Ok(()) => panic!("{name}: a DTD was accepted"),
        }
    }
}

#[test]
fn ten_thousand_deep_nesting_hits_depth_limit() {
    let body = format!(
        "{}{}",
        "<w:sdt><w:sdtContent>".repeat(5_000),
        "</w:sdtContent></w:sdt>".repeat(5_000)
    );
    let r = run("deep", doc(&body), Limits::default());
    assert_eq!(limit_name("deep", r), "max_depth");
}

#[test]
fn hundred_thousand_column_table_hits_column_limit() {
    let row = r#"<w:tr><w:tc><w:tcPr><w:gridSpan w:val="100000"/></w:tcPr><w:p/></w:tc></w:tr>"#;
    let r = run(
        "wide",
        doc(&format!("<w:tbl>{row}</w:tbl>")),
        Limits::default(),
    );
    assert_eq!(limit_name("wide", r), "max_table_cols");
}

#[test]
fn long_vmerge_chain_is_bounded() {
    // 20,000 rows here (the full set uses 100,000); a table of one merged column must
    // either convert or stop at a bound, in time and without panicking.
    let first = r#"<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p/></w:tc></w:tr>"#;
    let rest = r#"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>"#.repeat(19_999);
    let _ = run(
        "vmerge",
        doc(&format!("<w:tbl>{first}{rest}</w:tbl>")),
        Limits::default(),
    );
}

fn sample() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/qinghe_2023_annual_report.docx"
    );
    std::fs::read(path).unwrap()
}

#[test]
fn truncations_never_panic() {
    let bytes = sample();
    for cut in (0..bytes.len()).step_by(1024) {
        let _ = run(
            &format!("cut {cut}"),
            bytes[..cut].to_vec(),
            Limits::default(),
        );
    }
}

#[test]
fn byte_flips_never_panic() {
    let bytes = sample();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in 0..200 {
        let mut mutated = bytes.clone();
        for _ in 0..8 {
            // xorshift: deterministic, so a failure names a reproducible case.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let at = (state % mutated.len() as u64) as usize;
            mutated[at] ^= (state >> 32) as u8 | 1;
        }
        let _ = run(&format!("flip {i}"), mutated, Limits::default());
    }
}

#[test]
fn cli_overrides_reach_the_reader() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/qinghe_2023_annual_report.docx"
    );
    let cases = [
        ("--max-part-bytes", "1000", "max_part_bytes over 1000"),
        ("--max-total-bytes", "5000", "max_total_bytes over 5000"),
        ("--max-depth", "5", "max_depth over 5"),
        ("--max-table-cols", "2", "max_table_cols over 2"),
        ("--max-table-cells", "4", "max_table_cells over 4"),
    ];
    for (option, value, expected) in cases {
        let out = assert_cmd::Command::cargo_bin("docgrid")
            .unwrap()
            .args(["convert", path, option, value])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{option}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{option}: {stderr}");
        assert!(stderr.contains(expected), "{option}: {stderr}");
    }
}
