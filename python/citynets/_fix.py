"""Repair of third-party data with the Rust fixer: :func:`fix`, its changes and its result."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any, Literal

from . import _core
from ._errors import CitynetsTypeError, CitynetsValueError, check_types, os_error
from ._repr import short_repr
from ._validation import CatalogueArg, ValidationReport, _catalogues

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

    __repr__ = short_repr


@dataclass(frozen=True, repr=False)
class FixResult:
    """What :func:`fix` did and what remains."""

    data: Any
    """The fixed data: objects for objects, ``bytes`` for bytes or a path read without
    ``output``, ``None`` when it was written to ``output``."""
    changes: list[Change]
    """Every change and every value left, in input order."""
    report: ValidationReport
    """The validation of the fixed data: the problems that remain."""
    records: int
    changed: int
    left: int
    document: str | None
    """The record type the input was read as."""

    def __bool__(self) -> bool:
        """Whether the fixed data is valid."""
        return self.report.valid

    __repr__ = short_repr


def fix(
    data: dict[str, Any] | list[Any] | bytes | str | os.PathLike[str],
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
    NDJSON file), ``bytes`` of such a file, or Python objects (a ``dict`` or a ``list`` of records, fixed as
    JSON and returned as objects). With ``output``, a path is fixed from file to file as a
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
            f"cannot fix an object of type {type(data).__name__}: pass a path, bytes, a dict "
            "or a list of records"
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
