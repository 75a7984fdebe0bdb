#!/usr/bin/env python3
"""Baseline for scripts/bench.sh: what a python-docx user writes to get every table's cell text.

Loads the document, then for every table (nested ones too, reached through cell.tables) visits
row.cells and reads each cell's text. python-docx repeats a merged cell in every grid slot it
covers, so this is the usual, not a minimal, amount of work. Prints the totals so the work cannot
be skipped and so runs can be sanity-checked against docgrid's table count.
"""
import sys

import docx


def walk(tables, counts):
    for table in tables:
        counts[0] += 1
        for row in table.rows:
            for cell in row.cells:
                counts[1] += len(cell.text)
                walk(cell.tables, counts)


def main(paths):
    for path in paths:
        counts = [0, 0]  # tables, characters of cell text
        walk(docx.Document(path).tables, counts)
        print(f"{path}\ttables={counts[0]}\tchars={counts[1]}")


if __name__ == "__main__":
    main(sys.argv[1:])
