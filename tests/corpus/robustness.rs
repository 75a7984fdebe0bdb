//! Every corpus .docx through `convert_bytes`: no panic, no hang, partitioned tables, no
//! bookmark names in the JSON, one-line errors; the broken files fail and the odd-but-valid
//! ones convert (lists from `shared/research/docx-anchors.md` §2 and §5).

use super::util::{convert_guarded, files_with_ext, Outcome};
use super::zipscan;
use docgrid::model::Table;
use docgrid::ErrorKind;
use std::path::Path;

/// Not readable as a Word document (§2 "not a zip", "no main part at all", "not well-formed
/// main part", "DTD/ENTITY (XXE)").
const MUST_FAIL: [&str; 7] = [
    "poi/bug53475-password-is-pass.docx",
    "poi/clusterfuzz-5313273089884160.docx",
    "poi/clusterfuzz-4791943399604224.docx",
    "tika/testWORD_truncated.docx",
    "poi/stress025.docx",
    "phpword/corrupted_main_document_part.docx",
    "poi/ExternalEntityInText.docx",
];

/// Valid packages that crash at least one anchor tool (§2, §5): Strict namespaces, BOMs,
/// `Default Extension="xml"` main parts, renamed main parts, a vMerge with no anchor.
const MUST_CONVERT: [&str; 7] = [
    "docx2python/strict.docx",
    "mammoth/utf8-bom.docx",
    "unstructured/teams_chat.docx",
    "poi/stress012.docx",
    "pandoc/alternate_document_path.docx",
    "docx2python/renamed_document_xml.docx",
    "unstructured/grid_offset_error.docx",
];

struct Row {
    name: String,
    status: &'static str,
    ms: u128,
    tables: usize,
    warnings: Vec<&'static str>,
    error: Option<String>,
}

fn partition_all(t: &Table, path: &str, problems: &mut Vec<String>) {
    if let Err(e) = docgrid::table::check_partition(t) {
        problems.push(format!("{path}: table {} not a partition: {e}", t.index));
    }
    for c in &t.cells {
        for n in &c.tables {
            let p = format!("{path} > table {} cell ({},{})", t.index, c.row, c.col);
            partition_all(n, &p, problems);
        }
    }
}

pub fn run(root: &Path) {
    let docx_root = root.join("docx");
    let mut files: Vec<(String, std::path::PathBuf)> = files_with_ext(&docx_root, "docx")
        .into_iter()
        .map(|p| (rel(&p, &docx_root), p))
        .collect();
    let reports = root.join("reports");
    files.extend(
        files_with_ext(&reports, "docx")
            .into_iter()
            .map(|p| (format!("reports/{}", rel(&p, &reports)), p)),
    );
    assert!(
        files.len() >= 118,
        "corpus has only {} .docx files",
        files.len()
    );

    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let (mut panics, mut hangs) = (Vec::new(), Vec::new());
    let (mut names_checked, mut files_with_names) = (0, 0);
    for (name, path) in &files {
        let bytes = std::fs::read(path).unwrap();
        let scan = zipscan::scan(&bytes);
        let (outcome, dt) = convert_guarded(bytes, name);
        let mut row = Row {
            name: name.clone(),
            status: "ok",
            ms: dt.as_millis(),
            tables: 0,
            warnings: Vec::new(),
            error: None,
        };
        match outcome {
            Outcome::Ok(doc) => {
                row.tables = doc.tables().count();
                row.warnings = doc.warnings.iter().map(|w| w.code).collect();
                for t in doc.tables() {
                    partition_all(t, name, &mut problems);
                }
                let mut json = Vec::new();
                docgrid::write::json::write(&doc, &mut json, false).unwrap();
                let json = String::from_utf8(json).unwrap();
                if let Some(s) = &scan {
                    let names = zipscan::forbidden_names(s);
                    names_checked += names.len();
                    files_with_names += usize::from(!s.bookmarks.is_empty());
                    for b in names {
                        if json.contains(&b) {
                            problems.push(format!("{name}: bookmark name {b:?} in the JSON"));
                        }
                    }
                }
            }
            Outcome::Err(e) => {
                let msg = e.to_string();
                if msg.contains('\n') {
                    problems.push(format!("{name}: error message spans lines: {msg:?}"));
                }
                if *name == "poi/ExternalEntityInText.docx"
                    && !matches!(e.kind(), ErrorKind::Dtd { .. })
                {
                    problems.push(format!("{name}: a DTD refusal expected, got: {msg}"));
                }
                row.status = "err";
                row.error = Some(msg);
            }
            Outcome::Panic(m) => {
                row.status = "PANIC";
                panics.push(format!("{name}: {m}"));
            }
            Outcome::Hang => {
                row.status = "HANG";
                hangs.push(name.clone());
            }
        }
        rows.push(row);
    }

    print_summary(&rows);
    eprintln!(
        "bookmark names checked absent from the JSON: {names_checked} ({files_with_names} files have bookmarks)"
    );
    for name in MUST_FAIL {
        match rows.iter().find(|r| r.name == name) {
            None => problems.push(format!("{name}: missing from the corpus")),
            Some(r) if r.status != "err" => {
                problems.push(format!("{name}: must fail, status {}", r.status))
            }
            Some(_) => {}
        }
    }
    for name in MUST_CONVERT {
        match rows.iter().find(|r| r.name == name) {
            None => problems.push(format!("{name}: missing from the corpus")),
            Some(r) if r.status != "ok" => problems.push(format!(
                "{name}: must convert, status {}: {}",
                r.status,
                r.error.as_deref().unwrap_or("")
            )),
            Some(_) => {}
        }
    }
    // Row 3 continues a vMerge over a position row 2 leaves empty (§2): kept as its own
    // cell with a warning, never a crash.
    if let Some(r) = rows
        .iter()
        .find(|r| r.name == "unstructured/grid_offset_error.docx" && r.status == "ok")
    {
        if !r.warnings.contains(&"docx.vmerge_without_anchor") {
            problems.push(format!(
                "unstructured/grid_offset_error.docx: warning docx.vmerge_without_anchor expected, got {:?}",
                r.warnings
            ));
        }
    }
    for p in &problems {
        eprintln!("PROBLEM {p}");
    }
    assert!(panics.is_empty(), "{} panics: {panics:#?}", panics.len());
    assert!(hangs.is_empty(), "{} hangs: {hangs:#?}", hangs.len());
    assert!(
        problems.is_empty(),
        "{} problems (PROBLEM lines above)",
        problems.len()
    );
}

fn rel(p: &Path, base: &Path) -> String {
    p.strip_prefix(base)
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/")
}

fn print_summary(rows: &[Row]) {
    let count = |s: &str| rows.iter().filter(|r| r.status == s).count();
    eprintln!(
        "corpus: {} files: {} ok, {} err, {} panic, {} hang",
        rows.len(),
        count("ok"),
        count("err"),
        count("PANIC"),
        count("HANG")
    );
    eprintln!(
        "{:<6} {:>7} {:>6} {:>5}  file",
        "status", "ms", "tables", "warns"
    );
    for r in rows {
        eprintln!(
            "{:<6} {:>7} {:>6} {:>5}  {}{}",
            r.status,
            r.ms,
            r.tables,
            r.warnings.len(),
            r.name,
            r.error
                .as_deref()
                .map(|e| format!("  -- {e}"))
                .unwrap_or_default()
        );
    }
}
