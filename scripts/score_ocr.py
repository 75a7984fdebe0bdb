#!/usr/bin/env python3
"""Scores OCR of the scanned fixtures (scripts/make_scan_fixtures.sh) against the born-digital
reports they were made from, and times each engine in the same run.

  scripts/score_ocr.py --docgrid target/release/docgrid --scans target/scans [--tesseract] [--rapidocr]

For docgrid, per scan: prose CER (paragraph and heading text of `convert`, whitespace left out,
against the same of the born-digital PDF), tables exact (grid, spans and cell text equal to the
born-digital PDF's, table by table), values keyed (`report` values equal to the born-digital
report's) and rule outcomes (`report` checks' statuses equal). For tesseract (`tesseract …
tsv`, chi_sim) and RapidOCR (Python), per page image: CER of the page's whole text against
pdftotext of the born-digital page, whitespace left out. Seconds are per page, wall time.
"""
import argparse, json, os, subprocess, sys, tempfile, time, glob

def cer(ref, hyp):
    ref = "".join(ref.split()); hyp = "".join(hyp.split())
    if not ref:
        return 0.0 if not hyp else 1.0
    prev = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        cur = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (r != h))
        prev = cur
    return prev[-1] / len(ref)

def run_json(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True)
    return json.loads(out.stdout) if out.stdout.strip() else None

def convert(bin_, pdf):
    with tempfile.TemporaryDirectory() as d:
        o = os.path.join(d, "o.json")
        subprocess.run([bin_, "convert", "-q", pdf, "-o", o], check=False)
        return json.load(open(o)) if os.path.exists(o) else {"blocks": []}

def prose(doc):
    return "".join(b.get("text", "") for b in doc["blocks"] if b.get("kind") != "table")

def tables(doc):
    out = []
    for b in doc["blocks"]:
        if b.get("kind") == "table":
            cells = sorted((c["row"], c["col"], c["row_span"], c["col_span"], "".join(c["text"].split()))
                           for c in b["cells"])
            out.append((b["rows"], b["cols"], cells))
    return out

def pages_of(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    return int(next(l.split()[-1] for l in info.splitlines() if l.startswith("Pages:")))

def score_docgrid(bin_, born, scan):
    ref, t0 = convert(bin_, born), time.time()
    got = convert(bin_, scan)
    secs = time.time() - t0
    rt, gt = tables(ref), tables(got)
    exact = sum(1 for a, b in zip(rt, gt) if a == b)
    rr, gr = run_json([bin_, "report", "-q", born]), run_json([bin_, "report", "-q", scan]) or {}
    rv, gv = rr.get("values", {}), gr.get("values", {})
    keyed = sum(1 for k, v in rv.items() if gv.get(k) == v)
    rules = [(c["rule"], c.get("scope"), c["status"]) for c in rr.get("checks", [])]
    grules = [(c["rule"], c.get("scope"), c["status"]) for c in gr.get("checks", [])]
    return dict(cer=cer(prose(ref), prose(got)), tables=(exact, len(rt)), keyed=(keyed, len(rv)),
                rules_same=rules == grules, secs_per_page=secs / pages_of(scan))

def page_images(scan, d):
    subprocess.run(["pdfimages", "-png", scan, os.path.join(d, "p")], check=True)
    return sorted(glob.glob(os.path.join(d, "p-*.png")))

def born_text(born, n):
    return subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), born, "-"],
                          capture_output=True, text=True).stdout

def score_images(engine, born, scan):
    with tempfile.TemporaryDirectory() as d:
        imgs = page_images(scan, d)
        total, secs = [], 0.0
        ocr = None
        if engine == "rapidocr":
            from rapidocr_onnxruntime import RapidOCR
            ocr = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)
        for n, img in enumerate(imgs, 1):
            t0 = time.time()
            if engine == "tesseract":
                tsv = subprocess.run(["tesseract", img, "-", "-l", "chi_sim", "tsv"],
                                     capture_output=True, text=True).stdout
                text = "".join(r.split("\t")[-1] for r in tsv.splitlines()[1:] if r.count("\t") >= 11)
            else:
                result, _ = ocr(img)
                text = "".join(r[1] for r in (result or []))
            secs += time.time() - t0
            total.append(cer(born_text(born, n), text))
        return dict(cer=sum(total) / max(len(total), 1), secs_per_page=secs / max(len(imgs), 1))

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docgrid", default="target/release/docgrid")
    ap.add_argument("--scans", default="target/scans")
    ap.add_argument("--reports", default=os.path.join(os.path.dirname(__file__), "../../shared/corpus/reports"))
    ap.add_argument("--tesseract", action="store_true")
    ap.add_argument("--rapidocr", action="store_true")
    ap.add_argument("--only", default="", help="substring a scan's name must contain")
    a = ap.parse_args()
    for scan in sorted(glob.glob(os.path.join(a.scans, "*.pdf"))):
        if a.only not in os.path.basename(scan):
            continue
        name = os.path.basename(scan).split(".")[0]
        born = os.path.join(a.reports, name + ".pdf")
        s = score_docgrid(a.docgrid, born, scan)
        print(f"{os.path.basename(scan)}\tdocgrid\tCER {s['cer']:.4f}\ttables exact {s['tables'][0]}/{s['tables'][1]}"
              f"\tvalues {s['keyed'][0]}/{s['keyed'][1]}\trules same {s['rules_same']}\t{s['secs_per_page']:.2f} s/page",
              flush=True)
        for engine, on in (("tesseract", a.tesseract), ("rapidocr", a.rapidocr)):
            if on:
                s = score_images(engine, born, scan)
                print(f"{os.path.basename(scan)}\t{engine}\tpage CER {s['cer']:.4f}\t{s['secs_per_page']:.2f} s/page", flush=True)

if __name__ == "__main__":
    sys.exit(main())
