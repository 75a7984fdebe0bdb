//! Shared by the targets: small limits and the invariants every successful conversion must hold.

use docgrid::model::Table;
use docgrid::{Limits, Options};

/// Limits small enough that one input can never take more than a few milliseconds or MiB,
/// yet large enough for every real corpus document's structure to be explored.
pub fn options() -> Options {
    Options {
        limits: Limits {
            max_part_bytes: 4 * 1024 * 1024,
            max_total_bytes: 16 * 1024 * 1024,
            max_depth: 200,
            max_table_nesting: 8,
            max_table_cells: 100_000,
            max_table_cols: 1_024,
            max_pdf_pages: 50,
            max_pdf_stream_bytes: 16 * 1024 * 1024,
            max_pdf_path_elements: 100_000,
            max_pdf_glyphs: 200_000,
            max_pdf_segments: 200_000,
            max_pdf_image_pixels: 4_000_000,
            max_html_elements: 100_000,
            max_pdf_draw_ops: 200_000,
            // libFuzzer's -timeout (10 s) reports anything slower as a hang.
            max_pdf_seconds: 0,
        },
        include_headers_footers: true,
        password: None,
        pages: None,
        ..Options::default()
    }
}

/// Converts `bytes`; on success every table (nested too) must partition its grid and the
/// document must serialise. Errors are fine: only panics, hangs and blow-ups are bugs.
pub fn check(bytes: &[u8]) {
    let Ok(doc) = docgrid::convert_bytes(bytes, &options()) else {
        return;
    };
    for t in doc.tables() {
        check_table(t, 0);
    }
    if let Err(e) = serde_json::to_vec(&doc) {
        panic!("serialisation failed: {e}");
    }
}

fn check_table(t: &Table, depth: usize) {
    if let Err(e) = docgrid::table::check_partition(t) {
        panic!(
            "table {} (nesting {depth}) is not a partition: {e}",
            t.index
        );
    }
    for c in &t.cells {
        for inner in &c.tables {
            check_table(inner, depth + 1);
        }
    }
}
