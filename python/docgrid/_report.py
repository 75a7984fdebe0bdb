"""``docgrid.report``: the annual-report profile (keyed values and 勾稽关系 checks) as DataFrames."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any, Dict, List

if TYPE_CHECKING:  # pragma: no cover
    import pandas

#: Columns of ``Report.values`` (those of ``docgrid report --to csv``'s values.csv).
VALUES_COLUMNS = ["source", "org", "year", "format", "table", "key", "row_label", "col_label", "text", "num", "unit",
                  "instance", "org_source", "org_confidence", "year_source", "year_confidence", "table_no", "pages",
                  "row", "col", "row_path", "col_path"]
#: Columns of ``Report.checks`` (those of checks.csv).
CHECKS_COLUMNS = ["source", "org", "year", "format", "rule", "scope", "lhs", "rhs", "status", "instance", "key",
                  "description", "lhs_cells", "rhs_cells", "prev_source", "prev_instance", "prev_year"]


def csv_rows(text: str) -> List[List[str]]:
    """The records of CSV text without its header line (the Rust writers add none here)."""
    return list(csv.reader(io.StringIO(text)))


class Report:
    """The reports of one or more documents: ``values`` and ``checks`` as DataFrames with the
    provenance columns (``source``, ``org``, ``year``, ``format``, ``table``, labels) of
    ``docgrid report --to csv``; ``reports`` holds each document's ``docgrid report`` JSON."""

    def __init__(self) -> None:
        self.reports: List[Dict[str, Any]] = []
        self._values: List[List[str]] = []
        self._checks: List[List[str]] = []

    def _add(self, native_json: str) -> None:
        parsed = json.loads(native_json)
        self.reports.append(parsed["report"])
        self._values.extend(csv_rows(parsed["values_csv"]))
        self._checks.extend(csv_rows(parsed["checks_csv"]))

    @property
    def values(self) -> "pandas.DataFrame":
        """One row per keyed value; ``num`` is a float (NaN when the cell holds no number) and
        ``year`` a nullable integer."""
        return _frame(self._values, VALUES_COLUMNS, numbers=["num"])

    @property
    def checks(self) -> "pandas.DataFrame":
        """One row per rule outcome; ``lhs``/``rhs`` are floats, ``status`` is ``pass``,
        ``fail`` or ``skip``."""
        return _frame(self._checks, CHECKS_COLUMNS, numbers=["lhs", "rhs"])


def _frame(rows: List[List[str]], columns: List[str], numbers: List[str]) -> "pandas.DataFrame":
    import pandas as pd

    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    for name in numbers:
        frame[name] = pd.to_numeric(frame[name].replace("", None), errors="coerce").astype("float64")
    frame["year"] = pd.to_numeric(frame["year"].replace("", None), errors="coerce").astype("Int64")
    return frame
