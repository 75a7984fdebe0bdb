#!/usr/bin/env python3
"""Generates the adversarial DOCX and PDF set (issue 8) into a folder outside git.

usage: scripts/adversarial.py OUTDIR [--mutants N] [--seed S] [--only docx|pdf|doc|html]

DOCX: the hand-made attacks (zip bombs, lying sizes, duplicate entries, DTDs, deep nesting,
huge tables, long vMerge chains), truncations of two samples at every 1 KB boundary, and N
mutants (byte flips and truncations) of samples/*.docx and ../shared/corpus/**/*.docx.
PDF (scripts/adversarial_pdf.py): xref loops, self-referencing page trees and form XObjects,
millions of operators, huge images, bogus lengths, flate bombs, truncations of two real PDFs at
every 1 KB boundary, and N mutants of ../shared/corpus/**/*.pdf.
.doc and HTML (scripts/adversarial_legacy.py): lying FIB fields and piece tables, deep and huge
HTML markup, lying charsets, hostile MHTML, truncations and N mutants of the committed fixtures.
Deterministic for a given seed, so any failure names a reproducible file.
"""
import pathlib
import random
import struct
import sys
import zipfile
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def document(body):
    return f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'


def package(path, doc, extra=()):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", doc)
        for name, data in extra:
            z.writestr(name, data)


def bomb(path, mib):
    """A document.xml of `mib` MiB of whitespace, streamed so the generator stays small."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(document("").split("</w:body>")[0].encode())
            chunk = b" " * (1 << 20)
            for _ in range(mib):
                f.write(chunk)
            f.write(b"</w:body></w:document>")


def patch_sizes(data, declared):
    """Rewrites the uncompressed size of every entry in local and central headers."""
    out = bytearray(data)
    i = 0
    while (i := out.find(b"PK\x03\x04", i)) >= 0:
        out[i + 22:i + 26] = struct.pack("<I", declared)
        i += 4
    i = 0
    while (i := out.find(b"PK\x01\x02", i)) >= 0:
        out[i + 24:i + 28] = struct.pack("<I", declared)
        i += 4
    return bytes(out)


def attacks(out):
    package(out / "plain.docx", document("<w:p><w:r><w:t>ok</w:t></w:r></w:p>"))
    bomb(out / "bomb-600mib.docx", 600)
    bomb(out / "bomb-1100mib.docx", 1100)
    small = (out / "plain.docx").read_bytes()
    (out / "declared-4gib.docx").write_bytes(patch_sizes(small, 0xFFFFFFFF))
    (out / "lying-size-small.docx").write_bytes(patch_sizes(small, 3))
    # Duplicate entries: two word/document.xml, the second different.
    with zipfile.ZipFile(out / "duplicate-entries.docx", "w") as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document("<w:p><w:r><w:t>first</w:t></w:r></w:p>"))
        z.writestr("word/document.xml", document("<w:p><w:r><w:t>second</w:t></w:r></w:p>"))
    # Overlapping entries: the central directory points two names at the same local header.
    data = bytearray(small)
    cd = [i for i in range(len(data)) if data[i:i + 4] == b"PK\x01\x02"]
    if len(cd) >= 2:
        data[cd[1] + 42:cd[1] + 46] = data[cd[0] + 42:cd[0] + 46]
    (out / "overlapping-entries.docx").write_bytes(bytes(data))
    laughs = "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    package(out / "billion-laughs.docx",
            f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "lol">{laughs}]>'
            f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>')
    package(out / "xxe.docx",
            f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
    package(out / "deep-10000.docx", document("<w:sdt><w:sdtContent>" * 5000 + "</w:sdtContent></w:sdt>" * 5000))
    package(out / "deep-tables-200.docx", document("<w:tbl><w:tr><w:tc>" * 200 + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * 200))
    package(out / "cols-100000-span.docx",
            document('<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="100000"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>'))
    package(out / "cols-100000-cells.docx",
            document("<w:tbl><w:tblGrid>" + "<w:gridCol/>" * 100000 + "</w:tblGrid><w:tr>"
                     + "<w:tc><w:p/></w:tc>" * 100000 + "</w:tr></w:tbl>"))
    package(out / "vmerge-100000.docx",
            document('<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p/></w:tc></w:tr>'
                     + "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>" * 99999 + "</w:tbl>"))
    package(out / "cells-2e7.docx",
            document("<w:tbl>" + ('<w:tr><w:tc><w:tcPr><w:gridSpan w:val="16000"/></w:tcPr><w:p/></w:tc></w:tr>' * 2000) + "</w:tbl>"))


def sources():
    files = sorted((ROOT / "samples").glob("*.docx"))
    corpus = ROOT.parent / "shared" / "corpus"
    if corpus.is_dir():
        files += sorted(corpus.rglob("*.docx"))
    return files


def mutate(blob, rng):
    """One mutant of `blob`: 20 % a random truncation, else 1-32 random byte XORs."""
    b = bytearray(blob)
    if rng.random() < 0.2:
        return bytes(b[:rng.randrange(len(b))])
    for _ in range(rng.choice([1, 2, 4, 8, 32])):
        b[rng.randrange(len(b))] ^= rng.randrange(1, 256)
    return bytes(b)


def mutants(out, n, seed):
    rng = random.Random(seed)
    files = sources()
    blobs = [f.read_bytes() for f in files]
    for f, b in zip(files[:2], blobs[:2]):
        for cut in range(0, len(b), 1024):
            (out / f"trunc-{f.stem}-{cut}.docx").write_bytes(b[:cut])
    for i in range(n):
        k = rng.randrange(len(blobs))
        (out / f"mut-{i:05}-{files[k].stem[:40]}.docx").write_bytes(mutate(blobs[k], rng))


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    out = pathlib.Path(args[0])
    n = int(args[args.index("--mutants") + 1]) if "--mutants" in args else 10000
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 8
    only = args[args.index("--only") + 1] if "--only" in args else None
    out.mkdir(parents=True, exist_ok=True)
    if only in (None, "docx"):
        attacks(out)
        mutants(out, n, seed)
    if only in (None, "pdf"):
        sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
        import adversarial_pdf
        adversarial_pdf.generate(out, n, seed)
    if only in (None, "doc", "html"):
        sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
        import adversarial_legacy
        adversarial_legacy.generate(out, n, seed, only)


if __name__ == "__main__":
    main()
