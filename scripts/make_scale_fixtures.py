#!/usr/bin/env python3
"""Generated inputs for the scale benchmark (issue 21): PDFs of N pages, each page a heading,
two paragraphs and one ruled 6x4 table, and DOCX files holding one table of N rows.

    scripts/make_scale_fixtures.py OUTDIR [--pages 1,10,100,1000,10000] [--rows 1000,...]

The PDF is written by hand (no PDF library): Helvetica text and stroked rules, one content
stream per page, so a 10,000-page file takes seconds and every page is the same size (the
benchmark then measures docgrid, not the variety of the pages). The DOCX is streamed row by
row into the zip, so 10^6 rows need no DOM here either.
"""

import argparse
import os
import sys
import zipfile
import zlib

PAGE_W, PAGE_H = 595, 842
WORDS = (
    "annual report information disclosure requests received processed granted refused "
    "withdrawn appeals reviews litigation fees outcome county district office total"
).split()


def page_content(n: int) -> bytes:
    """One page: a heading, two paragraphs of 6 lines, a 6x4 ruled table below them."""
    out = []
    y = PAGE_H - 72
    out.append(f"BT /F1 16 Tf 72 {y} Td (Section {n}: disclosure figures) Tj ET")
    y -= 30
    for para in range(2):
        for line in range(6):
            words = [WORDS[(n * 7 + para * 13 + line * 5 + k) % len(WORDS)] for k in range(11)]
            out.append(f"BT /F1 10 Tf 72 {y} Td ({' '.join(words)}) Tj ET")
            y -= 13
        y -= 10
    # The table: 6 rows of 4 columns, ruled on every edge.
    top = y - 10
    col_x = [72, 222, 322, 422, 522]
    row_h = 20
    rows = 6
    lines = []
    for r in range(rows + 1):
        yy = top - r * row_h
        lines.append(f"{col_x[0]} {yy} m {col_x[-1]} {yy} l")
    for x in col_x:
        lines.append(f"{x} {top} m {x} {top - rows * row_h} l")
    out.append("0.5 w " + " ".join(lines) + " S")
    for r in range(rows):
        yy = top - r * row_h - 14
        for c in range(4):
            text = "Item" if r == 0 and c == 0 else (f"Col {c}" if r == 0 else
                    (f"Row {n}.{r}" if c == 0 else str((n * 31 + r * 7 + c * 3) % 1000)))
            out.append(f"BT /F1 9 Tf {col_x[c] + 4} {yy} Td ({text}) Tj ET")
    return "\n".join(out).encode("ascii")


def write_pdf(path: str, pages: int) -> None:
    """A PDF of `pages` pages, objects written in order with a correct xref table."""
    offsets = []
    with open(path, "wb") as f:
        def obj(body: bytes) -> None:
            offsets.append(f.tell())
            f.write(f"{len(offsets)} 0 obj\n".encode() + body + b"\nendobj\n")

        f.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        # 1: catalog, 2: pages, 3: font; page k has objects 4+2k (page) and 5+2k (content).
        kids = " ".join(f"{4 + 2 * k} 0 R" for k in range(pages))
        obj(b"<< /Type /Catalog /Pages 2 0 R >>")
        obj(f"<< /Type /Pages /Count {pages} /Kids [{kids}] >>".encode())
        obj(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        for k in range(pages):
            obj(
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] "
                f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * k} 0 R >>".encode()
            )
            data = zlib.compress(page_content(k + 1))
            obj(f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode() + data + b"\nendstream")
        xref = f.tell()
        f.write(f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode())
        for off in offsets:
            f.write(f"{off:010d} 00000 n \n".encode())
        f.write(f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())


DOCX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    ),
}


def write_docx(path: str, rows: int) -> None:
    """One table of `rows` rows and 5 columns, the first row a header, streamed into the zip."""
    cell = '<w:tc><w:tcPr><w:tcW w:w="1800" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in DOCX_PARTS.items():
            z.writestr(name, text)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                b"<w:body><w:p><w:r><w:t>Scale table</w:t></w:r></w:p><w:tbl><w:tblGrid>"
                + b'<w:gridCol w:w="1800"/>' * 5
                + b"</w:tblGrid>"
            )
            chunk = []
            for r in range(rows):
                texts = (["Name", "A", "B", "C", "D"] if r == 0
                         else [f"row {r}"] + [str((r * 7 + c * 13) % 10007) for c in range(4)])
                chunk.append("<w:tr>" + "".join(cell.format(t) for t in texts) + "</w:tr>")
                if len(chunk) == 1000:
                    f.write("".join(chunk).encode())
                    chunk = []
            f.write("".join(chunk).encode())
            f.write(b'</w:tbl><w:sectPr/></w:body></w:document>')


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir")
    ap.add_argument("--pages", default="1,10,100,1000,10000")
    ap.add_argument("--rows", default="1000,10000,100000,1000000")
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    for n in (int(x) for x in args.pages.split(",") if x):
        path = os.path.join(args.outdir, f"pages-{n}.pdf")
        if not os.path.exists(path):
            write_pdf(path + ".tmp", n)
            os.replace(path + ".tmp", path)
    for n in (int(x) for x in args.rows.split(",") if x):
        path = os.path.join(args.outdir, f"rows-{n}.docx")
        if not os.path.exists(path):
            write_docx(path + ".tmp", n)
            os.replace(path + ".tmp", path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
