"""The shared validation fixtures (tests/fixtures/validation): every case gives, from Python, the
report its expected.json holds (the Rust record shape, compared field by field with the
snake_case twins)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import citynets

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "validation"
# Every case, CSV tables and wide tables (document="membership-wide") included.
CASES = sorted(p for p in FIXTURES.iterdir() if p.is_dir()) if FIXTURES.is_dir() else []

# The Rust record's field names and their Python twins.
TWINS = {
    "path": "path",
    "instanceLocation": "instance_location",
    "keywordLocation": "keyword_location",
    "record": "record",
    "line": "line",
    "column": "column",
    "code": "code",
    "severity": "severity",
    "error": "message",
    "suggestion": "suggestion",
}
# Fields the Rust record leaves out when they are empty, and their Python twins (None then).
OPTIONAL_TWINS = {"cell": "cell", "columnName": "column_name"}


def test_the_fixtures_are_there() -> None:
    assert FIXTURES.is_dir(), f"{FIXTURES} is missing"
    assert len(CASES) >= 15, f"only {len(CASES)} cases under {FIXTURES}"
    assert any(p.name.startswith("csv-") for p in CASES), "the CSV cases run from Python too"
    assert any(p.name.startswith("wide-") for p in CASES), "the wide tables run from Python too"


def _expected(case: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    return data


def _twin(problem: dict[str, Any]) -> dict[str, Any]:
    assert set(TWINS) <= set(problem) <= set(TWINS) | set(OPTIONAL_TWINS), (
        f"the record shape changed: {sorted(problem)}"
    )
    twin = {TWINS[k]: v for k, v in problem.items() if k in TWINS}
    for k, name in OPTIONAL_TWINS.items():
        twin[name] = problem.get(k)
    # Python's own field: a DataFrame row's label, which no fixture input has.
    twin["index"] = None
    return twin


def _got(report: citynets.ValidationReport) -> dict[str, Any]:
    return {
        "valid": report.valid,
        "errors": report.error_count,
        "warnings": report.warning_count,
        "records": report.records,
        "problems": [issue.to_dict() for issue in report.issues],
    }


def _want(expected: dict[str, Any], path: bool = True) -> dict[str, Any]:
    problems = [_twin(p) for p in expected["problems"]]
    if not path:
        for p in problems:
            p["path"] = None
    return {
        "valid": expected["valid"],
        "errors": expected["errors"],
        "warnings": expected["warnings"],
        "records": expected["records"],
        "problems": problems,
    }


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_from_a_file(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    meta = json.loads((case / "case.json").read_text(encoding="utf-8"))
    monkeypatch.chdir(case)  # the expected paths are the bare file names
    report = citynets.validate(Path(meta["input"]), document=meta["document"], format=meta["format"])
    assert _got(report) == _want(_expected(case))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_from_bytes(case: Path) -> None:
    meta = json.loads((case / "case.json").read_text(encoding="utf-8"))
    data = (case / meta["input"]).read_bytes()
    # Without a file name the format is detected from the bytes alone.
    fmt = meta["format"]
    if fmt is None and meta["input"].endswith((".ndjson", ".jsonl")):
        fmt = "ndjson"
    elif fmt is None and meta["input"].endswith((".csv", ".tsv")):
        fmt = "csv"
    report = citynets.validate(data, document=meta["document"], format=fmt)
    assert _got(report) == _want(_expected(case), path=False)
