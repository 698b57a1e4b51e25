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

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from . import _core
from ._errors import CitynetsError, CitynetsImportError, CitynetsTypeError

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
        # numpy's scalars as Python's (in a MultiIndex's tuples too), so that labels compare
        # and print as the user's.
        if isinstance(label, tuple):
            return tuple(_plain(part) for part in label)
        return _plain(label)


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python value it holds; anything else as it is."""
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        return value.item()
    return value


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
    """The fixed frame, of the original's kind: the fixed table's columns in its order. The
    k-th column of a name in the fixed table is the original's k-th column of that name, kept
    as it was (its type and values), unless ``fix`` touched a column of that name
    (``touched`` holds the columns it changed, renamed or added); the others hold the fixed
    table's text (``None`` for an empty cell), read by the core's table reader. A pandas frame
    keeps its index."""
    if not columns.names:
        # No columns: no table, nothing fixed.
        return original.copy() if columns.kind == "pandas" else original.clone()
    header, _ = _core.table_columns(output, [])
    places: dict[str, list[int]] = {}
    for i, name in enumerate(columns.names):
        places.setdefault(name, []).append(i)
    seen: dict[str, int] = {}
    kept: list[int | None] = []
    for name in header:
        k = seen.get(name, 0)
        seen[name] = k + 1
        same = places.get(name, [])
        kept.append(same[k] if name not in touched and k < len(same) else None)
    wanted = [i for i, at in enumerate(kept) if at is None]
    _, cells = _core.table_columns(output, wanted)
    text = dict(zip(wanted, cells))
    if any(len(c) != columns.rows for c in cells):
        raise CitynetsError(
            f"fix wrote a table whose rows are not the frame's {columns.rows}: please report this"
        )
    if columns.kind == "pandas":
        import pandas

        out = pandas.DataFrame(index=original.index)
        for i, name in enumerate(header):
            at = kept[i]
            values = (
                original.iloc[:, at]
                if at is not None
                else pandas.Series(text[i], index=original.index, dtype=object)
            )
            out.insert(i, name, values, allow_duplicates=True)
        return out
    import polars

    series = [
        original.get_columns()[at]
        if at is not None
        else polars.Series(name, text[i], polars.String)
        for i, (name, at) in enumerate(zip(header, kept))
    ]
    return polars.DataFrame(series)
