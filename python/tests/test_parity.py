"""The Python package and the command line it ships give the same report on every shared
fixture (tests/fixtures/validation), and the same records from a wide table: one validator,
reached two ways. The command line runs as a user runs it (``python -m citynets``), with its JSON
output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import citynets

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "validation"
CASES = sorted(p for p in FIXTURES.iterdir() if p.is_dir())


def _cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "citynets", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        cwd=cwd,
    )


def _key(p: dict[str, Any]) -> tuple[Any, ...]:
    return (
        p["code"],
        p["severity"],
        p["record"],
        p["line"],
        p["column"],
        p["instance_location"],
        p["message"],
        p["suggestion"],
        p["column_name"],
        p["cell"],
    )


def test_there_are_cases() -> None:
    assert len(CASES) >= 20
    assert {c.name.split("-")[0] for c in CASES} >= {"csv", "wide"}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_command_line_and_python_say_the_same(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    meta = json.loads((case / "case.json").read_text(encoding="utf-8"))
    args = ["validate", "--output", "json"]
    if meta["document"] is not None:
        args += ["--document", meta["document"]]
    if meta["format"] is not None and meta["document"] != "membership-wide":
        args += ["--format", meta["format"]]
    result = _cli([*args, meta["input"]], case)
    assert result.returncode in (0, 1), result.stderr
    (file,) = json.loads(result.stdout)["files"]
    from_cli = [
        {
            "code": p["code"],
            "severity": p["severity"],
            "record": p["record"],
            "line": p["line"],
            "column": p["column"],
            "instance_location": p["instanceLocation"],
            "message": p["error"],
            "suggestion": p.get("suggestion"),
            "column_name": p.get("columnName"),
            "cell": p.get("cell"),
        }
        for p in file["errors"]
    ]
    monkeypatch.chdir(case)
    report = citynets.validate(Path(meta["input"]), document=meta["document"], format=meta["format"])
    assert [_key(i.to_dict()) for i in report.issues] == [_key(p) for p in from_cli]
    assert (report.error_count, report.warning_count, report.records) == (
        file["errorCount"],
        file["warningCount"],
        file["recordCount"],
    )
    assert report.valid == file["valid"]


def test_convert_wide_gives_the_records_of_the_command_line() -> None:
    case = FIXTURES / "wide-research"
    result = _cli(["convert", "--from", "wide", "input.csv"], case)
    assert result.returncode in (0, 1), result.stderr
    from_cli = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    converted = citynets.convert_wide(case / "input.csv")
    assert converted.memberships == from_cli
    assert len(from_cli) >= 3
    # The problems are the validator's on the same table.
    report = citynets.validate(case / "input.csv", document="membership-wide")
    assert [i.code for i in converted.report.issues] == [i.code for i in report.issues]
    # Each record is a valid membership.
    assert citynets.validate(converted.memberships, document="membership").valid


def test_wide_tables_are_csv_files_only(tmp_path: Path) -> None:
    with pytest.raises(citynets.CitynetsValueError, match="CSV"):
        citynets.validate(tmp_path / "t.xlsx", document="membership-wide", format="workbook")
    with pytest.raises(citynets.CitynetsValueError, match="Python objects"):
        citynets.validate([{"city": "Gent"}], document="membership-wide")
    with pytest.raises(citynets.CitynetsFileNotFoundError):
        citynets.convert_wide(tmp_path / "missing.csv")
    with pytest.raises(citynets.CitynetsValueError, match="one character"):
        citynets.convert_wide(tmp_path / "t.csv", delimiter=";;")
