"""The Rust command line, run from Python: the ``citynets`` console script and
``python -m citynets``."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import citynets


def _script() -> str:
    """The console script installed with the package (beside this interpreter)."""
    scripts = Path(sysconfig.get_path("scripts"))
    for name in ("citynets", "citynets.exe"):
        if (scripts / name).exists():
            return str(scripts / name)
    found = shutil.which("citynets")
    assert found, "the citynets console script is not installed"
    return found


def test_console_script_export() -> None:
    result = subprocess.run([_script(), "export"], capture_output=True, check=False)
    assert result.returncode == 0, result.stderr.decode()
    document = json.loads(result.stdout)
    assert document == citynets.ghent().to_dict()


def test_python_m_list_policy_area_climate() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "citynets", "list", "--policy-area", "climate"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for network in citynets.ghent().filter(policy_area="climate"):
        assert network.id in result.stdout
    assert "eccar" not in result.stdout


def test_exit_statuses_and_streams(tmp_path: Path) -> None:
    bad = tmp_path / "networks.json"
    bad.write_text('[{"id": "x", "name": "X", "policy_areas": ["mobilty"]}]', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "citynets", "validate", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "mobility" in result.stdout + result.stderr
    usage = subprocess.run(
        [sys.executable, "-m", "citynets", "no-such-command"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert usage.returncode == 2
    assert "no-such-command" in usage.stderr


def test_standard_input_is_read() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "citynets", "validate", "-"],
        input=b'[{"id": "x", "name": "X"}]',
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()


@pytest.mark.parametrize("argv", [["--version"], ["--help"]])
def test_help_and_version(argv: list[str]) -> None:
    result = subprocess.run([_script(), *argv], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "citynets" in result.stdout
