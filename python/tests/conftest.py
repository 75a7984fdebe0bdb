"""Shared paths and fixtures of the Python tests (run from anywhere: paths are the repo's)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
FIXTURES = REPO / "tests" / "fixtures"


def cli_binary() -> str:
    """The docgrid command: $DOCGRID_CLI, else the one on PATH (the wheel's), else the
    checkout's release build; skips the test when there is none."""
    for candidate in (os.environ.get("DOCGRID_CLI"), shutil.which("docgrid"), str(REPO / "target/release/docgrid")):
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.skip("no docgrid CLI binary (set DOCGRID_CLI or run cargo build --release)")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """Runs the CLI from the repository root (so relative source paths match the samples')."""
    return subprocess.run([cli_binary(), *args], cwd=REPO, capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def engine_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the Spark and Ray tests convert: two DOCX, a .doc, a PDF and one broken file
    (a DOCX cut in half)."""
    folder = tmp_path_factory.mktemp("engine_inputs")
    for name in ("pingchuan_2020_annual_report.docx", "qinghe_2023_annual_report.docx", "qinghe_2023_annual_report.pdf"):
        shutil.copy(SAMPLES / name, folder / name)
    shutil.copy(FIXTURES / "doc" / "pingchuan_2020_annual_report.doc", folder / "pingchuan_2020_annual_report.doc")
    whole = (SAMPLES / "qinghe_2023_annual_report.docx").read_bytes()
    (folder / "broken.docx").write_bytes(whole[: len(whole) // 2])
    return folder


def java_available() -> bool:
    """Whether a Java runtime for Spark is on PATH (or JAVA_HOME)."""
    home = os.environ.get("JAVA_HOME")
    return bool(shutil.which("java") or (home and Path(home, "bin", "java").is_file()))
