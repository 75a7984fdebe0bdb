"""docgrid: Word (.docx, .doc), HTML and PDF documents to structured data.

Every paragraph and every table, with merged cells rebuilt as a true row/column grid::

    import docgrid
    doc = docgrid.convert("report.pdf")
    df = doc.tables[0].to_pandas()          # MultiIndex columns from the header rows

Conversion runs in Rust with the GIL released, so a ``ThreadPoolExecutor`` converts on every
core. ``docgrid.spark`` and ``docgrid.ray`` run the same conversion on Spark and Ray.
"""

from __future__ import annotations

import os
from typing import Iterable, Mapping, Optional, Sequence, Tuple, Union

from . import _docgrid
from ._document import Document, Table
from ._errors import Corrupt, Error, LimitExceeded, PasswordRequired, UnsupportedFormat
from ._report import Report

__all__ = [
    "convert",
    "report",
    "Document",
    "Table",
    "Report",
    "Error",
    "PasswordRequired",
    "UnsupportedFormat",
    "LimitExceeded",
    "Corrupt",
    "CONTRACT_VERSION",
    "DEFAULT_LIMITS",
]

#: The version of the JSON contract (docs/output.md) this build writes.
CONTRACT_VERSION: str = _docgrid.contract_version()
#: Every key ``limits=`` accepts, with its default (the CLI's ``--max-*`` options).
DEFAULT_LIMITS: Mapping[str, int] = dict(_docgrid.default_limits())

Input = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview]


def _pages(pages: Union[None, str, int, Iterable[int]]) -> Optional[str]:
    if pages is None or isinstance(pages, str):
        return pages
    if isinstance(pages, int):
        return str(pages)
    return ",".join(str(int(p)) for p in pages)


def convert(
    source: Input,
    *,
    pages: Union[None, str, int, Iterable[int]] = None,
    password: Optional[str] = None,
    headers_footers: bool = False,
    limits: Optional[Mapping[str, int]] = None,
    html_all: bool = False,
    detector: Optional[str] = None,
    area: Optional[Tuple[float, float, float, float]] = None,
    path: Optional[str] = None,
) -> Document:
    """Converts one document, its format sniffed from the content.

    ``source`` is a path or the document's bytes. ``pages``: PDF pages to read, ``"1-3,7,10-"``
    or a list of 1-based numbers. ``password``: a PDF's user password. ``headers_footers``:
    also emit header and footer blocks. ``limits``: resource bounds by name (see
    ``DEFAULT_LIMITS``; ``max_file_mib`` bounds a file read from a path). ``html_all``: keep a
    whole HTML page, navigation included. ``detector`` (``"both"``, ``"lattice"``,
    ``"stream"``) and ``area`` (x0, y0, x1, y1 in points from the top-left) steer PDF table
    detection. ``path`` is what the document records as ``source.path`` (default: the path
    given, or ``"<bytes>"``).

    Raises ``PasswordRequired``, ``UnsupportedFormat``, ``LimitExceeded`` or ``Corrupt`` (all
    ``docgrid.Error``), ``OSError`` when a path cannot be read, ``ValueError`` for bad options.
    """
    if isinstance(source, memoryview):
        source = source.tobytes()
    native = _docgrid.convert(
        source,
        source=path,
        pages=_pages(pages),
        password=password,
        headers_footers=headers_footers,
        html_all=html_all,
        limits=dict(limits) if limits else None,
        detector=detector,
        area=area,
    )
    return Document(native)


def report(
    sources: Union[Input, Sequence[Input]],
    *,
    templates: Optional[str] = None,
    **options: object,
) -> Report:
    """The annual-report profile of one or more documents (``docgrid report``): keyed values
    and rule checks as DataFrames (``Report.values``, ``Report.checks``) with provenance
    columns. ``templates`` is a templates JSON text replacing the built-in templates; other
    keywords are those of :func:`convert`. A document that fails raises its ``docgrid.Error``.
    """
    if isinstance(sources, (str, bytes, bytearray, memoryview, os.PathLike)):
        sources = [sources]
    result = Report()
    for source in sources:
        document = convert(source, **options)  # type: ignore[arg-type]
        result._add(document._native.report(templates))
    return result
