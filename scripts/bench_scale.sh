#!/usr/bin/env bash
# Scale benchmark (issue 21): wall time and peak RSS against input size, for docgrid, pdftotext
# -layout and PyMuPDF in the same run, on generated PDFs of 1 to 10,000 pages (text and one
# ruled table per page) and DOCX files of one table of 10^3 to 10^6 rows
# (scripts/make_scale_fixtures.py), with a plot.
#
#   scripts/bench_scale.sh
#
# Tunables (environment): PAGES=1,10,100,1000,10000, ROWS=1000,10000,100000,1000000, RUNS=5
# (RUNS_BIG=3 for inputs of 1,000 pages or 10^5 rows and more), OUT=target/bench-scale,
# VENV=/tmp/docgrid-pdf-venv (PyMuPDF and matplotlib are pip-installed there, never globally).
# Writes $OUT/results.md (printed) and $OUT/scale.png; the raw hyperfine JSON stays in $OUT.
#
# docgrid: `docgrid convert FILE` with the JSON on stdout sent to /dev/null; pdftotext
# `-layout FILE -`; PyMuPDF: every page's `get_text()` (scripts/bench_pdf_peers.py pymupdf-text),
# interpreter start included, as a user running it pays it. Peak RSS is /usr/bin/time -v's
# "Maximum resident set size" of one run (the median of RSS_RUNS=3).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
PAGES="${PAGES:-1,10,100,1000,10000}"
ROWS="${ROWS:-1000,10000,100000,1000000}"
RUNS="${RUNS:-5}"
RUNS_BIG="${RUNS_BIG:-3}"
RSS_RUNS="${RSS_RUNS:-3}"
OUT="${OUT:-$root/target/bench-scale}"
VENV="${VENV:-/tmp/docgrid-pdf-venv}"

need_apt=()
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
command -v pdftotext >/dev/null || need_apt+=(poppler-utils)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "bench_scale.sh: installing with apt-get: ${need_apt[*]}" >&2
    apt-get install -y "${need_apt[@]}" >/dev/null || { apt-get update >/dev/null && apt-get install -y "${need_apt[@]}" >/dev/null; }
fi
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import pymupdf, matplotlib' 2>/dev/null; then
    echo "bench_scale.sh: installing with pip into $VENV: pymupdf matplotlib" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q pymupdf matplotlib
fi
py="$VENV/bin/python"

echo "bench_scale.sh: building docgrid (release)" >&2
cargo build -q --release --bin docgrid
docgrid="$root/target/release/docgrid"
mkdir -p "$OUT/inputs"
echo "bench_scale.sh: generating inputs in $OUT/inputs" >&2
python3 scripts/make_scale_fixtures.py "$OUT/inputs" --pages "$PAGES" --rows "$ROWS"
rm -f "$OUT"/*.json "$OUT/rows.tsv"

peak_kib() {
    local kib=()
    for _ in $(seq "$RSS_RUNS"); do
        kib+=("$(/usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {print $2}')")
    done
    printf '%s\n' "${kib[@]}" | sort -n | sed -n "$(( (RSS_RUNS + 1) / 2 ))p"
}

measure() { # kind size tool command...
    local kind="$1" size="$2" tool="$3"
    shift 3
    local runs="$RUNS"
    if { [ "$kind" = pdf ] && [ "$size" -ge 1000 ]; } || { [ "$kind" = docx ] && [ "$size" -ge 100000 ]; }; then
        runs="$RUNS_BIG"
    fi
    local json="$OUT/$kind-$size-$tool.json"
    hyperfine -N -w 1 -r "$runs" --export-json "$json" --output=null "$(printf '%q ' "$@")" >/dev/null 2>&1 ||
        hyperfine -w 1 -r "$runs" --export-json "$json" "$(printf '%q ' "$@") > /dev/null" >/dev/null
    local median
    median="$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$json")"
    printf '%s\t%s\t%s\t%s\t%s\n' "$kind" "$size" "$tool" "$median" "$(peak_kib "$@")" >>"$OUT/rows.tsv"
    echo "bench_scale.sh: $kind $size $tool: ${median}s" >&2
}

IFS=, read -r -a pages <<<"$PAGES"
IFS=, read -r -a rows <<<"$ROWS"
for n in "${pages[@]}"; do
    f="$OUT/inputs/pages-$n.pdf"
    # A 1,000-page file of dense pages passes the default whole-document glyph bound
    # (--max-pdf-glyphs, 1,000,000): raised here, so the benchmark measures the reading.
    measure pdf "$n" docgrid "$docgrid" convert --max-pdf-glyphs 1000000000 "$f"
    measure pdf "$n" pdftotext pdftotext -layout "$f" -
    measure pdf "$n" pymupdf "$py" scripts/bench_pdf_peers.py pymupdf-text "$f"
done
for n in "${rows[@]}"; do
    measure docx "$n" docgrid "$docgrid" convert "$OUT/inputs/rows-$n.docx"
done

"$py" - "$OUT" <<'EOF'
import collections, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
out = sys.argv[1]
rows = [l.rstrip("\n").split("\t") for l in open(f"{out}/rows.tsv")]
by = collections.defaultdict(dict)
for kind, size, tool, median, kib in rows:
    by[(kind, tool)][int(size)] = (float(median), int(kib) / 1024)
md = ["| input | size | tool | median s | peak RSS MiB | docgrid speed-up |", "|---|---:|---|---:|---:|---:|"]
for kind, size, tool, median, kib in rows:
    dg = by[(kind, "docgrid")].get(int(size))
    ratio = f"{float(median) / dg[0]:.2f}x" if dg and tool != "docgrid" else ""
    md.append(f"| {kind} | {int(size):,} | {tool} | {float(median):.4f} | {int(kib) / 1024:.1f} | {ratio} |")
open(f"{out}/results.md", "w").write("\n".join(md) + "\n")
print("\n".join(md))
fig, (t_ax, m_ax) = plt.subplots(1, 2, figsize=(11, 4.2))
for (kind, tool), points in sorted(by.items()):
    xs = sorted(points)
    label = f"{tool} ({kind}{', rows' if kind == 'docx' else ', pages'})"
    t_ax.plot(xs, [points[x][0] for x in xs], marker="o", label=label)
    m_ax.plot(xs, [points[x][1] for x in xs], marker="o", label=label)
for ax, title in ((t_ax, "wall time, median (s)"), (m_ax, "peak RSS (MiB)")):
    ax.set_xscale("log"); ax.set_yscale("log"); ax.set_title(title); ax.set_xlabel("pages or rows")
    ax.grid(True, which="both", alpha=0.3)
m_ax.legend(fontsize=8)
fig.tight_layout()
fig.savefig(f"{out}/scale.png", dpi=110)
EOF
echo "bench_scale.sh: wrote $OUT/results.md and $OUT/scale.png" >&2
