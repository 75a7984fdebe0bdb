#!/usr/bin/env bash
# Seeds the fuzz corpora from the shared real-world collection (../shared/corpus).
#   fuzz/corpus/docx/         whole .docx files                           (target `docx`)
#   fuzz/corpus/docx_xml/     their word/document.xml parts                (target `docx_xml`)
#   fuzz/corpus/pdf/          whole .pdf files                            (target `pdf`)
#   fuzz/corpus/pdf_content/  decoded page and form content streams       (target `pdf_content`)
#   fuzz/corpus/pdf_cmap/     CMaps and font programs, slot byte in front (target `pdf_cmap`)
# fuzz/corpus is gitignored: these are other people's files and must never be committed.
# Needs: python3 (stdlib zipfile only) for DOCX, cargo for PDF (the seed_pdf example reads
# streams with the same parser docgrid uses). Re-runnable; existing seeds are overwritten.
# usage: fuzz/seed.sh [CORPUS_ROOT]   (default ../shared/corpus)
# Seeds above SEED_MAX_BYTES (default 1 MiB, libFuzzer's own sane maximum) are left out: the
# fuzzer would truncate them anyway and each run of a 12 MB seed costs a second of fuzzing time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="${1:-$here/../../shared/corpus}"
src="$root/docx"
if [ ! -d "$src" ]; then
    echo "seed.sh: $src not found; nothing to seed" >&2
    exit 1
fi
mkdir -p "$here/corpus/docx" "$here/corpus/docx_xml"
python3 - "$src" "$here/corpus" "${SEED_MAX_BYTES:-1048576}" <<'PY'
import hashlib, pathlib, sys, zipfile
src, out, cap = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
n_docx = n_xml = skipped = too_big = 0
for p in sorted(src.rglob("*.docx")):
    data = p.read_bytes()
    # Flat, collision-free names: the corpus has the same base name in several folders.
    tag = hashlib.sha1(data).hexdigest()[:12]
    stem = "-".join(p.relative_to(src).with_suffix("").parts)
    if len(data) <= cap:
        (out / "docx" / f"{stem}-{tag}.docx").write_bytes(data)
        n_docx += 1
    else:
        too_big += 1
    try:
        with zipfile.ZipFile(p) as z:
            xml = z.read("word/document.xml")
    except Exception as e:  # encrypted (OLE) files, broken zips, odd main-part names
        skipped += 1
        print(f"  no word/document.xml in {p.relative_to(src)}: {e}", file=sys.stderr)
        continue
    if len(xml) <= cap:
        (out / "docx_xml" / f"{stem}-{tag}.xml").write_bytes(xml)
        n_xml += 1
    else:
        too_big += 1
print(f"seeded {n_docx} .docx and {n_xml} document.xml "
      f"({skipped} without a readable document.xml, {too_big} over {cap} bytes left out)")
PY
cargo run -q --manifest-path "$here/Cargo.toml" --example seed_pdf -- \
    "$root" "$here/corpus" "${SEED_MAX_BYTES:-1048576}"
