"""``citynets.fix`` gives what the Rust fixer gives: the acceptance fixtures' expected files and
change logs (written by the Rust tests), for bytes, paths and Python objects."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import citynets

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "fix"
CASES = sorted(p for p in FIXTURES.iterdir() if p.is_dir())


def _options(case: Path) -> dict[str, str]:
    options: dict[str, str] = {}
    opts = case / "options"
    if opts.exists():
        for line in opts.read_text().splitlines():
            key, value = line.split("=")
            options[key.replace("-", "_")] = value
    return options


def _input(case: Path) -> Path:
    return next(p for p in case.iterdir() if p.stem == "input")


def test_there_are_fixtures() -> None:
    assert len(CASES) >= 7


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_python_fixes_as_rust_does(case: Path, tmp_path: Path) -> None:
    source = _input(case)
    options = _options(case)
    result = citynets.fix(source, **options)  # type: ignore[arg-type]
    expected = (case / f"expected{source.suffix}").read_bytes()
    assert result.data == expected
    log = list(csv.DictReader(io.StringIO((case / "changes.csv").read_text(encoding="utf-8"))))
    assert len(result.changes) == len(log)
    for change, row in zip(result.changes, log):
        assert change.rule == row["rule"]
        assert change.before == row["before"]
        assert change.after == row["after"]
        assert change.field == row["field"]
        assert str(change.record) == row["record"]
    # The same from file to file, as a stream.
    out = tmp_path / f"fixed{source.suffix}"
    streamed = citynets.fix(source, out, **options)  # type: ignore[arg-type]
    assert streamed.data is None
    assert out.read_bytes() == expected
    assert streamed.changes == result.changes
    assert streamed.report.error_count == result.report.error_count


def test_objects_are_fixed_into_objects() -> None:
    records = [
        {"organization_id": "Eurocities", "member": {"kind": "City", "city": "Gent",
                                                     "country": "Belgium"}, "status": "member"},
    ]
    result = citynets.fix(records, document="membership")
    # The city's identity is added after its country (the gazetteer: GeoNames 2797656).
    assert result.data == [
        {"organization_id": "eurocities", "member": {"kind": "city", "city": "Gent",
                                                     "country": "BE", "geonames_id": 2797656}},
    ]
    assert result.report.valid and bool(result)
    assert {c.rule for c in result.changes} == {
        "network", "vocabulary", "country", "unstated", "city"
    }
    # The input is not changed.
    assert records[0]["status"] == "member"


def test_bad_arguments_raise() -> None:
    with pytest.raises(ValueError, match="date_order"):
        citynets.fix(b"a,b\n", date_order="ymd")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not a format fix reads"):
        citynets.fix(b"a,b\n", format="membership-wide")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="cannot fix"):
        citynets.fix(3)  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        citynets.fix("no-such-file.csv")
