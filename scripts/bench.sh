#!/usr/bin/env bash
# Whole-process benchmarks: docgrid vs pandoc vs python-docx vs the zip+quick-xml floor.
#
#   scripts/bench.sh [FILE.docx ...]
#
# Default inputs: samples/*.docx and ../shared/corpus/docx/poi/bug65649.docx.
# Tunables (environment): RUNS=5 timed runs, WARMUP=1, RSS_RUNS=3, OUT=target/bench.
# Installs what is missing, and says so first: hyperfine, pandoc, time (apt-get), python-docx (pip).
# Writes $OUT/results.md (markdown table + machine facts) and prints it; raw hyperfine JSON stays
# in $OUT/*.json. Re-runnable: every run overwrites $OUT.
#
# Each tool writes to stdout, which hyperfine discards; docgrid is never given `-o /dev/null`
# because it writes a temporary file beside the target and renames it into place.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
RUNS="${RUNS:-5}"
WARMUP="${WARMUP:-1}"
RSS_RUNS="${RSS_RUNS:-3}"
OUT="${OUT:-$root/target/bench}"

need_apt=()
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
command -v pandoc >/dev/null || need_apt+=(pandoc)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "bench.sh: installing with apt-get: ${need_apt[*]}" >&2
    apt-get install -y "${need_apt[@]}" >/dev/null || { apt-get update >/dev/null && apt-get install -y "${need_apt[@]}" >/dev/null; }
fi
if ! python3 -c 'import docx' 2>/dev/null; then
    echo "bench.sh: installing with pip: python-docx" >&2
    pip install -q python-docx
fi

echo "bench.sh: building docgrid (release) and examples/floor" >&2
cargo build -q --release --bin docgrid --example floor
docgrid="$root/target/release/docgrid"
floor="$root/target/release/examples/floor"

if [ $# -gt 0 ]; then
    files=("$@")
else
    files=()
    for f in samples/*.docx ../shared/corpus/docx/poi/bug65649.docx; do
        [ -f "$f" ] && files+=("$f")
    done
fi
[ ${#files[@]} -gt 0 ] || { echo "bench.sh: no input files" >&2; exit 1; }

rm -rf "$OUT"
mkdir -p "$OUT"
tools=(docgrid pandoc python-docx floor)
cmd_for() { # tool file -> command line (no shell features: hyperfine runs it with -N)
    case "$1" in
        docgrid) echo "$docgrid convert $2" ;;
        pandoc) echo "pandoc -f docx -t json $2" ;;
        python-docx) echo "python3 $root/scripts/bench_python_docx.py $2" ;;
        floor) echo "$floor $2" ;;
    esac
}

{
    echo "date	$(date -u +%Y-%m-%dT%H:%MZ)"
    echo "nproc	$(nproc)"
    echo "cpu	$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
    echo "memory	$(free -h | awk '/^Mem:/ {print $2}')"
    echo "rustc	$(rustc --version)"
    echo "hyperfine	$(hyperfine --version)"
    echo "pandoc	$(pandoc --version | head -1)"
    echo "python-docx	$(python3 -c 'import importlib.metadata as m; print(m.version("python-docx"))')"
    echo "python	$(python3 --version)"
    echo "load_before	$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/machine.tsv"

i=0
for f in "${files[@]}"; do
    i=$((i + 1))
    name="$(basename "$f")"
    echo "bench.sh: [$i/${#files[@]}] $name" >&2
    args=()
    for t in "${tools[@]}"; do
        cmd="$(cmd_for "$t" "$f")"
        # A tool that fails on a file is recorded as failed, not timed.
        if $cmd >/dev/null 2>"$OUT/$i.$t.err"; then
            args+=(-n "$t" "$cmd")
            rss=()
            for _ in $(seq "$RSS_RUNS"); do
                /usr/bin/time -v -o "$OUT/time.txt" $cmd >/dev/null 2>&1
                rss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/time.txt")")
            done
            echo "$i	$f	$t	ok	${rss[*]}" >>"$OUT/rss.tsv"
        else
            echo "$i	$f	$t	failed	" >>"$OUT/rss.tsv"
        fi
    done
    if [ ${#args[@]} -gt 0 ]; then
        hyperfine -N --style none -w "$WARMUP" -r "$RUNS" --export-json "$OUT/$i.json" "${args[@]}" >/dev/null
    fi
done
echo "load_after	$(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/machine.tsv"

python3 "$root/scripts/bench_report.py" "$OUT" | tee "$OUT/results.md"
