#!/usr/bin/env bash
# The CI fuzz smoke run: builds every target with the flags `cargo fuzz build -s none -a` uses
# (all stable rustc flags, so neither cargo-fuzz nor nightly is needed), then fuzzes each for
# SECONDS (default 30) from the committed seeds in fuzz/seeds/ and samples/*.docx plus, when
# ../shared/corpus is there, its smaller .docx and .pdf files. Any crash, timeout or
# out-of-memory fails the run; the input is saved under fuzz/artifacts/TARGET/.
#   fuzz/smoke.sh [SECONDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
secs="${1:-30}"
triple="$(rustc -vV | sed -n 's/^host: //p')"
flags="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4"
flags="$flags -Cllvm-args=-sanitizer-coverage-inline-8bit-counters"
flags="$flags -Cllvm-args=-sanitizer-coverage-pc-table"
flags="$flags -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing"
flags="$flags -Cllvm-args=-simplifycfg-branch-fold-threshold=0"
flags="$flags -Cllvm-args=-sanitizer-coverage-stack-depth -Cdebug-assertions -Ccodegen-units=1"
# --target keeps the instrumentation off build scripts and proc macros, as cargo-fuzz does.
RUSTFLAGS="$flags" cargo build --release --manifest-path "$here/Cargo.toml" --target "$triple" \
    --config 'profile.release.debug="line-tables-only"' --bins
bin="${CARGO_TARGET_DIR:-$here/target}/$triple/release"
corpus="$here/../../shared/corpus"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for t in docx doc docx_xml html pdf pdf_content pdf_cmap pdf_decoded; do
    mkdir -p "$work/$t" "$here/artifacts/$t"
    cp "$here/seeds/$t"/* "$work/$t/" 2>/dev/null || true
done
cp "$here"/../samples/*.docx "$work/docx/"
cp "$here"/../tests/fixtures/doc/*.doc "$work/doc/"
cp "$here"/../tests/fixtures/html/*.htm* "$work/html/"
if [ -d "$corpus" ]; then
    # Whole files only (no part extraction: that needs the seed tools); small ones keep it quick.
    find "$corpus" -name '*.docx' -size -256k -exec cp -t "$work/docx" {} + 2>/dev/null || true
    find "$corpus" -name '*.pdf' -size -256k -exec cp -t "$work/pdf" {} + 2>/dev/null || true
else
    echo "fuzz smoke: ../shared/corpus not found; committed seeds only" >&2
fi
for t in docx doc docx_xml html pdf pdf_content pdf_cmap pdf_decoded; do
    log="$work/$t.log"
    if ! "$bin/$t" -max_total_time="$secs" -timeout=30 -rss_limit_mb=512 -max_len=262144 \
        -artifact_prefix="$here/artifacts/$t/" "$work/$t" >"$log" 2>&1; then
        tail -40 "$log" >&2
        echo "fuzz smoke: $t found a problem; input saved in fuzz/artifacts/$t/" >&2
        exit 1
    fi
    echo "fuzz smoke: $t: $(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "$log")"
done
