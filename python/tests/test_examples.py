"""The example scripts under examples/ run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _run(script: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, MPLBACKEND="Agg")
    return subprocess.run(
        [sys.executable, str(REPO / "examples" / script), *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env=env,
    )


@pytest.mark.frames
def test_catalogue_dataframe(tmp_path: Path) -> None:
    result = _run("catalogue_dataframe.py", str(tmp_path / "areas.png"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "climate" in result.stdout
    # The chart is drawn when matplotlib is installed, and skipped with a message otherwise.
    assert (tmp_path / "areas.png").exists() or "matplotlib is not installed" in result.stdout


def test_validate_city_list(tmp_path: Path) -> None:
    result = _run("validate_city_list.py", cwd=tmp_path)
    # The shipped list has mistakes on purpose: the script reports them and exits 1.
    assert result.returncode == 1, result.stderr
    assert "unknown_variant" in result.stdout
    assert "european" in result.stdout
