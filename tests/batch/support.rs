//! Helpers of tests/batch.rs: a minimal .docx writer, the expected output of its fixtures, and
//! readers for manifests and output trees.

use docgrid::batch::{self, BatchConfig, ProgressMode, Summary};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;
use zip::ZipWriter;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A minimal valid .docx: a paragraph `title`, then a 2×2 table whose first row is one cell
/// spanning both columns (`gridSpan` 2).
pub fn docx(title: &str, extra_paragraphs: usize) -> Vec<u8> {
    let cell = |text: &str, span: &str| {
        format!("<w:tc><w:tcPr>{span}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    };
    let filler: String = (0..extra_paragraphs)
        .map(|i| format!("<w:p><w:r><w:t>Filler paragraph {i}.</w:t></w:r></w:p>"))
        .collect();
    let body = format!(
        "<w:p><w:r><w:t>{title}</w:t></w:r></w:p>\
         <w:tbl><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>\
         <w:tr>{}</w:tr><w:tr>{}{}</w:tr></w:tbl>{filler}<w:sectPr/>",
        cell("Header", "<w:gridSpan w:val=\"2\"/>"),
        cell("a", ""),
        cell("b", ""),
    );
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#
                .to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#
                .to_string(),
        ),
        (
            "word/document.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>"#
            ),
        ),
    ];
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(name, SimpleFileOptions::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The JSON a valid fixture must convert to, per the contract: the title paragraph, then the
/// table with "Header" over both columns and "a", "b" below.
pub fn assert_fixture_output(json: &Path, source: &Path, title: &str) {
    let doc: Value = serde_json::from_slice(&fs::read(json).unwrap()).unwrap();
    assert_eq!(doc["docgrid"], "1.6");
    assert_eq!(doc["source"]["path"], source.to_string_lossy().as_ref());
    assert_eq!(doc["source"]["format"], "docx");
    let blocks = doc["blocks"].as_array().unwrap();
    assert_eq!(blocks[0]["kind"], "paragraph");
    assert_eq!(blocks[0]["text"], title);
    let t = &blocks[1];
    assert_eq!(
        (t["kind"].as_str(), t["rows"].as_u64(), t["cols"].as_u64()),
        (Some("table"), Some(2), Some(2))
    );
    let cells: Vec<(u64, u64, u64, u64, &str)> = t["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["row"].as_u64().unwrap(),
                c["col"].as_u64().unwrap(),
                c["row_span"].as_u64().unwrap(),
                c["col_span"].as_u64().unwrap(),
                c["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        cells,
        [(0, 0, 1, 2, "Header"), (1, 0, 1, 1, "a"), (1, 1, 1, 1, "b")]
    );
}

/// Two jobs, no progress output.
pub fn config(inputs: &[&Path], out: &Path) -> BatchConfig {
    let mut c = BatchConfig::new(
        inputs.iter().map(|p| p.to_path_buf()).collect(),
        out.to_path_buf(),
    );
    c.jobs = 2;
    c.progress = ProgressMode::Quiet;
    c
}

/// Runs with [`config`]; the run must start.
pub fn run(inputs: &[&Path], out: &Path) -> Summary {
    batch::run(&config(inputs, out)).unwrap()
}

/// The manifest's lines by path.
pub fn manifest(out: &Path, name: &str) -> BTreeMap<String, Value> {
    let text = fs::read_to_string(out.join(name)).unwrap();
    let mut lines = BTreeMap::new();
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        let path = v["path"].as_str().unwrap().to_string();
        assert!(
            lines.insert(path.clone(), v).is_none(),
            "{path} listed twice"
        );
    }
    lines
}

/// Every file and folder under `dir` (relative), with file bytes; manifests left out.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).min_depth(1) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
        let name = e.file_name().to_string_lossy();
        if name.starts_with("manifest") || name.starts_with(".manifest") {
            continue;
        }
        let bytes = e.file_type().is_file().then(|| fs::read(e.path()).unwrap());
        out.insert(rel, bytes);
    }
    out
}

/// Temporary files left anywhere under `dir`.
pub fn temp_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.to_string_lossy().contains("docgrid-tmp"))
        .collect()
}

/// A xorshift generator seeded from the clock and the process id, for kill delays; the seed
/// is kept so that a failure can name it.
pub struct KillClock {
    /// The seed, to print with every assertion.
    pub seed: u64,
    state: u64,
}

impl KillClock {
    /// A new generator with a fresh seed.
    pub fn new() -> KillClock {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::SystemTime::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos() as u64
            ^ u64::from(std::process::id());
        KillClock {
            seed,
            state: seed | 1,
        }
    }

    /// The next pseudo-random number.
    pub fn next(&mut self) -> u64 {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        self.state
    }
}
