"""docgrid.ray on a local Ray (2 CPUs) over the same folder of fixtures as the Spark test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from engines import GOOD, check_error_rows, cli_cells, cli_values, engine_cells, engine_values

pytest.importorskip("ray.data", reason="ray[data] is not installed (pip install 'ray[data]')")


@pytest.fixture(scope="module")
def ray_local():
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    yield ray
    ray.shutdown()


def test_cells_and_values_equal_the_cli(ray_local, engine_folder: Path, tmp_path: Path) -> None:
    from docgrid.ray import convert_files, write_parquet

    cells = convert_files(str(engine_folder), to="cells").to_pandas()
    got = cells.astype(object).where(cells.notna(), None).to_dict("records")
    check_error_rows(got)
    assert engine_cells(got) == cli_cells(engine_folder)
    assert {os.path.basename(str(r["path"])) for r in got if r["error"] is None} == set(GOOD)

    values = convert_files(str(engine_folder), to="values").to_pandas()
    got = values.astype(object).where(values.notna(), None).to_dict("records")
    check_error_rows(got)
    assert engine_values(got) == cli_values(engine_folder, tmp_path)

    out = tmp_path / "values.parquet"
    write_parquet(convert_files(str(engine_folder), to="values"), str(out), partition_by=["table"])
    # The error row has no table: Hive's null partition.
    partitions = {p.name for p in out.iterdir() if p.is_dir()}
    assert partitions == {"table=t2_active", "table=t3_requests", "table=t4_review_litigation", "table=__HIVE_DEFAULT_PARTITION__"}
