"""DataFrames of flat rows: pandas and polars, both optional.

They are imported only when a DataFrame is asked for, with a
:class:`citynets.CitynetsImportError` that says what to install when they are missing. The rows
of the model's records are made in ``_rows.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._errors import CitynetsImportError

if TYPE_CHECKING:
    import pandas
    import polars

__all__ = ["to_pandas", "to_polars"]


def to_pandas(rows: list[dict[str, Any]], columns: dict[str, str]) -> pandas.DataFrame:
    """A pandas DataFrame of the rows, with every column even when there are no rows."""
    try:
        import pandas
    except ImportError as e:
        raise CitynetsImportError(
            "this needs pandas, which is not installed: pip install pandas"
        ) from e
    frame = pandas.DataFrame.from_records(rows, columns=list(columns))
    for name, kind in columns.items():
        if kind == "int":
            frame[name] = frame[name].astype("Int64")
    return frame


def to_polars(rows: list[dict[str, Any]], columns: dict[str, str]) -> polars.DataFrame:
    """A polars DataFrame of the rows, with a fixed schema (strings, 64-bit integers, lists of
    strings)."""
    try:
        import polars
    except ImportError as e:
        raise CitynetsImportError(
            "this needs polars, which is not installed: pip install polars"
        ) from e
    types: dict[str, Any] = {
        "str": polars.String,
        "int": polars.Int64,
        "list": polars.List(polars.String),
    }
    schema = {name: types[kind] for name, kind in columns.items()}
    return polars.DataFrame(rows, schema=schema)
