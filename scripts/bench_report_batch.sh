#!/usr/bin/env bash
# Report benchmark (issue 19): files/s and peak RSS of `docgrid batch --to report --jobs 2` over
# 1,000 generated report DOCX (the 7 series reports of tests/fixtures/report/series, written by
# scripts/make_report_fixtures.py, copied round-robin, 100 per folder), median of $RUNS fresh runs.
#
#   scripts/bench_report_batch.sh          (tunables: WORK=/tmp/docgrid-bench-report FILES=1000 RUNS=5)
#
# Every run writes into a new folder (per input report.json, values.csv, checks.csv, series.json,
# then the gathered values.csv and checks.csv with the series checks). Prints a markdown table.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
WORK="${WORK:-/tmp/docgrid-bench-report}"
FILES="${FILES:-1000}"
RUNS="${RUNS:-5}"
[ -x /usr/bin/time ] || { echo "bench_report_batch.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
cargo build -q --release --bin docgrid
bin="$root/target/release/docgrid"
sources=(tests/fixtures/report/series/*.docx)
in="$WORK/in$FILES"
if [ ! -d "$in" ] || [ "$(find "$in" -name '*.docx' | wc -l)" -ne "$FILES" ]; then
    rm -rf "$in"
    for ((i = 0; i < FILES; i++)); do
        sub="$in/d$((i / 100))"
        [ $((i % 100)) -eq 0 ] && mkdir -p "$sub"
        cp "${sources[i % ${#sources[@]}]}" "$sub/r$i.docx"
    done
fi
mkdir -p "$WORK/out"
walls=() rss_max=0
for ((r = 0; r < RUNS; r++)); do
    out=$(mktemp -d "$WORK/out/run.XXXX")
    sync
    /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$bin" batch -q --to report --jobs 2 "$in" -o "$out"
    read -r wall rss < "$WORK/time.txt"
    walls+=("$wall")
    [ "$rss" -gt "$rss_max" ] && rss_max=$rss
done
median=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
series=$(grep -c ',series,' "$out/checks.csv" || true)
echo "Machine: $(nproc) cores, $(uname -sr), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Command: $bin batch -q --to report --jobs 2 $in -o <new folder>   (median of $RUNS)"
echo
echo "| files | median wall s | files/s | peak RSS MiB | runs (s) | series rows in checks.csv |"
echo "|---:|---:|---:|---:|---|---:|"
awk -v n="$FILES" -v w="$median" -v m="$rss_max" -v runs="${walls[*]}" -v s="$series" \
    'BEGIN{printf "| %d | %.2f | %.0f | %.1f | %s | %d |\n", n, w, n / w, m / 1024, runs, s}'
rm -rf "$WORK/out"
