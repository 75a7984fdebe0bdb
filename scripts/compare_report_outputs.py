#!/usr/bin/env python3
"""Compares `docgrid report` of two binaries on the samples, the corpus reports and the HTML
report fixtures: per file the exit status and the first report's values (text, num), checks
(rule, scope, lhs, rhs, status), format, org, year, tables_found and unmatched. Reads a 1.4 bare
object and a 1.5 array alike.  Usage: scripts/compare_report_outputs.py OLD_BIN NEW_BIN
Exit 1 when anything differs."""
import glob
import json
import subprocess
import sys


def run(binary, path):
    out = subprocess.run([binary, "report", "-q", path], capture_output=True)
    v = json.loads(out.stdout)
    if isinstance(v, list):
        v = v[0]
    values = {k: (x["text"], x["num"]) for k, x in v["values"].items()}
    checks = [(c["rule"], c["scope"], c["lhs"], c["rhs"], c["status"]) for c in v["checks"]]
    return [out.returncode, values, checks, v["format"], v["org"], v["year"], v["tables_found"], v["unmatched"]]


def main():
    old, new = sys.argv[1], sys.argv[2]
    files = sorted(glob.glob("samples/*.docx") + glob.glob("samples/*.pdf")
                   + glob.glob("../shared/corpus/reports/*.docx") + glob.glob("../shared/corpus/reports/*.pdf")
                   + glob.glob("tests/fixtures/html/report*"))
    differ = 0
    for f in files:
        a, b = run(old, f), run(new, f)
        same = a == b
        differ += not same
        print(f"{f}: {len(a[1])} values, {len(a[2])} checks: {'same' if same else 'DIFFERENT'}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
