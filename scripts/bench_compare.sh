#!/usr/bin/env bash
# Speed of two docgrid builds side by side, with the peer tools in the same run: pdftotext
# (poppler) on the PDFs, pandoc on the DOCX. hyperfine gives the medians; /usr/bin/time -v the
# peak memory. For a structural change: "is it unchanged within noise?"
#
#   scripts/bench_compare.sh BASE_BIN NEW_BIN
#
# The binaries are release builds (scripts/same_output.sh leaves them as $WORK/bin-base and
# $WORK/bin-new). Needs hyperfine, pdftotext and pandoc (Debian: hyperfine poppler-utils pandoc)
# and ../shared/corpus for the report PDFs (optional: without it only the sample DOCX runs).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
base=${1:?usage: scripts/bench_compare.sh BASE_BIN NEW_BIN}
new=${2:?usage: scripts/bench_compare.sh BASE_BIN NEW_BIN}
runs=${RUNS:-20}
corpus=$root/../shared/corpus
pdfs=()
for f in reports/v2021_ok.pdf reports/huaian_city_2024.pdf pdf/pdfplumber/pr-136-example.pdf; do
    [[ -f $corpus/$f ]] && pdfs+=("$corpus/$f")
done
[[ ${#pdfs[@]} -gt 0 ]] || echo "bench_compare: ../shared/corpus absent: SKIPPED the PDFs" >&2
docx=$root/samples/qinghe_2023_annual_report.docx

peak() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }

echo "| input | base median ms | new median ms | new/base | peer | peer median ms | peer/new | base KB | new KB |"
echo "|---|---|---|---|---|---|---|---|---|"
row() {
    local input=$1 peer_name=$2; shift 2
    local json
    json=$(mktemp)
    hyperfine -N -w 3 -r "$runs" --export-json "$json" \
        "$base convert $input" "$new convert $input" "$*" >/dev/null 2>&1
    local b n p
    read -r b n p < <(python3 -c "import json,sys; r=json.load(open('$json'))['results']; print(*[round(x['median']*1000,2) for x in r])")
    echo "| $(basename "$input") | $b | $n | $(python3 -c "print(round($n/$b,3))") | $peer_name | $p | $(python3 -c "print(round($p/$n,1))") | $(peak "$base" convert "$input") | $(peak "$new" convert "$input") |"
    rm -f "$json"
}
for f in "${pdfs[@]}"; do
    row "$f" "pdftotext -layout" pdftotext -layout "$f" /dev/null
done
row "$docx" "pandoc -t json" pandoc -f docx -t json "$docx" -o /dev/null
