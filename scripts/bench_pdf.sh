#!/usr/bin/env bash
# PDF benchmarks (issues 3 and 4): whole-process wall time and peak memory of docgrid against
# pdftotext -layout (poppler), pdfplumber, PyMuPDF, camelot (lattice) and tabula (lattice), on
# the report PDFs of ../shared/corpus/reports and one long PDF made by joining them.
#
#   scripts/bench_pdf.sh [FILE.pdf ...]
#
# Tunables (environment): RUNS=5 timed runs (RUNS_SLOW=3 for the Python/Java peers),
# WARMUP=1, RSS_RUNS=3, LONG_COPIES=20 (copies of huaian_city_2024.pdf joined into the long
# PDF, 6 pages each), TOOLS (default: all below), OUT=target/bench-pdf,
# VENV=/tmp/docgrid-pdf-venv (the Python peers are installed there with pip, never globally).
# Installs what is missing and says so first: hyperfine, poppler-utils, time (apt-get),
# pdfplumber, pymupdf, camelot-py, tabula-py, opencv-python-headless (pip, into $VENV); java
# must exist for tabula (the tool is left out otherwise).
# Writes $OUT/results.md and prints it; raw hyperfine JSON stays in $OUT/*.json.
#
# docgrid: `docgrid convert FILE` (text and tables as JSON on stdout). pdftotext writes to
# stdout too (`-`). Each Python peer is scripts/bench_pdf_peers.py, which calls the library as
# its documentation shows (see that file), so interpreter and import time are counted, as a user
# running it on a file pays them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
RUNS="${RUNS:-5}"
RUNS_SLOW="${RUNS_SLOW:-3}"
WARMUP="${WARMUP:-1}"
RSS_RUNS="${RSS_RUNS:-3}"
LONG_COPIES="${LONG_COPIES:-20}"
OUT="${OUT:-$root/target/bench-pdf}"
VENV="${VENV:-/tmp/docgrid-pdf-venv}"
TOOLS="${TOOLS:-docgrid pdftotext pdfplumber pdfplumber-text pymupdf pymupdf-text camelot-lattice tabula-lattice}"

need_apt=()
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
command -v pdftotext >/dev/null || need_apt+=(poppler-utils)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "bench_pdf.sh: installing with apt-get: ${need_apt[*]}" >&2
    apt-get install -y "${need_apt[@]}" >/dev/null || { apt-get update >/dev/null && apt-get install -y "${need_apt[@]}" >/dev/null; }
fi
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import pdfplumber, pymupdf, camelot, tabula' 2>/dev/null; then
    echo "bench_pdf.sh: installing with pip into $VENV: pdfplumber pymupdf camelot-py tabula-py opencv-python-headless" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q pdfplumber pymupdf camelot-py tabula-py opencv-python-headless
fi
py="$VENV/bin/python"
if ! command -v java >/dev/null; then
    echo "bench_pdf.sh: no java: tabula-lattice left out" >&2
    TOOLS="${TOOLS//tabula-lattice/}"
fi

echo "bench_pdf.sh: building docgrid (release)" >&2
cargo build -q --release --bin docgrid
docgrid="$root/target/release/docgrid"

rm -rf "$OUT"
mkdir -p "$OUT"
if [ $# -gt 0 ]; then
    files=("$@")
else
    files=()
    for f in ../shared/corpus/reports/*.pdf; do
        [ -f "$f" ] && files+=("$f")
    done
    long_src=../shared/corpus/reports/huaian_city_2024.pdf
    if [ -f "$long_src" ]; then
        long="$OUT/huaian_x$LONG_COPIES.pdf"
        # shellcheck disable=SC2046
        pdfunite $(for _ in $(seq "$LONG_COPIES"); do echo "$long_src"; done) "$long"
        files+=("$long")
    fi
fi
[ ${#files[@]} -gt 0 ] || { echo "bench_pdf.sh: no input files" >&2; exit 1; }

cmd_for() { # tool file -> command line (no shell features: hyperfine runs it with -N)
    case "$1" in
        docgrid) echo "$docgrid convert $2" ;;
        pdftotext) echo "pdftotext -layout $2 -" ;;
        *) echo "$py $root/scripts/bench_pdf_peers.py $1 $2" ;;
    esac
}

{
    echo "date	$(date -u +%Y-%m-%dT%H:%MZ)"
    echo "nproc	$(nproc)"
    echo "cpu	$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
    echo "memory	$(free -h | awk '/^Mem:/ {print $2}')"
    echo "rustc	$(rustc --version)"
    echo "hyperfine	$(hyperfine --version)"
    echo "pdftotext	$(pdftotext -v 2>&1 | head -1)"
    echo "python	$("$py" --version)"
    for pkg in pdfplumber pymupdf camelot-py tabula-py; do
        echo "$pkg	$("$py" -c "import importlib.metadata as m; print(m.version('$pkg'))" 2>/dev/null || echo missing)"
    done
    echo "java	$(java -version 2>&1 | head -1 || echo missing)"
    echo "tools	$TOOLS"
    echo "load_before	$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/machine.tsv"

i=0
for f in "${files[@]}"; do
    i=$((i + 1))
    pages="$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')"
    echo "bench_pdf.sh: [$i/${#files[@]}] $(basename "$f") ($pages pages)" >&2
    fast=()
    slow=()
    for t in $TOOLS; do
        cmd="$(cmd_for "$t" "$f")"
        # A tool that fails on a file is recorded as failed, not timed.
        if $cmd >/dev/null 2>"$OUT/$i.$t.err"; then
            case "$t" in
                docgrid | pdftotext) fast+=(-n "$t" "$cmd") ;;
                *) slow+=(-n "$t" "$cmd") ;;
            esac
            rss=()
            for _ in $(seq "$RSS_RUNS"); do
                /usr/bin/time -v -o "$OUT/time.txt" $cmd >/dev/null 2>&1
                rss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/time.txt")")
            done
            echo "$i	$f	$pages	$t	ok	${rss[*]}" >>"$OUT/rss.tsv"
        else
            echo "$i	$f	$pages	$t	failed	" >>"$OUT/rss.tsv"
        fi
    done
    if [ ${#fast[@]} -gt 0 ]; then
        hyperfine -N --style none -w "$WARMUP" -r "$RUNS" --export-json "$OUT/$i.fast.json" "${fast[@]}" >/dev/null
    fi
    if [ ${#slow[@]} -gt 0 ]; then
        # No warm-up for the slow peers: the check run and the RSS runs above already warmed
        # the page cache and Python's bytecode cache, and one run of camelot on 120 pages is minutes.
        hyperfine -N --style none -w 0 -r "$RUNS_SLOW" --export-json "$OUT/$i.slow.json" "${slow[@]}" >/dev/null
    fi
done
echo "load_after	$(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/machine.tsv"

python3 "$root/scripts/bench_pdf_report.py" "$OUT" | tee "$OUT/results.md"
