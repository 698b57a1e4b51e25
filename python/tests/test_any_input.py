"""Arbitrary inputs at the package's entry points: nested objects, strings, bytes and paths at
``validate``, ``validate_json``, ``fix`` and the lookups. Each either gives an answer or
raises one of the documented exceptions (every one a :class:`citynets.CitynetsError`); none
raises a Rust panic (``pyo3_runtime.PanicException``) or anything else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import citynets

# Scalars as JSON data, and some that are not (bytes, a set, a float NaN, big ints).
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["eurocities", "city", "BE", "Belgium", "full", "2015", "mobilty", "\ud800"]),
    st.binary(max_size=8),
    st.frozensets(st.integers(), max_size=2),
)
KEYS = st.one_of(
    st.sampled_from(
        ["id", "name", "acronym", "policy_areas", "organization_id", "member", "kind", "city",
         "country", "status", "networks", "schema_version", "memberships", "sources"]
    ),
    st.text(max_size=8),
    st.integers(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(KEYS, inner, max_size=5),
    ),
    max_leaves=25,
)
DOCUMENTS = st.sampled_from([None, "catalogue", "network", "membership"])


def answered_or_documented(call: Any, *args: Any, **kwargs: Any) -> Any:
    """Calls the entry point; a raised exception must be one of the package's."""
    try:
        return call(*args, **kwargs)
    except citynets.CitynetsError:
        return None


@settings(max_examples=400, deadline=None)
@given(data=VALUES, document=DOCUMENTS)
def test_validate_any_object(data: Any, document: str | None) -> None:
    if not isinstance(data, (dict, list, tuple)):
        data = [data]
    report = answered_or_documented(citynets.validate, data, document=document)
    if report is not None:
        assert report.error_count + report.warning_count >= len(report.issues)
        assert report.valid == (report.error_count == 0)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=60), st.binary(max_size=60)), document=DOCUMENTS)
def test_validate_json_any_text(text: str | bytes, document: str | None) -> None:
    answered_or_documented(citynets.validate_json, text, document=document)
    answered_or_documented(
        citynets.validate_json, text, document=document, format="ndjson"
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    content=st.binary(max_size=200),
    suffix=st.sampled_from([".json", ".ndjson", ".csv", ".tsv", ".xlsx", ".ods", ".txt", ""]),
)
def test_validate_and_fix_any_file(content: bytes, suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(content)
    answered_or_documented(citynets.validate, path)
    answered_or_documented(citynets.validate, content, format="csv")
    answered_or_documented(citynets.fix, path)
    answered_or_documented(citynets.fix, content, format="csv")


@settings(max_examples=200, deadline=None)
@given(data=VALUES)
def test_fix_any_object(data: Any) -> None:
    if not isinstance(data, (dict, list)):
        data = [data]
    result = answered_or_documented(citynets.fix, data)
    if result is not None and isinstance(result.data, list) and isinstance(data, list):
        # Nothing lost: a list of records keeps its length.
        assert len(result.data) == len(data)


@settings(max_examples=300, deadline=None)
@given(query=st.one_of(st.text(max_size=30), st.sampled_from(["Eurocities", "eccar", "ICLEI", " ", ""])))
def test_lookups_with_any_text(query: str) -> None:
    ghent = citynets.ghent()
    answered_or_documented(ghent.get, query)
    answered_or_documented(ghent.search, query)
    answered_or_documented(ghent.resolve, query)
    answered_or_documented(lambda q: q in ghent, query)
    answered_or_documented(citynets.PolicyArea.parse, query)
    answered_or_documented(citynets.resolve_city, query)
    answered_or_documented(citynets.resolve_city, query, country=query[:2] or None)
    # A lookup that finds nothing says so with None, never with another network.
    found = answered_or_documented(ghent.get, query)
    assert found is None or isinstance(found, citynets.Network)
