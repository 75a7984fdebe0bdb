#!/usr/bin/env python3
"""Turns the raw output of scripts/bench.sh (hyperfine JSON, peak-RSS samples) into markdown.

Usage: bench_report.py OUT_DIR   (prints markdown to stdout)

Ratios compare tools measured in the same hyperfine invocation, so load from other users of the
machine hits them alike. Peak RSS is the median of the /usr/bin/time samples, in MiB.
"""
import json
import os
import statistics
import sys

ACCEPT_FILE = "bug65649.docx"
ACCEPT_SPEEDUP = 50.0
ACCEPT_RSS_MIB = 50.0


def load(out):
    machine = {}
    with open(os.path.join(out, "machine.tsv")) as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("\t")
            machine[k] = v
    files, rss, status = {}, {}, {}
    with open(os.path.join(out, "rss.tsv")) as f:
        for line in f:
            idx, path, tool, state, samples = line.rstrip("\n").split("\t")
            files[idx] = path
            status[(idx, tool)] = state
            kib = [int(x) for x in samples.split() if x.isdigit()]
            if kib:
                rss[(idx, tool)] = statistics.median(kib) / 1024
    timing = {}
    for idx in files:
        p = os.path.join(out, f"{idx}.json")
        if not os.path.exists(p):
            continue
        with open(p) as f:
            for r in json.load(f)["results"]:
                timing[(idx, r["command"])] = (r["median"], r["min"], r["max"])
    return machine, files, rss, status, timing


def ms(seconds):
    v = seconds * 1000
    return f"{v:.0f}" if v >= 100 else f"{v:.1f}" if v >= 10 else f"{v:.2f}"


def main(out):
    machine, files, rss, status, timing = load(out)
    tools = ["docgrid", "pandoc", "python-docx", "floor"]
    print("### Machine\n")
    for k, v in machine.items():
        print(f"- {k}: {v}")
    print("\n### Wall time (median [min–max] ms) and peak RSS (median MiB)\n")
    print("| file | KiB | " + " | ".join(tools) + " | pandoc ÷ docgrid | python-docx ÷ docgrid | docgrid ÷ floor |")
    print("|---|---:|" + "---:|" * (len(tools) + 3))
    accept = None
    for idx, path in sorted(files.items(), key=lambda kv: int(kv[0])):
        cells = []
        for t in tools:
            if status.get((idx, t)) == "failed":
                cells.append("failed")
                continue
            m = timing.get((idx, t))
            r = rss.get((idx, t))
            cells.append(
                f"{ms(m[0])} [{ms(m[1])}–{ms(m[2])}] · {r:.1f} MiB" if m and r is not None else "–"
            )
        dg = timing.get((idx, "docgrid"))

        def ratio(a, b):
            return f"{a[0] / b[0]:.1f}×" if a and b else "–"

        size = os.path.getsize(path) // 1024 if os.path.exists(path) else 0
        print(
            f"| {os.path.basename(path)} | {size} | "
            + " | ".join(cells)
            + f" | {ratio(timing.get((idx, 'pandoc')), dg)}"
            + f" | {ratio(timing.get((idx, 'python-docx')), dg)}"
            + f" | {ratio(dg, timing.get((idx, 'floor')))} |"
        )
        if os.path.basename(path) == ACCEPT_FILE and dg:
            accept = (idx, dg)
    print()
    if accept is None:
        print(f"Acceptance: {ACCEPT_FILE} not measured (docgrid missing or failed).")
        return
    idx, dg = accept
    pd = timing.get((idx, "pandoc"))
    mem = rss.get((idx, "docgrid"))
    speed = pd[0] / dg[0] if pd else None
    ok_speed = speed is not None and speed >= ACCEPT_SPEEDUP
    ok_mem = mem is not None and mem < ACCEPT_RSS_MIB
    print(
        f"Acceptance on {ACCEPT_FILE}: docgrid is "
        + (f"{speed:.1f}× faster than pandoc" if speed else "not comparable to pandoc")
        + f" (need ≥ {ACCEPT_SPEEDUP:.0f}×: {'PASS' if ok_speed else 'FAIL'}); peak RSS "
        + (f"{mem:.1f} MiB" if mem is not None else "unknown")
        + f" (need < {ACCEPT_RSS_MIB:.0f} MiB: {'PASS' if ok_mem else 'FAIL'})."
    )


if __name__ == "__main__":
    main(sys.argv[1])
