"""The binding's conversion: the samples' tables as DataFrames, bytes vs path, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import docgrid
from conftest import FIXTURES, SAMPLES, REPO, run_cli

SAMPLE_NAMES = ["pingchuan_2020_annual_report", "qinghe_2023_annual_report"]


def expected(name: str) -> dict:
    return json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))


def expected_tables(name: str) -> list:
    return [b for b in expected(name)["blocks"] if b["kind"] == "table"]


def covering(table: dict, row: int, col: int) -> dict:
    """The expected cell covering (row, col), read from the expected JSON."""
    hits = [
        c
        for c in table["cells"]
        if c["row"] <= row < c["row"] + c["row_span"] and c["col"] <= col < c["col"] + c["col_span"]
    ]
    assert len(hits) == 1, f"the expected grid is a partition at ({row}, {col})"
    return hits[0]


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_docx_converts_to_the_expected_json(name: str) -> None:
    doc = docgrid.convert(SAMPLES / f"{name}.docx", path=f"samples/{name}.docx")
    assert doc.to_dict() == expected(name)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_to_pandas_multi_index_follows_the_header_cells_and_spans(name: str) -> None:
    doc = docgrid.convert(SAMPLES / f"{name}.docx")
    tables = expected_tables(name)
    assert len(doc.tables) == len(tables)
    for table, want in zip(doc.tables, tables):
        df = table.to_pandas(header="multi")
        head = want["header_rows"] or 1
        assert df.shape == (want["rows"] - head, want["cols"])
        assert df.columns.nlevels == head
        for col in range(want["cols"]):
            levels = []
            for row in range(head):
                cell = covering(want, row, col)
                # A column span names every column it covers; below a row span the level is empty.
                levels.append(cell["text"] if cell["row"] == row else "")
            got = df.columns[col]
            assert (got if isinstance(got, tuple) else (got,)) == tuple(levels)
        for row in range(head, want["rows"]):
            for col in range(want["cols"]):
                cell = covering(want, row, col)
                top_left = cell["row"] == row and cell["col"] == col
                assert df.iat[row - head, col] == (cell["text"] if top_left else "")
        filled = table.to_pandas(header="multi", fill_merged=True)
        for row in range(head, want["rows"]):
            for col in range(want["cols"]):
                assert filled.iat[row - head, col] == covering(want, row, col)["text"]


def test_multi_index_of_qinghe_tables_by_name() -> None:
    # Written out by hand from the 2021 template: in table 2, 申请人情况 spans the seven
    # requester columns over 自然人 (two rows high), 法人或其他组织 (five columns over its own
    # sub-headers) and 总计; in table 3, 行政诉讼 spans ten columns over two groups of five.
    doc = docgrid.convert(SAMPLES / "qinghe_2023_annual_report.docx")
    df = doc.tables[1].to_pandas()
    assert [c[0] for c in df.columns].count("申请人情况") == 7
    assert df.columns[3] == ("申请人情况", "自然人", "")
    assert df.columns[4] == ("申请人情况", "法人或其他组织", "商业企业")
    assert df.columns[9] == ("申请人情况", "总计", "")
    assert df.iat[0, 9] == "52"
    flat = doc.tables[1].to_pandas(header="flat")
    assert list(flat.columns[3:5]) == ["申请人情况/自然人", "申请人情况/法人或其他组织/商业企业"]
    assert flat.columns[1].endswith(".1"), "a label spanning columns names each, made distinct"
    results = doc.tables[2].to_pandas()
    assert results.columns[5] == ("行政诉讼", "未经复议直接起诉", "结果维持")
    assert results.columns[14] == ("行政诉讼", "复议后起诉", "总计")
    assert results.shape == (1, 15)


def test_flat_header_and_csv_match_the_cli() -> None:
    path = "samples/qinghe_2023_annual_report.docx"
    doc = docgrid.convert(REPO / path, path=path)
    table = doc.tables[1]
    cli = run_cli("convert", path, "--to", "csv", "--header-paths", "--table", "2", "-o", "-")
    assert cli.returncode == 0, cli.stderr
    assert table.to_csv(header_paths=True) == cli.stdout
    assert cli.stdout.splitlines()[0].split(",") == table.header_paths()
    pretty = run_cli("convert", path, "--to", "json")
    assert pretty.returncode == 0, pretty.stderr
    assert doc.to_json(pretty=True) == pretty.stdout
    compact = run_cli("convert", path, "--to", "json", "--compact")
    assert doc.to_json() == compact.stdout


def test_to_arrow_has_the_body_rows_as_strings() -> None:
    pa = pytest.importorskip("pyarrow")
    doc = docgrid.convert(SAMPLES / "qinghe_2023_annual_report.docx")
    arrow = doc.tables[2].to_arrow()
    assert arrow.num_rows == 1 and arrow.num_columns == 15
    assert all(f.type == pa.string() for f in arrow.schema)
    assert len(set(arrow.column_names)) == 15


def test_xlsx_through_the_rust_writer(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    doc = docgrid.convert(SAMPLES / "qinghe_2023_annual_report.docx")
    out = tmp_path / "t2.xlsx"
    assert doc.tables[1].to_xlsx(out) == []
    sheet = openpyxl.load_workbook(out).worksheets[0]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert "D1:J1" in merged, merged  # 申请人情况 over seven columns
    assert sheet["D1"].value == "申请人情况"


@pytest.mark.parametrize("name", ["qinghe_2023_annual_report.docx", "qinghe_2023_annual_report.pdf", "pingchuan_2020_annual_report.docx"])
def test_bytes_and_path_give_the_same_document(name: str) -> None:
    path = SAMPLES / name
    from_path = docgrid.convert(path, path="x")
    from_bytes = docgrid.convert(path.read_bytes(), path="x")
    from_bytearray = docgrid.convert(bytearray(path.read_bytes()), path="x")
    from_view = docgrid.convert(memoryview(path.read_bytes()), path="x")
    assert from_path.to_json() == from_bytes.to_json() == from_bytearray.to_json() == from_view.to_json()
    assert docgrid.convert(path.read_bytes()).source["path"] == "<bytes>"
    assert docgrid.convert(path).source["path"] == str(path)


def test_pdf_options_reach_the_reader() -> None:
    pdf = SAMPLES / "qinghe_2023_annual_report.pdf"
    doc = docgrid.convert(pdf, pages=[3])
    assert doc.source["pages"] == 3
    assert {b.get("page") for b in doc.blocks} == {3}
    with pytest.raises(ValueError, match="pages"):
        docgrid.convert(pdf, pages="0")
    with pytest.raises(ValueError, match="no bound `max_pages_please`"):
        docgrid.convert(pdf, limits={"max_pages_please": 1})


def test_password_protected_pdf_raises_password_required() -> None:
    path = FIXTURES / "encrypted.pdf"
    with pytest.raises(docgrid.PasswordRequired) as raised:
        docgrid.convert(path)
    error = raised.value
    assert isinstance(error, docgrid.Error)
    assert error.path == str(path)
    assert "password required" in error.cause
    assert str(error) == f"{path}: {error.cause}"
    with pytest.raises(docgrid.PasswordRequired, match="wrong password"):
        docgrid.convert(path, password="not it")


def test_truncated_docx_raises_corrupt() -> None:
    whole = (SAMPLES / "qinghe_2023_annual_report.docx").read_bytes()
    with pytest.raises(docgrid.Corrupt) as raised:
        docgrid.convert(whole[: len(whole) // 2])
    assert raised.value.path is None
    assert "zip" in raised.value.cause


def test_truncated_pdf_raises_corrupt() -> None:
    whole = (SAMPLES / "qinghe_2023_annual_report.pdf").read_bytes()
    with pytest.raises(docgrid.Error) as raised:
        docgrid.convert(whole[:2000])
    assert type(raised.value) is docgrid.Corrupt, raised.value


def test_unsupported_file_raises_unsupported_format(tmp_path: Path) -> None:
    png = tmp_path / "scan.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    with pytest.raises(docgrid.UnsupportedFormat) as raised:
        docgrid.convert(png)
    assert raised.value.path == str(png)
    with pytest.raises(docgrid.UnsupportedFormat, match="unrecognised content"):
        docgrid.convert(b"just some bytes, no document")


def test_limit_exceeded_names_the_bound() -> None:
    with pytest.raises(docgrid.LimitExceeded) as raised:
        docgrid.convert(SAMPLES / "qinghe_2023_annual_report.docx", limits={"max_table_cells": 10})
    assert raised.value.bound == "max_table_cells"
    assert raised.value.limit == 10
    assert raised.value.part


def test_missing_file_is_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="nope.docx"):
        docgrid.convert(tmp_path / "nope.docx")


def test_report_values_and_checks_equal_the_cli(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    paths = ["samples/pingchuan_2020_annual_report.docx", "samples/qinghe_2023_annual_report.docx"]
    report = docgrid.report([REPO / p for p in paths], path=None)
    cli = run_cli("report", *paths, "--to", "csv", "-o", str(tmp_path), "--quiet")
    assert cli.returncode in (0, 1), cli.stderr
    want_values = pd.read_csv(tmp_path / "values.csv", dtype=str, keep_default_na=False)
    got = report.values
    assert list(got.columns) == list(want_values.columns)
    assert len(got) == len(want_values) > 0
    assert list(got["key"]) == list(want_values["key"])
    assert list(got["text"]) == list(want_values["text"])
    want_checks = pd.read_csv(tmp_path / "checks.csv", dtype=str, keep_default_na=False)
    assert list(report.checks["status"]) == list(want_checks["status"])
    # The seed's error in pingchuan's table 3 (samples/README.md): T3.balance fails there.
    failing = report.checks[(report.checks["status"] == "fail")]
    assert "T3.balance" in set(failing["rule"])


def test_the_wheel_puts_the_cli_beside_the_interpreter() -> None:
    import subprocess
    import sys

    cli = Path(sys.executable).parent / "docgrid"
    assert cli.is_file(), "the wheel's scripts carry the docgrid command (scripts/python_wheel.sh)"
    version = subprocess.run([str(cli), "--version"], capture_output=True, text=True, check=True)
    assert f"output contract {docgrid.CONTRACT_VERSION}" in version.stdout
