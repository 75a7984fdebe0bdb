#!/usr/bin/env bash
# Python binding benchmark (issue 20), results in BENCHMARKS.md:
#  1. binding overhead against the CLI: `docgrid convert --compact` vs the same conversion and
#     JSON through the binding (scripts/bench_python_convert.py), with hyperfine, on the
#     samples and on a 16-page PDF (the qinghe PDF five times over plus its first page, joined
#     with pdfunite: the samples' PDF has 3 pages); the interpreter's start and `import docgrid`
#     are timed alone too, so the overhead per conversion can be told from Python's start.
#  2. files/s of docgrid.spark (local[2]) and docgrid.ray (2 CPUs) against
#     `docgrid batch --jobs 2`, all writing every cell (--to cells; Parquet for the engines)
#     from the same 1,000 files (copies of the samples: 2 DOCX, the PDF, the 2 .doc fixtures).
#
#   scripts/bench_python.sh            # after scripts/python_ci.sh (uses target/python/venv)
#
# Tunables (environment): WORK (default /tmp/docgrid-bench-python), FILES=1000, RUNS=10 (hyperfine),
# ENGINE_RUNS=3. Peak memory from /usr/bin/time -v. Writes $WORK/results.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
WORK="${WORK:-/tmp/docgrid-bench-python}"
FILES="${FILES:-1000}"
RUNS="${RUNS:-10}"
ENGINE_RUNS="${ENGINE_RUNS:-3}"
venv="$root/target/python/venv"
py="$venv/bin/python"
cli="$root/target/release/docgrid"
[ -x "$py" ] && "$py" -c "import docgrid" || { echo "bench_python.sh: run scripts/python_ci.sh first" >&2; exit 1; }
cargo build -q --release --bin docgrid
rm -rf "$WORK" && mkdir -p "$WORK/in" "$WORK/out"
out="$WORK/results.md"

pdfseparate -f 1 -l 1 samples/qinghe_2023_annual_report.pdf "$WORK/first.pdf"
q=samples/qinghe_2023_annual_report.pdf
pdfunite $q $q $q $q $q "$WORK/first.pdf" "$WORK/pages16.pdf"
pdfinfo "$WORK/pages16.pdf" | grep '^Pages:'

{
    echo "## Binding overhead ($(date -u +%F), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
    echo
} > "$out"
for input in "$WORK/pages16.pdf" samples/qinghe_2023_annual_report.pdf samples/qinghe_2023_annual_report.docx samples/pingchuan_2020_annual_report.docx; do
    name=$(basename "$input")
    hyperfine -N --warmup 3 --runs "$RUNS" --export-markdown "$WORK/$name.md" --export-json "$WORK/$name.json" \
        -n cli "$cli convert $input --to json --compact -o $WORK/out/cli.json --quiet" \
        -n binding "$py scripts/bench_python_convert.py $input" \
        -n "python + import docgrid" "$py -c 'import docgrid'" >/dev/null
    "$py" - "$WORK/$name.json" "$name" >> "$out" <<'PY'
import json, statistics, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
names = ("cli", "binding", "python + import docgrid")
wall = [statistics.median(results[k]["times"]) * 1000 for k in names]
cpu = [(results[k]["user"] + results[k]["system"]) * 1000 for k in names]
def net(v):
    return v[1] - v[2]
print(f"- {sys.argv[2]}: median wall: cli {wall[0]:.1f} ms, binding {wall[1]:.1f} ms, python start + "
      f"import {wall[2]:.1f} ms, so {net(wall):.1f} ms per conversion = {(net(wall)/wall[0]-1)*100:+.1f}% "
      f"against the CLI; mean CPU (user+sys): cli {cpu[0]:.1f} ms, binding {cpu[1]:.1f} ms, start "
      f"{cpu[2]:.1f} ms, so {net(cpu):.1f} ms = {(net(cpu)/cpu[0]-1)*100:+.1f}%")
PY
done
for cmd in "$cli convert $WORK/pages16.pdf --to json --compact -o $WORK/out/cli.json --quiet" \
           "$py scripts/bench_python_convert.py $WORK/pages16.pdf"; do
    kb=$( { /usr/bin/time -v $cmd >/dev/null; } 2>&1 | awk -F: '/Maximum resident/ {print $2}' | xargs)
    echo "- peak RSS, 16-page PDF: $kb KB: \`$cmd\`" >> "$out"
done

# 1,000 files: the samples and .doc fixtures over and over, 100 per folder.
sources=(samples/*.docx samples/*.pdf tests/fixtures/doc/pingchuan_2020_annual_report.doc tests/fixtures/doc/qinghe_2023_annual_report.doc)
for ((i = 0; i < FILES; i++)); do
    src=${sources[$((i % ${#sources[@]}))]}
    dir="$WORK/in/$((i / 100))"
    mkdir -p "$dir"
    cp "$src" "$dir/$i.${src##*.}"
done
{
    echo
    echo "## Files/s over $FILES files (every cell out)"
    echo
} >> "$out"
hyperfine -N --runs "$ENGINE_RUNS" --prepare "rm -rf $WORK/out/batch" --export-json "$WORK/batch.json" \
    "$cli batch $WORK/in -o $WORK/out/batch --to cells --jobs 2 --quiet" >/dev/null
"$py" - "$WORK/batch.json" "$FILES" >> "$out" <<'PY'
import json, statistics, sys
times = json.load(open(sys.argv[1]))["results"][0]["times"]
m = statistics.median(times)
print(f"- docgrid batch --jobs 2 --to cells: median {m:.2f} s = {int(sys.argv[2])/m:.1f} files/s")
PY
for engine in spark ray; do
    kb=$( { /usr/bin/time -v "$py" scripts/bench_python_engines.py $engine "$WORK/in" "$WORK/out" "$ENGINE_RUNS" > "$WORK/$engine.log"; } 2>&1 | awk -F: '/Maximum resident/ {print $2}' | xargs)
    tail -1 "$WORK/$engine.log" | sed "s/^/- /; s/\$/ (driver peak RSS $kb KB; workers apart)/" >> "$out"
    grep 'run 1' "$WORK/$engine.log" | sed 's/.*(session/  (session/' >> "$out"
done
cat "$out"
