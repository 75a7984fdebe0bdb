#!/usr/bin/env python3
"""Independent reference for docgrid's DOCX tables: recompute every table's size and merged
regions straight from word/document.xml with lxml (not with docgrid), by the rules of
shared/research/docx-anchors.md §4 — cursor starts at gridBefore and advances by gridSpan;
vMerge without val or with val="continue" joins the cell at the same grid column above;
width = max(tblGrid, widest row) — and compare with `docgrid convert --compact` output.

Usage: scripts/reference_grids.py [DOCGRID_BINARY] [CORPUS_DIR]   (needs: pip install lxml)
Prints one line per file that differs and a summary; exit 1 when any table differs.
"""
import json, subprocess, sys, zipfile, pathlib
from lxml import etree

W = ["http://schemas.openxmlformats.org/wordprocessingml/2006/main",
     "http://purl.oclc.org/ooxml/wordprocessingml/main"]
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def local(el):
    return etree.QName(el).localname if isinstance(el.tag, str) else None


def is_w(el, name):
    return isinstance(el.tag, str) and etree.QName(el).namespace in W and local(el) == name


def wattr(el, name):
    for ns in W:
        v = el.get("{%s}%s" % (ns, name))
        if v is not None:
            return v
    return None


def child(el, name):
    for c in el:
        if is_w(c, name):
            return c
    return None


def prune(root):
    """Drop what docgrid never reads: deleted/moved-from content, old properties, mc:Fallback
    when a Choice exists, and sdtPr."""
    drop = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        q = etree.QName(el)
        if q.namespace in W and q.localname in ("del", "moveFrom", "tcPrChange", "trPrChange",
                                                 "tblPrChange", "tblGridChange", "sdtPr"):
            drop.append(el)
        if q.namespace == MC and q.localname == "Fallback":
            drop.append(el)
    for el in drop:
        if el.getparent() is not None:
            el.getparent().remove(el)


def rows_of(tbl):
    """w:tr children, looking through sdt/customXml wrappers."""
    out = []
    def walk(el):
        for c in el:
            if is_w(c, "tr"):
                out.append(c)
            elif is_w(c, "sdt") or is_w(c, "customXml") or is_w(c, "sdtContent"):
                walk(c)
    walk(tbl)
    return out


def cells_of(tr):
    out = []
    def walk(el):
        for c in el:
            if is_w(c, "tc"):
                out.append(c)
            elif is_w(c, "sdt") or is_w(c, "customXml") or is_w(c, "sdtContent"):
                walk(c)
    walk(tr)
    return out


def ival(el, name, default):
    if el is None:
        return default
    c = child(el, name)
    if c is None:
        return default
    try:
        return max(int(wattr(c, "val") or default), 0)
    except ValueError:
        return default


def reference(tbl):
    """(rows, cols, sorted merged regions) of one table."""
    grid = child(tbl, "tblGrid")
    width = len([c for c in grid if is_w(c, "gridCol")]) if grid is not None else 0
    regions = []  # [r, c, rs, cs]
    below = {}    # col -> index of region whose bottom is the previous row
    trs = rows_of(tbl)
    for r, tr in enumerate(trs):
        trpr = child(tr, "trPr")
        col = ival(trpr, "gridBefore", 0)
        after = ival(trpr, "gridAfter", 0)
        now = {}
        for tc in cells_of(tr):
            tcpr = child(tc, "tcPr")
            span = max(ival(tcpr, "gridSpan", 1), 1)
            vm = child(tcpr, "vMerge") if tcpr is not None else None
            hm = child(tcpr, "hMerge") if tcpr is not None else None
            cont = vm is not None and (wattr(vm, "val") in (None, "continue"))
            hcont = hm is not None and (wattr(hm, "val") in (None, "continue"))
            i = below.get(col)
            if cont and i is not None and regions[i][1] == col and regions[i][3] == span \
                    and regions[i][0] + regions[i][2] == r:
                regions[i][2] += 1
                for k in range(col, col + span):
                    now[k] = i
            elif hcont and (col - 1) in now and regions[now[col - 1]][0] == r \
                    and regions[now[col - 1]][2] == 1 \
                    and regions[now[col - 1]][1] + regions[now[col - 1]][3] == col:
                j = now[col - 1]
                regions[j][3] += span
                for k in range(col, col + span):
                    now[k] = j
            else:
                regions.append([r, col, 1, span])
                for k in range(col, col + span):
                    now[k] = len(regions) - 1
            col += span
        width = max(width, col + after)
        below = now
    merged = sorted(tuple(x) for x in regions if x[2] > 1 or x[3] > 1)
    return (len(trs), width, merged)


def all_tables_ref(xml):
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, huge_tree=True))
    prune(root)
    # A table with no rows has no grid; docgrid leaves it out with the warning docx.empty_table.
    return [g for g in (reference(t) for t in root.iter() if is_w(t, "tbl")) if g[0] > 0]


def all_tables_ours(doc):
    out = []
    def walk(t):
        merged = sorted((c["row"], c["col"], c["row_span"], c["col_span"]) for c in t["cells"]
                        if c["row_span"] > 1 or c["col_span"] > 1)
        out.append((t["rows"], t["cols"], merged))
        for c in t["cells"]:
            for n in c.get("tables", []):
                walk(n)
    for b in doc["blocks"]:
        if b["kind"] == "table":
            walk(b)
    return out


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/docgrid"
    corpus = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "../shared/corpus")
    files = sorted(corpus.rglob("*.docx"))
    same = differ = skipped = refused = tables = 0
    for f in files:
        try:
            z = zipfile.ZipFile(f)
            rels = z.read("_rels/.rels")
            main_part = None
            for rel in etree.fromstring(rels):
                if rel.get("Type", "").endswith("/officeDocument"):
                    main_part = rel.get("Target").lstrip("/")
            ref = all_tables_ref(z.read(main_part or "word/document.xml"))
        except Exception as e:  # unreadable for the reference too: docgrid must fail cleanly
            skipped += 1
            continue
        p = subprocess.run([binary, "convert", "--compact", str(f)], capture_output=True)
        err = p.stderr.decode().strip()
        if p.returncode != 0 and ("DTD" in err or "no main document part" in err):
            refused += 1  # by design: entities are never expanded; a theme part is not a document
            continue
        if p.returncode != 0:
            print(f"DIFF {f}: reference reads it, docgrid fails: {err}")
            differ += 1
            continue
        ours = all_tables_ours(json.loads(p.stdout))
        tables += len(ref)
        if sorted(ref) == sorted(ours):
            same += 1
        else:
            differ += 1
            print(f"DIFF {f}: {len(ref)} reference tables, {len(ours)} docgrid tables")
            for a, b in zip(sorted(ref), sorted(ours)):
                if a != b:
                    print(f"   ref {a[:2]} {len(a[2])} merged vs docgrid {b[:2]} {len(b[2])} merged")
                    break
    print(f"{len(files)} files: {same} equal ({tables} tables), {differ} differ, "
          f"{refused} refused by design (DTD, no Word main part), {skipped} unreadable by the reference too")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
