"""docgrid.spark in local[2] mode over a folder of fixtures (DOCX, .doc, PDF, one broken file)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import java_available
from engines import GOOD, check_error_rows, cli_cells, cli_values, engine_cells, engine_values

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install pyspark)")
if not java_available():
    pytest.skip("no Java runtime for Spark (install openjdk-17-jre-headless)", allow_module_level=True)


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # The workers run this interpreter, where the wheel is installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("docgrid-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    yield session
    session.stop()


def rows(frame) -> list:
    return [r.asDict() for r in frame.collect()]


def test_cells_equal_the_cli_and_the_broken_file_is_one_error_row(spark, engine_folder: Path) -> None:
    from docgrid.spark import convert_files

    got = rows(convert_files(spark, str(engine_folder), to="cells"))
    check_error_rows(got)
    assert engine_cells(got) == cli_cells(engine_folder)
    assert {os.path.basename(str(r["path"])) for r in got if r["error"] is None} == set(GOOD)

def test_values_equal_the_cli_report(spark, engine_folder: Path, tmp_path: Path) -> None:
    from docgrid.spark import convert_files

    got = rows(convert_files(spark, str(engine_folder), to="values"))
    check_error_rows(got)
    want = cli_values(engine_folder, tmp_path)
    assert len(want) > 100
    assert engine_values(got) == want


def test_documents_and_partitioned_parquet(spark, engine_folder: Path, tmp_path: Path) -> None:
    from pyspark.sql import functions as F

    from docgrid.spark import convert_files, write_parquet

    documents = convert_files(spark, str(engine_folder), to="documents", glob="*.docx")
    got = rows(documents)
    assert sorted(os.path.basename(r["path"]) for r in got) == sorted(
        ["pingchuan_2020_annual_report.docx", "qinghe_2023_annual_report.docx", "broken.docx"]
    )
    check_error_rows(got)
    assert all(r["tables"] == 3 and r["format"] == "docx" for r in got if r["error"] is None)
    out = tmp_path / "documents.parquet"
    write_parquet(documents.withColumn("ok", F.col("error").isNull()), str(out), partition_by=["ok"])
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["ok=false", "ok=true"]
    assert spark.read.parquet(str(out)).count() == 3
