#!/usr/bin/env python3
"""The peer tools of the PDF benchmark, each called the way its documentation tells a user to
get a PDF's text and tables. Output goes to stdout (the benchmark discards it), so every tool
does its whole job, including building its result objects.

Usage: bench_pdf_peers.py TOOL FILE.pdf

TOOL:
  pdfplumber       page.extract_text() and page.extract_tables() for every page
  pdfplumber-text  page.extract_text() only
  pymupdf          page.get_text() and page.find_tables() (tables as lists) for every page
  pymupdf-text     page.get_text() only
  camelot-lattice  camelot.read_pdf(FILE, pages="all", flavor="lattice")
  tabula-lattice   tabula.read_pdf(FILE, pages="all", lattice=True)  (starts a JVM)
"""
import sys


def pdfplumber_run(path, tables):
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            print(page.extract_text() or "")
            if tables:
                for t in page.extract_tables():
                    print(t)


def pymupdf_run(path, tables):
    import pymupdf

    with pymupdf.open(path) as doc:
        for page in doc:
            print(page.get_text())
            if tables:
                for t in page.find_tables().tables:
                    print(t.extract())


def camelot_run(path):
    import camelot

    for t in camelot.read_pdf(path, pages="all", flavor="lattice"):
        print(t.df.to_csv())


def tabula_run(path):
    import tabula

    for df in tabula.read_pdf(path, pages="all", lattice=True, silent=True):
        print(df.to_csv())


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    tool, path = sys.argv[1], sys.argv[2]
    runs = {
        "pdfplumber": lambda: pdfplumber_run(path, True),
        "pdfplumber-text": lambda: pdfplumber_run(path, False),
        "pymupdf": lambda: pymupdf_run(path, True),
        "pymupdf-text": lambda: pymupdf_run(path, False),
        "camelot-lattice": lambda: camelot_run(path),
        "tabula-lattice": lambda: tabula_run(path),
    }
    if tool not in runs:
        sys.exit(f"unknown tool {tool!r}\n{__doc__}")
    runs[tool]()


if __name__ == "__main__":
    main()
