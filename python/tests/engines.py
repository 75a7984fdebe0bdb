"""What the Spark and Ray tests check, from the CLI's own output on the same files."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Dict, List, Set, Tuple

from conftest import run_cli

GOOD = ["pingchuan_2020_annual_report.docx", "qinghe_2023_annual_report.docx", "qinghe_2023_annual_report.pdf", "pingchuan_2020_annual_report.doc"]
BROKEN = "broken.docx"


def cli_cells(folder: Path) -> Set[Tuple[str, str, int, int, int, int, str]]:
    """Every cell of every good file, as `docgrid convert --to cells` writes them."""
    cli = run_cli("convert", *[str(folder / n) for n in GOOD], "--to", "cells", "-o", "-", "--quiet")
    assert cli.returncode == 0, cli.stderr
    rows = csv.DictReader(io.StringIO(cli.stdout))
    return {
        (os.path.basename(r["source"]), r["table"], int(r["row"]), int(r["col"]), int(r["row_span"]), int(r["col_span"]), r["text"])
        for r in rows
    }


def cli_values(folder: Path, tmp: Path) -> Set[Tuple[str, ...]]:
    """Every annual-report value of the good files, as `docgrid report --to csv` writes them."""
    cli = run_cli("report", *[str(folder / n) for n in GOOD], "--to", "csv", "-o", str(tmp), "--quiet")
    assert cli.returncode == 0, cli.stderr
    with open(tmp / "values.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return {(os.path.basename(r["source"]), r["table"], r["key"], r["text"], r["num"]) for r in rows}


def number_text(value: object) -> str:
    """A value's number as the CLI's CSV writes it (`3`, `1.5`, empty for none)."""
    if value is None or value != value:  # None or NaN
        return ""
    as_float = float(value)  # type: ignore[arg-type]
    return str(int(as_float)) if as_float.is_integer() else repr(as_float)


def engine_cells(rows: List[Dict[str, object]]) -> Set[Tuple[str, str, int, int, int, int, str]]:
    return {
        (os.path.basename(str(r["path"])), str(r["table"]), int(r["row"]), int(r["col"]), int(r["row_span"]), int(r["col_span"]), str(r["text"]))  # type: ignore[arg-type]
        for r in rows
        if r["error"] is None
    }


def engine_values(rows: List[Dict[str, object]]) -> Set[Tuple[str, ...]]:
    return {
        (os.path.basename(str(r["path"])), str(r["table"]), str(r["key"]), str(r["text"]), number_text(r["num"]))
        for r in rows
        if r["error"] is None
    }


def check_error_rows(rows: List[Dict[str, object]]) -> None:
    """The broken file is exactly one row, with its error and nothing else; no good file errs."""
    errors = [r for r in rows if r["error"] is not None]
    assert [os.path.basename(str(r["path"])) for r in errors] == [BROKEN], errors
    (error,) = errors
    assert error["error_type"] == "Corrupt"
    assert "invalid zip package" in str(error["error"])
    assert sum(1 for r in rows if os.path.basename(str(r["path"])) == BROKEN) == 1
