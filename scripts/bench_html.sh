#!/usr/bin/env bash
# HTML reading speed: `docgrid convert` (release build) against `pandoc -f html -t json` on the
# HTML fixtures and on a large page (the HTML5 fixture's body repeated 50 times), with hyperfine.
# Prints hyperfine's table; the medians go into BENCHMARKS.md ("HTML input").
#   scripts/bench_html.sh            (builds target/release/docgrid first)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cargo build --release --quiet
bin="$root/target/release/docgrid"
fixtures="$root/tests/fixtures/html"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The large page: one head, the report's <main> 50 times.
python3 - "$fixtures/report_html5.html" "$work/large.html" <<'PY'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
head, rest = page.split("<main>", 1)
main, tail = rest.split("</main>", 1)
open(sys.argv[2], "w", encoding="utf-8").write(head + ("<main>" + main + "</main>") * 50 + tail)
PY
for page in "$fixtures/report_html5.html" "$fixtures/report_word.htm" "$fixtures/report_gbk.htm" "$work/large.html"; do
    name="$(basename "$page")"
    # pandoc reads UTF-8 only: the GBK page is given to it converted (its time is not counted).
    input="$page"
    if [ "$name" = report_gbk.htm ]; then
        input="$work/gbk_as_utf8.htm"
        iconv -f GBK -t UTF-8 "$page" >"$input"
    fi
    hyperfine --warmup 3 --min-runs 20 -N --export-json "$work/$name.json" \
        -n "docgrid $name" "$bin convert -q $page -o $work/out.json" \
        -n "pandoc $name" "pandoc -f html -t json $input -o $work/out.pandoc.json"
    python3 - "$work/$name.json" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"]
med = {x["command"].split()[0]: statistics.median(x["times"]) for x in r}
print(f"{sys.argv[1].rsplit('/', 1)[-1][:-5]}: docgrid {med['docgrid']*1000:.1f} ms, "
      f"pandoc {med['pandoc']*1000:.1f} ms, ratio {med['pandoc']/med['docgrid']:.1f}x")
PY
done
