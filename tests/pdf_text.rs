//! PDF text against the generated reports' published truth, and robustness over the PDF corpus.

use docgrid::fixed::is_page_furniture;
use docgrid::model::{Block, Table};
use docgrid::{ErrorKind, Options, PdfError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn corpus() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if p.is_dir() {
        Some(p)
    } else {
        let _ = std::io::stderr().write_all(b"SKIPPED: ../shared/corpus not found\n");
        None
    }
}

fn squash(s: &str) -> Vec<char> {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// 1 − Levenshtein distance / longer length, over characters.
fn similarity(a: &[char], b: &[char]) -> f64 {
    let n = a.len().max(b.len());
    if n == 0 {
        return 1.0;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    1.0 - prev[b.len()] as f64 / n as f64
}

fn truth(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// The truth's paragraphs in order as (kind, text without whitespace); `table` entries too.
fn truth_paragraphs(t: &serde_json::Value) -> Vec<(String, String)> {
    t["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"].as_str() != Some("empty"))
        .map(|p| {
            let kind = p["kind"].as_str().unwrap().to_string();
            let text = squash(p["text"].as_str().unwrap_or(""))
                .into_iter()
                .collect();
            (kind, text)
        })
        .collect()
}

fn block_text(b: &Block) -> Option<String> {
    match b {
        Block::Heading(h) => Some(squash(&h.text).into_iter().collect()),
        Block::Paragraph(p) => Some(squash(&p.text).into_iter().collect()),
        Block::Table(_) => None,
    }
}

/// Whitespace-insensitive similarity of the concatenated heading and paragraph texts.
fn text_similarity(blocks: &[Block], truth: &[(String, String)]) -> f64 {
    let ours: String = blocks.iter().filter_map(block_text).collect();
    let want: String = truth
        .iter()
        .filter(|(k, _)| k != "table")
        .map(|(_, t)| t.as_str())
        .collect();
    similarity(&squash(&ours), &squash(&want))
}

fn load(bytes: &[u8]) -> Vec<docgrid::pdf::engine::Page> {
    docgrid::pdf::engine::load(bytes, "", docgrid::pdf::engine::PageLimits::default()).unwrap()
}

#[test]
#[cfg_attr(no_corpus, ignore = "needs ../shared/corpus (see README)")]
fn report_text_matches_truth() {
    let Some(c) = corpus() else { return };
    let cases = [
        ("v2021_ok.pdf", "v2021_ok", 4),
        ("v2021_ok.chromium.pdf", "v2021_ok", 3),
        ("v2021_split.pdf", "v2021_split", 3),
        ("v2021_split.chromium.pdf", "v2021_split", 3),
    ];
    let mut report = String::new();
    for (pdf, name, page_count) in cases {
        let dir = c.join("reports");
        let bytes = std::fs::read(dir.join(pdf)).unwrap();
        let t = truth(&dir.join(format!("{name}.truth.json")));
        let want = truth_paragraphs(&t);
        let doc = docgrid::pdf::read(&bytes, &Options::default()).unwrap();
        let pages = load(&bytes);
        let untabled =
            docgrid::fixed::assemble_with(&pages, Vec::new(), &docgrid::Options::default());
        let sim = text_similarity(&doc.blocks, &want);
        let sim_raw = text_similarity(&untabled.blocks, &want);
        report.push_str(&format!(
            "{pdf}: similarity {sim:.4} (tables out), {sim_raw:.4} (table text left in)\n"
        ));
        assert!(sim >= 0.99, "{pdf}: similarity {sim}");
        assert_eq!(doc.source.pages, Some(page_count), "{pdf}");
        // Reading order: every truth paragraph is one block, in order, tables where the truth
        // has them; titles and `一、` headings are headings, body text is paragraphs.
        let ours: Vec<(String, String)> = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Heading(h) => (
                    format!("h{}", h.level),
                    squash(&h.text).into_iter().collect(),
                ),
                Block::Paragraph(p) => ("body".into(), squash(&p.text).into_iter().collect()),
                Block::Table(_) => ("table".into(), String::new()),
            })
            .collect();
        let expect: Vec<(String, String)> = want
            .iter()
            .map(|(k, text)| {
                let kind = match k.as_str() {
                    // `一、总体情况` and the two title lines are the top level.
                    "heading" | "title" => "h1".to_string(),
                    other => other.to_string(),
                };
                (
                    kind,
                    if k == "table" {
                        String::new()
                    } else {
                        text.clone()
                    },
                )
            })
            .collect();
        assert_eq!(ours, expect, "{pdf}");
        for b in &doc.blocks {
            let page = match b {
                Block::Heading(h) => h.page,
                Block::Paragraph(p) => p.page,
                Block::Table(t) => t.page,
            };
            assert!(
                page.is_some_and(|p| p >= 1 && p <= page_count),
                "{pdf}: {b:?}"
            );
            if let Some(text) = block_text(b) {
                assert!(!is_page_furniture(&text), "{pdf}: page furniture {text}");
            }
        }
        let indexes: Vec<usize> = doc.tables().map(|t| t.index).collect();
        assert_eq!(indexes, vec![0, 1, 2], "{pdf}");
    }
    let _ = std::io::stderr().write_all(report.as_bytes());
}

#[test]
#[cfg_attr(no_corpus, ignore = "needs ../shared/corpus (see README)")]
fn layout_pages_and_continuations() {
    let Some(c) = corpus() else { return };
    let dir = c.join("reports");
    // Real WPS reports: paragraphs that pdftotext shows broken by a page end (and the `-N-`
    // footer) come out whole, and the footers are not blocks.
    for (pdf, joined) in [
        (
            "huaian_city_2024.pdf",
            [
                "建设‘四最’一流营商环境",
                "将栏目不更新、政策解读",
                "改进的地方。主要表现在",
            ],
        ),
        (
            "hongze_district_2024.pdf",
            ["答复书模板，使各行政机关答复", "", ""],
        ),
    ] {
        let doc = docgrid::pdf::read(&std::fs::read(dir.join(pdf)).unwrap(), &Options::default())
            .unwrap();
        let texts: Vec<String> = doc.blocks.iter().filter_map(block_text).collect();
        for j in joined.iter().filter(|j| !j.is_empty()) {
            assert!(texts.iter().any(|t| t.contains(j)), "{pdf}: {j}");
        }
        assert!(texts.iter().all(|t| !is_page_furniture(t)), "{pdf}");
        let headings = doc
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Heading(h) if h.level == 1))
            .count();
        // Two title lines and the six numbered sections 一 to 六.
        assert_eq!(headings, 8, "{pdf}");
    }
    // truth layout_observed (pdftotext markers): in the LibreOffice rendering of v2021_split
    // table 3 runs over pages 2–3; in Chromium's v2021_ok table 2 runs over pages 1–2.
    let doc = docgrid::pdf::read(
        &std::fs::read(dir.join("v2021_split.pdf")).unwrap(),
        &Options::default(),
    )
    .unwrap();
    let t: Vec<&Table> = doc.tables().collect();
    assert_eq!((t[1].page, t[1].pages.clone()), (Some(2), vec![2, 3]));
    let doc = docgrid::pdf::read(
        &std::fs::read(dir.join("v2021_ok.chromium.pdf")).unwrap(),
        &Options::default(),
    )
    .unwrap();
    let t: Vec<&Table> = doc.tables().collect();
    assert_eq!((t[0].page, t[0].pages.clone()), (Some(1), vec![1, 2]));
}

fn pdfs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            pdfs(&p, out);
        } else if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")) {
            out.push(p);
        }
    }
}

#[test]
#[cfg_attr(no_corpus, ignore = "needs ../shared/corpus (see README)")]
fn corpus_never_panics() {
    let Some(c) = corpus() else { return };
    let mut files = Vec::new();
    pdfs(&c.join("pdf"), &mut files);
    pdfs(&c.join("reports"), &mut files);
    let (mut ok, mut err, mut panics, mut hangs) = (0, 0, Vec::new(), Vec::new());
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let r = std::panic::catch_unwind(|| {
                docgrid::pdf::read(&bytes, &Options::default()).map(|_| ())
            });
            let _ = tx.send(r);
        });
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(Ok(Ok(()))) => ok += 1,
            Ok(Ok(Err(e))) => {
                assert!(!e.to_string().contains('\n'));
                err += 1
            }
            Ok(Err(_)) => panics.push(f.clone()),
            Err(_) => hangs.push(f.clone()),
        }
    }
    let _ = writeln!(
        std::io::stderr(),
        "pdf corpus: {} files, {ok} ok, {err} err, {} panic, {} hang",
        files.len(),
        panics.len(),
        hangs.len()
    );
    assert!(
        panics.is_empty() && hangs.is_empty(),
        "panics {panics:?} hangs {hangs:?}"
    );
}

#[test]
#[cfg_attr(no_corpus, ignore = "needs ../shared/corpus (see README)")]
fn wps_fake_bold_doubles_are_merged() {
    let Some(c) = corpus() else { return };
    let bytes = std::fs::read(c.join("reports/huaian_city_2024.pdf")).unwrap();
    let pages = load(&bytes);
    // Tables left in the text: the count below is over the whole page text.
    let doc = docgrid::fixed::assemble_with(&pages, Vec::new(), &docgrid::Options::default());
    let cjk = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(h.text.as_str()),
            Block::Paragraph(p) => Some(p.text.as_str()),
            Block::Table(_) => None,
        })
        .flat_map(str::chars)
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .count();
    // research/rust-ecosystem.md: pdfium, MuPDF and poppler read 2,162 CJK characters here; the raw
    // glyph stream has 2,256 because WPS draws bold headings twice.
    assert_eq!(cjk, 2162);
}

#[test]
#[cfg_attr(no_corpus, ignore = "needs ../shared/corpus (see README)")]
fn passwords() {
    let Some(c) = corpus() else { return };
    // MANIFEST.tsv: tabula-java/encrypted.pdf needs the user password "userpassword".
    let bytes = std::fs::read(c.join("pdf/tabula-java/encrypted.pdf")).unwrap();
    let with = |pw: Option<&str>| {
        let o = Options {
            password: pw.map(str::to_string),
            ..Options::default()
        };
        docgrid::convert_bytes(&bytes, &o)
    };
    let e = with(None).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::Pdf(PdfError::PasswordRequired)),
        "{e}"
    );
    let e = with(Some("nope")).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::Pdf(PdfError::WrongPassword)),
        "{e}"
    );
    let doc = with(Some("userpassword")).unwrap();
    assert!(!doc.blocks.is_empty());
    // The CLI: one line on stderr, exit 1; with --password it converts.
    let file = c.join("pdf/tabula-java/encrypted.pdf");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_docgrid"))
        .arg("convert")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("password required"), "{err}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_docgrid"))
        .args(["convert", "--password", "userpassword"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}
