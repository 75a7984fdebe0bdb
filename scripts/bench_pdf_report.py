#!/usr/bin/env python3
"""Turns the raw output of scripts/bench_pdf.sh into markdown: per file, each tool's median
wall time [min–max] and median peak RSS, ms per page, and every peer's time divided by
docgrid's (all timed on the same machine in the same script run).

Usage: bench_pdf_report.py OUT_DIR   (prints markdown to stdout)
"""
import glob
import json
import os
import statistics
import sys


def load(out):
    machine = {}
    with open(os.path.join(out, "machine.tsv")) as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("\t")
            machine[k] = v
    files, pages, rss, status, tools = {}, {}, {}, {}, []
    with open(os.path.join(out, "rss.tsv")) as f:
        for line in f:
            idx, path, npages, tool, state, samples = line.rstrip("\n").split("\t")
            files[idx] = path
            pages[idx] = int(npages) if npages.isdigit() else 0
            status[(idx, tool)] = state
            if tool not in tools:
                tools.append(tool)
            kib = [int(x) for x in samples.split() if x.isdigit()]
            if kib:
                rss[(idx, tool)] = statistics.median(kib) / 1024
    timing = {}
    for p in glob.glob(os.path.join(out, "*.json")):
        idx = os.path.basename(p).split(".")[0]
        with open(p) as f:
            for r in json.load(f)["results"]:
                timing[(idx, r["command"])] = (r["median"], r["min"], r["max"])
    return machine, files, pages, rss, status, timing, tools


def ms(seconds):
    v = seconds * 1000
    return f"{v:.0f}" if v >= 100 else f"{v:.1f}" if v >= 10 else f"{v:.2f}"


def main(out):
    machine, files, pages, rss, status, timing, tools = load(out)
    print("### Machine\n")
    for k, v in machine.items():
        print(f"- {k}: {v}")
    print("\n### Wall time, median [min–max] ms, and peak RSS, median MiB\n")
    print("| file | pages | " + " | ".join(tools) + " |")
    print("|---|---:|" + "---:|" * len(tools))
    order = sorted(files, key=int)
    for idx in order:
        cells = []
        for t in tools:
            m, r = timing.get((idx, t)), rss.get((idx, t))
            if status.get((idx, t)) == "failed":
                cells.append("failed")
            elif m and r is not None:
                cells.append(f"{ms(m[0])} [{ms(m[1])}–{ms(m[2])}] · {r:.0f} MiB")
            else:
                cells.append("–")
        print(f"| {os.path.basename(files[idx])} | {pages[idx]} | " + " | ".join(cells) + " |")
    peers = [t for t in tools if t != "docgrid"]
    print("\n### Peer time ÷ docgrid time (medians; > 1 means docgrid is faster)\n")
    print("| file | docgrid ms/page | " + " | ".join(peers) + " |")
    print("|---|---:|" + "---:|" * len(peers))
    for idx in order:
        dg = timing.get((idx, "docgrid"))
        per_page = f"{dg[0] * 1000 / pages[idx]:.1f}" if dg and pages[idx] else "–"
        cells = []
        for t in peers:
            m = timing.get((idx, t))
            cells.append(f"{m[0] / dg[0]:.1f}×" if m and dg else "–")
        print(f"| {os.path.basename(files[idx])} | {per_page} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target/bench-pdf")
