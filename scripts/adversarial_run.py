#!/usr/bin/env python3
"""Runs `docgrid convert` over every file of an adversarial set and classifies each outcome.

usage: scripts/adversarial_run.py DIR BIN [--jobs N] [--timeout SECS] [--glob PATTERN]

Per file: `timeout SECS /usr/bin/time -f %M BIN convert --compact FILE`, then
  ok          exit 0
  error       exit 1 with exactly one stderr line (the promised one-line cause)
  multiline   exit 1 with more than one stderr line
  panic       "panicked" on stderr, exit 101, or killed by a signal
  timeout     still running after SECS (exit 124/137)
Prints one line per file that is not ok/error or whose peak RSS is over 512 MiB, the outcome
counts, the ten largest peak RSS values, and writes DIR/../<dirname>.results.tsv (file, outcome,
peak KiB, seconds, first stderr line). Needs GNU time at /usr/bin/time.
"""
import concurrent.futures
import pathlib
import subprocess
import sys
import tempfile
import time

CAP_KIB = 512 * 1024


def one(path, binary, timeout):
    with tempfile.NamedTemporaryFile() as mem:
        start = time.monotonic()
        p = subprocess.run(
            ["timeout", "-s", "KILL", str(timeout), "/usr/bin/time", "-f", "%M", "-o", mem.name,
             binary, "convert", "--compact", str(path)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        secs = time.monotonic() - start
        try:
            kib = int(pathlib.Path(mem.name).read_text().strip().splitlines()[-1])
        except (ValueError, IndexError):
            kib = -1
    err = p.stderr.decode("utf-8", "replace")
    lines = [ln for ln in err.splitlines() if ln.strip()]
    # GNU time reports a signal-killed child as "Command terminated by signal N" in its file and
    # exits 128+N itself; `timeout -s KILL` gives 137.
    if p.returncode in (124, 137) or secs >= timeout:
        outcome = "timeout"
    elif "panicked" in err or p.returncode == 101 or p.returncode < 0 or p.returncode > 128:
        outcome = "panic"
    elif p.returncode == 0:
        outcome = "ok"
    elif len(lines) == 1:
        outcome = "error"
    else:
        outcome = "multiline"
    return path.name, outcome, kib, secs, (lines[0] if lines else "")


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    folder, binary = pathlib.Path(args[0]), args[1]
    jobs = int(args[args.index("--jobs") + 1]) if "--jobs" in args else 1
    timeout = int(args[args.index("--timeout") + 1]) if "--timeout" in args else 10
    pattern = args[args.index("--glob") + 1] if "--glob" in args else "*"
    files = sorted(p for p in folder.glob(pattern) if p.is_file())
    results = []
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        for r in pool.map(lambda f: one(f, binary, timeout), files):
            results.append(r)
            name, outcome, kib, secs, first = r
            if outcome not in ("ok", "error") or kib > CAP_KIB:
                print(f"{outcome:9} {kib / 1024:8.1f} MiB {secs:6.2f}s {name}: {first[:160]}", flush=True)
    wall = time.monotonic() - start
    counts = {}
    for r in results:
        counts[r[1]] = counts.get(r[1], 0) + 1
    print(f"{len(results)} files in {wall:.0f} s: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print("largest peak RSS:")
    for name, outcome, kib, secs, first in sorted(results, key=lambda r: -r[2])[:10]:
        print(f"  {kib / 1024:8.1f} MiB {secs:6.2f}s {outcome:8} {name}  {first[:120]}")
    report = folder.parent / f"{folder.name}.results.tsv"
    with open(report, "w") as f:
        for name, outcome, kib, secs, first in results:
            f.write(f"{name}\t{outcome}\t{kib}\t{secs:.3f}\t{first}\n")
    print(f"details: {report}")


if __name__ == "__main__":
    main()
