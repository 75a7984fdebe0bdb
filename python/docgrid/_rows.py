"""What the Spark and Ray helpers share: the rows one file becomes, for each ``to=`` shape, and
a pandas batch of files to a pandas batch of rows. A file that fails is one row with its error,
never an exception that would fail the job."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Tuple

from ._report import CHECKS_COLUMNS, VALUES_COLUMNS, csv_rows  # noqa: F401  (re-exported names)

if TYPE_CHECKING:  # pragma: no cover
    import pandas

#: Column name and kind ("string", "int", "double") of each output shape; every shape starts
#: with ``path`` and ends with ``error_type`` and ``error`` (null on success).
COLUMNS: Dict[str, List[Tuple[str, str]]] = {
    # One row per cell of every table, nested ones included (the CLI's --to cells).
    "cells": [
        ("path", "string"),
        ("table", "string"),
        ("row", "int"),
        ("col", "int"),
        ("row_span", "int"),
        ("col_span", "int"),
        ("text", "string"),
    ],
    # One row per keyed value of the annual-report profile (docgrid report --to csv).
    "values": [
        ("path", "string"),
        ("org", "string"),
        ("year", "int"),
        ("format", "string"),
        ("table", "string"),
        ("key", "string"),
        ("row_label", "string"),
        ("col_label", "string"),
        ("text", "string"),
        ("num", "double"),
        ("unit", "string"),
    ],
    # One row per file: its contract JSON (docgrid convert --compact) and a summary.
    "documents": [
        ("path", "string"),
        ("format", "string"),
        ("pages", "int"),
        ("tables", "int"),
        ("warnings", "int"),
        ("json", "string"),
    ],
}
ERROR_COLUMNS: List[Tuple[str, str]] = [("error_type", "string"), ("error", "string")]


def columns(to: str) -> List[Tuple[str, str]]:
    """The columns of shape ``to``, the error columns included."""
    if to not in COLUMNS:
        raise ValueError(f"to: {to!r} is not one of {', '.join(COLUMNS)}")
    return COLUMNS[to] + ERROR_COLUMNS


def _number(text: str, kind: str) -> Any:
    if text == "":
        return None
    return int(text) if kind == "int" else float(text)


def file_rows(path: str, content: bytes, to: str, options: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """The rows of one file; an error (unreadable, unsupported, corrupt, over a limit) is one
    row with ``error_type`` (the exception class) and ``error`` (its message)."""
    import docgrid

    try:
        document = docgrid.convert(content, path=path, **options)
        if to == "cells":
            return [
                {"path": path, "table": t, "row": r, "col": c, "row_span": rs, "col_span": cs, "text": text}
                for (t, r, c, rs, cs, text) in document.cells()
            ]
        if to == "values":
            report = json.loads(document._native.report(None))
            kinds = dict(COLUMNS["values"])
            rows = []
            for record in csv_rows(report["values_csv"]):
                row = dict(zip(VALUES_COLUMNS, record))
                row["path"] = row.pop("source")
                for name in ("year", "num"):
                    row[name] = _number(row[name], kinds[name])
                rows.append(row)
            return rows
        text = document.to_json()
        data = json.loads(text)
        return [
            {
                "path": path,
                "format": data["source"]["format"],
                "pages": data["source"]["pages"],
                "tables": sum(1 for b in data["blocks"] if b["kind"] == "table"),
                "warnings": len(data["warnings"]),
                "json": text,
            }
        ]
    except (docgrid.Error, OSError, ValueError) as error:
        return [{"path": path, "error_type": type(error).__name__, "error": str(error)}]


def convert_batch(
    batch: "pandas.DataFrame",
    to: str,
    options: Optional[Mapping[str, Any]] = None,
    path_column: str = "path",
    content_column: str = "content",
) -> "pandas.DataFrame":
    """A batch of files (a path and a bytes column) as a batch of rows of shape ``to``."""
    rows: List[Dict[str, Any]] = []
    for path, content in zip(batch[path_column], batch[content_column]):
        rows.extend(file_rows(str(path), bytes(content), to, options or {}))
    return frame(rows, to)


def frame(rows: Iterable[Dict[str, Any]], to: str) -> "pandas.DataFrame":
    """Rows as a DataFrame with the columns and nullable dtypes of shape ``to``."""
    import pandas as pd

    spec = columns(to)
    # Nullable dtypes that Arrow maps to string/int64/double columns (an object column of
    # str and None would reach Ray as pickled Python objects).
    dtypes = {"string": "string", "int": "Int64", "double": "float64"}
    table = pd.DataFrame(list(rows), columns=[name for name, _ in spec])
    return table.astype({name: dtypes[kind] for name, kind in spec})
