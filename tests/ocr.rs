//! OCR of scanned pages (feature `ocr`): a report page rendered to a 300 dpi JPEG scan and back
//! to PDF, read end to end. Needs the models and runtime (scripts/ocr_setup.sh), pdftoppm and
//! img2pdf, and ../shared/corpus; without them each test prints SKIPPED and passes.
#![cfg(feature = "ocr")]

use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus_pdf() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/reports/v2021_ok.pdf");
    p.exists().then_some(p)
}

fn models_ready() -> bool {
    docgrid::ocr::runtime::find(None).is_ok()
}

/// Page `page` of `pdf` as a 300 dpi JPEG scan in a PDF, or `None` without the tools.
fn scanned(pdf: &Path, page: u32, dir: &Path) -> Option<Vec<u8>> {
    let stem = dir.join("scan");
    let n = page.to_string();
    let ok = Command::new("pdftoppm")
        .args(["-r", "300", "-jpeg", "-singlefile", "-f", &n, "-l", &n])
        .arg(pdf)
        .arg(&stem)
        .status()
        .ok()?
        .success();
    let jpg = dir.join("scan.jpg");
    let out = dir.join("scan.pdf");
    let ok = ok
        && Command::new("img2pdf")
            .arg(&jpg)
            .arg("-o")
            .arg(&out)
            .status()
            .ok()?
            .success();
    ok.then(|| std::fs::read(&out).ok()).flatten()
}

macro_rules! skip_unless {
    ($cond:expr, $why:expr) => {
        if !$cond {
            eprintln!("SKIPPED: {}", $why);
            return;
        }
    };
}

#[test]
fn a_scanned_ruled_table_is_read_as_its_grid() {
    let Some(pdf) = corpus_pdf() else {
        eprintln!("SKIPPED: ../shared/corpus not found");
        return;
    };
    skip_unless!(models_ready(), "no OCR models (run scripts/ocr_setup.sh)");
    let dir = tempfile::tempdir().unwrap();
    let Some(bytes) = scanned(&pdf, 2, dir.path()) else {
        eprintln!("SKIPPED: pdftoppm or img2pdf missing");
        return;
    };
    let doc = docgrid::pdf::read(&bytes, &docgrid::Options::default()).unwrap();
    let table = doc.tables().next().expect("a table");
    assert_eq!((table.rows, table.cols), (14, 4));
    let text: Vec<&str> = table.cells.iter().map(|c| c.text.as_str()).collect();
    for want in ["18426", "2315", "1268.35", "行政规范性文件"] {
        assert!(text.contains(&want), "{want} in {text:?}");
    }
    assert!(doc.warnings.iter().any(|w| w.code == "pdf.ocr"));
    // Every block of the scanned page is marked, with the page's mean confidence.
    let mark = table.ocr.expect("the table marked as read by OCR");
    assert!(mark.ocr && mark.ocr_confidence > 0.5 && mark.ocr_confidence <= 1.0);
    let json = serde_json::to_value(&doc).unwrap();
    for block in json["blocks"].as_array().unwrap() {
        assert_eq!(block["ocr"], true, "{block}");
        assert!(block["ocr_confidence"].as_f64().is_some(), "{block}");
    }
}

#[test]
fn missing_models_are_one_error_line_not_a_panic() {
    let Some(pdf) = corpus_pdf() else {
        eprintln!("SKIPPED: ../shared/corpus not found");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let Some(bytes) = scanned(&pdf, 1, dir.path()) else {
        eprintln!("SKIPPED: pdftoppm or img2pdf missing");
        return;
    };
    let input = dir.path().join("in.pdf");
    std::fs::write(&input, bytes).unwrap();
    let out = assert_cmd::Command::cargo_bin("docgrid")
        .unwrap()
        .arg("convert")
        .arg(&input)
        .args(["--ocr-models", "/nonexistent/models", "-o"])
        .arg(dir.path().join("out.json"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("scripts/ocr_setup.sh"), "{err}");
}

#[test]
fn ocr_never_leaves_a_scan_as_a_warning() {
    let Some(pdf) = corpus_pdf() else {
        eprintln!("SKIPPED: ../shared/corpus not found");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let Some(bytes) = scanned(&pdf, 1, dir.path()) else {
        eprintln!("SKIPPED: pdftoppm or img2pdf missing");
        return;
    };
    let options = docgrid::Options {
        ocr: docgrid::OcrOptions {
            mode: docgrid::OcrMode::Never,
            models: None,
        },
        ..docgrid::Options::default()
    };
    let doc = docgrid::pdf::read(&bytes, &options).unwrap();
    assert!(doc.blocks.is_empty());
    let w = doc.warnings.iter().find(|w| w.code == "pdf.no_text_layer");
    assert!(w.is_some_and(|w| w.message.ends_with("(--ocr never)")));
}
