//! Seeds the three PDF corpora from real PDFs, using the parser docgrid itself uses:
//!   pdf/          whole files
//!   pdf_content/  decoded page content streams and form XObject streams
//!   pdf_cmap/     CMaps and embedded font programs, each prefixed with the slot byte
//!                 `pdf_cmap` reads (0 ToUnicode, 1 encoding CMap, 2 TrueType, 3 CFF,
//!                 4 Type 1, 5 OpenType)
//!
//! usage: cargo run --manifest-path fuzz/Cargo.toml --example seed_pdf -- SRC_DIR CORPUS_DIR [MAX_BYTES]

#[path = "../fuzz_targets/pdf_build.rs"]
#[allow(dead_code)]
mod pdf_build;

use hayro_syntax::object::{Dict, Name, Object, Stream};
use hayro_syntax::Pdf;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// Seeds kept per file and kind, so one 300-page file does not dominate a corpus.
const PER_FILE: usize = 12;

fn pdfs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            pdfs(&p, out);
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
            out.push(p);
        }
    }
}

fn tag(data: &[u8]) -> String {
    let mut h = DefaultHasher::new();
    data.hash(&mut h);
    format!("{:016x}", h.finish())
}

fn is(d: &Dict<'_>, key: &[u8], value: &[u8]) -> bool {
    d.get::<Name<'_>>(key).is_some_and(|n| &*n == value)
}

/// Writes one seed unless it is empty or too big; names carry a content hash, so re-runs and
/// identical streams in several files collapse into one seed.
fn put(dir: &Path, stem: &str, prefix: Option<u8>, data: &[u8], cap: usize) -> bool {
    if data.is_empty() || data.len() > cap {
        return false;
    }
    let mut bytes = prefix.map_or_else(Vec::new, |p| vec![p]);
    bytes.extend_from_slice(data);
    std::fs::write(dir.join(format!("{stem}-{}", tag(&bytes))), bytes).is_ok()
}

fn font_file(desc: &Dict<'_>) -> Option<(u8, Vec<u8>)> {
    if let Some(s) = desc.get::<Stream<'_>>(b"FontFile2") {
        return Some((2, s.decoded().ok()?.into_owned()));
    }
    if let Some(s) = desc.get::<Stream<'_>>(b"FontFile") {
        return Some((4, s.decoded().ok()?.into_owned()));
    }
    let s = desc.get::<Stream<'_>>(b"FontFile3")?;
    let slot = if is(s.dict(), b"Subtype", b"OpenType") { 5 } else { 3 };
    Some((slot, s.decoded().ok()?.into_owned()))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (src, out) = match args.as_slice() {
        [s, o, ..] => (PathBuf::from(s), PathBuf::from(o)),
        _ => return Err("usage: seed_pdf SRC_DIR CORPUS_DIR [MAX_BYTES]".into()),
    };
    let cap: usize = args.get(2).map_or(Ok(1 << 20), |c| c.parse())?;
    let dirs = ["pdf", "pdf_content", "pdf_cmap"].map(|d| out.join(d));
    for d in &dirs {
        std::fs::create_dir_all(d)?;
    }
    // The fixed document's own streams, so every slot has at least one valid seed (the corpus
    // has no embedded encoding CMap and no OpenType font program).
    put(&dirs[0], "fixed", None, &pdf_build::pdf(pdf_build::Slot::Content, pdf_build::CONTENT), cap);
    put(&dirs[1], "fixed", None, pdf_build::CONTENT, cap);
    put(&dirs[2], "fixed", Some(0), pdf_build::TO_UNICODE, cap);
    put(&dirs[2], "fixed", Some(1), pdf_build::ENCODING_CMAP, cap);
    let mut files = Vec::new();
    pdfs(&src, &mut files);
    let mut counts = [0usize; 3];
    for path in &files {
        let data = std::fs::read(path)?;
        let stem = path
            .strip_prefix(&src)
            .unwrap_or(path)
            .with_extension("")
            .to_string_lossy()
            .replace(['/', '\\', ' '], "-");
        counts[0] += usize::from(put(&dirs[0], &stem, None, &data, cap));
        let Ok(pdf) = Pdf::new(data) else {
            eprintln!("  unreadable: {}", path.display());
            continue;
        };
        let mut content = 0;
        for page in pdf.pages().iter().take(PER_FILE) {
            if let Some(s) = page.page_stream() {
                content += usize::from(put(&dirs[1], &stem, None, s, cap));
            }
        }
        let mut fonts = 0;
        for obj in pdf.objects() {
            let (dict, stream) = match obj {
                Object::Stream(s) => (s.dict().clone(), Some(s)),
                Object::Dict(d) => (d, None),
                _ => continue,
            };
            if let Some(s) = stream {
                if content < 2 * PER_FILE && is(&dict, b"Subtype", b"Form") {
                    if let Ok(d) = s.decoded() {
                        content += usize::from(put(&dirs[1], &stem, None, &d, cap));
                    }
                } else if fonts < PER_FILE {
                    if let Ok(d) = s.decoded() {
                        if d.windows(9).any(|w| w == b"begincmap") {
                            let to_unicode = d.windows(6).any(|w| w == b"beginb");
                            let slot = if to_unicode { 0 } else { 1 };
                            fonts += usize::from(put(&dirs[2], &stem, Some(slot), &d, cap));
                        }
                    }
                }
            } else if fonts < PER_FILE && is(&dict, b"Type", b"FontDescriptor") {
                if let Some((slot, d)) = font_file(&dict) {
                    fonts += usize::from(put(&dirs[2], &stem, Some(slot), &d, cap));
                }
            }
        }
        counts[1] += content;
        counts[2] += fonts;
    }
    println!(
        "seeded {} pdf, {} pdf_content, {} pdf_cmap from {} files (seeds over {cap} bytes left out)",
        counts[0],
        counts[1],
        counts[2],
        files.len()
    );
    Ok(())
}
