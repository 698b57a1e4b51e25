"""DataFrames in and out: pandas and polars, both optional.

Out: DataFrames of flat rows (the rows of the model's records are made in ``_rows.py``). pandas
and polars are imported only when a DataFrame is asked for, with a
:class:`citynets.CitynetsImportError` that says what to install when they are missing.

In: a DataFrame handed to :func:`citynets.validate` or :func:`citynets.fix` is read by the Rust
core as the table its cells stand for (``citynets::validate::frame``); this module only tells
the core the frame's column names, its number of rows, and how to read the values of a block
of rows: one ``to_list()`` of each column's slice, so no dict is made per row and memory holds
one block at a time. A frame is recognised by its type's module, so neither library is
imported to tell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from ._errors import CitynetsImportError, CitynetsTypeError

if TYPE_CHECKING:
    import pandas
    import polars

__all__ = ["FrameColumns", "fixed_frame", "frame_columns", "frame_kind", "to_pandas", "to_polars"]

def to_pandas(rows: list[dict[str, Any]], columns: dict[str, str]) -> pandas.DataFrame:
    """A pandas DataFrame of the rows, with every column even when there are no rows. A column
    of kind ``"any"`` holds its values as objects."""
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
        elif kind == "any":
            # As given: labels mixed with None would otherwise become floats.
            frame[name] = pandas.Series([r.get(name) for r in rows], dtype=object)
    return frame


def to_polars(rows: list[dict[str, Any]], columns: dict[str, str]) -> polars.DataFrame:
    """A polars DataFrame of the rows, with a fixed schema (strings, 64-bit integers, lists of
    strings). A column of kind ``"any"`` (a pandas index label) is 64-bit integers when every
    value is one, else the values' text."""
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
    schema: dict[str, Any] = {}
    for name, kind in columns.items():
        if kind != "any":
            schema[name] = types[kind]
            continue
        values = [r.get(name) for r in rows]
        whole = all(v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in values)
        schema[name] = polars.Int64 if whole else polars.String
        if not whole:
            rows = [r | {name: None if r.get(name) is None else str(r[name])} for r in rows]
    return polars.DataFrame(rows, schema=schema)


def frame_kind(data: object) -> Literal["pandas", "polars"] | None:
    """``"pandas"`` or ``"polars"`` for a DataFrame of either, else ``None``; a polars
    ``LazyFrame`` raises :class:`citynets.CitynetsTypeError` (it must be collected first)."""
    # The classes of its type, so that a subclass (geopandas' GeoDataFrame) is one too.
    for cls in type(data).__mro__:
        module, name = cls.__module__, cls.__name__
        if module.startswith("pandas") and name == "DataFrame":
            return "pandas"
        if module.startswith("polars"):
            if name == "DataFrame":
                return "polars"
            if name == "LazyFrame":
                raise CitynetsTypeError(
                    "a polars LazyFrame holds no rows yet: validate frame.collect()"
                )
    return None


class FrameColumns(NamedTuple):
    """What the core reads of a frame."""

    kind: Literal["pandas", "polars"]
    names: list[str]
    """The header: each column's name as text (a pandas MultiIndex's levels joined by ``.``,
    so that ``("member", "city")`` is the column ``member.city``)."""
    rows: int
    read: Callable[[int, int], list[list[Any]]]
    """``read(start, count)``: one list per column, the values of those rows."""
    labels: Sequence[Any] | None
    """pandas' index (the label of each row), ``None`` for polars (a row's label is its
    position)."""

    def label(self, record: int | None) -> Any:
        """The label of the row that a problem's ``record`` (counted from 1) names."""
        if record is None or record < 1 or record > self.rows:
            return None
        if self.labels is None:
            return record - 1
        label = self.labels[record - 1]
        # numpy's integers as Python's, so that labels compare and print as the user's.
        return label.item() if hasattr(label, "item") and not isinstance(label, str) else label


def _name(label: Any) -> str:
    if isinstance(label, tuple):
        return ".".join(str(part) for part in label if str(part) != "")
    return str(label)


def frame_columns(frame: Any, kind: Literal["pandas", "polars"]) -> FrameColumns:
    """The columns of a pandas or polars DataFrame, as the core reads them."""
    if kind == "pandas":
        series = [frame.iloc[:, i] for i in range(frame.shape[1])]

        def read_pandas(start: int, count: int) -> list[list[Any]]:
            return [s.iloc[start : start + count].tolist() for s in series]

        names = [_name(c) for c in frame.columns]
        return FrameColumns(kind, names, len(frame), read_pandas, frame.index)
    columns = frame.get_columns()

    def read_polars(start: int, count: int) -> list[list[Any]]:
        return [c.slice(start, count).to_list() for c in columns]

    return FrameColumns(kind, [str(c.name) for c in columns], frame.height, read_polars, None)


def fixed_frame(
    original: Any, columns: FrameColumns, output: bytes, touched: set[str]
) -> Any:
    """The fixed frame, of the original's kind: the fixed table's columns in its order; a
    column whose name is the original's and which ``fix`` did not touch (``touched`` holds the
    columns it changed or renamed) is the original column, its type and values as they were;
    the others hold the fixed table's text (``None`` for an empty cell). A pandas frame keeps
    its index."""
    rows = list(csv.reader(io.StringIO(output.decode("utf-8"), newline="")))
    header = rows[0] if rows else []
    body = rows[1:]
    if len(body) != columns.rows:
        raise CitynetsTypeError(
            f"fix wrote {len(body)} rows for a frame of {columns.rows}: please report this"
        )
    position = {name: i for i, name in reversed(list(enumerate(columns.names)))}
    width = len(header)
    cells: list[list[str | None]] = [[] for _ in header]
    for row in body:
        for i in range(width):
            value = row[i] if i < len(row) else ""
            cells[i].append(value if value != "" else None)
    kept = [
        position.get(name) if name not in touched and name in position else None
        for name in header
    ]
    if columns.kind == "pandas":
        import pandas

        out = pandas.DataFrame(index=original.index)
        for i, name in enumerate(header):
            at = kept[i]
            values = original.iloc[:, at] if at is not None else pandas.Series(
                cells[i], index=original.index, dtype=object
            )
            out.insert(i, name, values, allow_duplicates=True)
        return out
    import polars

    series = [
        original.get_columns()[at] if at is not None else polars.Series(name, cells[i], polars.String)
        for i, (name, at) in enumerate(zip(header, kept))
    ]
    return polars.DataFrame(series)
