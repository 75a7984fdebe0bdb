#!/usr/bin/env python3
"""ICDAR 2013 table-structure metric (cell adjacency relations) for docgrid's JSON output.

Usage:
  scripts/icdar_eval.py [--corpus DIR] [--json-dir DIR] [--docgrid BIN] [--per-doc]
                        [--peer-dir DIR ...]

For each of the PDFs in DIR (default ../shared/corpus/pdf/icdar2013) that has a `*-str.xml`
ground truth, docgrid's JSON is read from `--json-dir/<stem>.json` when given, else produced by
running `BIN convert FILE.pdf --to json --compact` (default target/release/docgrid, then
target/debug/docgrid). Tables are the JSON's `blocks` of kind `table` (`page`, `pages`, `rows`,
`cols`, `cells` with spans), as in the contract.

Metric (as in ../shared/corpus/pdf/baselines/README.md, the ICDAR 2013 competition's): for each
non-empty cell, its nearest non-empty neighbour to the right, per covered row, and below, per
covered column, gives a relation (text A, text B, direction); texts NFKC-normalised with all
whitespace removed. Ground truth: every table of `<stem>-str.xml` and `<stem>b-str.xml` (for the
`*a` PDFs), `row-increment`/`col-increment` applied, `end-row`/`end-col` honoured. docgrid: every
table lying on a page that holds a ground-truth table (a table continued over pages counts when
any of its pages does). Relations are pooled per document (the baselines pool per page; the two
agree unless the same relation text recurs on several pages of one file). Counts are multisets;
precision = correct / found, recall = correct / ground truth, micro-averaged over documents.

Peers run in this benchmark run (scripts/icdar_peers.py writes one directory of `<stem>.json` per
configuration, in docgrid's JSON shape) are scored with exactly the same code: `--peer-dir DIR`,
repeatable, where DIR is either one configuration's directory (named after it) or a directory holding
one subdirectory per configuration. They are printed beside docgrid's figures labelled "(this run)";
the published peers' figures from baselines/icdar2013-shared45-relations.tsv follow, labelled
"(published baseline)". All over all files, then for the EU and the US documents separately. Only the
Python standard library is used.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def norm(text):
    t = unicodedata.normalize("NFKC", text or "")
    return "".join(t.split())


def relations(cells):
    """cells: list of (row0, row1, col0, col1, text) with inclusive ends; returns a Counter."""
    cells = [c for c in cells if norm(c[4])]
    by_row = collections.defaultdict(list)
    by_col = collections.defaultdict(list)
    for c in cells:
        for r in range(c[0], c[1] + 1):
            by_row[r].append(c)
        for k in range(c[2], c[3] + 1):
            by_col[k].append(c)
    out = collections.Counter()
    for c in cells:
        for r in range(c[0], c[1] + 1):
            right = [d for d in by_row[r] if d[2] > c[3]]
            if right:
                d = min(right, key=lambda d: d[2])
                out[(norm(c[4]), norm(d[4]), "h")] += 1
        for k in range(c[2], c[3] + 1):
            below = [d for d in by_col[k] if d[0] > c[1]]
            if below:
                d = min(below, key=lambda d: d[0])
                out[(norm(c[4]), norm(d[4]), "v")] += 1
    return out


def gt_tables(path):
    """Tables of one structure file: (pages, cells) per table."""
    out = []
    for table in ET.parse(path).getroot().iter("table"):
        cells, pages = [], set()
        for region in table.iter("region"):
            pages.add(int(region.get("page")))
            ri = int(region.get("row-increment", "0"))
            ci = int(region.get("col-increment", "0"))
            for cell in region.iter("cell"):
                r0 = int(cell.get("start-row")) + ri
                c0 = int(cell.get("start-col")) + ci
                r1 = int(cell.get("end-row", cell.get("start-row"))) + ri
                c1 = int(cell.get("end-col", cell.get("start-col"))) + ci
                content = cell.find("content")
                text = content.text if content is not None else ""
                cells.append((r0, r1, c0, c1, text))
        out.append((pages, cells))
    return out


def ground_truth(corpus):
    """(pdf name, gt tables, gt pages) for every PDF of corpus that has a structure file, sorted."""
    for name in sorted(os.listdir(corpus)):
        if not name.endswith(".pdf"):
            continue
        stem = name[:-4]
        strs = [os.path.join(corpus, stem + "-str.xml")]
        if stem.endswith("a"):
            strs.append(os.path.join(corpus, stem[:-1] + "b-str.xml"))
        tables = [t for s in strs if os.path.exists(s) for t in gt_tables(s)]
        if not tables:
            continue
        yield name, tables, set().union(*(p for p, _ in tables))


def json_from_dir(json_dir, pdf):
    stem = os.path.splitext(os.path.basename(pdf))[0]
    path = os.path.join(json_dir, stem + ".json")
    if not os.path.exists(path):
        sys.stderr.write(f"{path}: missing, scored as no tables\n")
        return {"blocks": []}
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def docgrid_json(pdf, args):
    if args.json_dir:
        return json_from_dir(args.json_dir, pdf)
    res = subprocess.run(
        [args.docgrid, "convert", pdf, "--to", "json", "--compact"],
        capture_output=True,
        check=False,
    )
    if res.returncode != 0:
        sys.stderr.write(f"{pdf}: docgrid failed: {res.stderr.decode(errors='replace')}\n")
        return {"blocks": []}
    return json.loads(res.stdout)


def docgrid_tables(doc):
    for b in doc.get("blocks", []):
        if b.get("kind") != "table":
            continue
        pages = set(b.get("pages") or ([b["page"]] if b.get("page") else []))
        cells = [
            (c["row"], c["row"] + c["row_span"] - 1, c["col"], c["col"] + c["col_span"] - 1, c["text"])
            for c in b.get("cells", [])
        ]
        yield pages, cells


def published(corpus, prefix=""):
    """Published baselines, per config: [correct, gt, found] summed over the files whose name starts
    with prefix."""
    path = os.path.join(corpus, "..", "baselines", "icdar2013-shared45-relations.tsv")
    sums = collections.defaultdict(lambda: [0, 0, 0])
    if not os.path.exists(path):
        return sums
    with open(path, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            row = dict(zip(head, line.rstrip("\n").split("\t")))
            if not row["file"].startswith(prefix):
                continue
            s = sums[row["config"]]
            s[0] += int(row["correct_relations"])
            s[1] += int(row["gt_relations"])
            s[2] += int(row["result_relations"])
    return sums


def prf(correct, gt, found):
    p = correct / found if found else 0.0
    r = correct / gt if gt else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(corpus, get_json, per_doc=None):
    """Counts [correct, gt, found] over all files and per part ("eu", "us") for one JSON source.
    per_doc: None, or a label prefix for one printed line per document."""
    total = [0, 0, 0]
    parts = {"eu": [0, 0, 0], "us": [0, 0, 0]}
    for name, tables, gt_pages in ground_truth(corpus):
        want = collections.Counter()
        for _, cells in tables:
            want += relations(cells)
        got = collections.Counter()
        n = 0
        for pages, cells in docgrid_tables(get_json(os.path.join(corpus, name))):
            if pages & gt_pages:
                got += relations(cells)
                n += 1
        correct = sum((want & got).values())
        counts = (correct, sum(want.values()), sum(got.values()))
        total = [a + b for a, b in zip(total, counts)]
        if name[:2] in parts:
            parts[name[:2]] = [a + b for a, b in zip(parts[name[:2]], counts)]
        if per_doc is not None:
            p, r, f = prf(*counts)
            print(f"{per_doc}{name}\ttables {n}\tcorrect {counts[0]}\tgt {counts[1]}\tfound {counts[2]}\tF1 {f:.3f}")
    return total, parts


def peer_dirs(dirs):
    """(config, json dir) for each --peer-dir: a directory with *.json is one config named after
    it; otherwise each of its subdirectories holding *.json is one config."""
    out = []
    for d in dirs:
        d = os.path.normpath(d)
        if not os.path.isdir(d):
            sys.stderr.write(f"{d}: not a directory, ignored\n")
            continue
        if any(n.endswith(".json") for n in os.listdir(d)):
            out.append((os.path.basename(d), d))
            continue
        for sub in sorted(os.listdir(d)):
            path = os.path.join(d, sub)
            if os.path.isdir(path) and any(n.endswith(".json") for n in os.listdir(path)):
                out.append((sub, path))
    return out


def line(label, s, source=""):
    p, r, f = prf(*s)
    tail = f"  {source}" if source else ""
    print(f"{label:<20} {p:6.3f} {r:6.3f} {f:6.3f}  {s[0]}/{s[1]}/{s[2]}{tail}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "pdf", "icdar2013"))
    ap.add_argument("--json-dir")
    ap.add_argument("--docgrid")
    ap.add_argument("--per-doc", action="store_true")
    ap.add_argument("--peer-dir", action="append", default=[],
                    help="peer configuration JSON dir, or a dir of them (repeatable)")
    args = ap.parse_args()
    if not os.path.isdir(args.corpus):
        print(f"SKIPPED: {args.corpus} not found")
        return 0
    if not args.json_dir and not args.docgrid:
        for build in ("release", "debug"):
            cand = os.path.join(ROOT, "target", build, "docgrid")
            if os.path.exists(cand):
                args.docgrid = cand
                break
        else:
            print("SKIPPED: no docgrid binary (cargo build first) and no --json-dir")
            return 0
    total, parts = score(args.corpus, lambda pdf: docgrid_json(pdf, args), "" if args.per_doc else None)
    runs = []
    for config, d in peer_dirs(args.peer_dir):
        get = lambda pdf, d=d: json_from_dir(d, pdf)
        runs.append((config, score(args.corpus, get, f"{config}\t" if args.per_doc else None)))

    def block(mine, this_run, pub):
        line("docgrid", mine)
        for config, s in sorted(this_run.items(), key=lambda kv: -prf(*kv[1])[2]):
            line(config, s, "(this run)")
        for config, s in sorted(pub.items(), key=lambda kv: -prf(*kv[1])[2]):
            line(config, s, "(published baseline)")

    print(f"{'config':<20} {'P':>6} {'R':>6} {'F1':>6}  correct/gt/found")
    block(total, {c: t for c, (t, _) in runs}, published(args.corpus))
    for prefix, mine in parts.items():
        print(f"\n{prefix.upper()} documents only")
        block(mine, {c: ps[prefix] for c, (_, ps) in runs}, published(args.corpus, prefix))
    return 0

if __name__ == "__main__":
    sys.exit(main())
