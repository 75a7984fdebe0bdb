#!/usr/bin/env bash
# Batch benchmark (issue 6): files/s of `docgrid batch` with --jobs 1 and 2 over 2,000
# report-size DOCX, peak memory at 1,000 and 10,000 files, and pandoc over a sample.
#
#   scripts/bench_batch.sh
#
# Inputs: copies of ../shared/corpus/reports/*.docx and samples/*.docx, made under $WORK
# (default /tmp/docgrid-bench-batch, never committed), 100 files per folder. Outputs go to disk
# under $WORK too (JSON, indented, as `docgrid batch` writes by default).
# Tunables (environment): WORK, FILES=2000, BIG=10000, SMALL=1000, PANDOC_SAMPLE=100, RUNS=3.
# Installs pandoc and time with apt-get if missing, and says so first.
# Prints a markdown table and the exact commands; also writes it to $WORK/results.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
WORK="${WORK:-/tmp/docgrid-bench-batch}"
FILES="${FILES:-2000}"
BIG="${BIG:-10000}"
SMALL="${SMALL:-1000}"
PANDOC_SAMPLE="${PANDOC_SAMPLE:-100}"
RUNS="${RUNS:-3}"

need_apt=()
command -v pandoc >/dev/null || need_apt+=(pandoc)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "bench_batch.sh: installing with apt-get: ${need_apt[*]}" >&2
    apt-get install -y "${need_apt[@]}" >/dev/null || { apt-get update >/dev/null && apt-get install -y "${need_apt[@]}" >/dev/null; }
fi

echo "bench_batch.sh: building (release)" >&2
cargo build -q --release --bin docgrid
batch=("$root/target/release/docgrid" batch)

sources=()
for f in ../shared/corpus/reports/*.docx samples/*.docx; do
    [ -f "$f" ] && sources+=("$f")
done
[ ${#sources[@]} -gt 0 ] || { echo "bench_batch.sh: no source .docx found" >&2; exit 1; }

# make_tree DIR N: N copies of the sources, 100 per folder, names r<i>.docx (kept if present:
# see below why deleting files is avoided).
make_tree() {
    local dir=$1 n=$2 i
    if [ -d "$dir" ] && [ "$(find "$dir" -name '*.docx' | wc -l)" -eq "$n" ]; then
        return
    fi
    rm -rf "$dir"
    for ((i = 0; i < n; i++)); do
        local sub="$dir/d$((i / 100))"
        [ $((i % 100)) -eq 0 ] && mkdir -p "$sub"
        cp "${sources[i % ${#sources[@]}]}" "$sub/r$i.docx"
    done
}

rm -rf "$WORK/out" "$WORK/pandoc"
mkdir -p "$WORK/out"
echo "bench_batch.sh: making $FILES, $SMALL and $BIG inputs under $WORK" >&2
make_tree "$WORK/in$FILES" "$FILES"
make_tree "$WORK/in$SMALL" "$SMALL"
make_tree "$WORK/in$BIG" "$BIG"
in_bytes=$(du -sb "$WORK/in$FILES" | cut -f1)

# timed IN JOBS: one run into a new folder; prints "<wall s> <peak RSS KiB> <summary line>".
# Outputs are deleted only at the end: on ext4 without a journal (this VM's disk), creating
# files right after deleting thousands makes every inode allocation check the recently
# deleted ones (recently_deleted() in the kernel), which measured 12% of the run's time.
timed() {
    local in=$1 jobs=$2 out
    out=$(mktemp -d "$WORK/out/$(basename "$in")-j$jobs.XXXX")
    sync
    /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "${batch[@]}" "$in" -o "$out" --jobs "$jobs" \
        2>"$WORK/stderr-$(basename "$in")-j$jobs.txt" || { cat "$WORK/stderr-$(basename "$in")-j$jobs.txt" >&2; exit 1; }
    echo "$(cat "$WORK/time.txt") $(tail -n 1 "$WORK/stderr-$(basename "$in")-j$jobs.txt")"
}

# best IN JOBS: the fastest of $RUNS runs -> "<files/s> <wall s> <peak KiB>".
best() {
    local in=$1 jobs=$2 n wall rss best_wall="" best_rss=0 r
    n=$(find "$in" -name '*.docx' | wc -l)
    for ((r = 0; r < RUNS; r++)); do
        read -r wall rss _ < <(timed "$in" "$jobs")
        if [ -z "$best_wall" ] || awk "BEGIN{exit !($wall < $best_wall)}"; then best_wall=$wall; fi
        [ "$rss" -gt "$best_rss" ] && best_rss=$rss
    done
    awk -v n="$n" -v w="$best_wall" -v m="$best_rss" 'BEGIN{printf "%.0f %.2f %.1f\n", n / w, w, m / 1024}'
}

load=$(cut -d' ' -f1-3 /proc/loadavg)
busy=$(ps -eo pcpu=,comm= --sort=-pcpu | awk 'NR == 1 && $1 > 30 {print $2 " at " $1 "% CPU"}')
[ -z "$busy" ] || echo "bench_batch.sh: warning: another process is busy ($busy); numbers will be low" >&2
echo "bench_batch.sh: docgrid batch, $FILES files, --jobs 1 and 2 (best of $RUNS); load $load" >&2
read -r fps1 wall1 rss1 < <(best "$WORK/in$FILES" 1)
read -r fps2 wall2 rss2 < <(best "$WORK/in$FILES" 2)
echo "bench_batch.sh: peak memory at $SMALL and $BIG files (--jobs 2)" >&2
read -r fps_s wall_s rss_s < <(best "$WORK/in$SMALL" 2)
read -r fps_b wall_b rss_b < <(best "$WORK/in$BIG" 2)
out_bytes=$(du -sb "$(find "$WORK/out" -maxdepth 1 -name "in$FILES-j2.*" | awk 'NR == 1')" | cut -f1)

echo "bench_batch.sh: pandoc -f docx -t json over $PANDOC_SAMPLE files" >&2
# (awk, not head: head closing the pipe early would fail the pipeline under pipefail)
sample=$(find "$WORK/in$FILES" -name '*.docx' | sort | awk -v n="$PANDOC_SAMPLE" 'NR <= n')
rm -rf "$WORK/pandoc" && mkdir -p "$WORK/pandoc"
start=$(date +%s.%N)
while read -r f; do
    pandoc -f docx -t json "$f" -o "$WORK/pandoc/$(basename "$f").json"
done <<<"$sample"
end=$(date +%s.%N)
pandoc_wall=$(awk -v s="$start" -v e="$end" 'BEGIN{printf "%.2f", e - s}')
pandoc_fps=$(awk -v n="$PANDOC_SAMPLE" -v w="$pandoc_wall" 'BEGIN{printf "%.1f", n / w}')
pandoc_extra=$(awk -v f="$FILES" -v p="$pandoc_fps" 'BEGIN{printf "%.0f", f / p}')

{
    echo "### docgrid batch — $FILES report-size DOCX ($(awk -v b="$in_bytes" 'BEGIN{printf "%.1f", b/1048576}') MiB in, $(awk -v b="$out_bytes" 'BEGIN{printf "%.1f", b/1048576}') MiB JSON out)"
    echo
    echo "Machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); load average before the runs: $load${busy:+, busy: $busy}. Inputs in page cache, outputs written to disk (no fsync). Best of $RUNS fresh runs."
    echo "Sources copied round-robin: ${sources[*]}"
    echo
    echo "| run | files | wall s | files/s | peak RSS MiB (max of runs) |"
    echo "|---|---:|---:|---:|---:|"
    echo "| docgrid batch --jobs 1 | $FILES | $wall1 | $fps1 | $rss1 |"
    echo "| docgrid batch --jobs 2 | $FILES | $wall2 | $fps2 | $rss2 |"
    echo "| docgrid batch --jobs 2 | $SMALL | $wall_s | $fps_s | $rss_s |"
    echo "| docgrid batch --jobs 2 | $BIG | $wall_b | $fps_b | $rss_b |"
    echo "| pandoc -f docx -t json, shell loop (sample of $PANDOC_SAMPLE) | $PANDOC_SAMPLE | $pandoc_wall | $pandoc_fps | — |"
    echo
    echo "pandoc extrapolated to $FILES files: about ${pandoc_extra} s, vs ${wall2} s for docgrid batch --jobs 2."
    echo
    echo "Commands: \`${batch[*]} $WORK/in<N> -o <new folder under $WORK/out> --jobs <J>\` under \`/usr/bin/time -f '%e %M'\` (progress lines on, as in a log);"
    echo "\`pandoc -f docx -t json <f> -o <f>.json\` for each of the first $PANDOC_SAMPLE inputs (sorted)."
} | tee "$WORK/results.md"
rm -rf "$WORK/out" "$WORK/pandoc"
