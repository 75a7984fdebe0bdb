#!/usr/bin/env bash
# Regenerates tests/fixtures/doc/: constructs.docx (scripts/make_doc_fixtures.py), word_text.docx
# (scripts/make_word_text_fixture.py), lists.docx (scripts/make_lists_fixture.py) and the two
# annual-report samples, each converted to Word 97-2003 .doc by LibreOffice, so that tests/doc.rs
# compares the .doc reader with the .docx reader on the same documents without needing soffice.
#   scripts/make_doc_fixtures.sh
# The shared corpus's 13-table libreoffice_conversion.docx is converted by tests/doc.rs at test
# time only (never committed); this script checks that it converts, when the corpus is there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/tests/fixtures/doc"
mkdir -p "$out"
python3 "$root/scripts/make_doc_fixtures.py" "$out/constructs.docx"
python3 "$root/scripts/make_word_text_fixture.py" "$out/word_text.docx"
python3 "$root/scripts/make_lists_fixture.py" "$out/lists.docx"
cp "$root/samples/qinghe_2023_annual_report.docx" "$root/samples/pingchuan_2020_annual_report.docx" "$out/" 2>/dev/null || true
# A private profile: a user's running LibreOffice would otherwise take the job and ignore it.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
for f in "$out"/constructs.docx "$out"/word_text.docx "$out"/lists.docx "$root"/samples/*.docx; do
    soffice -env:UserInstallation="file://$profile" --headless --convert-to doc --outdir "$out" "$f" >/dev/null
done
# The samples' .docx stay in samples/; only their .doc copies live here.
rm -f "$out/qinghe_2023_annual_report.docx" "$out/pingchuan_2020_annual_report.docx"
corpus="$root/../shared/corpus/docx/docx2python/libreoffice_conversion.docx"
if [ -f "$corpus" ]; then
    tmp="$(mktemp -d)"
    soffice -env:UserInstallation="file://$profile" --headless --convert-to doc --outdir "$tmp" "$corpus" >/dev/null
    echo "corpus check: $(ls -l "$tmp"/*.doc | awk '{print $5, $9}')"
    rm -rf "$tmp"
fi
ls -l "$out"
