#!/usr/bin/env bash
# A long, unattended fuzz run of one target: fork mode keeps going after a crash, timeout or
# out-of-memory (each is saved under fuzz/artifacts/TARGET/), one worker at a time.
#   fuzz/long.sh TARGET SECONDS [MAX_LEN]
# The binary is copied first, so rebuilding the crate during the run does not change what is
# fuzzed. Totals: the last "#N" status line of the log (N = executions), and the artifacts.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="$1" secs="$2" max_len="${3:-131072}"
logdir="${FUZZ_LOG_DIR:-/tmp/docgrid-fuzz}"
mkdir -p "$logdir" "$here/artifacts/$target" "$here/corpus/$target"
features=()
# pdf_image fuzzes decoders that only docgrid's `ocr` feature builds.
[ "$target" = pdf_image ] && features=(--features ocr)
(cd "$here" && RUSTC_BOOTSTRAP=1 cargo fuzz build -s none -a "${features[@]}" "$target") ||
    echo "long.sh: build failed; fuzzing the binary built last" >&2
bin="$logdir/$target.bin"
cp "$here/target/x86_64-unknown-linux-gnu/release/$target" "$bin"
cd "$logdir"
"$bin" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=512 -max_len="$max_len" \
    -artifact_prefix="$here/artifacts/$target/" "$here/corpus/$target" \
    >"$logdir/$target.log" 2>&1 || true
grep -E '^#[0-9]+' "$logdir/$target.log" | tail -1
ls "$here/artifacts/$target" | sed 's/^/artifact: /'
