//! Marks a build without `../shared/corpus` (a fresh clone) with `cfg(no_corpus)`, so the tests
//! that need the corpus are listed as ignored in cargo's summary instead of passing as no-ops.
//! Fetched the corpus after a first build? `touch build.rs` so they run again.

use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(no_corpus)");
    println!("cargo::rerun-if-changed=build.rs");
    let corpus = Path::new("../shared/corpus");
    if corpus.is_dir() {
        // Watched only while present: a missing path would rerun this script, and rebuild the
        // crate, on every build of a fresh clone.
        println!("cargo::rerun-if-changed=../shared/corpus");
    } else {
        println!("cargo::rustc-cfg=no_corpus");
    }
}
