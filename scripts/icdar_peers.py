#!/usr/bin/env python3
"""Run peer table extractors on the ICDAR 2013 ground-truth pages, writing docgrid-shaped JSON.

Usage (with a Python that has camelot-py, tabula-py and pdfplumber, e.g. /tmp/docgrid-pdf-venv):
  scripts/icdar_peers.py OUTDIR [--configs a,b,...] [--corpus DIR]

For each PDF of the corpus (default ../shared/corpus/pdf/icdar2013) that has ground truth, the
same selection as scripts/icdar_eval.py, every page holding a ground-truth table region is run
through each configuration as a whole page:

  camelot-lattice|stream|hybrid  camelot.read_pdf(path, pages="p,q", flavor=...), defaults otherwise;
                                 cells from table.df (no header row taken out)
  tabula-lattice|stream          tabula.read_pdf(path, pages=p, lattice=True | stream=True,
                                 multiple_tables=True, pandas_options={"header": None,
                                 "dtype": object}), one call per page so each table knows its
                                 page; the dtype stops tabula-py's numeric conversion of columns
  pdfplumber-lines               page.extract_tables() defaults

Output: OUTDIR/<config>/<stem>.json in docgrid's JSON shape, {"blocks": [{"kind": "table",
"page": P, "rows": R, "cols": C, "cells": [{"row", "col", "row_span": 1, "col_span": 1, "text"}]}]},
one 1x1 cell per non-empty slot (the tools' grids carry no spans), so that
`scripts/icdar_eval.py --peer-dir OUTDIR` scores them with docgrid's code. A tool raising on a
file gives an empty blocks list for that file and a line on stderr. Per-file wall time goes to
OUTDIR/<config>/timings.tsv; per-config totals are printed at the end (the first file of a
configuration also pays the tool's start-up, e.g. the JVM for tabula).

Environment notes. Without jpype1 in the interpreter, tabula-py falls back to running
`java -jar` once per call, i.e. one JVM start (~1 s) per page. tabula-java (PDFBox) substitutes
installed system fonts for non-embedded standard-14 fonts (Times-Roman, Helvetica, Symbol, ...), and
the substitute's glyph boxes move text between cells: its output on such files depends on the fonts
installed on the machine (the published baseline matches a machine with only DejaVu installed).
"""
import argparse
import json
import logging
import math
import os
import sys
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no scripts/__pycache__ from the import below
import icdar_eval  # noqa: E402  (ground-truth selection shared with the scorer)

CONFIGS = [
    "camelot-lattice",
    "camelot-stream",
    "camelot-hybrid",
    "tabula-lattice",
    "tabula-stream",
    "pdfplumber-lines",
]


def text_of(value):
    """A grid slot as text: None / NaN -> ""."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return str(value)


def block(page, grid):
    """grid: list of rows (lists of slot values) -> docgrid table block, or None when empty."""
    rows = len(grid)
    cols = max((len(r) for r in grid), default=0)
    if rows == 0 or cols == 0:
        return None
    cells = []
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            text = text_of(value)
            if text.strip():
                cells.append({"row": r, "col": c, "row_span": 1, "col_span": 1, "text": text})
    return {"kind": "table", "page": int(page), "rows": rows, "cols": cols, "cells": cells}


def df_grid(df):
    return [list(row) for row in df.itertuples(index=False, name=None)]


def run_camelot(path, pages, flavor):
    import camelot

    tables = camelot.read_pdf(path, pages=",".join(map(str, pages)), flavor=flavor)
    return [block(t.page, df_grid(t.df)) for t in tables]


def run_tabula(path, pages, mode):
    import tabula

    out = []
    for p in pages:
        dfs = tabula.read_pdf(
            path,
            pages=p,
            multiple_tables=True,
            # dtype given: tabula-py otherwise runs pd.to_numeric over every column, turning the
            # text "2004" into 2004.0 and "007" into 7; object keeps the extracted strings as is.
            pandas_options={"header": None, "dtype": object},
            **{mode: True},
        )
        out += [block(p, df_grid(df)) for df in dfs]
    return out


def run_pdfplumber(path, pages):
    import pdfplumber

    out = []
    with pdfplumber.open(path) as pdf:
        for p in pages:
            page = pdf.pages[p - 1]
            out += [block(p, grid) for grid in page.extract_tables()]
            page.close()
    return out


def run(config, path, pages):
    tool, mode = config.split("-", 1)
    if tool == "camelot":
        return run_camelot(path, pages, mode)
    if tool == "tabula":
        return run_tabula(path, pages, mode)
    if tool == "pdfplumber" and mode == "lines":
        return run_pdfplumber(path, pages)
    raise ValueError(f"unknown config {config}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--configs", default=",".join(CONFIGS), help="comma-separated, default: all")
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "pdf", "icdar2013"))
    args = ap.parse_args()
    configs = [c for c in args.configs.split(",") if c]
    for c in configs:
        if c not in CONFIGS:
            ap.error(f"unknown config {c} (known: {', '.join(CONFIGS)})")
    if not os.path.isdir(args.corpus):
        print(f"SKIPPED: {args.corpus} not found")
        return 0
    docs = [(name, sorted(pages)) for name, _, pages in icdar_eval.ground_truth(args.corpus)]
    # The tools' own chatter (camelot's "no tables found", tabula's "output file is empty") is
    # not a failure; keep stderr for failures.
    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)
    summary = []
    for config in configs:
        outdir = os.path.join(args.outdir, config)
        os.makedirs(outdir, exist_ok=True)
        start = time.perf_counter()
        rows, failures, ntables = [], 0, 0
        for name, pages in docs:
            path = os.path.join(args.corpus, name)
            t0 = time.perf_counter()
            status = "ok"
            try:
                blocks = [b for b in run(config, path, pages) if b]
            except Exception as e:  # noqa: BLE001  (any tool failure: empty result)
                blocks = []
                status = "error"
                failures += 1
                msg = " ".join(f"{type(e).__name__}: {e}".split())[:300]
                sys.stderr.write(f"{config}\t{name}\tfailed: {msg}\n")
            secs = time.perf_counter() - t0
            ntables += len(blocks)
            with open(os.path.join(outdir, name[:-4] + ".json"), "w", encoding="utf-8") as f:
                json.dump({"blocks": blocks}, f, ensure_ascii=False)
            rows.append(f"{name}\t{','.join(map(str, pages))}\t{len(blocks)}\t{secs:.3f}\t{status}\n")
        total = time.perf_counter() - start
        with open(os.path.join(outdir, "timings.tsv"), "w", encoding="utf-8") as f:
            f.write("file\tpages\ttables\tseconds\tstatus\n")
            f.writelines(rows)
        summary.append((config, len(docs), ntables, failures, total))
        print(f"{config}: {len(docs)} files, {ntables} tables, {failures} failed, {total:.1f} s", flush=True)
    print(f"\n{'config':<20} {'files':>5} {'tables':>6} {'failed':>6} {'wall s':>8}")
    for config, n, t, fails, secs in summary:
        print(f"{config:<20} {n:>5} {t:>6} {fails:>6} {secs:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
