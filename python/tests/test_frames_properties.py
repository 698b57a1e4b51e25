"""Arbitrary pandas and polars DataFrames (column names, dtypes, missing values) against the
CSV table written from them: ``validate(df)`` gives the report the table gets.

The table is written with pandas' ``to_csv``, after the cell conversions that
:func:`citynets.validate` documents for frames (and ``to_csv`` does otherwise): a whole float
is an integer (``2015.0`` is ``2015``), another float is written without an exponent as Rust
prints it, infinities are ``inf``, booleans ``true``/``false``, a timestamp at midnight is its
date. The only differences left are the documented ones: a frame's problems have no line,
column or path, and carry the row's label.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy
import pandas
import polars
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import citynets
from frame_reports import same

pytestmark = pytest.mark.frames

NAMES = [
    "id",
    "name",
    "acronym",
    "policy_areas",
    "founding_date",
    "website",
    "scope",
    "parent",
    "parent.relation",
    "other_names",
    "organization_id",
    "member.kind",
    "member.name",
    "member.city",
    "member.country",
    "member.geonames_id",
    "status",
    "start_date",
    "sources",
    "Name",
    "Country",
    "x, y",
    "",
]
WORDS = [
    "eurocities",
    "Eurocities",
    "climate|energy",
    "city",
    "BE",
    "Belgium",
    "full",
    "member",
    "2015",
    "2015-03-01",
    '["a|b"]',
    '{"kind": "city"}',
    "https://eurocities.eu/",
    " Gent ",
]
TEXT = st.text(alphabet=st.sampled_from(list('aZé中 ,;|"\'\n\r\t[]{}:-_.0159\x00')), max_size=12)


def cell_text(v: Any) -> str:
    """A value's text as the frame reader makes it (see the module's doc)."""
    if v is None or v is pandas.NA or v is pandas.NaT:
        return ""
    if isinstance(v, (bool, numpy.bool_)):
        return "true" if v else "false"
    if isinstance(v, (float, numpy.floating)):
        v = float(v)
        if v != v:
            return ""
        if v in (float("inf"), float("-inf")):
            return "inf" if v > 0 else "-inf"
        if v.is_integer() and abs(v) < 2**53:
            return str(int(v))
        # Rust's shortest digits, without an exponent (and without ".0" when whole).
        shortest = Decimal(repr(v))
        return str(int(shortest)) if v.is_integer() else format(shortest, "f")
    if isinstance(v, (int, numpy.integer)):
        return str(int(v))
    if isinstance(v, datetime.date):
        text = v.isoformat()
        return text.removesuffix("T00:00:00")
    assert isinstance(v, str), type(v)
    return v


@st.composite
def columns(draw: st.DrawFn) -> pandas.Series:
    """One column of a dtype pandas gives, with its missing values."""
    rows = draw(st.integers(0, 6))
    kind = draw(st.sampled_from(["str", "float", "int", "bool", "Int64", "datetime", "object"]))
    if kind == "str":
        values = draw(
            st.lists(st.one_of(TEXT, st.sampled_from(WORDS), st.none()), min_size=rows, max_size=rows)
        )
        return pandas.Series(values, dtype=object)
    if kind == "float":
        values = draw(
            st.lists(
                st.one_of(st.floats(), st.integers(-3000, 3000).map(float)),
                min_size=rows,
                max_size=rows,
            )
        )
        return pandas.Series(values, dtype="float64")
    if kind == "int":
        values = draw(st.lists(st.integers(-(2**63), 2**63 - 1), min_size=rows, max_size=rows))
        return pandas.Series(values, dtype="int64")
    if kind == "bool":
        return pandas.Series(draw(st.lists(st.booleans(), min_size=rows, max_size=rows)))
    if kind == "Int64":
        values = draw(
            st.lists(st.one_of(st.integers(0, 5000), st.none()), min_size=rows, max_size=rows)
        )
        return pandas.Series(values, dtype="Int64")
    if kind == "datetime":
        moments = st.datetimes(datetime.datetime(1900, 1, 1), datetime.datetime(2100, 1, 1))
        days = st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 1, 1)).map(
            lambda d: datetime.datetime(d.year, d.month, d.day)
        )
        values = draw(
            st.lists(st.one_of(moments, days, st.none()), min_size=rows, max_size=rows)
        )
        return pandas.Series(pandas.to_datetime(pandas.Series(values, dtype=object)))
    values = draw(
        st.lists(
            st.one_of(
                TEXT,
                st.sampled_from(WORDS),
                st.none(),
                st.just(float("nan")),
                st.just(pandas.NA),
                st.integers(-5, 5000),
                st.floats(allow_nan=False),
                st.booleans(),
            ),
            min_size=rows,
            max_size=rows,
        )
    )
    return pandas.Series(values, dtype=object)


@st.composite
def frames(draw: st.DrawFn) -> pandas.DataFrame:
    """A frame of 0 to 5 columns of one length, named from the model's columns and others
    (repeated names too)."""
    width = draw(st.integers(0, 5))
    first = draw(columns())
    rows = len(first)
    series = [first.reindex(range(rows))]
    for _ in range(width - 1):
        more = draw(columns())
        series.append(more.reindex(range(rows)) if len(more) >= rows else _pad(more, rows))
    series = series[:width]
    # No tab or semicolon in names: a file's delimiter is guessed from its header (the one it
    # uses most), and a header such as `id,a\t\tb` would be read as tab-separated; a frame's
    # columns need no guess.
    names = draw(
        st.lists(
            st.one_of(st.sampled_from(NAMES), TEXT.filter(lambda t: not set(t) & {"\t", ";"})),
            min_size=width,
            max_size=width,
        )
    )
    frame = pandas.concat(series, axis=1) if series else pandas.DataFrame()
    frame.columns = names
    return frame


def _pad(s: pandas.Series, rows: int) -> pandas.Series:
    """``s`` with missing values after its end, up to ``rows``."""
    return pandas.concat([s, pandas.Series([None] * (rows - len(s)), dtype=object)], ignore_index=True)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(frame=frames(), document=st.sampled_from(["network", "membership"]))
def test_a_frame_gets_the_report_of_its_csv_table(
    frame: pandas.DataFrame, document: str, tmp_path: Path
) -> None:
    table = tmp_path / "frame.csv"
    as_text = pandas.DataFrame(
        {i: [cell_text(v) for v in frame.iloc[:, i]] for i in range(frame.shape[1])},
        dtype=object,
    )
    as_text.columns = list(frame.columns)
    if frame.shape[1] == 0:
        table.write_text("", "utf-8-sig")
    else:
        # Lines end with CR LF, as Excel writes them: Python's `csv` quotes a cell with a CR
        # only when the line ending has one (with "\n" alone it writes a broken table).
        # With a byte-order mark, as a frame's text has one: a NUL in a name or a cell is then
        # no sign of UTF-16 for the file either.
        as_text.to_csv(table, index=False, lineterminator="\r\n", encoding="utf-8-sig")
    expected = citynets.validate(table, document=document, format="csv")  # type: ignore[arg-type]
    report = citynets.validate(frame, document=document)  # type: ignore[arg-type]
    assert same(report) == same(expected)
    assert (report.error_count, report.warning_count, report.records) == (
        expected.error_count,
        expected.warning_count,
        expected.records,
    )
    assert all(i.line is None and i.column is None for i in report.issues)
    assert [i.index for i in report.issues] == [
        None if i.record is None else i.record - 1 for i in report.issues
    ]
    if len(set(frame.columns)) == frame.shape[1] and all(
        dtype != object for dtype in frame.dtypes
    ):
        # The same frame in polars gets the same report (polars has no repeated names, and
        # holds one type per column).
        converted = polars.from_dict({str(c): frame[c].tolist() for c in frame.columns}, strict=False)
        assert same(citynets.validate(converted, document=document)) == same(expected)  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(frame=frames(), document=st.sampled_from(["network", "membership"]))
def test_fix_keeps_every_row_and_every_column_it_did_not_touch(
    frame: pandas.DataFrame, document: str
) -> None:
    result = citynets.fix(frame, document=document)  # type: ignore[arg-type]
    fixed = result.data
    assert isinstance(fixed, pandas.DataFrame)
    assert list(fixed.index) == list(frame.index)
    touched = {c.column for c in result.changes if c.rule != "left"}
    touched |= {c.field for c in result.changes if c.rule != "left"}
    for name in set(frame.columns) - touched:
        if name in fixed.columns:
            before = frame.loc[:, [name]]
            after = fixed.loc[:, [name]]
            assert before.shape == after.shape, name
            pandas.testing.assert_frame_equal(after, before, check_names=False)
    # Every change names a row of the frame (or the header, with no row).
    assert all((c.record == 0) == (c.index is None) for c in result.changes)
    assert {c.index for c in result.changes} - {None} <= set(frame.index)
