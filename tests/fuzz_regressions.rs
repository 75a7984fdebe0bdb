//! Every input in tests/fuzz_regressions/ (see its README) converts, or fails with an error,
//! without a panic; each once made a fuzz target fail.

use std::path::PathBuf;

#[test]
fn fuzz_regressions_convert() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let got = std::panic::catch_unwind(|| {
            docgrid::convert_bytes(&bytes, &docgrid::Options::default()).map(|_| ())
        });
        assert!(got.is_ok(), "{}: panicked", path.display());
        seen += 1;
    }
    assert!(seen >= 3, "the regression inputs are missing");
}
