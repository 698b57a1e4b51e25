"""Repair of third-party data with the Rust fixer: :func:`fix`, its changes and its result."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Literal

from . import _core
from ._errors import CitynetsTypeError, CitynetsValueError, check_types, os_error
from ._frames import fixed_frame, frame_columns, frame_kind, to_pandas, to_polars
from ._repr import short_repr
from ._validation import CatalogueArg, ValidationReport, _catalogues

if TYPE_CHECKING:
    import pandas
    import polars

__all__ = ["Change", "FixResult", "fix"]


@dataclass(frozen=True, repr=False)
class Change:
    """One value changed by :func:`fix`, or left for a person (``rule == "left"``, with a
    ``note`` saying why): a row of the command line's change log."""

    record: int
    """The record, counted from 1 as validation problems count them: the data row of a table
    (0 for its header), the record of NDJSON (blank lines not counted), the element of a JSON
    list (``data[record - 1]``); 1 for a single document."""
    line: int | None
    """The 1-based line of the input, when known (not for a JSON document)."""
    column: str | None
    """For a table, the column as the input's header names it."""
    field: str
    """The field: a dotted column name for a table, a JSON Pointer otherwise."""
    before: str
    """The value as it was."""
    after: str
    """The value as it is now (empty when left out, and for ``rule == "left"``)."""
    rule: str
    """Why: ``column``, ``whitespace``, ``vocabulary``, ``unstated``, ``country``, ``network``,
    ``slug``, ``date``, ``number``, ``form``, ``source``, or ``left``."""
    note: str | None
    """For a value left: why, and what it might be."""
    index: Any = None
    """For a DataFrame, the label of the change's row (pandas' index label, polars' row
    position); ``None`` otherwise, and for a column renamed in the header."""

    __repr__ = short_repr


_CHANGE_COLUMNS: dict[str, str] = {
    "record": "int",
    "index": "any",
    "line": "int",
    "column": "str",
    "field": "str",
    "before": "str",
    "after": "str",
    "rule": "str",
    "note": "str",
}


@dataclass(frozen=True, repr=False)
class FixResult:
    """What :func:`fix` did and what remains."""

    data: Any
    """The fixed data: objects for objects, a DataFrame of the same kind for a DataFrame,
    ``bytes`` for bytes or a path read without ``output``, ``None`` when it was written to
    ``output``."""
    changes: list[Change]
    """Every change and every value left, in input order."""
    report: ValidationReport
    """The validation of the fixed data: the problems that remain."""
    records: int
    changed: int
    left: int
    document: str | None
    """The record type the input was read as."""
    log: Any = None
    """For a DataFrame, the change log as a DataFrame of the same kind (the columns of
    :class:`Change`, one row per change); ``None`` otherwise (see :meth:`changes_to_pandas`)."""

    def __bool__(self) -> bool:
        """Whether the fixed data is valid."""
        return self.report.valid

    def changes_to_pandas(self) -> pandas.DataFrame:
        """The changes as a pandas DataFrame, one row per change (needs pandas)."""
        return to_pandas([asdict(c) for c in self.changes], _CHANGE_COLUMNS)

    def changes_to_polars(self) -> polars.DataFrame:
        """The changes as a polars DataFrame, one row per change (needs polars)."""
        return to_polars([asdict(c) for c in self.changes], _CHANGE_COLUMNS)

    __repr__ = short_repr


def fix(
    data: dict[str, Any]
    | list[Any]
    | bytes
    | str
    | os.PathLike[str]
    | pandas.DataFrame
    | polars.DataFrame,
    output: str | os.PathLike[str] | None = None,
    *,
    document: Literal["catalogue", "network", "membership"] | None = None,
    format: Literal["json", "ndjson", "csv", "workbook"] | None = None,
    date_order: Literal["dmy", "mdy"] | None = None,
    catalogues: CatalogueArg | None = None,
    sheet: str | None = None,
    city_names: Literal["as-written", "english", "local"] | None = None,
) -> FixResult:
    """Applies the fixes that one meaning makes certain (column names, country names, network
    names and acronyms the catalogues know, vocabulary spellings, status words that say
    nothing, dates as spreadsheets write them, a source address column), leaves the rest with
    a note, and validates the result: the same fixer as ``citynets fix``.

    ``data`` is a path (``str`` or ``os.PathLike``: a CSV/TSV table, a workbook, a JSON or
    NDJSON file), ``bytes`` of such a file, Python objects (a ``dict`` or a ``list`` of
    records, fixed as JSON and returned as objects), or a pandas or polars DataFrame, fixed as
    the table of its cells (read as :func:`citynets.validate` reads it) and returned as a
    DataFrame of the same kind: the fixed table's columns, where a column that fix did not
    touch is the input's own (its type and values as they were) and the others hold text, a
    pandas frame keeping its index; :attr:`FixResult.log` is then the change log as a
    DataFrame of that kind, each change with its row's label in :attr:`Change.index`. With ``output``, a path is fixed from file to file as a
    stream; otherwise the fixed bytes are returned. ``date_order`` says which number of
    ``01/02/2015`` is the day; without it such dates are left. ``catalogues`` are networks whose
    names become ids, besides the embedded catalogue and registry: files, or catalogues read
    with :func:`citynets.load`. A workbook's sheet
    (``sheet``, by default the first) is written back as CSV. A member's city that the
    gazetteer places, read with its country, gets its ``geonames_id``; ``city_names``
    (``"english"``, ``"local"``) also writes the city in that form, keeping what was written in
    the member's ``name``.
    """
    check_types(
        document=document, format=format, date_order=date_order, sheet=sheet, city_names=city_names
    )
    known = _catalogues(catalogues)
    kind = frame_kind(data)
    if kind is not None:
        if output is not None or format is not None or sheet is not None:
            raise CitynetsValueError(
                "output, format and sheet apply to files and bytes, not to DataFrames"
            )
        return _fix_frame(data, kind, document, date_order, known, city_names)
    if isinstance(data, (dict, list)):
        if output is not None or format is not None:
            raise CitynetsValueError(
                "output and format apply to files and bytes, not to Python objects"
            )
        # The validator's reading of the objects: None, NaN and pandas' NA are absent.
        text = _core.json_text(data)
        raw = _core.fix_bytes(text, document, "json", None, date_order, known, sheet, city_names)
        fixed: Any = json.loads(raw["output"]) if raw["output"] else None
    elif isinstance(data, (bytes, bytearray, memoryview)):
        if output is not None:
            raise CitynetsValueError("output applies to a path; bytes are fixed into bytes")
        raw = _core.fix_bytes(
            bytes(data), document, format, None, date_order, known, sheet, city_names
        )
        fixed = raw["output"]
    elif isinstance(data, (str, os.PathLike)):
        path = os.fsdecode(os.fspath(data))
        if output is None:
            try:
                with open(path, "rb") as f:
                    content = f.read()
            except OSError as e:
                raise os_error(e) from None
            raw = _core.fix_bytes(
                content, document, format, path, date_order, known, sheet, city_names
            )
            fixed = raw["output"]
        else:
            raw = _core.fix_path(
                path,
                os.fsdecode(os.fspath(output)),
                document,
                format,
                date_order,
                known,
                sheet,
                city_names,
            )
            fixed = None
    else:
        raise CitynetsTypeError(
            f"cannot fix an object of type {type(data).__name__}: pass a path, bytes, a dict, "
            "a list of records or a DataFrame"
        )
    return FixResult(
        data=fixed,
        changes=[Change(**c) for c in raw["changes"]],
        report=ValidationReport(raw["report"], False),
        records=raw["records"],
        changed=raw["changed"],
        left=raw["left"],
        document=raw["document"],
    )


def _fix_frame(
    data: Any,
    kind: Literal["pandas", "polars"],
    document: str | None,
    date_order: str | None,
    known: list[Any] | None,
    city_names: str | None,
) -> FixResult:
    """:func:`fix` of a DataFrame: the core fixes the table of its cells; the fixed frame is
    rebuilt from the fixed table, keeping the columns fix did not touch as they were."""
    columns = frame_columns(data, kind)
    raw = _core.fix_frame(
        columns.names, columns.rows, columns.read, document, date_order, known, city_names
    )
    changes = [
        Change(**c, index=columns.label(c["record"]) if c["record"] > 0 else None)
        for c in raw["changes"]
    ]
    touched = {c.column for c in changes if c.rule != "left" and c.column is not None}
    touched |= {c.field for c in changes if c.rule != "left"}
    fixed = fixed_frame(data, columns, raw["output"] or b"", touched)
    rows = [asdict(c) for c in changes]
    log = to_pandas(rows, _CHANGE_COLUMNS) if kind == "pandas" else to_polars(rows, _CHANGE_COLUMNS)
    return FixResult(
        data=fixed,
        changes=changes,
        report=ValidationReport(raw["report"], False, columns.label),
        records=raw["records"],
        changed=raw["changed"],
        left=raw["left"],
        document=raw["document"],
        log=log,
    )
