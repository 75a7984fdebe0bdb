#!/usr/bin/env bash
# The CI fuzz smoke run: builds every target with the flags `cargo fuzz build -s none -a` uses
# (all stable rustc flags, so neither cargo-fuzz nor nightly is needed), then fuzzes each for
# SECONDS (default 30), two at a time (CI has 2 cores), from the committed seeds in fuzz/seeds/ and samples/*.docx plus, when
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
# Not -Ccodegen-units=1 as cargo-fuzz sets: for a 30 s run the build is the cost, and one unit
# makes the docgrid crate's build single-threaded.
flags="$flags -Cllvm-args=-sanitizer-coverage-stack-depth -Cdebug-assertions"
# --target keeps the instrumentation off build scripts and proc macros, as cargo-fuzz does.
# --features ocr: pdf_image fuzzes the page-image decoders that only the `ocr` feature builds.
RUSTFLAGS="$flags" cargo build --release --manifest-path "$here/Cargo.toml" --target "$triple" \
    --config 'profile.release.debug="line-tables-only"' --bins --features ocr
bin="${CARGO_TARGET_DIR:-$here/target}/$triple/release"
corpus="$here/../../shared/corpus"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
targets=(docx doc docx_xml html pdf pdf_content pdf_cmap pdf_decoded pdf_image)
for t in "${targets[@]}"; do
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
# One target's run; its summary line goes to $work/$t.summary, a failure to $work/$t.failed.
fuzz_one() {
    local t=$1 log="$work/$1.log"
    if "$bin/$t" -max_total_time="$secs" -timeout=30 -rss_limit_mb=512 -max_len=262144 \
        -artifact_prefix="$here/artifacts/$t/" "$work/$t" >"$log" 2>&1; then
        echo "fuzz smoke: $t: $(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "$log")" >"$work/$t.summary"
    else
        touch "$work/$t.failed"
    fi
}
running=()
for t in "${targets[@]}"; do
    fuzz_one "$t" &
    running+=($!)
    if [ "${#running[@]}" -ge 2 ]; then
        wait "${running[0]}"
        running=("${running[@]:1}")
    fi
done
wait
failed=0
for t in "${targets[@]}"; do
    if [ -e "$work/$t.failed" ]; then
        tail -40 "$work/$t.log" >&2
        echo "fuzz smoke: $t found a problem; input saved in fuzz/artifacts/$t/" >&2
        failed=1
    else
        cat "$work/$t.summary"
    fi
done
exit "$failed"
