#!/usr/bin/env bash
# Speed of the .doc reader against the tools people use for .doc today, in one hyperfine run per
# input: docgrid (release) reading the whole structure; antiword and catdoc (text only, no
# tables as a grid); LibreOffice converting to .docx (what one did before docgrid read .doc).
#   cargo build --release && scripts/bench_doc.sh [FILE.doc ...]
# Defaults to the committed fixtures. Prints hyperfine's table and writes /tmp/bench_doc-*.json.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/target/release/docgrid"
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 1; }
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$root"/tests/fixtures/doc/*.doc)
profile="$(mktemp -d)"
out="$(mktemp -d)"
trap 'rm -rf "$profile" "$out"' EXIT
# A warm LibreOffice profile, so its first-run set-up is not measured.
soffice -env:UserInstallation="file://$profile" --headless --convert-to docx --outdir "$out" "${files[0]}" >/dev/null 2>&1 || true
for f in "${files[@]}"; do
    name="$(basename "$f" .doc)"
    hyperfine --warmup 2 --min-runs 10 -N --export-json "/tmp/bench_doc-$name.json" \
        -n docgrid "$bin convert -q $f -o $out/$name.json" \
        -n antiword "antiword $f" \
        -n catdoc "catdoc $f" \
        -n "soffice to docx" "soffice -env:UserInstallation=file://$profile --headless --convert-to docx --outdir $out $f"
done
