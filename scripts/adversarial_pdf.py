"""The PDF half of the adversarial set (issue 8); run through scripts/adversarial.py.

Every attack is a small, hand-written file with an exact xref table (unless the attack is the
xref itself), so the parser reaches the structure under attack instead of a repair pass.
"""
import pathlib
import random
import zlib

from adversarial import mutate

ROOT = pathlib.Path(__file__).resolve().parent.parent
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def stream(data, extra=b"", length=None, flate=False):
    """A stream object body; `length` overrides the true /Length (bogus lengths)."""
    if flate:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    n = len(data) if length is None else length
    return b"<< /Length " + str(n).encode() + b" " + extra + b" >>\nstream\n" + data + b"\nendstream"


def flate_bomb(mib, unit=b" "):
    """Deflates `mib` MiB of `unit` without holding them: about 1 KiB out per MiB in."""
    c = zlib.compressobj(9)
    chunk = unit * ((1 << 20) // len(unit))
    parts = [c.compress(chunk) for _ in range(mib)]
    return b"".join(parts) + c.flush()


def bomb_stream(mib, unit=b" ", extra=b""):
    data = flate_bomb(mib, unit)
    return (b"<< /Length " + str(len(data)).encode() + b" /Filter /FlateDecode " + extra
            + b" >>\nstream\n" + data + b"\nendstream")


def pdf(objs, root=1, trailer=b""):
    """Objects 1..n with an exact xref table; `objs` are object bodies."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %d 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, root, trailer, xref)
    return bytes(out)


def page_doc(content, resources=b"/Font << /F1 4 0 R >>", extra_objs=(), page_extra=b""):
    """Catalog 1, Pages 2, Page 3, font 4, content 5, then `extra_objs` from 6 on."""
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << " + resources
        + b" >> /Contents 5 0 R " + page_extra + b" >>",
        FONT,
        content if content.startswith(b"<<") else stream(content),
        *extra_objs,
    ])


HELLO = b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET 72 700 m 300 700 l S"
XOBJ = b"/Font << /F1 4 0 R >> /XObject << /X1 6 0 R /X2 7 0 R >>"


def form(content, resources=XOBJ):
    return stream(content, b"/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources << "
                  + resources + b" >>")


def xref_loops(out):
    body = page_doc(HELLO)
    # The trailer's /Prev points back at the same xref section.
    xref = body.rindex(b"xref\n")
    looped = body.replace(b"/Root 1 0 R", b"/Root 1 0 R /Prev %d" % xref)
    (out / "pdf-xref-prev-self.pdf").write_bytes(looped)
    # Two sections that name each other as /Prev: an incremental update appended at offset S
    # names the first section, whose trailer names S (fixed-width, so S is known up front).
    at = len(body) + len(b" /Prev 0000000000")
    first = body.replace(b"/Root 1 0 R", b"/Root 1 0 R /Prev %010d" % at)
    update = b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 6 /Root 1 0 R /Prev %d >>\n" \
        b"startxref\n%d\n%%%%EOF\n" % (xref, at)
    (out / "pdf-xref-prev-cycle.pdf").write_bytes(first + update)
    # startxref pointing past the end and into the middle of an object.
    tail = body.rindex(b"startxref\n")
    (out / "pdf-startxref-past-end.pdf").write_bytes(body[:tail] + b"startxref\n99999999\n%%EOF\n")
    (out / "pdf-startxref-mid-object.pdf").write_bytes(body[:tail] + b"startxref\n20\n%%EOF\n")
    # An xref stream whose /Prev is itself.
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    head = bytearray(b"%PDF-1.7\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(head))
        head += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    at = len(head)
    rows = b"\x00\x00\x00\xff\xff" + b"".join(b"\x01" + o.to_bytes(3, "big") + b"\x00" for o in offs) \
        + b"\x01" + at.to_bytes(3, "big") + b"\x00"
    head += b"3 0 obj\n<< /Type /XRef /Size 4 /W [1 3 1] /Root 1 0 R /Prev %d /Length %d >>\n" \
        b"stream\n" % (at, len(rows)) + rows + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % at
    (out / "pdf-xref-stream-prev-self.pdf").write_bytes(bytes(head))


def page_trees(out):
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
    content = stream(HELLO)
    (out / "pdf-pages-self-kid.pdf").write_bytes(pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R 2 0 R] /Count 3 >>", page, FONT, content]))
    (out / "pdf-pages-cycle.pdf").write_bytes(pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [6 0 R 3 0 R] /Count 2 >>", page, FONT, content,
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 6 0 R] /Count 2 >>"]))
    (out / "pdf-pages-count-huge.pdf").write_bytes(pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 2147483647 >>", page, FONT, content]))
    (out / "pdf-page-is-catalog.pdf").write_bytes(pdf([
        b"<< /Type /Catalog /Pages 1 0 R /Kids [1 0 R] /Count 1 >>"]))
    # 5,000-deep chain of intermediate nodes.
    depth = 5000
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", None, page, FONT, content]
    ids = [2] + list(range(6, 6 + depth - 1))
    for k, node in enumerate(ids):
        kid = ids[k + 1] if k + 1 < len(ids) else 3
        body = b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % kid
        if node == 2:
            objs[1] = body
        else:
            objs.append(body)
    (out / "pdf-pages-deep-5000.pdf").write_bytes(pdf(objs))
    # 20,000 pages, twice the default page limit, all sharing one content stream.
    n = 20000
    kids = b" ".join(b"%d 0 R" % (6 + i) for i in range(n))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
            b"<< /Type /Pages /Kids [] /Count 0 >>", FONT, content]
    objs += [page] * n
    (out / "pdf-pages-20000.pdf").write_bytes(pdf(objs))


def forms(out):
    (out / "pdf-form-self.pdf").write_bytes(page_doc(b"/X1 Do", XOBJ, [form(b"0 0 m 10 10 l S /X1 Do"), form(b"")]))
    (out / "pdf-form-mutual.pdf").write_bytes(page_doc(b"/X1 Do", XOBJ, [form(b"/X2 Do"), form(b"BT /F1 9 Tf (x) Tj ET /X1 Do")]))
    # A DAG: form k draws form k+1 twice, 40 levels, so a naive walk makes 2^40 draws.
    levels = 40
    objs = []
    for k in range(levels):
        this = 6 + k
        res = b"/Font << /F1 4 0 R >> /XObject << /N %d 0 R >>" % (this + 1)
        body = b"/N Do /N Do" if k + 1 < levels else b"0 0 m 1 1 l S BT /F1 9 Tf (x) Tj ET"
        objs.append(form(body, res))
    (out / "pdf-form-dag-2pow40.pdf").write_bytes(page_doc(b"/X1 Do", b"/XObject << /X1 6 0 R >>", objs))
    # The same with ten children per level and an empty leaf: no drawing at all to notice.
    objs = []
    for k in range(12):
        this = 6 + k
        res = b"/XObject << /N %d 0 R >>" % (this + 1)
        objs.append(form(b"/N Do " * 10 if k + 1 < 12 else b"", res))
    (out / "pdf-form-dag-10pow12-empty.pdf").write_bytes(page_doc(b"/X1 Do", b"/XObject << /X1 6 0 R >>", objs))
    # An annotation whose appearance draws itself, and a tiling pattern painting with itself.
    ap = form(b"/X1 Do", b"/XObject << /X1 6 0 R >>")
    (out / "pdf-annot-appearance-self.pdf").write_bytes(page_doc(
        HELLO, extra_objs=[ap, b"<< /Type /Annot /Subtype /Square /Rect [0 0 100 100] /AP << /N 6 0 R >> >>"],
        page_extra=b"/Annots [7 0 R]"))
    pat = stream(b"/Pattern cs /P1 scn 0 0 50 50 re f",
                 b"/Type /Pattern /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 50 50] "
                 b"/XStep 50 /YStep 50 /Resources << /Pattern << /P1 6 0 R >> >>")
    (out / "pdf-pattern-self.pdf").write_bytes(page_doc(
        b"/Pattern cs /P1 scn 0 0 595 842 re f", b"/Pattern << /P1 6 0 R >>", [pat]))
    # A Type 3 font whose glyph shows itself.
    t3 = (b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] "
          b"/CharProcs << /a 7 0 R >> /Encoding << /Type /Encoding /Differences [97 /a] >> "
          b"/FirstChar 97 /LastChar 97 /Widths [1000] /Resources << /Font << /T3 6 0 R >> >> >>")
    (out / "pdf-type3-self.pdf").write_bytes(page_doc(
        b"BT /T3 12 Tf 72 720 Td (aaaa) Tj ET", b"/Font << /T3 6 0 R >>",
        [t3, stream(b"1000 0 d0 BT /T3 1 Tf (a) Tj ET 0 0 m 1000 1000 l S")]))


def operators(out):
    # Millions of operators, deflated so the files stay small.
    (out / "pdf-ops-5m-paths.pdf").write_bytes(page_doc(stream(b"10 10 m 20 20 l S\n" * 1_250_000, flate=True)))
    (out / "pdf-ops-4m-state.pdf").write_bytes(page_doc(stream(b"q 1 0 0 1 0 0 cm Q 0.5 w\n" * 1_000_000, flate=True)))
    (out / "pdf-ops-1m-q-unbalanced.pdf").write_bytes(page_doc(stream(b"q\n" * 1_000_000 + HELLO, flate=True)))
    (out / "pdf-ops-1m-Q-unbalanced.pdf").write_bytes(page_doc(stream(b"Q\n" * 1_000_000 + HELLO, flate=True)))
    (out / "pdf-text-2m-glyphs.pdf").write_bytes(page_doc(stream(
        b"BT /F1 1 Tf " + (b"(" + b"A" * 1000 + b") Tj 0 -1 Td\n") * 2000 + b" ET", flate=True)))
    (out / "pdf-text-1m-tf.pdf").write_bytes(page_doc(stream(b"BT " + b"/F1 9 Tf (a) Tj " * 1_000_000 + b"ET", flate=True)))
    (out / "pdf-path-1m-curves.pdf").write_bytes(page_doc(stream(
        b"0 0 m " + b"1 2 3 4 5 6 c " * 1_000_000 + b"f", flate=True)))
    # One path of five million elements: the engine holds it whole until it is painted.
    (out / "pdf-path-5m-lines.pdf").write_bytes(page_doc(stream(
        b"0 0 m " + b"1 1 l " * 5_000_000 + b"S", flate=True)))
    (out / "pdf-path-5m-curves.pdf").write_bytes(page_doc(stream(
        b"0 0 m " + b"1 2 3 4 5 6 c " * 5_000_000 + b"f", flate=True)))
    # One form of 200,000 glyphs (or lines) drawn on each of 5,000 pages: every page's glyphs
    # are held until the document is read, 10^9 of them without a document-wide bound.
    for kind, body in (("glyphs", b"BT /F1 1 Tf (" + b"A" * 200_000 + b") Tj ET"),
                       ("segments", b"0 0 m 100 100 l S " * 200_000)):
        n = 5000
        kids = b" ".join(b"%d 0 R" % (7 + i) for i in range(n))
        page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> "
                b"/XObject << /X 6 0 R >> >> /Contents 5 0 R >>")
        (out / f"pdf-{kind}-form-on-5000-pages.pdf").write_bytes(pdf(
            [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
             b"<< >>", FONT, stream(b"/X Do"),
             stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources << /Font << /F1 4 0 R >> >>",
                    flate=True)] + [page] * n))
    (out / "pdf-dash-100000.pdf").write_bytes(page_doc(stream(
        b"[" + b"1 " * 100_000 + b"] 0 d 0 0 m 500 500 l S", flate=True)))
    (out / "pdf-huge-numbers.pdf").write_bytes(page_doc(
        b"1e308 0 0 1e308 1e308 1e308 cm 0 0 m 1 1 l S "
        b"99999999999999999999999999999 0 0 -99999999999999999999 0 0 cm BT /F1 1e38 Tf "
        b"3.4e38 3.4e38 Td (overflow) Tj ET -0 0 0 0 0 0 cm 0 0 m 1 1 l S BT /F1 12 Tf (zero) Tj ET"))
    (out / "pdf-deep-array-100000.pdf").write_bytes(page_doc(
        b"[" * 100_000 + b"]" * 100_000 + b" 0 d " + HELLO))
    (out / "pdf-deep-dict-page.pdf").write_bytes(page_doc(
        HELLO, page_extra=b"/Deep " + b"<< /A " * 50_000 + b"1" + b" >>" * 50_000))


def images(out):
    res = b"/XObject << /Im 6 0 R >>"
    tiny = zlib.compress(b"\x00" * 64)
    huge = (b"<< /Type /XObject /Subtype /Image /Width 1000000 /Height 1000000 /ColorSpace /DeviceRGB "
            b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % len(tiny)) + tiny + b"\nendstream"
    (out / "pdf-image-1e12-pixels.pdf").write_bytes(page_doc(b"q 500 0 0 500 0 0 cm /Im Do Q /Im Do", res, [huge]))
    bomb = bomb_stream(600, b"\x00", b"/Type /XObject /Subtype /Image /Width 20000 /Height 10000 "
                       b"/ColorSpace /DeviceRGB /BitsPerComponent 8")
    (out / "pdf-image-flate-bomb-600mib.pdf").write_bytes(page_doc(b"q 500 0 0 500 0 0 cm /Im Do Q", res, [bomb]))
    (out / "pdf-inline-image-huge.pdf").write_bytes(page_doc(
        b"q 100 0 0 100 0 0 cm BI /W 100000 /H 100000 /CS /RGB /BPC 8 ID \x00\x00\x00 EI Q " + HELLO))
    (out / "pdf-image-mask-huge.pdf").write_bytes(page_doc(b"/Im Do", res, [
        b"<< /Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ImageMask true /Length 3 >>\n"
        b"stream\n\x00\x00\x00\nendstream"]))


def lengths_and_bombs(out):
    (out / "pdf-length-huge.pdf").write_bytes(page_doc(stream(HELLO, length=2147483647)))
    (out / "pdf-length-negative.pdf").write_bytes(page_doc(stream(HELLO, length=-100)))
    (out / "pdf-length-short.pdf").write_bytes(page_doc(stream(HELLO, length=5)))
    (out / "pdf-length-missing-ref.pdf").write_bytes(page_doc(
        b"<< /Length 99 0 R >>\nstream\n" + HELLO + b"\nendstream"))
    (out / "pdf-length-self-ref.pdf").write_bytes(page_doc(
        b"<< /Length 5 0 R >>\nstream\n" + HELLO + b"\nendstream"))
    (out / "pdf-flate-truncated.pdf").write_bytes(page_doc(
        b"<< /Length 20 /Filter /FlateDecode >>\nstream\n" + zlib.compress(HELLO * 50)[:20] + b"\nendstream"))
    (out / "pdf-filter-chain-1000.pdf").write_bytes(page_doc(
        b"<< /Length %d /Filter [%s] >>\nstream\n" % (len(HELLO), b"/AHx " * 1000) + HELLO + b"\nendstream"))
    (out / "pdf-content-flate-bomb-600mib.pdf").write_bytes(page_doc(bomb_stream(600)))
    (out / "pdf-content-flate-bomb-1100mib.pdf").write_bytes(page_doc(bomb_stream(1100)))
    # The same content stream listed 10,000 times in /Contents: 10,000 × 1 MiB once joined.
    one = bomb_stream(1)
    kids = b" ".join([b"5 0 R"] * 10_000)
    (out / "pdf-contents-array-10000x1mib.pdf").write_bytes(page_doc(
        one, page_extra=b"/Contents [" + kids + b"]").replace(b"/Contents 5 0 R /Contents", b"/Contents"))
    # 2,000 pages sharing one 1 MiB content stream: the engine decodes and keeps it per page.
    n = 2000
    kids = b" ".join(b"%d 0 R" % (6 + i) for i in range(n))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>"
    (out / "pdf-pages-2000-share-1mib.pdf").write_bytes(pdf(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
         b"<< >>", FONT, one] + [page] * n))
    # The designed worst case under the default bounds: 100 pages keep 100 MiB of content, then
    # a page builds a path of 999,999 curve elements (just under max_pdf_path_elements).
    n = 101
    kids = b" ".join(b"%d 0 R" % (7 + i) for i in range(n))
    curves = stream(b"0 0 m " + b"1 2 3 4 5 6 c " * 999_998 + b"f", flate=True)
    last = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R >>"
    (out / "pdf-worst-case-memory.pdf").write_bytes(pdf(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
         b"<< >>", FONT, one, curves] + [page] * (n - 1) + [last]))
    tounicode = bomb_stream(600, b"<0001> <0041>\n")
    t0 = (b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [7 0 R] "
          b"/ToUnicode 6 0 R >>")
    cid = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) "
           b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 9 0 R >>")
    desc = (b"<< /Type /FontDescriptor /FontName /X /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 "
            b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 10 0 R >>")
    (out / "pdf-tounicode-flate-bomb-600mib.pdf").write_bytes(page_doc(
        b"BT /T0 12 Tf <00010001> Tj ET", b"/Font << /T0 8 0 R >>",
        [tounicode, cid, t0, desc, bomb_stream(600, b"\x00")]))
    (out / "pdf-encrypt-bogus.pdf").write_bytes(pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>",
        b"<< /Filter /Standard /V 99 /R 99 /O (x) /U (y) /P -1 /Length 99999 >>"],
        trailer=b"/Encrypt 3 0 R /ID [(a) (b)]"))
    (out / "pdf-encrypt-self.pdf").write_bytes(pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>",
        b"<< /Filter /Standard /V 2 /R 3 /O 3 0 R /U 3 0 R /P -1 /Length 128 >>"],
        trailer=b"/Encrypt 3 0 R /ID [(a) (b)]"))
    objstm_body = b"6 0 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    (out / "pdf-objstm-extends-self.pdf").write_bytes(page_doc(
        HELLO, b"/Font << /F1 7 0 R >>",
        [stream(objstm_body, b"/Type /ObjStm /N 1 /First 4 /Extends 6 0 R"), b"6 0 R"]))


def real_pdfs():
    corpus = ROOT.parent / "shared" / "corpus"
    return sorted(corpus.rglob("*.pdf")) if corpus.is_dir() else []


def mutants(out, n, seed):
    files = real_pdfs()
    if not files:
        print("adversarial_pdf: ../shared/corpus not found; no PDF truncations or mutants")
        return
    reports = [f for f in files if f.name in ("v2021_ok.pdf", "hongze_district_2024.pdf")]
    for f in reports:
        b = f.read_bytes()
        for cut in range(0, len(b), 1024):
            (out / f"pdf-trunc-{f.stem}-{cut}.pdf").write_bytes(b[:cut])
    rng = random.Random(seed * 7919 + 1)
    blobs = [f.read_bytes() for f in files]
    for i in range(n):
        k = rng.randrange(len(blobs))
        (out / f"pdf-mut-{i:05}-{files[k].stem[:40]}.pdf").write_bytes(mutate(blobs[k], rng))


def generate(out, n, seed):
    (out / "pdf-plain.pdf").write_bytes(page_doc(HELLO))
    xref_loops(out)
    page_trees(out)
    forms(out)
    operators(out)
    images(out)
    lengths_and_bombs(out)
    mutants(out, n, seed)
