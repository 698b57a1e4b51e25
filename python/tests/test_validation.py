"""Validation from Python: the report, every kind of input, and bad input that must not crash."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import threading
from collections import OrderedDict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import citynets
from citynets import _core

TYPO = [{"id": "x", "name": "X", "policy_areas": ["mobilty"]}]
TYPO_TEXT = json.dumps(TYPO)

FIELDS = [
    "path",
    "instance_location",
    "keyword_location",
    "record",
    "line",
    "column",
    "code",
    "severity",
    "message",
    "suggestion",
    "cell",
    "column_name",
    "index",
]


def _check_typo(report: citynets.ValidationReport) -> citynets.ValidationIssue:
    assert not report.valid
    assert not report
    assert report.error_count == 1 and report.warning_count == 0
    assert report.records == 1
    (issue,) = report.issues
    assert report.errors == [issue] and report.warnings == []
    assert issue.code == "unknown_variant"
    assert issue.severity == "error"
    assert issue.instance_location == "/policy_areas/0"
    assert issue.keyword_location == "/properties/policy_areas/items/enum"
    assert issue.record == 1  # records count from 1, as on the command line
    assert issue.suggestion == "mobility"
    assert "mobilty" in issue.message
    return issue


def test_report_shape() -> None:
    report = citynets.validate(TYPO)
    issue = _check_typo(report)
    assert [f.name for f in dataclasses.fields(issue)] == FIELDS
    assert issue.line is None and issue.column is None and issue.path is None
    assert issue.to_dict()["message"] == issue.message
    assert "unknown_variant" in str(issue) and "mobility" in str(issue)
    assert "invalid" in repr(report)
    assert not hasattr(report, "__len__")
    with pytest.raises(TypeError):
        len(report)  # type: ignore[arg-type]


def test_a_valid_list() -> None:
    report = citynets.validate([{"id": "polis", "name": "Polis"}])
    assert report.valid and bool(report)
    assert report.issues == [] and report.records == 1
    report.raise_for_errors()


def test_the_embedded_catalogue_is_valid() -> None:
    cat = citynets.ghent()
    assert citynets.validate(cat.to_dict()).valid
    assert citynets.validate([n.to_dict() for n in cat]).valid
    assert citynets.validate(cat["eccar"].to_dict(), document="network").valid
    memberships = [m.to_dict() for n in cat for m in n.memberships]
    assert citynets.validate(memberships, document="membership").valid


def test_raise_for_errors() -> None:
    report = citynets.validate(TYPO)
    with pytest.raises(citynets.ValidationError) as e:
        report.raise_for_errors()
    assert isinstance(e.value, ValueError)
    assert e.value.report is report
    assert "mobilty" in str(e.value)


def test_strict_counts_warnings() -> None:
    duplicate_key = b'[{"id": "x", "name": "X", "name": "Y"}]'
    lenient = citynets.validate(duplicate_key)
    assert lenient.valid and lenient.warning_count == 1
    assert lenient.warnings[0].code == "duplicate_key"
    strict = citynets.validate(duplicate_key, strict=True)
    assert not strict.valid
    with pytest.raises(citynets.ValidationError):
        strict.raise_for_errors()


def test_bytes_give_lines_and_columns() -> None:
    issue = _check_typo(citynets.validate(TYPO_TEXT.encode()))
    assert (issue.line, issue.column) == (1, TYPO_TEXT.index("mobilty"))
    assert _check_typo(citynets.validate(bytearray(TYPO_TEXT.encode())))
    assert _check_typo(citynets.validate(memoryview(TYPO_TEXT.encode())))


def test_json_text_goes_to_validate_json() -> None:
    _check_typo(citynets.validate_json(TYPO_TEXT))
    _check_typo(citynets.validate_json("\n  \t" + TYPO_TEXT))
    _check_typo(citynets.validate_json(TYPO_TEXT.encode()))
    issue = _check_typo(citynets.validate_json(TYPO_TEXT))
    assert (issue.line, issue.column) == (1, TYPO_TEXT.index("mobilty"))
    report = citynets.validate_json('{"schema_version": "2"}')  # a catalogue document
    assert not report.valid
    assert {i.code for i in report.issues} == {"missing_field"}
    # validate() takes paths and objects: a str of JSON text is refused with the way out.
    for text in (TYPO_TEXT, "  \n" + TYPO_TEXT, '{"schema_version": "2"}'):
        with pytest.raises(citynets.CitynetsTypeError, match=r"use citynets\.validate_json"):
            citynets.validate(text)
    with pytest.raises(TypeError, match="validate_json"):
        citynets.validate_json([{"id": "x"}])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="json.*ndjson"):
        citynets.validate_json(TYPO_TEXT, format="csv")  # type: ignore[arg-type]


def test_any_other_str_is_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "networks.json"
    file.write_text(TYPO_TEXT, encoding="utf-8")
    issue = _check_typo(citynets.validate(str(file)))
    assert issue.path == str(file)
    assert issue.line == 1
    monkeypatch.chdir(tmp_path)
    assert _check_typo(citynets.validate("networks.json")).path == "networks.json"
    with pytest.raises(citynets.CitynetsFileNotFoundError) as e:
        citynets.validate('"just a JSON string"')
    assert isinstance(e.value, FileNotFoundError) and e.value.filename == '"just a JSON string"'
    # A note, from Python 3.11 on, for a str without an extension.
    if sys.version_info >= (3, 11):
        assert "validate_json" in "".join(getattr(e.value, "__notes__", []))


def test_paths(tmp_path: Path) -> None:
    file = tmp_path / "networks.ndjson"
    file.write_text('{"id": "a", "name": "A"}\n{"id": "b", "name": "B", "scope": "Europe"}\n')
    report = citynets.validate(file)
    assert report.records == 2
    (issue,) = report.issues
    assert (issue.record, issue.line, issue.suggestion) == (2, 2, "european")

    class PathLike(os.PathLike[str]):
        def __fspath__(self) -> str:
            return str(file)

    assert citynets.validate(PathLike()).records == 2
    as_json = citynets.validate(file, format="json")
    assert not as_json.valid and "syntax" in {i.code for i in as_json.issues}


def test_missing_paths_and_directories(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    with pytest.raises(FileNotFoundError) as e:
        citynets.validate(missing)
    assert e.value.filename == str(missing)
    with pytest.raises(IsADirectoryError) as d:
        citynets.validate(tmp_path)
    assert d.value.filename == str(tmp_path)
    with pytest.raises(IsADirectoryError):
        citynets.validate(str(tmp_path))
    with pytest.raises(FileNotFoundError):
        citynets.validate("")


def test_document_and_format_arguments() -> None:
    membership = {
        "organization_id": "eurocities",
        "member": {"kind": "city", "city": "Ghent", "country": "BE"},
    }
    assert citynets.validate([membership], document="membership").valid
    assert not citynets.validate([membership]).valid  # networks by default
    assert citynets.validate(membership, document="membership").valid
    assert not citynets.validate(membership).valid  # a dict is a catalogue by default
    with pytest.raises(ValueError, match="catalogue"):
        citynets.validate([membership], document="memberships")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="ndjson"):
        citynets.validate(b"[]", format="yaml")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="format"):
        citynets.validate([membership], format="json")
    ndjson = b'{"id": "a", "name": "A"}\n{"id": "b", "name": "B"}\n'
    assert citynets.validate(ndjson).records == 2
    assert citynets.validate(ndjson, format="ndjson").records == 2


# --- bad input from Python: an exception of the right type, or a problem; never a crash ------


@pytest.mark.parametrize("data", [None, 1, 1.5, True, object(), {1, 2}, Decimal("1")])
def test_top_level_types_that_are_not_data(data: Any) -> None:
    with pytest.raises(TypeError, match="cannot validate"):
        citynets.validate(data)


def test_dict_subclasses_and_tuples_are_data() -> None:
    class Record(dict[str, Any]):
        pass

    assert citynets.validate([Record(id="x", name="X")]).valid
    assert citynets.validate([OrderedDict(id="x", name="X")]).valid
    assert citynets.validate(({"id": "x", "name": "X", "policy_areas": ("climate",)},)).valid
    # Enum members are str: they validate as their values.
    assert citynets.validate([{"id": "x", "name": "X", "scope": citynets.Scope.GLOBAL}]).valid


def test_none_nan_and_na_in_a_dict_are_absent() -> None:
    """A dict's None or NaN (pandas' empty cell) is read as an absent field, as an empty cell
    of a table is: a required one is missing, an optional one simply not there."""
    for empty in (None, float("nan")):
        report = citynets.validate([{"id": "x", "name": empty}])
        assert [(i.code, i.instance_location) for i in report.issues] == [("missing_field", "")]
        assert "name" in report.issues[0].message
        assert citynets.validate([{"id": "x", "name": "X", "acronym": empty}]).valid
        member = {"kind": "city", "city": "Gent", "country": "BE", "member_name": empty}
        assert citynets.validate(
            [{"organization_id": "eurocities", "member": member}], document="membership"
        ).valid
    # In a list, None and NaN are values, and wrong ones.
    report = citynets.validate([{"id": "x", "name": "X", "policy_areas": [None]}])
    assert not report.valid and "invalid_type" in [i.code for i in report.issues]
    with pytest.raises(citynets.CitynetsValueError, match="JSON cannot represent"):
        citynets.validate([{"id": "x", "name": "X", "policy_areas": [float("nan")]}])


def test_non_string_keys() -> None:
    with pytest.raises(TypeError, match=r"keys must be str.*\(1, 2\)"):
        citynets.validate([{"id": "x", (1, 2): "y"}])
    with pytest.raises(TypeError, match="keys must be str"):
        citynets.validate({None: 1})
    # A dict is read in its order: of two faults, the first is the error (a key whose value is
    # absent is left out with its value).
    with pytest.raises(TypeError, match=r"keys must be str: the dict at /0 has the key 1"):
        citynets.validate([{"id": "x", 1: 2, "count": float("inf")}])
    with pytest.raises(ValueError, match=r"the float at /0/count is inf"):
        citynets.validate([{"id": "x", "count": float("inf"), 1: 2}])
    assert citynets.validate([{"id": "x", "name": "X", 1: None}]).valid


def test_types_json_does_not_have() -> None:
    with pytest.raises(TypeError, match=r"Decimal at /0/member_counts/0/count"):
        citynets.validate(
            [{"id": "x", "name": "X", "member_counts": [{"count": Decimal(5), "source": "x"}]}]
        )
    for value in (b"bytes", {1, 2}, object(), 1j, frozenset()):
        with pytest.raises(TypeError, match="not JSON data"):
            citynets.validate([{"id": "x", "name": value}])


def test_huge_integers() -> None:
    for value in (2**64, -(2**63) - 1, 10**5000):
        with pytest.raises(ValueError, match="too large"):
            citynets.validate([{"id": "x", "name": "X", "member_counts": [{"count": value}]}])
    # 64-bit integers are numbers; out of the schema's range they are problems.
    report = citynets.validate(
        [{"id": "x", "name": "X", "member_counts": [{"count": 2**64 - 1, "source": "https://a.b/"}]}]
    )
    assert [i.code for i in report.issues] == ["out_of_range"]


def test_infinity() -> None:
    for value in (float("inf"), float("-inf")):
        with pytest.raises(ValueError, match="JSON cannot represent"):
            citynets.validate([{"id": "x", "name": "X", "member_counts": [{"count": value}]}])


def test_recursive_structures() -> None:
    items: list[Any] = []
    items.append(items)
    with pytest.raises(TypeError, match="recursive structure"):
        citynets.validate(items)
    record: dict[str, Any] = {"id": "x"}
    record["self"] = [record]
    with pytest.raises(TypeError, match=r"recursive structure: the container at /0/self/0"):
        citynets.validate([record])
    # The same object twice, side by side, is not recursion.
    shared = {"kind": "city", "city": "Ghent", "country": "BE"}
    rows = [{"organization_id": "a", "member": shared}, {"organization_id": "b", "member": shared}]
    assert citynets.validate(rows, document="membership").valid


def test_lone_surrogates() -> None:
    with pytest.raises(ValueError, match="lone surrogate"):
        citynets.validate([{"id": "x", "name": "\ud800"}])
    with pytest.raises(ValueError, match="lone surrogate"):
        citynets.validate([{"id": "x", "\udc00": "X"}])
    with pytest.raises(ValueError, match="not valid Unicode"):
        citynets.validate_json('[{"id": "\ud800"}]')


def test_huge_strings() -> None:
    big = "y" * 20_000_000
    report = citynets.validate([{"id": "x", "name": big}])
    assert [i.code for i in report.issues] == ["too_long"]
    text = json.dumps([{"id": "x", "name": big}]).encode()
    assert [i.code for i in citynets.validate(text).issues] == ["too_long"]


def test_non_utf8_bytes(tmp_path: Path) -> None:
    data = b'[{"id": "x", "name": "\xff\xfe"}]'
    report = citynets.validate(data)
    assert not report.valid
    assert report.issues[0].code == "encoding"
    file = tmp_path / "latin1.json"
    file.write_bytes(data)
    assert citynets.validate(file).issues[0].code == "encoding"
    utf16 = json.dumps(TYPO).encode("utf-16")
    assert citynets.validate(utf16).issues[0].code == "encoding"


def test_garbage_bytes() -> None:
    for data in (b"", b"   ", b"\x00\x01\x02", b"[", b"{]", b"nul", b"[1,]", b"\xef\xbb\xbf"):
        report = citynets.validate(data)
        assert not report.valid, data
        assert report.error_count >= 1


def _nested(depth: int, leaf: Any) -> Any:
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


def test_nesting_200000_deep() -> None:
    deep = _nested(200_000, {"id": "x"})
    report = citynets.validate(deep)
    assert [i.code for i in report.issues] == ["too_deep"]
    deep_dict: dict[str, Any] = {}
    cursor = deep_dict
    for _ in range(200_000):
        cursor["a"] = {}
        cursor = cursor["a"]
    assert [i.code for i in citynets.validate(deep_dict).issues] == ["too_deep"]
    text = b"[" * 200_000 + b"]" * 200_000
    assert "too_deep" in [i.code for i in citynets.validate(text).issues]


def test_depth_limit_agrees_with_json_text() -> None:
    limit = citynets.MAX_DEPTH
    assert limit == _core.MAX_DEPTH == 64
    for depth in (limit - 2, limit - 1, limit, limit + 1):
        value = _nested(depth, {"id": "x", "name": "X"})
        from_objects = {i.code for i in citynets.validate(value).issues}
        from_text = {i.code for i in citynets.validate(json.dumps(value).encode()).issues}
        # depth lists around a record: depth + 1 levels in all.
        assert ("too_deep" in from_objects) == (depth + 1 > limit), depth
        assert ("too_deep" in from_objects) == ("too_deep" in from_text), depth


def test_depth_message_is_the_same_from_objects_and_text() -> None:
    value = _nested(citynets.MAX_DEPTH + 1, {"id": "x"})
    from_objects = [i for i in citynets.validate(value).issues if i.code == "too_deep"]
    text = json.dumps(value).encode()
    from_text = [i for i in citynets.validate(text).issues if i.code == "too_deep"]
    expected = "the input nests deeper than 64 levels; no citynets document does"
    assert [i.message for i in from_objects] == [expected]
    assert [i.message for i in from_text] == [expected]


def test_threads_validate_at_once() -> None:
    results: list[bool] = []

    def work() -> None:
        for _ in range(20):
            results.append(citynets.validate(TYPO).valid)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [False] * 80


def test_native_functions_reject_wrong_argument_types() -> None:
    with pytest.raises(TypeError):
        _core.validate_bytes("text")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        _core.validate_path(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        _core.NativeCatalogue.ghent().lookup(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        citynets.validate(TYPO, strict="yes")  # type: ignore[arg-type]


def _membership(network: str, status: str | None = None) -> dict[str, object]:
    record: dict[str, object] = {
        "organization_id": network,
        "member": {"kind": "city", "city": "Ghent", "country": "BE"},
    }
    if status is not None:
        record["status"] = status
    return record


def test_an_unknown_network_is_one_warning_and_a_given_catalogue_knows_it(
    tmp_path: Path,
) -> None:
    lyon = {"kind": "city", "city": "Lyon", "country": "FR"}
    # A study's own network, which neither the Ghent catalogue nor the registry knows.
    records = [
        _membership("study-net"),
        _membership("eurocities"),
        {**_membership("study-net"), "member": lyon},
    ]
    report = citynets.validate(records, document="membership")
    assert report.valid
    unknown = [i for i in report.issues if i.code == "unknown_network"]
    assert len(unknown) == 1
    assert "(2 records use it)" in unknown[0].message
    mine = tmp_path / "mine.json"
    mine.write_text('[{"id": "study-net", "name": "Study Network"}]', encoding="utf-8")
    for data in (records, json.dumps(records).encode()):
        known = citynets.validate(data, document="membership", catalogues=[mine])
        assert [i.code for i in known.issues] == []
    bad = tmp_path / "bad.json"
    bad.write_text('[{"id": "study-net"}]', encoding="utf-8")
    with pytest.raises(ValueError, match="not a valid catalogue"):
        citynets.validate(records, document="membership", catalogues=[bad])


def test_a_status_of_member_is_left_out_and_a_repeated_membership_warns() -> None:
    report = citynets.validate(
        [_membership("eurocities", "member"), _membership("eurocities")], document="membership"
    )
    codes = [(i.code, i.suggestion) for i in report.issues]
    assert codes == [("unknown_variant", ""), ("duplicate_membership", None)]


def test_tables_are_read_by_extension_or_format_with_column_names(tmp_path: Path) -> None:
    table = b"id;name;policy_areas\neurocities;Eurocities;culture|mobilty\n"
    path = tmp_path / "networks.csv"
    path.write_bytes(table)
    from_file = [dict(d, path=None) for d in citynets.validate(path).to_dicts()]
    assert from_file == citynets.validate(table, format="csv").to_dicts()
    report = citynets.validate(table, format="csv")
    assert report.records == 1 and report.error_count == 1
    issue = report.issues[0]
    assert issue.column_name == "policy_areas"
    assert issue.suggestion == "mobility"
    assert (issue.record, issue.line) == (1, 2)
    assert "column_name" in report.to_dicts()[0]


def test_a_report_shows_itself_in_a_notebook() -> None:
    records = [{"id": f"n{i}", "name": "<b>N</b>", "scope": "europe"} for i in range(30)]
    report = citynets.validate(records)
    html = report._repr_html_()
    assert html.startswith("<p><b>invalid</b>: 30 records, 30 errors")
    assert html.count("<tr>") == 21  # the header and the first 20 problems
    assert "and 10 more problems" in html
    assert "european" in html  # the suggestion
    odd = citynets.validate([{"id": "x", "name": "X", "scope": "<i>eu</i>"}])._repr_html_()
    assert "&lt;i&gt;eu&lt;/i&gt;" in odd and "<i>" not in odd  # values are escaped
    assert citynets.validate([{"id": "x", "name": "X"}])._repr_html_().startswith("<p><b>valid")
