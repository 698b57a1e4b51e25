"""Python objects get the same report as the same data given as JSON text.

Clean data given as objects is read straight into the model's types (no JSON text is written);
anything else is written out as text and validated like a file. Either way the report must be
the one the text gets, apart from lines and columns, which objects do not have.
"""

from __future__ import annotations

import dataclasses
import enum
import json
from typing import Any

import pytest

import citynets


def _records() -> list[dict[str, Any]]:
    """Network records not in the Ghent catalogue (so no id-mismatch warning)."""
    out = []
    for i, n in enumerate(citynets.ghent()):
        r = n.to_dict()
        r["id"] = f"other-network-{i}"
        r["name"] = f"Other network {i}"
        r.pop("acronym", None)
        r.pop("other_names", None)
        out.append(r)
    return out


def _shape(report: citynets.ValidationReport) -> tuple[Any, ...]:
    issues = [
        (i.code, i.severity, i.instance_location, i.keyword_location, i.record, i.message, i.suggestion)
        for i in report.issues
    ]
    return report.valid, report.records, report.error_count, report.warning_count, issues


def _same_as_text(data: Any, document: str | None = None) -> citynets.ValidationReport:
    as_objects = citynets.validate(data, document=document)
    as_text = citynets.validate(json.dumps(data).encode(), document=document, format="json")
    assert _shape(as_objects) == _shape(as_text)
    assert all(i.line is None and i.column is None for i in as_objects.issues)
    return as_objects


def _with(records: list[dict[str, Any]], i: int, **changes: Any) -> list[dict[str, Any]]:
    out = [dict(r) for r in records]
    out[i].update(changes)
    return out


def test_clean_lists_catalogues_and_single_records() -> None:
    records = _records()
    report = _same_as_text(records)
    assert report.valid and report.records == len(records) and not report.issues
    assert _same_as_text(tuple(records)).records == len(records)
    catalogue = citynets.ghent().to_dict()
    assert _same_as_text(catalogue).records == len(citynets.ghent())
    assert _same_as_text(records[0], document="network").records == 1
    membership = citynets.ghent()["eurocities"].memberships[0].to_dict()
    assert _same_as_text([membership, membership], document="membership").records == 2


@pytest.mark.parametrize(
    "change",
    [
        {"policy_areas": ["mobilty"]},  # an error
        {"name": "Eurocities"},  # a warning: Ghent's network under another id
        {"id": "other-network-0"},  # a warning: the id of record 0 again
        {"founding_date": True},  # a bool is not a string
        {"founding_date": None},  # null is allowed
        {"unknown": 1},
    ],
)
def test_records_with_problems_get_the_text_report(change: dict[str, Any]) -> None:
    _same_as_text(_with(_records(), 5, **change))


def _broken(records: list[dict[str, Any]], i: int) -> list[list[dict[str, Any]]]:
    """Two copies of `records`: record `i` with its first membership's member as a list of
    its fields in order, and with its scope as {"global": None}."""
    membership = dict(records[i]["memberships"][0])
    member = membership["member"]
    as_list = [member["kind"], None, member["city"], member["country"]]
    return [
        _with(records, i, memberships=[dict(membership, member=as_list)]),
        _with(records, i, scope={"global": None}),
    ]


def test_a_struct_as_a_list_and_an_enum_as_a_dict_are_errors() -> None:
    """serde's derives would read a member from a list of its fields and a scope from
    {"global": None}; the schema refuses both, and so does the report, as objects or as text."""
    records = _records()
    i = next(k for k, r in enumerate(records) if r.get("memberships"))
    for data in _broken(records, i):
        report = _same_as_text(data)
        assert not report.valid and report.error_count >= 1
        assert all(issue.record == i + 1 for issue in report.issues)
    # Many records are flattened into tapes and read on other threads: the same there.
    many = _many()
    j = next(k for k in range(2500, len(many)) if many[k].get("memberships"))
    for data in _broken(many, j):
        report = _same_as_text(data)
        assert not report.valid and {issue.record for issue in report.issues} == {j + 1}


def test_bools_are_not_numbers_and_floats_not_integers() -> None:
    records = _records()
    counted = next(r for r in records if r.get("member_counts"))
    for count in (True, 12.0, 12.5, -1, 2**40):
        changed = [dict(r) for r in records]
        i = records.index(counted)
        changed[i]["member_counts"] = [dict(counted["member_counts"][0], count=count)]
        _same_as_text(changed)


def test_str_subclasses_and_int_enums_read_as_their_values() -> None:
    class Area(str, enum.Enum):
        CLIMATE = "climate"

    class Count(enum.IntEnum):
        TEN = 10

    records = _records()
    records[0]["policy_areas"] = [Area.CLIMATE]
    counted = next(r for r in records if r.get("member_counts"))
    counted["member_counts"] = [dict(counted["member_counts"][0], count=Count.TEN)]
    objects = citynets.validate(records)
    plain = json.loads(json.dumps(records))
    assert _shape(objects) == _shape(citynets.validate(plain))
    assert objects.valid


def test_a_list_subclass_is_read_by_its_items_not_its_iter() -> None:
    class Odd(list[Any]):
        def __iter__(self) -> Any:
            return iter([{"not": "a record"}])

    records = Odd(_records())
    report = citynets.validate(records)
    assert report.valid and report.records == len(records)


def test_empty_lists_and_catalogues_without_networks() -> None:
    _same_as_text([])
    catalogue = citynets.ghent().to_dict()
    catalogue["networks"] = []
    _same_as_text(catalogue)


def _many(n: int = 3000) -> list[dict[str, Any]]:
    """Enough clean records to be checked on several threads (in several tapes)."""
    base = _records()
    out = []
    for i in range(n):
        r = dict(base[i % len(base)])
        r["id"] = f"many-network-{i}"
        r["name"] = f"Many network {i}"
        out.append(r)
    return out


def test_many_records_are_checked_apart_with_the_same_report() -> None:
    records = _many()
    report = _same_as_text(records)
    assert report.valid and report.records == len(records)
    # Which path the core took (typed pass or walk) is proven in crates/citynets/tests/objects.rs.
    assert _same_as_text(tuple(records)).records == len(records)
    # Problems early, late, and an id repeated far from its first use (in another tape).
    changes: list[tuple[int, dict[str, Any]]] = [
        (10, {"policy_areas": ["mobilty"]}),
        (2999, {"founding_date": True}),
        (1500, {"name": "Eurocities"}),
        (2800, {"id": "many-network-3"}),
        (2000, {"unknown": 1}),
    ]
    for i, change in changes:
        changed = _with(records, i, **change)
        report = _same_as_text(changed)
        assert not report.valid or report.warnings, change
        assert {issue.record for issue in report.issues} == {i + 1}, change
    memberships = [m.to_dict() for n in citynets.ghent() for m in n.memberships] * 40
    assert len(memberships) >= 1000
    assert _same_as_text(memberships, document="membership").records == len(memberships)


def test_many_records_with_what_json_does_not_have_raise_as_few_do() -> None:
    records = _many()
    late = len(records) - 2
    with pytest.raises(TypeError, match=rf"recursive structure: the container at /{late}/self/0"):
        record: dict[str, Any] = dict(records[late])
        record["self"] = [record]
        citynets.validate(records[:late] + [record] + records[late + 1 :])
    for value, error, match in [
        (object(), TypeError, "not JSON data"),
        (2**70, ValueError, "too large"),
        (float("inf"), ValueError, "JSON cannot represent"),
    ]:
        changed = _with(records, late, member_counts=[{"count": value, "source": "https://a.b/"}])
        with pytest.raises(error, match=match):
            citynets.validate(changed)
    deep: Any = {"id": "x"}
    for _ in range(200):
        deep = [deep]
    changed = _with(records, late, memberships=deep)
    report = citynets.validate(changed)
    assert "too_deep" in [i.code for i in report.issues]
    # The same object in many records is no recursion.
    shared = records[0]["memberships"]
    assert citynets.validate([dict(r, memberships=shared) for r in records]).valid


def test_every_record_has_a_short_repr() -> None:
    """A record prints on one line of under 200 characters, its lists as their length."""
    seen = 0
    stack: list[object] = list(citynets.ghent())
    while stack:
        record = stack.pop()
        text = repr(record)
        assert len(text) < 200 and "\n" not in text, text
        seen += 1
        for value in vars(record).values():
            items = value if isinstance(value, tuple) else (value,)
            stack.extend(v for v in items if dataclasses.is_dataclass(v))
    assert seen > 500
    membership = citynets.ghent()["eurocities"].memberships[0]
    assert repr(membership).startswith("Membership(organization_id='eurocities', member=Member(")


def test_vocabulary_values_parse_from_labels_and_aliases_with_a_suggestion() -> None:
    assert citynets.PolicyArea.parse("klimaat") is citynets.PolicyArea.CLIMATE
    assert citynets.PolicyArea.parse("Climate") is citynets.PolicyArea.CLIMATE
    assert citynets.Orientation.parse("knowledge exchange") is citynets.Orientation.KNOWLEDGE_EXCHANGE
    assert citynets.Status.parse("Full member") is citynets.Status.FULL
    with pytest.raises(citynets.UnknownValueError, match='did you mean "mobility"') as typo:
        citynets.PolicyArea.parse("mobilty")
    assert (typo.value.vocabulary, typo.value.value, typo.value.suggestion) == (
        "PolicyArea",
        "mobilty",
        "mobility",
    )
    # The constructor takes the canonical value only, and says what was meant.
    assert citynets.PolicyArea("climate") is citynets.PolicyArea.CLIMATE
    for text, meant in [("klimaat", "climate"), ("mobilty", "mobility"), ("Climate", "climate")]:
        with pytest.raises(citynets.UnknownValueError, match=f'did you mean "{meant}"'):
            citynets.PolicyArea(text)
    with pytest.raises(citynets.UnknownValueError, match="not a Status value"):
        citynets.Status(3)
    with pytest.raises(ValueError, match="is not a PolicyArea value") as e:
        citynets.PolicyArea.parse("zzzzzz")
    assert "did you mean" not in str(e.value)
