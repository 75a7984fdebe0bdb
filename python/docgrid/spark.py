"""docgrid on Spark: files read by the ``binaryFile`` source, converted in ``mapInPandas``.

    from docgrid.spark import convert_files, write_parquet
    cells = convert_files(spark, "s3a://archive/reports/**/*.pdf", to="cells")
    write_parquet(cells.withColumn("year", ...), "s3a://lake/cells", partition_by=["year"])

Each partition imports the binding once and converts its files with it; a file that fails is a
row with ``error_type``/``error`` set, never a failed task. The executors need the wheel
installed (``pip install docgrid`` in the cluster image, or ``spark-submit --py-files``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, Mapping, Optional, Sequence

from ._rows import columns

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType


def schema(to: str) -> "StructType":
    """The Spark schema of shape ``to`` (``"cells"``, ``"values"`` or ``"documents"``)."""
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    kinds = {"string": StringType(), "int": LongType(), "double": DoubleType()}
    return StructType([StructField(name, kinds[kind], True) for name, kind in columns(to)])


def convert_files(
    spark: "SparkSession",
    paths: str,
    to: str = "cells",
    *,
    recursive: bool = True,
    glob: Optional[str] = None,
    options: Optional[Mapping[str, Any]] = None,
) -> "DataFrame":
    """The files under ``paths`` (a file, folder or glob Spark reads: ``s3a://…/**/*.pdf``) as a
    DataFrame of shape ``to``: ``"cells"`` (one row per table cell), ``"values"`` (one row per
    annual-report value) or ``"documents"`` (one row per file with its JSON).

    ``recursive`` descends into sub-folders; ``glob`` keeps file names matching it
    (``pathGlobFilter``); ``options`` are keywords of :func:`docgrid.convert` (``pages``,
    ``password``, ``limits`` …). The ``path`` column is the URI Spark read the file from.
    """
    out = schema(to)
    reader = spark.read.format("binaryFile").option("recursiveFileLookup", str(recursive).lower())
    if glob:
        reader = reader.option("pathGlobFilter", glob)
    files = reader.load(paths).select("path", "content")
    read_options = dict(options or {})

    def convert_partition(batches: Iterator["pandas.DataFrame"]) -> Iterator["pandas.DataFrame"]:
        # Imported here, on the executor: once per partition, not per row.
        from docgrid._rows import convert_batch

        for batch in batches:
            yield convert_batch(batch, to, read_options)

    return files.mapInPandas(convert_partition, schema=out)


def write_parquet(
    frame: "DataFrame", path: str, partition_by: Sequence[str] = (), mode: str = "errorifexists"
) -> None:
    """Writes ``frame`` as Parquet under ``path``, partitioned by the columns ``partition_by``
    (any of the frame's, e.g. ones the caller derived from ``path``)."""
    writer = frame.write.mode(mode)
    if partition_by:
        writer = writer.partitionBy(*partition_by)
    writer.parquet(path)
