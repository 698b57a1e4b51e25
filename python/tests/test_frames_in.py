"""DataFrames in: ``validate(df)`` and ``fix(df)`` for pandas and polars frames, read as the
table of their cells."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import numpy
import pandas
import polars
import pytest

import citynets
from frame_reports import same

# Needs pandas and polars: the run without them (tests/run_python.sh) leaves these out.
pytestmark = pytest.mark.frames

MESSY = Path(__file__).resolve().parents[2] / "examples" / "data" / "member-list-messy.csv"


def test_a_frame_read_from_a_messy_file_gets_the_files_report() -> None:
    """The README's messy member list (Belgian Excel CSV), read by pandas as text, and by
    polars: the frame's report is the file's, row for row and column for column."""
    from_file = citynets.validate(MESSY, document="membership")
    assert from_file.error_count > 100
    frame = pandas.read_csv(
        MESSY, sep=";", encoding="cp1252", dtype=str, keep_default_na=False
    )
    report = citynets.validate(frame, document="membership")
    # The file's one warning is about its bytes (Windows-1252), which a frame of text has not.
    [decoding] = [i for i in from_file.issues if i.code == "encoding"]
    expected = [i for i in same(from_file) if i[1] != "encoding"]
    assert same(report) == expected
    assert (report.error_count, report.warning_count, report.records) == (
        from_file.error_count,
        from_file.warning_count - 1,
        from_file.records,
    )
    assert all(i.line is None and i.column is None and i.path is None for i in report.issues)
    assert [i.index for i in report.issues] == [
        None if i.record is None else i.record - 1 for i in report.issues
    ]
    as_polars = polars.from_dict({c: frame[c].tolist() for c in frame.columns})
    assert same(citynets.validate(as_polars, document="membership")) == expected


def test_empty_values_of_every_kind_are_absent(tmp_path: Path) -> None:
    """None, NaN, pandas' NA and NaT, and the empty string read as the empty cell does."""
    table = tmp_path / "networks.csv"
    table.write_text("id,name,acronym,founding_date\neurocities,Eurocities,,\n", "utf-8")
    expected = same(citynets.validate(table))
    assert expected == []
    for empty in (None, float("nan"), numpy.nan, pandas.NA, pandas.NaT, ""):
        frame = pandas.DataFrame(
            {"id": ["eurocities"], "name": ["Eurocities"], "acronym": [empty]}
        )
        frame["founding_date"] = pandas.Series([empty], dtype=object)
        assert same(citynets.validate(frame)) == expected, repr(empty)
    typed = pandas.DataFrame(
        {
            "id": pandas.array(["eurocities"], dtype="string"),
            "name": ["Eurocities"],
            "acronym": pandas.array([pandas.NA], dtype="string"),
            "founding_date": pandas.to_datetime(pandas.Series([None])),
        }
    )
    assert citynets.validate(typed).valid
    in_polars = polars.DataFrame(
        {"id": ["eurocities"], "name": ["Eurocities"], "acronym": [None], "website": [""]}
    )
    assert citynets.validate(in_polars).valid


def test_whole_floats_are_integers_and_others_keep_their_fraction() -> None:
    """A column of years or of GeoNames ids with an empty cell is a column of floats."""
    frame = pandas.DataFrame(
        {
            "organization_id": ["eurocities", "eurocities", "iclei"],
            "member.kind": ["city"] * 3,
            "member.name": ["Gent", "Antwerpen", "Brugge"],
            "member.city": ["Gent", "Antwerpen", "Brugge"],
            "member.country": ["BE"] * 3,
            "member.geonames_id": [2797656.0, numpy.nan, 2800931.0],
            "start_date": [2015.0, numpy.nan, 2001.5],
        }
    )
    assert frame["start_date"].dtype == numpy.float64
    report = citynets.validate(frame, document="membership")
    assert [(i.index, i.column_name, i.code) for i in report.issues] == [
        (2, "start_date", "pattern")
    ]
    assert '"2001.5"' in report.issues[0].message


def test_numpy_and_arrow_scalars_and_dates_are_their_values() -> None:
    class ArrowLike:
        """What a pyarrow scalar offers: ``as_py()``."""

        def __init__(self, value: Any) -> None:
            self.value = value

        def as_py(self) -> Any:
            return self.value

    frame = pandas.DataFrame(
        {
            "id": [numpy.str_("eurocities"), ArrowLike("polis")],
            "name": ["Eurocities", ArrowLike("POLIS")],
            "founding_date": [datetime.date(1986, 1, 1), pandas.Timestamp("1989-05-01")],
            "dissolution_date": [
                datetime.datetime(2020, 3, 4, 10, 30),
                ArrowLike(None),
            ],
        },
        dtype=object,
    )
    report = citynets.validate(frame)
    # A date and time is not a date of the model: the message quotes the ISO text.
    assert {(i.index, i.column_name) for i in report.issues} == {(0, "dissolution_date")}
    assert any('"2020-03-04T10:30:00"' in i.message for i in report.issues)
    counts = pandas.DataFrame(
        {"id": ["eurocities"], "name": ["Eurocities"], "x": [numpy.int64(3)]}
    )
    issue = citynets.validate(counts).issues[0]
    assert (issue.code, issue.column_name) == ("unknown_field", "x")
    flags = pandas.DataFrame({"id": ["eurocities"], "name": [numpy.bool_(True)], "acronym": [True]})
    assert citynets.validate(flags).valid  # a name and an acronym may be "true"
    flagged = citynets.validate(
        pandas.DataFrame({"id": ["x"], "name": ["X"], "scope": [numpy.bool_(True)]})
    )
    assert [i.instance_location for i in flagged.issues] == ["/scope"]
    assert '"true"' in flagged.issues[0].message


def test_arrow_backed_columns_and_arrow_scalars() -> None:
    """pandas' Arrow dtypes (what pandas >= 2.2 reads with pyarrow), pyarrow scalars in an
    object column, and a polars frame made from an Arrow table."""
    import pyarrow

    frame = pandas.DataFrame(
        {
            "id": pandas.array(
                ["eurocities", "Bad Id", None], dtype=pandas.ArrowDtype(pyarrow.string())
            ),
            "name": pandas.array(["Eurocities", "X", "Y"], dtype="string[pyarrow]"),
            "founding_date": pandas.array(
                [1986.0, None, 2001.0], dtype=pandas.ArrowDtype(pyarrow.float64())
            ),
            "website": [
                pyarrow.scalar("https://eurocities.eu/"),
                pyarrow.scalar(None, pyarrow.string()),
                pyarrow.scalar("https://www.polisnetwork.eu/"),
            ],
        }
    )
    report = citynets.validate(frame)
    assert [(i.index, i.column_name, i.code) for i in report.issues] == [
        (1, "id", "pattern"),
        (2, "id", "missing_field"),
    ]
    table = pyarrow.table({"id": ["eurocities", "Bad Id"], "name": ["Eurocities", "X"]})
    for converted in (table.to_pandas(types_mapper=pandas.ArrowDtype), polars.from_arrow(table)):
        assert [(i.index, i.code) for i in citynets.validate(converted).issues] == [(1, "pattern")]


def test_issues_carry_the_rows_label_and_column() -> None:
    frame = pandas.DataFrame(
        {"id": ["eurocities", "Bad Id"], "name": ["Eurocities", "X"]},
        index=pandas.Index(["first", "second"], name="key"),
    )
    report = citynets.validate(frame)
    [issue] = report.issues
    assert (issue.index, issue.record, issue.column_name) == ("second", 2, "id")
    assert str(issue).startswith("row 'second' record 2 /id")
    table = report.to_pandas()
    assert table["index"].tolist() == ["second"]
    assert report.to_polars()["index"].to_list() == ["second"]
    assert "<td>row &#x27;second&#x27;</td>" in report._repr_html_()
    by_position = citynets.validate(polars.from_dict({"id": ["Bad Id"], "name": ["X"]}))
    assert [(i.index, i.record) for i in by_position.issues] == [(0, 1)]


def test_nested_columns_are_json_cells(tmp_path: Path) -> None:
    """List and struct columns hold the nested value: each is read as the JSON cell of a
    table, so the frame gets that table's report."""
    rows = [
        {
            "organization_id": "eurocities",
            "member": {"kind": "city", "name": "Gent", "city": "Gent", "country": "BE"},
            "sources": [{"url": "https://eurocities.eu/", "accessed": "2025-01-01"}],
        },
        {
            "organization_id": "polis",
            "member": {"kind": "city", "name": "Gent", "city": "Gent", "country": "Belgium"},
            "sources": None,
        },
    ]
    table = tmp_path / "memberships.csv"
    polars.DataFrame(
        {
            "organization_id": [r["organization_id"] for r in rows],
            "member": [citynets_json(r["member"]) for r in rows],
            "sources": [citynets_json(r["sources"]) for r in rows],
        }
    ).write_csv(table)
    expected = same(citynets.validate(table, document="membership"))
    assert any(e[3] == "/member/country" for e in expected)
    struct = polars.DataFrame(rows)
    assert isinstance(struct.schema["member"], polars.Struct)
    assert same(citynets.validate(struct, document="membership")) == expected
    objects = pandas.DataFrame(rows)
    assert same(citynets.validate(objects, document="membership")) == expected


def citynets_json(value: Any) -> str | None:
    """A value as the JSON text of a cell (absent for ``None``)."""
    import json

    return None if value is None else json.dumps(value, separators=(",", ":"))


def test_a_subclass_of_a_frame_is_a_frame() -> None:
    class Members(pandas.DataFrame):
        """What geopandas' GeoDataFrame is to pandas."""

    frame = Members({"id": ["eurocities", "Bad Id"], "name": ["Eurocities", "X"]})
    assert [(i.index, i.column_name) for i in citynets.validate(frame).issues] == [(1, "id")]


def test_a_multiindex_of_columns_is_dotted() -> None:
    frame = pandas.DataFrame(
        [["eurocities", "city", "Gent", "Gent", "BE"]],
        columns=pandas.MultiIndex.from_tuples(
            [
                ("organization_id", ""),
                ("member", "kind"),
                ("member", "name"),
                ("member", "city"),
                ("member", "country"),
            ]
        ),
    )
    assert citynets.validate(frame, document="membership").valid


def test_values_that_are_no_cell_say_where_they_are() -> None:
    from decimal import Decimal

    frame = pandas.DataFrame({"id": ["a", "b"], "name": ["A", Decimal("1.5")]})
    with pytest.raises(citynets.CitynetsTypeError, match=r'column "name", row 1 .*Decimal'):
        citynets.validate(frame)
    # An object column: pandas' own string columns refuse a lone surrogate.
    lone = pandas.DataFrame({"id": ["a"], "name": pandas.Series(["\ud800"], dtype=object)})
    with pytest.raises(citynets.CitynetsValueError, match=r'column "name", row 0 .*surrogate'):
        citynets.validate(lone)
    with pytest.raises(citynets.CitynetsTypeError, match="LazyFrame"):
        citynets.validate(polars.DataFrame({"id": ["a"]}).lazy())  # type: ignore[arg-type]
    with pytest.raises(citynets.CitynetsValueError, match="not to DataFrames"):
        citynets.validate(frame, format="csv")


def test_a_frame_without_rows_or_columns_is_reported_as_its_table_is(tmp_path: Path) -> None:
    header_only = tmp_path / "header.csv"
    header_only.write_text("id,name\n", "utf-8")
    empty = tmp_path / "empty.csv"
    empty.write_text("", "utf-8")
    no_rows = citynets.validate(pandas.DataFrame({"id": [], "name": []}))
    assert same(no_rows) == same(citynets.validate(header_only)) != []
    for no_columns in (pandas.DataFrame(), pandas.DataFrame(index=range(3))):
        assert same(citynets.validate(no_columns)) == same(citynets.validate(empty)) != []
        # Nothing to fix: the frame comes back as it was, with no change.
        result = citynets.fix(no_columns)
        assert result.changes == [] and result.data.shape == no_columns.shape


def messy_frame() -> pandas.DataFrame:
    """The messy member list as pandas reads it, types inferred (its years are floats)."""
    return pandas.read_csv(MESSY, sep=";", encoding="cp1252")


def test_fix_returns_a_pandas_frame_and_its_log() -> None:
    frame = messy_frame().set_axis([f"r{i}" for i in range(len(messy_frame()))])
    result = citynets.fix(frame)
    fixed = result.data
    assert isinstance(fixed, pandas.DataFrame)
    assert list(fixed.index) == list(frame.index)
    assert "member.country" in fixed.columns and "Country" not in fixed.columns
    # A column fix did not touch is the input's own, values and type.
    untouched = [c for c in fixed.columns if c in frame.columns]
    assert "Notes" in untouched
    pandas.testing.assert_series_equal(fixed["Notes"], frame["Notes"])
    log = result.log
    assert isinstance(log, pandas.DataFrame)
    assert len(log) == len(result.changes) > 300
    assert set(log["rule"]) >= {"column", "country", "network"}
    row_changes = log[log["record"] > 0]
    assert all(label.startswith("r") for label in row_changes["index"])
    assert log[log["record"] == 0]["index"].isna().all()
    assert result.report.error_count < citynets.validate(frame, document="membership").error_count
    # Fixing what fix gave changes nothing.
    again = citynets.fix(fixed, document="membership")
    assert [c for c in again.changes if c.rule != "left"] == []


def test_fix_returns_a_polars_frame_and_its_log() -> None:
    frame = polars.read_csv(MESSY, separator=";", encoding="cp1252", infer_schema=False)
    result = citynets.fix(frame)
    assert isinstance(result.data, polars.DataFrame)
    assert result.data.height == frame.height
    assert isinstance(result.log, polars.DataFrame)
    assert result.log.height == len(result.changes)
    # Country names are codes now, but for those fix left for a person.
    countries = result.data["member.country"].drop_nulls()
    left = {c.before for c in result.changes if c.rule == "left" and c.field == "member.country"}
    assert set(countries.filter(countries.str.len_chars() > 2).to_list()) == left == {
        "Celje, Slovenia",
        "Congo",
    }
    assert result.changes_to_pandas().shape[0] == len(result.changes)


def test_the_fixed_frame_keeps_what_fix_did_not_touch() -> None:
    """Every column fix did not touch comes back as it was, the first one and repeated names
    too; a column it changed holds text, however long or quoted its cells."""
    long = "x" * 200_000
    frame = pandas.DataFrame(
        [["eurocities", "Eurocities", 1, 2, long, "a,b\n\"c\""]],
        columns=["id", "name", "extra", "extra", "description", "acronym"],
        index=["only"],
    )
    result = citynets.fix(frame)
    fixed = result.data
    assert list(fixed.columns) == list(frame.columns)
    assert fixed.iloc[:, 2].tolist() == [1] and fixed.iloc[:, 3].tolist() == [2]
    pandas.testing.assert_frame_equal(fixed, frame)
    quoted = pandas.DataFrame({"a,b": ["x"], "id": ["eurocities"], "name": [" Eurocities "]})
    again = citynets.fix(quoted)
    assert list(again.data.columns) == ["a,b", "id", "name"]
    assert again.data["name"].tolist() == ["Eurocities"]
    assert [(c.index, c.rule) for c in again.changes] == [(0, "whitespace")]
    spaced = pandas.DataFrame({"id": ["eurocities"], "name": ["Eurocities"], "description": [" " + long]})
    assert citynets.fix(spaced).data["description"].tolist() == [long]


def test_dates_in_every_form() -> None:
    """A midnight in its time zone is a day; numpy's datetime64 is a date too."""
    frame = pandas.DataFrame(
        {
            "id": ["eurocities", "polis"],
            "name": ["Eurocities", "POLIS"],
            "founding_date": pandas.to_datetime(["1986-01-01", "1989-05-01"]).tz_localize(
                "Europe/Brussels"
            ),
            "dissolution_date": pandas.Series(
                [numpy.datetime64("2020-03-04"), numpy.datetime64("NaT")], dtype=object
            ),
        }
    )
    assert citynets.validate(frame).valid, citynets.validate(frame).issues


def test_labels_of_a_multiindex_are_python_values() -> None:
    frame = pandas.DataFrame(
        {"id": ["eurocities", "Bad Id"], "name": ["Eurocities", "X"]},
        index=pandas.MultiIndex.from_tuples([("a", 1), ("b", 2)]),
    )
    [issue] = citynets.validate(frame).issues
    assert issue.index == ("b", 2) and type(issue.index[1]) is int


def test_an_exception_that_is_not_about_the_value_goes_through_as_it_is() -> None:
    class Broken:
        def as_py(self) -> Any:
            raise RuntimeError("the scalar's buffer is gone")

    frame = pandas.DataFrame({"id": ["a"], "name": [Broken()]})
    with pytest.raises(RuntimeError, match="buffer is gone"):
        citynets.validate(frame)
