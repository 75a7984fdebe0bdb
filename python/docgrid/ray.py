"""docgrid on Ray Data: ``ray.data.read_binary_files(...).map_batches(...)``.

    from docgrid.ray import convert_files
    cells = convert_files("s3://archive/reports/", to="cells")
    cells.write_parquet("s3://lake/cells", partition_cols=["table"])

Each batch is converted by one worker with the GIL released; a file that fails is a row with
``error_type``/``error`` set, never a failed task. Workers need the wheel installed (the
cluster image, or ``runtime_env={"pip": ["docgrid"]}``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Optional, Sequence, Union

from ._rows import columns, convert_batch

if TYPE_CHECKING:  # pragma: no cover
    import ray.data


def convert_files(
    paths: Union[str, Sequence[str]],
    to: str = "cells",
    *,
    options: Optional[Mapping[str, Any]] = None,
    batch_size: int = 8,
    **read_args: Any,
) -> "ray.data.Dataset":
    """The files at ``paths`` (files or folders Ray reads, local or ``s3://``) as a Dataset of
    shape ``to``: ``"cells"``, ``"values"`` or ``"documents"`` (the columns of
    ``docgrid.spark``). ``options`` are keywords of :func:`docgrid.convert`; ``batch_size`` files
    go to one ``map_batches`` call; other keywords go to ``ray.data.read_binary_files``
    (``file_extensions=["pdf"]``, ``override_num_blocks`` …)."""
    import ray.data

    columns(to)  # refuses an unknown shape before any task starts
    files = ray.data.read_binary_files(paths, include_paths=True, **read_args)
    read_options = dict(options or {})
    return files.map_batches(
        convert_batch,
        batch_format="pandas",
        batch_size=batch_size,
        fn_kwargs={"to": to, "options": read_options, "content_column": "bytes"},
    )


def write_parquet(dataset: "ray.data.Dataset", path: str, partition_by: Sequence[str] = ()) -> None:
    """Writes ``dataset`` as Parquet under ``path``, partitioned by the columns ``partition_by``."""
    dataset.write_parquet(path, partition_cols=list(partition_by) or None)
