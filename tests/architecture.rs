//! ARCHITECTURE.md's import rules: each room of `src/` names only the rooms it may import.
//! Comments are left out (a doc link is no dependency).

use std::collections::BTreeSet;
use std::path::Path;

/// (room, rooms it may import), as in ARCHITECTURE.md.
const RULES: &[(&str, &[&str])] = &[
    ("model", &[]),
    ("error", &["sniff"]),
    ("limits", &[]),
    ("options", &["limits", "params"]),
    ("params", &[]),
    ("sniff", &[]),
    ("fixed", &["model", "table", "limits", "options", "params"]),
    ("table", &["model", "limits", "error"]),
    (
        "docx",
        &[
            "model", "table", "limits", "error", "options", "sniff", "word",
        ],
    ),
    (
        "doc",
        &[
            "model", "table", "limits", "error", "options", "docx", "word",
        ],
    ),
    ("word", &["model"]),
    (
        "html",
        &["model", "table", "limits", "error", "options", "word"],
    ),
    (
        "pdf",
        &["fixed", "model", "error", "options", "limits", "ocr"],
    ),
    ("ocr", &["fixed"]),
    (
        "reader",
        &[
            "docx", "doc", "html", "pdf", "sniff", "model", "options", "error",
        ],
    ),
    ("write", &["model"]),
    ("report", &["model", "table"]),
    (
        "batch",
        &["model", "write", "report", "options", "error", "limits"],
    ),
];

/// Root items re-exported from rooms (`crate::Options` is `options`, and so on).
fn room_of(name: &str) -> &str {
    match name {
        "Options" | "PageSelection" | "OcrMode" | "OcrOptions" => "options",
        "Limits" => "limits",
        "LayoutParams" => "params",
        "Error" | "ErrorKind" | "PdfError" => "error",
        "Document" => "model",
        "Format" => "sniff",
        // The crate root's entry point, for batch.
        "convert_bytes" => "root",
        other => other,
    }
}

/// The rooms named by `crate::…` paths in the code (not comments) of every file under `path`.
fn imports(path: &Path, out: &mut BTreeSet<String>) {
    if path.is_dir() {
        for e in std::fs::read_dir(path).unwrap() {
            imports(&e.unwrap().path(), out);
        }
        return;
    }
    if path.extension().is_none_or(|e| e != "rs") {
        return;
    }
    for line in std::fs::read_to_string(path).unwrap().lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + 7..];
            let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                let inner = group.split('}').next().unwrap_or("");
                inner
                    .split(',')
                    .map(|n| n.trim().split("::").next().unwrap_or(""))
                    .collect()
            } else {
                vec![rest
                    .split(|c: char| !c.is_alphanumeric() && c != '_')
                    .next()
                    .unwrap_or("")]
            };
            for n in names.into_iter().filter(|n| !n.is_empty() && *n != "self") {
                out.insert(room_of(n).to_string());
            }
        }
    }
}

#[test]
fn rooms_import_only_what_architecture_md_allows() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut broken = Vec::new();
    for (room, allowed) in RULES {
        let dir = src.join(room);
        let file = src.join(format!("{room}.rs"));
        let mut used = BTreeSet::new();
        for p in [dir, file] {
            if p.exists() {
                imports(&p, &mut used);
            }
        }
        used.remove(*room);
        used.remove("root");
        for u in used {
            if !allowed.contains(&u.as_str()) {
                broken.push(format!("{room} imports {u}"));
            }
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
}
