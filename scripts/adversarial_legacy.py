#!/usr/bin/env python3
"""The .doc and HTML half of the adversarial set (issue 17), called by scripts/adversarial.py.

.doc: FIB fields of the committed fixtures patched to lie (story lengths past the stream, the
piece table, property pages and style sheet at huge offsets or with huge lengths, the variable
FIB part's counts, the table-stream bit flipped, Word 6's nFib, the encryption bit), every
512-byte truncation of the fixtures, and N mutants (byte flips, truncations).
HTML: 100,000-deep elements and 2,000-deep tables, formatting elements reopened in every
block, huge and junk rowspan/colspan, a span grid
past --max-table-cells, a million paragraphs, a 50 MB paragraph, lying and unknown charsets,
invalid UTF-8, MHTML with 10,000 parts, 1,000-deep multiparts, broken base64 and
quoted-printable; every 1 KB truncation of the fixtures and N mutants.
Deterministic for a given seed.
"""
import pathlib
import random
import struct

from adversarial import mutate

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOC_FIXTURES = sorted((ROOT / "tests" / "fixtures" / "doc").glob("*.doc"))
HTML_FIXTURES = sorted(p for p in (ROOT / "tests" / "fixtures" / "html").iterdir()
                       if p.suffix in (".htm", ".html"))

# Byte offsets in the FIB ([MS-DOC] 2.5.1): FibBase, then csw + FibRgW97, cslw + FibRgLw97,
# cbRgFcLcb + FibRgFcLcb97 (fc/lcb pairs from byte 154).
FIB_FIELDS = {
    "nfib-word6": (2, "<H", 101),
    "ccptext-2g": (76, "<I", 0x7FFFFFFF),
    "ccptext-4g": (76, "<I", 0xFFFFFFFF),
    "ccpftn-huge": (80, "<I", 0x40000000),
    "ccphdd-huge": (84, "<I", 0x40000000),
    "csw-huge": (32, "<H", 0xFFFF),
    "cslw-huge": (62, "<H", 0xFFFF),
    "cbrgfclcb-huge": (152, "<H", 0xFFFF),
    "cbrgfclcb-zero": (152, "<H", 0),
    "stshf-fc-huge": (162, "<I", 0xFFFFFF00),
    "stshf-lcb-huge": (166, "<I", 0xFFFFFFFF),
    "btechpx-lcb-huge": (254, "<I", 0x7FFFFFF0),
    "btepapx-fc-huge": (258, "<I", 0xFFFFFFF0),
    "btepapx-lcb-odd": (262, "<I", 7),
    "btepapx-lcb-huge": (262, "<I", 0xFFFFFFFF),
    "sttbfffn-lcb-huge": (278, "<I", 0x7FFFFFFF),
    "clx-fc-huge": (418, "<I", 0xFFFFFFF0),
    "clx-lcb-huge": (422, "<I", 0xFFFFFFFF),
    "clx-lcb-zero": (422, "<I", 0),
    "clx-lcb-five": (422, "<I", 5),
}


def word_document_offset(data):
    """The file offset of the WordDocument stream: the 512-byte sector starting with the FIB's
    wIdent 0xA5EC (LibreOffice writes the stream contiguously)."""
    for off in range(512, len(data) - 512, 512):
        if data[off:off + 2] == b"\xec\xa5":
            return off
    return None


def doc_attacks(out):
    for f in DOC_FIXTURES:
        data = f.read_bytes()
        base = word_document_offset(data)
        if base is None:
            continue
        for name, (at, fmt, value) in FIB_FIELDS.items():
            b = bytearray(data)
            struct.pack_into(fmt, b, base + at, value)
            (out / f"doc-fib-{name}-{f.stem}.doc").write_bytes(bytes(b))
        flags = struct.unpack_from("<H", data, base + 10)[0]
        for name, bit in (("encrypted", 0x0100), ("obfuscated", 0x8000), ("table1", 0x0200)):
            b = bytearray(data)
            struct.pack_into("<H", b, base + 10, flags ^ bit)
            (out / f"doc-fib-{name}-{f.stem}.doc").write_bytes(bytes(b))
        # The piece table's first piece pointing at the end of the stream, as 16- and 8-bit text.
        pcdt = find_pcdt(data)
        if pcdt is None:
            continue
        count = (struct.unpack_from("<I", data, pcdt + 1)[0] - 4) // 12
        first_pcd = pcdt + 5 + 4 * (count + 1)
        for name, fc in (("end", 0x3FFFFFF0), ("compressed-end", 0x40000000 | 0x3FFFFFF0)):
            b = bytearray(data)
            struct.pack_into("<I", b, first_pcd + 2, fc)
            (out / f"doc-piece-{name}-{f.stem}.doc").write_bytes(bytes(b))
        b = bytearray(data)
        struct.pack_into("<I", b, pcdt + 1, 0x7FFFFFF0)
        (out / f"doc-piece-length-huge-{f.stem}.doc").write_bytes(bytes(b))


def find_pcdt(data):
    """The piece table's Pcdt: a 0x02 byte, a u32 length of 4 + 12n, then n + 1 CPs that start
    at 0 and increase. Found by scanning rather than through the FAT: enough for a generator."""
    for off in range(len(data) - 9):
        if data[off] != 0x02:
            continue
        length = struct.unpack_from("<I", data, off + 1)[0]
        if length < 16 or (length - 4) % 12 or off + 5 + length > len(data):
            continue
        n = (length - 4) // 12
        cps = struct.unpack_from(f"<{n + 1}I", data, off + 5)
        if cps[0] == 0 and all(a < b for a, b in zip(cps, cps[1:])):
            return off
    return None


def html_attacks(out):
    w = lambda name, text, enc="utf-8": (out / name).write_bytes(
        text.encode(enc) if isinstance(text, str) else text)
    w("html-deep-div.html", "<html><body>" + "<div>" * 100000 + "x" + "</div>" * 100000)
    w("html-deep-span.html", "<p>" + "<span>" * 100000 + "x")
    w("html-deep-tables.html", "<table><tr><td>" * 2000 + "x")
    w("html-200-nested-tables.html", "<table><tr><td>" * 200 + "x" + "</td></tr></table>" * 200)
    w("html-rowspan-huge.html", "<table>" + '<tr><td rowspan="65534" colspan="1000">a</td></tr>'
      * 1000 + "</table>")
    w("html-colspan-2g.html", '<table><tr><td colspan="2147483647">a</td><td colspan="-5">b</td>'
      '<td rowspan="1e9">c</td><td colspan="0x10">d</td></tr></table>')
    w("html-span-grid-2e7.html", "<table>" + '<tr><td colspan="16000">a</td></tr>' * 2000
      + "</table>")
    w("html-cells-100k-row.html", "<table><tr>" + "<td>1</td>" * 100000 + "</tr></table>")
    w("html-million-paragraphs.html", "<p>x</p>" * 1000000)
    w("html-50mb-paragraph.html", "<p>" + "中文 " * 10000000 + "</p>")
    distinct = "".join(f"<b id={i}>" for i in range(900))
    w("html-reopened-formatting.html", "<div>" + distinct + "</div>" + "<p>x</p>" * 100000)
    w("html-formatting-list.html", "".join(f"<i id={i}></div>" for i in range(100000)) + "<p>x")
    w("html-million-br.html", "<p>" + "<br>" * 1000000 + "</p>")
    w("html-charset-utf16-lie.html", '<meta charset="utf-16"><p>ascii</p>')
    w("html-charset-unknown.html", '<meta charset="x-no-such-charset"><p>x</p>')
    w("html-charset-two.html", '<meta charset="gbk"><meta charset="big5"><p>中文</p>', "gbk")
    w("html-bom-utf16-odd.html", b"\xff\xfe<\x00p\x00>\x00x")
    w("html-invalid-utf8.html", b'<meta charset="utf-8"><p>' + bytes(range(128, 256)) * 1000)
    w("html-hidden-all.html", '<body style="display:none"><table><tr><td>x</td></tr></table>')
    w("html-huge-attribute.html", '<p style="' + "a" * 20000000 + '">x</p>')
    w("html-entities.html", "<p>" + "&amp;&#x10FFFF;&#0;&#xD800;&#99999999999;&nosuch;" * 100000)
    head = 'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n'
    part = '--b\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n'
    w("mhtml-10000-parts.mht", head + part * 10000 + "--b--\r\n")
    nested = "".join(f'--b{i}\r\nContent-Type: multipart/related; boundary="b{i + 1}"\r\n\r\n'
                     for i in range(1000))
    w("mhtml-deep-multipart.mht", 'MIME-Version: 1.0\r\nContent-Type: multipart/related; '
      'boundary="b0"\r\n\r\n' + nested + "<p>x</p>")
    w("mhtml-bad-base64.mht", head + "--b\r\nContent-Type: text/html\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n" + "@@!!" * 100000 + "\r\n--b--\r\n")
    w("mhtml-bad-qp.mht", head + "--b\r\nContent-Type: text/html; charset=gb2312\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + "=ZZ=\r\n=F" * 100000 + "\r\n--b--")
    w("mhtml-no-boundary.mht", "MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n<p>x")
    w("mhtml-20mb-base64.mht", head + "--b\r\nContent-Type: text/html\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n" + "PHA+eDwvcD4K" * 2000000 + "\r\n--b--\r\n")


def truncations_and_mutants(out, files, step, n, rng, prefix):
    blobs = [f.read_bytes() for f in files]
    for f, b in zip(files, blobs):
        for cut in range(0, len(b), step):
            (out / f"{prefix}-trunc-{f.stem}-{cut}{f.suffix}").write_bytes(b[:cut])
    for i in range(n):
        k = rng.randrange(len(blobs))
        name = f"{prefix}-mut-{i:05}-{files[k].stem[:40]}{files[k].suffix}"
        (out / name).write_bytes(mutate(blobs[k], rng))


def generate(out, n, seed, only=None):
    """Writes the .doc half (only="doc"), the HTML half (only="html") or both into `out`."""
    if only in (None, "doc"):
        doc_attacks(out)
        truncations_and_mutants(out, DOC_FIXTURES, 512, n, random.Random(seed * 31 + 3), "doc")
    if only in (None, "html"):
        html_attacks(out)
        truncations_and_mutants(out, HTML_FIXTURES, 1024, n, random.Random(seed * 37 + 5), "html")
