"""The README's Python example runs as written, from the repository root."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from conftest import REPO


def test_readme_python_blocks_run(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```", readme, flags=re.S | re.M)
    assert blocks, "the README has a Python example"
    # Its paths are the repository's; what it writes goes to a scratch folder.
    for folder in ("samples", "tests"):
        os.symlink(REPO / folder, tmp_path / folder)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        for block in blocks:
            exec(compile(block, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    assert "申请人情况" in (tmp_path / "table2.csv").read_text(encoding="utf-8").splitlines()[0]
    assert (tmp_path / "report.xlsx").stat().st_size > 0
    shutil.rmtree(tmp_path, ignore_errors=True)
