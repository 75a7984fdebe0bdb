#!/usr/bin/env python3
"""Score docgrid (and, with --peers, camelot, tabula and pdfplumber run the same way) against the
expected tables other extractors publish with their tests: ../shared/corpus/pdf/*/expected/.

Usage: scripts/peer_expectations.py [--bin target/release/docgrid] [--corpus DIR] [--peers]
                                    [--details]
  --peers needs a Python with camelot-py, tabula-py (and Java) and pdfplumber; the peers run on
  the whole document with their defaults (camelot lattice and stream, tabula lattice and stream
  with multiple tables, pdfplumber's extract_tables), as docgrid does: no areas, no columns.

Every expectation is scored whole-document with no hints:
  exact      some table's grid equals the expected grid (cell text compared without whitespace:
             a wrapped line and a space read alike; a merged cell's text sits in its top-left
             slot, the covered slots are empty, as tabula and camelot write them)
  contained  the expected grid is a contiguous block of some table (tabula's expectations are
             often cut to a test's area)
  A tabula-java CSV holds every table of its test's call, one after another (tabula's CSVWriter
  writes them in turn: spanning_cells.csv is the 21x6 and the 4x6 table of spanning_cells.json;
  MultiColumn.csv the tables of the test's two areas, -a %0,0,100,50 -a %0,50,100,100), so
  there a run of consecutive tables, stacked, stands for one table too.
  row recall share of expected rows (their non-empty cells, in order) that are a row of some
             table
  line F1    F1 of the expected rows against the rows of the best-matching table
A case *needs a hint* when its test passed table_areas, table_regions, columns, copy_text,
shift_text, split_text, row_tol, edge_tol, flag_size, line_scale or process_background (the
MANIFEST's ground-truth notes say); those are listed but kept out of the no-hint count. A note
naming the default ("default shift_text") is no hint by itself.
"""
import argparse, csv, io, json, os, re, subprocess, sys, time, unicodedata
from collections import Counter
from pathlib import Path

HINTS = ("table_areas", "table_regions", "columns=", "copy_text", "shift_text", "split_text",
         "row_tol", "edge_tol", "flag_size", "line_scale", "process_background")
# PyMuPDF's test asserts these shapes on dotted-gridlines.pdf (MANIFEST note), no cell texts.
SHAPES = {"pymupdf/dotted-gridlines.pdf": [(11, 12), (25, 11), (1, 10)]}


def norm(text):
    return re.sub(r"\s+", "", text or "")


def square(rows, text=lambda c: c):
    """Rows padded to one width, texts normalised."""
    width = max((len(r) for r in rows), default=0)
    return [[norm(text(c)) for c in r] + [""] * (width - len(r)) for r in rows]


def logical(cell):
    """An expectation written in visual order (as pdfminer reads Arabic and Hebrew) in logical
    order, with presentation forms folded to letters (NFKC), so that it can be compared with
    docgrid's logical-order text. Written independently of docgrid: the paragraph is
    right-to-left when it holds more RTL than LTR letters; then the runs are read right to left
    and every run but a left-to-right one (Latin letters, digits) is reversed; in a
    left-to-right paragraph only the RTL runs are reversed in place. A presentation-form
    ligature (lam-alef) is one character here, so it is folded after the reordering."""
    if not any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in cell):
        return cell
    return "".join(unicodedata.normalize("NFKC", ch) if "\ufb00" <= ch <= "\ufefc" else ch
                   for ch in _reordered(cell))


def unmirrored_rtl(cell):
    """tabula-java's RTL cell (logical order, brackets as drawn) with its brackets mirrored, as
    the Unicode bidi algorithm stores them: ")ללא יהלומים(" is "(ללא יהלומים)"."""
    if not any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in cell):
        return cell
    return cell.translate(str.maketrans("()[]{}<>", ")(][}{><"))


def _reordered(cell):
    kinds = [unicodedata.bidirectional(ch) for ch in cell]
    rtl = sum(k in ("R", "AL") for k in kinds) > sum(k == "L" for k in kinds)
    if rtl:
        runs, current, ltr = [], "", None
        for ch in cell:
            is_ltr = unicodedata.bidirectional(ch) in ("L", "EN", "AN")
            if current and is_ltr != ltr:
                runs.append((ltr, current))
                current = ""
            current, ltr = current + ch, is_ltr
        if current:
            runs.append((ltr, current))
        return "".join(text if is_ltr else text[::-1] for is_ltr, text in reversed(runs))
    letters = "\u0591-\u07ff\ufb1d-\ufefc"
    return re.sub(f"[{letters}](?:[{letters}\\s]*[{letters}])?", lambda m: m.group(0)[::-1], cell)


def expectations(corpus):
    """(suite, pdf, label, grid or None, shape or None, hint, stacked) for every expected table;
    stacked: the expectation may be several consecutive tables written one after another."""
    out = []
    manifest = corpus / "MANIFEST.tsv"
    with open(manifest, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    for row in rows:
        pdf = row["file"]
        suite = pdf.split("/")[0]
        if pdf in SHAPES:
            for k, shape in enumerate(SHAPES[pdf]):
                out.append((suite, pdf, f"table {k + 1} shape {shape[0]}x{shape[1]}", None,
                            shape, False, False))
        for part in (row.get("ground_truth_file") or "").split(" ; "):
            m = re.match(r"(\S+/expected/\S+)\s*(\((.*)\))?$", part.strip(), re.S)
            if not m:
                continue
            path, note = corpus / m.group(1), m.group(3) or ""
            hint = any(h in note.replace("default shift_text", "") for h in HINTS)
            name = path.name
            if path.suffix == ".csv":
                with open(path, newline="", encoding="utf-8") as f:
                    grid = list(csv.reader(f))
                # camelot's CSVs hold pdfminer's visual order; tabula-java writes RTL text in
                # logical order already, only its brackets left unmirrored (")ללא יהלומים(").
                text = logical if suite != "tabula-java" else unmirrored_rtl
                out.append((suite, pdf, name, square(grid, text), None, hint,
                            suite == "tabula-java"))
            elif suite == "tabula-java" and path.suffix == ".json":
                tables = json.loads(path.read_text(encoding="utf-8"))
                tables = tables if isinstance(tables, list) else [tables]
                for k, t in enumerate(tables):
                    grid = [[c.get("text", "") for c in r] for r in t.get("data", [])]
                    out.append((suite, pdf, f"{name}#{k + 1}", square(grid), None, hint, False))
            elif suite == "pymupdf" and path.suffix == ".json":
                d = json.loads(path.read_text(encoding="utf-8"))
                for k, t in enumerate(d.get("extracts", [])):
                    grid = [[c or "" for c in r] for r in t]
                    out.append((suite, pdf, f"{name}#{k + 1}", square(grid), None, hint, False))
    return out


def docgrid_tables(binary, pdf):
    """Every top-level table of the document as a grid of normalised texts."""
    run = subprocess.run([binary, "convert", "--compact", "-q", str(pdf)], capture_output=True)
    if run.returncode != 0:
        return []
    doc = json.loads(run.stdout)
    grids = []
    for b in doc.get("blocks", []):
        if b.get("kind") != "table":
            continue
        grid = [[""] * b["cols"] for _ in range(b["rows"])]
        for c in b["cells"]:
            if c["row"] < b["rows"] and c["col"] < b["cols"]:
                grid[c["row"]][c["col"]] = norm(c["text"])
        grids.append(grid)
    return grids


def peer_tables(tool, pdf):
    """The tables a peer finds on the whole document with its defaults."""
    try:
        if tool.startswith("camelot"):
            import camelot
            flavor = tool.split("-")[1]
            ts = camelot.read_pdf(str(pdf), pages="all", flavor=flavor)
            return [square(t.df.values.tolist()) for t in ts]
        if tool.startswith("tabula"):
            import tabula
            mode = tool.split("-")[1]
            dfs = tabula.read_pdf(str(pdf), pages="all", multiple_tables=True,
                                  lattice=mode == "lattice", stream=mode == "stream",
                                  pandas_options={"header": None, "dtype": object},
                                  silent=True)
            return [square([["" if v != v else str(v) for v in r] for r in df.values.tolist()])
                    for df in dfs]
        if tool == "pdfplumber":
            import pdfplumber
            out = []
            with pdfplumber.open(str(pdf)) as doc:
                for page in doc.pages:
                    for t in page.extract_tables():
                        out.append(square([[c or "" for c in r] for r in t]))
            return out
    except Exception as e:  # a peer failing on a file scores nothing there
        print(f"{tool}: {pdf.name}: {type(e).__name__}: {str(e)[:120]}", file=sys.stderr)
    return []


def contains(big, small):
    h, w = len(small), len(small[0]) if small else 0
    if h == 0 or w == 0 or len(big) < h or (big and len(big[0]) < w):
        return False
    for i in range(len(big) - h + 1):
        for j in range(len(big[0]) - w + 1):
            if all(big[i + r][j:j + w] == small[r] for r in range(h)):
                return True
    return False


def row_key(r):
    return "|".join(c for c in r if c)


def stacks(tables):
    """Every run of two to four consecutive tables as one grid, rows padded to one width (a
    test's call writes a few tables; longer runs would only cost time on a peer's many)."""
    out = []
    for i in range(len(tables)):
        for j in range(i + 2, min(i + 4, len(tables)) + 1):
            out.append(square([r for t in tables[i:j] for r in t]))
    return out


def score(expected, shape, tables, stacked=False):
    """(exact, contained, row recall, line F1) of one expectation against found tables."""
    if stacked:
        tables = tables + stacks(tables)
    if shape is not None:
        shapes = [(len(t), len(t[0]) if t else 0) for t in tables]
        hit = shape in shapes
        return hit, hit, float(hit), float(hit)
    exact = any(t == expected for t in tables)
    contained = exact or any(contains(t, expected) for t in tables)
    want = [row_key(r) for r in expected if row_key(r)]
    have = Counter(row_key(r) for t in tables for r in t)
    recall = sum(1 for k in want if have[k] > 0) / len(want) if want else 1.0
    best_f1 = 0.0
    for t in tables:
        mine = Counter(row_key(r) for r in t if row_key(r))
        match = sum((Counter(want) & mine).values())
        if match:
            p, r = match / sum(mine.values()), match / len(want)
            best_f1 = max(best_f1, 2 * p * r / (p + r))
    return exact, contained, recall, best_f1


def main():
    ap = argparse.ArgumentParser()
    root = Path(__file__).resolve().parent.parent
    ap.add_argument("--bin", default=str(root / "target/release/docgrid"))
    ap.add_argument("--corpus", default=str(root / "../shared/corpus/pdf"))
    ap.add_argument("--peers", action="store_true")
    ap.add_argument("--details", action="store_true")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not (corpus / "MANIFEST.tsv").exists():
        print(f"SKIPPED: {corpus} not found")
        return 0
    cases = expectations(corpus)
    tools = ["docgrid"]
    if args.peers:
        tools += ["camelot-lattice", "camelot-stream", "tabula-lattice", "tabula-stream",
                  "pdfplumber"]
    found, seconds = {}, Counter()
    for pdf in sorted({c[1] for c in cases}):
        for tool in tools:
            start = time.perf_counter()
            if tool == "docgrid":
                found[tool, pdf] = docgrid_tables(args.bin, corpus / pdf)
            else:
                found[tool, pdf] = peer_tables(tool, corpus / pdf)
            seconds[tool] += time.perf_counter() - start
    results = {}
    for tool in tools:
        for case in cases:
            suite, pdf, label, grid, shape, hint, stacked = case
            results[tool, pdf, label] = score(grid, shape, found[tool, pdf], stacked)
    if args.details:
        for suite, pdf, label, grid, shape, hint, _ in cases:
            marks = []
            for tool in tools:
                e, c, rr, f1 = results[tool, pdf, label]
                marks.append(f"{tool}={'E' if e else 'C' if c else '-'}{rr:.2f}")
            dims = f"{len(grid)}x{len(grid[0]) if grid else 0}" if grid else ""
            tables = [f"{len(t)}x{len(t[0]) if t else 0}" for t in found["docgrid", pdf]]
            print(f"{pdf}\t{label}{' (hint)' if hint else ''}\t{dims}\t{' '.join(marks)}"
                  f"\tdocgrid tables {' '.join(tables)}")
    print("| suite | cases (no hint) | tool | exact | exact or contained | row recall | line F1 |")
    print("|---|---|---|---|---|---|---|")
    for suite in sorted({c[0] for c in cases}):
        mine = [c for c in cases if c[0] == suite and not c[5]]
        hinted = sum(1 for c in cases if c[0] == suite and c[5])
        for tool in tools:
            rs = [results[tool, c[1], c[2]] for c in mine]
            n = len(rs) or 1
            print(f"| {suite} | {len(mine)} (+{hinted} hinted) | {tool} | "
                  f"{sum(r[0] for r in rs)} | {sum(r[1] for r in rs)} | "
                  f"{sum(r[2] for r in rs) / n:.3f} | {sum(r[3] for r in rs) / n:.3f} |")
    print()
    for suite in sorted({c[0] for c in cases}):
        hinted = [c for c in cases if c[0] == suite and c[5]]
        for tool in tools if hinted else []:
            exact = sum(results[tool, c[1], c[2]][0] for c in hinted)
            print(f"{suite} hinted cases run without their hint: {tool} exact {exact} of "
                  f"{len(hinted)}")
    print()
    for tool in tools:
        print(f"{tool}: {seconds[tool]:.1f} s over {len({c[1] for c in cases})} PDFs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
