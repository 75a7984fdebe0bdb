"""``Document`` and ``Table``: the contract JSON (docs/output.md) as Python objects, with
pandas and Arrow views and the Rust writers (CSV, XLSX, Markdown) behind them."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Literal, Optional, Tuple, Union

from . import _docgrid

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import pyarrow

Header = Literal["multi", "flat", "none"]


class Table:
    """A table on its true grid: ``cells`` partition ``rows`` × ``cols``; the first
    ``header_rows`` rows are its header."""

    def __init__(self, data: Dict[str, Any], label: str, native: "_docgrid.NativeDocument") -> None:
        self._data = data
        self._native = native
        #: The label the CLI's writers use: ``"3"``, ``"3.1"`` for the first table nested in 3.
        self.label = label

    @property
    def rows(self) -> int:
        """Grid rows."""
        return self._data["rows"]

    @property
    def cols(self) -> int:
        """Grid columns."""
        return self._data["cols"]

    @property
    def header_rows(self) -> int:
        """Leading rows that form the header (0 when none is known)."""
        return self._data["header_rows"]

    @property
    def cells(self) -> List[Dict[str, Any]]:
        """Cells as in the JSON contract: ``row``, ``col``, ``row_span``, ``col_span``, ``text``
        (and ``tables`` for nested tables)."""
        return self._data["cells"]

    @property
    def page(self) -> Optional[int]:
        """1-based page the table starts on (PDF only)."""
        return self._data.get("page")

    @property
    def tables(self) -> List["Table"]:
        """Tables nested in this table's cells, in row-major order of their cells."""
        nested = [t for c in self.cells for t in c.get("tables", ())]
        return [Table(t, f"{self.label}.{k + 1}", self._native) for k, t in enumerate(nested)]

    def to_dict(self) -> Dict[str, Any]:
        """The table as in the JSON contract."""
        return self._data

    def grid(self, fill_merged: bool = False) -> List[List[str]]:
        """The text at every grid position: a merged cell's text at its top-left position (over
        its whole span with ``fill_merged``), empty elsewhere."""
        grid = [[""] * self.cols for _ in range(self.rows)]
        for c in self.cells:
            rows = range(c["row"], min(c["row"] + c["row_span"], self.rows))
            cols = range(c["col"], min(c["col"] + c["col_span"], self.cols))
            for r in rows:
                for k in cols:
                    if fill_merged or (r == c["row"] and k == c["col"]):
                        grid[r][k] = c["text"]
        return grid

    def _header_levels(self, head: int) -> List[List[str]]:
        """Per header row, per column: the text of the header cell whose top row this is and
        which covers the column (a column span repeats its text at every column it covers);
        empty where a vertical span from above continues."""
        levels = [[""] * self.cols for _ in range(head)]
        for c in self.cells:
            if c["row"] < head:
                for k in range(c["col"], min(c["col"] + c["col_span"], self.cols)):
                    levels[c["row"]][k] = c["text"]
        return levels

    def header_paths(self) -> List[str]:
        """One name per column, as ``docgrid convert --to csv --header-paths`` writes it: the
        header texts over the column, top to bottom, empty and repeated ones skipped, joined
        with ``/`` (the first row stands in for a table without known header rows); a repeated
        name gets ``.1``, ``.2`` … as pandas names duplicate columns. The names come from the
        Rust CSV writer, so the two never differ."""
        return self._native.header_names(self.label)

    def to_pandas(self, header: Header = "multi", fill_merged: bool = False) -> "pandas.DataFrame":
        """The table as a DataFrame of strings.

        ``header="multi"``: columns are a MultiIndex with one level per header row (the first
        row stands in for a table without known header rows), built from the header cells and
        their spans (a cell spanning columns names each of them; below a
        cell spanning rows the level is ``""``). ``"flat"``: one ``/``-joined name per column
        (:meth:`header_paths`). ``"none"``: columns ``0 … cols-1`` and every row is data.
        ``fill_merged`` repeats a merged body cell's text over its span.
        """
        import pandas as pd

        grid = self.grid(fill_merged)
        if header == "none":
            return pd.DataFrame(grid, columns=pd.RangeIndex(self.cols), dtype=object)
        if header == "flat":
            head = max(self.header_rows, 1)
            return pd.DataFrame(grid[head:], columns=self.header_paths(), dtype=object)
        if header != "multi":
            raise ValueError(f"header: {header!r} is not one of 'multi', 'flat', 'none'")
        head = min(max(self.header_rows, 1), self.rows)
        columns = pd.MultiIndex.from_arrays(self._header_levels(head))
        return pd.DataFrame(grid[head:], columns=columns, dtype=object)

    def to_arrow(self, fill_merged: bool = False) -> "pyarrow.Table":
        """The body rows as an Arrow table of strings, one column per ``header_paths`` name (an
        empty name becomes ``column_N``, N counted from 1, as Arrow needs distinct names)."""
        import pyarrow as pa

        head = max(self.header_rows, 1)
        body = self.grid(fill_merged)[head:]
        names: List[str] = []
        for k, name in enumerate(self.header_paths()):
            names.append(name or f"column_{k + 1}")
        columns = [pa.array([row[k] for row in body], type=pa.string()) for k in range(self.cols)]
        return pa.Table.from_arrays(columns, names=names)

    def to_csv(
        self,
        path: Union[str, "os.PathLike[str]", None] = None,
        *,
        fill_merged: bool = False,
        header_paths: bool = False,
        tab_separated: bool = False,
    ) -> Optional[str]:
        """The table as CSV through the CLI's writer (RFC 4180, ``\\n`` line ends); written to
        ``path`` when given, else returned."""
        text = self._native.table_csv(
            self.label, fill_merged=fill_merged, header_paths=header_paths, tab_separated=tab_separated
        )
        if path is None:
            return text
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return None

    def to_xlsx(self, path: Union[str, "os.PathLike[str]"]) -> List[Tuple[str, str]]:
        """Writes this table as a workbook (merged ranges as in the grid) through the Rust
        writer; returns its warnings as (code, message)."""
        data, warnings = self._native.xlsx_bytes(self.label)
        with open(path, "wb") as f:
            f.write(data)
        return warnings

    def __repr__(self) -> str:
        return f"<docgrid.Table {self.label}: {self.rows}×{self.cols}, {self.header_rows} header rows>"


class Document:
    """One converted document: ``blocks`` in reading order, ``tables``, ``metadata``,
    ``warnings``, as the JSON contract (docs/output.md) describes them."""

    def __init__(self, native: "_docgrid.NativeDocument") -> None:
        self._native = native
        self._data: Optional[Dict[str, Any]] = None

    def to_dict(self) -> Dict[str, Any]:
        """The document as the JSON contract's object."""
        if self._data is None:
            self._data = json.loads(self._native.to_json())
        return self._data

    def to_json(self, pretty: bool = False) -> str:
        """The document as contract JSON, byte for byte what ``docgrid convert`` writes."""
        return self._native.to_json(pretty)

    def to_markdown(self) -> str:
        """The document as Markdown, as ``docgrid convert --to md`` writes it."""
        return self._native.to_markdown()

    def to_xlsx(self, path: Union[str, "os.PathLike[str]"]) -> List[Tuple[str, str]]:
        """Writes the workbook ``docgrid convert --to xlsx`` writes; returns its warnings."""
        data, warnings = self._native.xlsx_bytes(None)
        with open(path, "wb") as f:
            f.write(data)
        return warnings

    def cells(self) -> List[Tuple[str, int, int, int, int, str]]:
        """Every cell of every table (nested ones too) as the rows of ``--to cells``:
        (table label, row, col, row_span, col_span, text)."""
        return self._native.cells()

    @property
    def source(self) -> Dict[str, Any]:
        """``path``, ``format`` and ``pages`` (PDF) of the input."""
        return self.to_dict()["source"]

    @property
    def blocks(self) -> List[Dict[str, Any]]:
        """Headings, paragraphs and tables in reading order, as in the JSON contract."""
        return self.to_dict()["blocks"]

    @property
    def tables(self) -> List[Table]:
        """The top-level tables in document order (nested ones through ``Table.tables``)."""
        top = [b for b in self.blocks if b["kind"] == "table"]
        return [Table(t, str(i + 1), self._native) for i, t in enumerate(top)]

    @property
    def metadata(self) -> Dict[str, str]:
        """Document properties (title, author, created, …), only those present."""
        return self.to_dict()["metadata"]

    @property
    def notes(self) -> List[Dict[str, Any]]:
        """Footnotes and endnotes."""
        return self.to_dict().get("notes", [])

    @property
    def warnings(self) -> List[Dict[str, Any]]:
        """What the reader recovered from or skipped: ``code``, ``message`` and ``page``."""
        return self.to_dict()["warnings"]

    def iter_tables(self) -> Iterator[Table]:
        """Every table, nested ones right after their parent (the CLI's numbering)."""
        stack = list(reversed(self.tables))
        while stack:
            table = stack.pop()
            yield table
            stack.extend(reversed(table.tables))

    def __repr__(self) -> str:
        src = self.source
        return f"<docgrid.Document {src['path']!r} ({src['format']}): {len(self.blocks)} blocks>"
