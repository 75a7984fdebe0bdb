#!/usr/bin/env bash
# Speed of the .doc reader against the tools people use for .doc today, in one hyperfine run per
# input: docgrid (release) reading the whole structure; antiword and catdoc (text only, no
# tables as a grid); LibreOffice converting to .docx (what one did before docgrid read .doc).
#   cargo build --release && scripts/bench_doc.sh [FILE.doc ...]
# Defaults to the committed fixtures plus a large document (the HTML fixture's report repeated 50
# times, about 100 pages, saved as .doc by LibreOffice), so start-up does not dominate.
# Prints hyperfine's table, a median line per input, and writes /tmp/bench_doc-*.json.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/target/release/docgrid"
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 1; }
files=("$@")
profile="$(mktemp -d)"
out="$(mktemp -d)"
big="$(mktemp -d)"
trap 'rm -rf "$profile" "$out" "$big"' EXIT
if [ ${#files[@]} -eq 0 ]; then
    files=("$root"/tests/fixtures/doc/*.doc)
    python3 - "$root/tests/fixtures/html/report_html5.html" "$big/large.html" <<'PY'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
head, rest = page.split("<main>", 1)
main, tail = rest.split("</main>", 1)
open(sys.argv[2], "w", encoding="utf-8").write(head + ("<main>" + main + "</main>") * 50 + tail)
PY
    soffice -env:UserInstallation="file://$profile" --headless --convert-to 'doc:MS Word 97' \
        --outdir "$big" "$big/large.html" >/dev/null 2>&1
    files+=("$big/large.doc")
fi
# A warm LibreOffice profile, so its first-run set-up is not measured.
soffice -env:UserInstallation="file://$profile" --headless --convert-to docx --outdir "$out" "${files[0]}" >/dev/null 2>&1 || true
for f in "${files[@]}"; do
    name="$(basename "$f" .doc)"
    hyperfine --warmup 2 --min-runs 10 -N --export-json "/tmp/bench_doc-$name.json" \
        -n docgrid "$bin convert -q $f -o $out/$name.json" \
        -n antiword "antiword $f" \
        -n catdoc "catdoc $f" \
        -n "soffice to docx" "soffice -env:UserInstallation=file://$profile --headless --convert-to docx --outdir $out $f"
    python3 - "/tmp/bench_doc-$name.json" "$name" <<'PY'
import json, statistics, sys
r = {x["command"]: statistics.median(x["times"]) for x in json.load(open(sys.argv[1]))["results"]}
d = r["docgrid"]
print(f"{sys.argv[2]}: docgrid {d*1000:.1f} ms, antiword {r['antiword']*1000:.1f} ms, "
      f"catdoc {r['catdoc']*1000:.1f} ms, soffice {r['soffice to docx']*1000:.0f} ms "
      f"({r['soffice to docx']/d:.0f}x docgrid)")
PY
done
