"""DataFrames and flat rows of the catalogue and of validation reports."""

from __future__ import annotations

from pathlib import Path

import pandas
import polars
import pytest

import citynets
from citynets._rows import MEMBERSHIP_COLUMNS, NETWORK_COLUMNS

# Needs pandas and polars: the run without them (tests/run_python.sh) leaves these out.
pytestmark = pytest.mark.frames


def test_to_dicts_one_row_per_network() -> None:
    cat = citynets.ghent()
    rows = cat.to_dicts()
    assert len(rows) == 38
    assert [r["id"] for r in rows] == [n.id for n in cat]
    assert all(list(r) == list(NETWORK_COLUMNS) for r in rows)
    eurocities = rows[[r["id"] for r in rows].index("eurocities")]
    assert isinstance(eurocities["policy_areas"], list)
    assert eurocities["policy_areas"] == [a.value for a in cat["eurocities"].policy_areas]
    assert type(eurocities["policy_areas"][0]) is str  # plain strings, not enum members
    assert eurocities["founding_date"] == "1986"


def test_to_pandas() -> None:
    df = citynets.ghent().to_pandas()
    assert isinstance(df, pandas.DataFrame)
    assert df.shape == (38, len(NETWORK_COLUMNS))
    assert list(df.columns) == list(NETWORK_COLUMNS)
    assert df["id"].is_unique
    climate = df[df["policy_areas"].apply(lambda areas: "climate" in areas)]
    assert set(climate["id"]) == {n.id for n in citynets.ghent().filter(policy_area="climate")}
    assert str(df["membership_count"].dtype) == "Int64"


def test_to_polars() -> None:
    df = citynets.ghent().to_polars()
    assert isinstance(df, polars.DataFrame)
    assert df.shape == (38, len(NETWORK_COLUMNS))
    assert df.schema["policy_areas"] == polars.List(polars.String)
    assert df.schema["id"] == polars.String
    exploded = df.explode("policy_areas")
    assert exploded.filter(polars.col("policy_areas") == "climate").height == len(
        citynets.ghent().filter(policy_area="climate")
    )


def test_memberships_one_row_per_role() -> None:
    cat = citynets.ghent()
    expected = sum(max(1, len(m.roles)) for n in cat for m in n.memberships)
    rows = cat.memberships_to_dicts()
    assert len(rows) == expected
    assert all(list(r) == list(MEMBERSHIP_COLUMNS) for r in rows)
    without_roles = [m for n in cat for m in n.memberships if not m.roles]
    assert without_roles, "the catalogue has memberships without roles"
    assert sum(1 for r in rows if r["role"] is None) == len(without_roles)
    presidents = [r for r in rows if r["organization_id"] == "eurocities" and r["role"] == "president"]
    assert presidents and presidents[0]["city"] == "Ghent"

    df = cat.memberships_to_pandas()
    assert df.shape == (expected, len(MEMBERSHIP_COLUMNS))
    assert df["role"].isna().sum() == len(without_roles)
    pl = cat.memberships_to_polars()
    assert pl.height == expected
    assert pl["role"].null_count() == len(without_roles)


def test_report_frames() -> None:
    report = citynets.validate([{"id": "x", "name": "X", "policy_areas": ["mobilty"]}, {"id": "y"}])
    df = report.to_pandas()
    assert len(df) == len(report.issues) >= 2
    assert list(df.columns) == [
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
    assert report.to_polars().height == len(report.issues)
    empty = citynets.validate([{"id": "x", "name": "X"}]).to_pandas()
    assert empty.shape == (0, 13)


def test_records_of_a_dataframe_with_empty_cells_validate_as_the_table(tmp_path: Path) -> None:
    """``df.to_dict("records")`` of a table with empty cells holds NaN (or pandas' NA after
    ``convert_dtypes``): they read as absent, as the empty cells of the file do."""
    table = tmp_path / "networks.csv"
    table.write_text(
        "id,name,acronym,website,founding_date\n"
        "eurocities,Eurocities,,https://eurocities.eu/,1986\n"
        "polis,POLIS,POLIS,,\n"
        "bad id,No acronym,,,\n",
        encoding="utf-8",
    )
    frame = pandas.read_csv(table, dtype=str)
    from_file = citynets.validate(table)
    with_na = [{k: pandas.NA if v is None else v for k, v in r.items()} for r in
               frame.convert_dtypes().to_dict("records")]
    for records in (frame.to_dict("records"), frame.convert_dtypes().to_dict("records"), with_na):
        # NaN, None (convert_dtypes), and pandas' NA itself.
        assert any(v is None or v is pandas.NA or v != v for r in records for v in r.values())
        report = citynets.validate(records)
        assert [(i.record, i.code) for i in report.issues] == [
            (i.record, i.code) for i in from_file.issues
        ]
        assert [i.code for i in report.issues] == ["pattern"]
