"""Without pandas or polars the package works, and a DataFrame method says what to install:
checked for real in the run without them (tests/run_python.sh), and with the import blocked
here when they are installed."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

import citynets


def _check_absent(library: str) -> None:
    report = citynets.validate([{"id": "x", "name": "X", "scope": "europe"}])
    assert report.to_dicts()[0]["code"] == "unknown_variant"
    method = report.to_pandas if library == "pandas" else report.to_polars
    with pytest.raises(citynets.CitynetsImportError, match=f"pip install {library}") as e:
        method()
    assert isinstance(e.value, ImportError)
    for call in (citynets.ghent().to_pandas, citynets.ghent().memberships_to_pandas):
        if library == "pandas":
            with pytest.raises(citynets.CitynetsImportError):
                call()


@pytest.mark.parametrize("library", ["pandas", "polars"])
def test_a_missing_library_is_named(library: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if importlib.util.find_spec(library) is not None:
        # Installed: block the import, as if it were not.
        monkeypatch.setitem(sys.modules, library, None)
    _check_absent(library)


def test_everything_else_works_without_them() -> None:
    """The package imports neither library unless a DataFrame is asked for."""
    code = (
        "import sys, citynets\n"
        "assert len(citynets.ghent().to_dicts()) == 38\n"
        "assert not citynets.validate([{'id': 'x', 'name': 'X', 'scope': 'europe'}]).valid\n"
        "assert citynets.fix([{'id': 'x', 'name': ' X '}]).data == [{'id': 'x', 'name': 'X'}]\n"
        "print(sorted({'pandas', 'polars'} & set(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
