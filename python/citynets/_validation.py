"""Validation of third-party data with the Rust validator: :func:`validate`, its report and its
problems."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Protocol

from . import _core
from ._errors import (
    CitynetsFileNotFoundError,
    CitynetsTypeError,
    CitynetsValueError,
    check_types,
)
from ._frames import frame_columns, frame_kind, to_pandas, to_polars
from ._repr import short_repr

if TYPE_CHECKING:
    import pandas
    import polars

__all__ = [
    "ValidationError",
    "ValidationIssue",
    "ValidationReport",
    "WideConversion",
    "convert_wide",
    "validate",
    "validate_json",
]


# A str whose first character other than whitespace (or a byte-order mark) is { or [ is JSON
# text, which validate() refuses (validate_json reads it); any other str is a path.
_JSON_TEXT = re.compile(r"[\s\ufeff]*[\[{]")

# The problems a report shows in a notebook (``_repr_html_``).
_HTML_ROWS = 20

_ISSUE_COLUMNS: dict[str, str] = {
    "path": "str",
    "instance_location": "str",
    "keyword_location": "str",
    "record": "int",
    "line": "int",
    "column": "int",
    "code": "str",
    "severity": "str",
    "message": "str",
    "suggestion": "str",
    "cell": "str",
    "column_name": "str",
    "index": "any",
}


@dataclass(frozen=True, repr=False)
class ValidationIssue:
    """One problem found in an input: the snake_case twin of the Rust ``Problem`` record (the
    record shape shared with the command line and the test fixtures; ``message`` is the Rust
    ``error``)."""

    path: str | None
    """The file the problem is in, when validating a file."""
    instance_location: str
    """JSON Pointer to the offending value (within the record, for lists of records)."""
    keyword_location: str
    """JSON Pointer, within the committed schema, to the keyword that failed (empty for
    problems the schema does not express)."""
    record: int | None
    """The record, counted from 1 as the command line and the Rust crate count it: record 1 is
    the first element of a list (``data[0]``), the first network of a catalogue, the first
    NDJSON line that is not blank, the first data row of a table. ``None`` for a problem of
    the input as a whole or of a single document."""
    line: int | None
    """1-based line in the input (``None`` for Python objects)."""
    column: int | None
    """1-based column in the input, in Unicode code points (``None`` for Python objects)."""
    code: str
    """The stable code (``"unknown_variant"``, ``"missing_field"``, ``"too_deep"``…)."""
    severity: Literal["error", "warning"]
    """``"error"`` (the schema rejects the input) or ``"warning"`` (what the schema cannot
    express)."""
    message: str
    """What is wrong and what was expected, for a person."""
    suggestion: str | None
    """The value probably meant, when there is one. The empty string means: leave the field
    out (an empty cell), as for a status of ``"member"``, which says no grade."""
    cell: str | None = None
    """For a workbook, the cell the problem is in, with its sheet, as Excel names it
    (``"Sheet1!C7"``, ``"'My sheet'!C7"``); :attr:`line` is then the sheet's row and
    :attr:`column` the column's number. ``None`` otherwise."""
    column_name: str | None = None
    """For a table, a workbook or a DataFrame, the column the problem is in, as its header
    names it (``"member.country"``, or a column the model does not have). ``None``
    otherwise."""
    index: Any = None
    """For a DataFrame, the label of the problem's row: its label in a pandas frame's index,
    its position (from 0) in a polars frame. ``None`` for other inputs and for problems of
    the frame as a whole."""

    def to_dict(self) -> dict[str, Any]:
        """The problem as a dict with the field names above."""
        return asdict(self)

    __repr__ = short_repr

    def __str__(self) -> str:
        where = self.instance_location or "(top level)"
        if self.record is not None:
            where = f"record {self.record} {where}"
        if self.cell is not None:
            where = f"{self.cell} {where}"
        elif self.index is not None:
            where = f"row {self.index!r} {where}"
        elif self.line is not None:
            where = f"{self.line}:{self.column} {where}"
        if self.path is not None:
            where = f"{self.path}:{where}"
        # The message of a problem whose suggestion is empty already says to leave it out.
        hint = f" (did you mean {self.suggestion!r}?)" if self.suggestion else ""
        return f"{where}: {self.severity} [{self.code}] {self.message}{hint}"


class ValidationError(CitynetsValueError):
    """Raised when an input is not valid (:meth:`ValidationReport.raise_for_errors`,
    :meth:`citynets.Network.from_dict`, :func:`citynets.load`); the report is in
    :attr:`report`."""

    report: ValidationReport
    """The report of the validation that failed."""

    def __init__(self, report: ValidationReport) -> None:
        """Makes the error for a report, with its counts and first problems as the message."""
        self.report = report
        lines = [f"invalid input: {report.error_count} errors, {report.warning_count} warnings"]
        shown = report.issues if report.strict else report.errors
        lines += [f"  {issue}" for issue in shown[:5]]
        if len(shown) > 5:
            lines.append(f"  … and {len(shown) - 5} more")
        super().__init__("\n".join(lines))


class ValidationReport:
    """What validating one input found. ``bool(report)`` is :attr:`valid`."""

    __slots__ = (
        "error_count",
        "errors",
        "issues",
        "records",
        "strict",
        "valid",
        "warning_count",
        "warnings",
    )

    issues: list[ValidationIssue]
    """Every problem kept, in the order found (at most 10,000; the counts include the rest)."""
    errors: list[ValidationIssue]
    """The errors kept."""
    warnings: list[ValidationIssue]
    """The warnings kept."""
    error_count: int
    """How many errors were found in all (kept or not)."""
    warning_count: int
    """How many warnings were found in all (kept or not)."""
    records: int
    """How many records were read: networks or memberships (for a catalogue document, its
    networks)."""
    strict: bool
    """Whether warnings count against validity."""
    valid: bool
    """No error, and no warning either when :attr:`strict`."""

    def __init__(
        self,
        raw: Mapping[str, Any],
        strict: bool,
        label: Callable[[int | None], Any] | None = None,
    ) -> None:
        """Builds the report from the native module's result; use :func:`validate`. For a
        DataFrame, ``label`` gives the label of the row a problem's record names."""
        if label is None:
            self.issues = [ValidationIssue(**p) for p in raw["problems"]]
        else:
            self.issues = [ValidationIssue(**p, index=label(p["record"])) for p in raw["problems"]]
        self.errors = [i for i in self.issues if i.severity == "error"]
        self.warnings = [i for i in self.issues if i.severity == "warning"]
        self.error_count = int(raw["errors"])
        self.warning_count = int(raw["warnings"])
        self.records = int(raw["records"])
        self.strict = strict
        self.valid = bool(raw["valid"])

    def __bool__(self) -> bool:
        """Whether the input is valid."""
        return self.valid

    def __repr__(self) -> str:
        verdict = "valid" if self.valid else "invalid"
        return (
            f"<ValidationReport {verdict}: {self.records} records, "
            f"{self.error_count} errors, {self.warning_count} warnings>"
        )

    def _repr_html_(self) -> str:
        """The report in a notebook: the verdict and counts, then the first problems as a
        table (at most :data:`_HTML_ROWS`; the rest are counted)."""
        from html import escape

        verdict = "valid" if self.valid else "invalid"
        head = (
            f"<p><b>{verdict}</b>: {self.records} records, {self.error_count} errors, "
            f"{self.warning_count} warnings</p>"
        )
        if not self.issues:
            return head
        rows = []
        for i in self.issues[:_HTML_ROWS]:
            where = i.cell or (f"{i.line}:{i.column}" if i.line is not None else "")
            if not where and i.index is not None:
                where = f"row {i.index!r}"
            cells = [
                str(i.record) if i.record is not None else "",
                where,
                i.column_name or i.instance_location,
                i.severity,
                i.code,
                i.message,
                i.suggestion or "",
            ]
            rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        names = ["record", "place", "field", "severity", "code", "message", "did you mean"]
        header = "<tr>" + "".join(f"<th>{n}</th>" for n in names) + "</tr>"
        more = len(self.issues) - _HTML_ROWS
        tail = f"<p>and {more} more problems (<code>to_pandas()</code> has them all)</p>"
        return f"{head}<table>{header}{''.join(rows)}</table>" + (tail if more > 0 else "")

    def raise_for_errors(self) -> None:
        """Raises :class:`ValidationError` unless the input is valid."""
        if not self.valid:
            raise ValidationError(self)

    def to_dicts(self) -> list[dict[str, Any]]:
        """The problems as dicts, one per problem."""
        return [i.to_dict() for i in self.issues]

    def to_pandas(self) -> pandas.DataFrame:
        """The problems as a pandas DataFrame, one row per problem (needs pandas)."""
        return to_pandas(self.to_dicts(), _ISSUE_COLUMNS)

    def to_polars(self) -> polars.DataFrame:
        """The problems as a polars DataFrame, one row per problem (needs polars)."""
        return to_polars(self.to_dicts(), _ISSUE_COLUMNS)


class _Read(Protocol):
    """A catalogue already read (:class:`citynets.Catalogue`), as this module sees it: the
    native half it holds."""

    _native: _core.NativeCatalogue


CatalogueArg = Sequence["str | os.PathLike[str] | _Read"]
"""The catalogues a validation uses besides the embedded one: files, or catalogues already
read (:func:`citynets.load`)."""


def validate(
    data: dict[str, Any]
    | list[Any]
    | tuple[Any, ...]
    | bytes
    | bytearray
    | memoryview
    | str
    | os.PathLike[str]
    | os.PathLike[bytes]
    | pandas.DataFrame
    | polars.DataFrame,
    document: Literal["catalogue", "network", "membership", "membership-wide"] | None = None,
    format: Literal["json", "ndjson", "csv", "workbook"] | None = None,
    strict: bool = False,
    catalogues: CatalogueArg | None = None,
    sheet: str | None = None,
) -> ValidationReport:
    """Validates data against the citynets model (the committed JSON Schemas) with the Rust
    validator, and reports every problem. JSON text in a ``str`` goes to
    :func:`validate_json`.

    ``data`` is one of:

    - a path (a ``str``, ``pathlib.Path`` or any ``os.PathLike``): the file is read as
      ``citynets validate FILE`` reads it, as a stream, so memory does not grow with its size,
      its format taken from its extension or ``format``: JSON (``.json``), NDJSON
      (``.ndjson``, ``.jsonl``), a table of records (``.csv``, ``.tsv``; problems name their
      columns in :attr:`ValidationIssue.column_name`), or a workbook (``.xlsx``, ``.xlsm``,
      ``.xls``, ``.ods``; one sheet, the first or the one named by ``sheet``; problems name
      their cells in :attr:`ValidationIssue.cell`). With ``document="membership-wide"`` a CSV
      file is a wide table: one row per city, one column per network. A missing file raises
      :class:`citynets.CitynetsFileNotFoundError` (a ``FileNotFoundError``), a directory
      :class:`citynets.CitynetsIsADirectoryError`; a sheet the workbook does not have, and an
      ``.xls`` or ``.ods`` file over 64 MiB, :class:`citynets.CitynetsValueError`.
    - Python objects: a ``dict`` (a catalogue document, or one record when ``document`` says
      which) or a ``list``/``tuple`` of records (networks unless ``document`` says otherwise),
      made of ``None``, ``bool``, ``int``, ``float``, ``str``, ``list``, ``tuple`` and ``dict``
      with ``str`` keys. A dict's entry whose value is ``None``, NaN or pandas' ``NA`` is read
      as absent, as an empty cell is (so ``df.to_dict("records")`` validates as the table
      does). Other types raise :class:`citynets.CitynetsTypeError`, as does a structure that
      contains itself; integers beyond 64 bits and NaN or infinite floats in a list raise
      :class:`citynets.CitynetsValueError`. Problems have no line and column; record ``n`` of
      a list is ``data[n - 1]``.
    - ``bytes`` (or ``bytearray``, ``memoryview``): a file's content held in memory (up to
      64 MiB for a workbook), read as the file would be; give ``format`` for a table or a
      workbook.
    - a pandas or polars DataFrame: read as the CSV table of its cells (records of
      ``document``, network by default), column by column and never a dict per row, so it
      gets the report that table gets. Columns are named as in a table (``member.city``, or a
      pandas MultiIndex ``("member", "city")``) or hold the nested value (a list or struct
      column, read as a JSON cell); ``|`` lists and JSON text in string cells are read as in
      a table. ``None``, NaN, pandas' ``NA`` and ``NaT`` are absent (an empty cell), as is
      the empty string; a whole float is an integer (``2015.0`` is ``2015``, as a column of
      years with an empty cell holds them); booleans are ``true``/``false``; dates and
      timestamps their ISO 8601 text (the date alone at midnight); numpy and pyarrow scalars
      their Python values. A value of another type raises
      :class:`citynets.CitynetsTypeError` naming its column and row. Problems carry the row's
      label in :attr:`ValidationIssue.index` (pandas' index label, polars' row position) and
      the column in :attr:`ValidationIssue.column_name`, and no line or column; ``record``
      ``n`` is the frame's row at position ``n - 1``. pandas' index is not read as a column
      (``reset_index()`` makes it one). Memory holds one block of rows at a time.

    A ``str`` that starts (after blanks) with ``{`` or ``[`` is JSON text, not a path: it
    raises :class:`citynets.CitynetsTypeError` pointing to :func:`validate_json`.

    ``document`` is ``"catalogue"``, ``"network"``, ``"membership"`` or
    ``"membership-wide"``; ``format`` is ``"json"``, ``"ndjson"``, ``"csv"`` or
    ``"workbook"`` (detected from the file name or the first bytes when ``None``; not used for
    Python objects). Records that look like another kind than the one asked for get a problem
    that says which to ask for. With ``strict``, warnings make the input invalid too.

    ``catalogues`` are the networks that memberships may refer to, besides the embedded
    catalogue and registry (as ``--catalogue FILE`` on the command line): files (catalogue documents, lists
    of network records in JSON or NDJSON, CSV tables or workbooks of them) or catalogues read
    with :func:`citynets.load`. A membership whose ``organization_id`` none of them knows gets
    an ``unknown_network`` warning. A file that is not a valid catalogue raises
    :class:`citynets.CitynetsValueError`.

    The GIL is released while the validator runs. Input nested deeper than the validator's
    limit is reported as a ``too_deep`` problem rather than read.
    """
    check_types(document=document, format=format, sheet=sheet, strict_flag=strict)
    known = _catalogues(catalogues)
    if document == "membership-wide":
        if format not in (None, "csv"):
            raise CitynetsValueError(
                'document="membership-wide" reads a CSV table; save a sheet as CSV first'
            )
    # The native module reads a wide table as a format of its own.
    document_arg: str | None = None if document == "membership-wide" else document
    format_arg: str | None = "membership-wide" if document == "membership-wide" else format
    kind = frame_kind(data)
    if kind is not None:
        if format is not None or document == "membership-wide" or sheet is not None:
            raise CitynetsValueError(
                "format, sheet and membership-wide apply to files and bytes, not to DataFrames"
            )
        columns = frame_columns(data, kind)
        raw = _core.validate_frame(
            columns.names, columns.rows, columns.read, document_arg, strict, known
        )
        return ValidationReport(raw, strict, columns.label)
    if isinstance(data, (dict, list, tuple)):
        if format is not None or document == "membership-wide":
            raise CitynetsValueError(
                "format and membership-wide apply to files and bytes, not to Python objects"
            )
        if sheet is not None:
            raise CitynetsValueError("sheet applies to workbooks, not to Python objects")
        raw = _core.validate_object(data, document_arg, strict, known)
    elif isinstance(data, (bytes, bytearray, memoryview)):
        raw = _core.validate_bytes(
            bytes(data), document_arg, format_arg, None, strict, known, sheet
        )
    elif isinstance(data, str) and _JSON_TEXT.match(data):
        raise CitynetsTypeError(
            "validate() reads a str as a path, and this one is JSON text: use "
            "citynets.validate_json(text) for JSON or NDJSON text"
        )
    elif isinstance(data, (str, os.PathLike)):
        path = os.fspath(data)
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        try:
            raw = _core.validate_path(path, document_arg, format_arg, strict, known, sheet)
        except CitynetsFileNotFoundError as e:
            if isinstance(data, str) and not os.path.splitext(data)[1]:
                hint = (
                    "validate() reads a str as a path; for JSON text use "
                    "citynets.validate_json(text)"
                )
                if sys.version_info >= (3, 11):
                    e.add_note(hint)
            raise
    else:
        raise CitynetsTypeError(
            f"cannot validate an object of type {type(data).__name__}: pass a path, a dict, a "
            "list of dicts, bytes or a DataFrame (citynets.validate_json takes JSON text)"
        )
    return ValidationReport(raw, strict)


def validate_json(
    text: str | bytes | bytearray | memoryview,
    document: Literal["catalogue", "network", "membership"] | None = None,
    format: Literal["json", "ndjson"] | None = None,
    strict: bool = False,
    catalogues: CatalogueArg | None = None,
) -> ValidationReport:
    """Validates JSON or NDJSON text (a ``str``, or ``bytes`` in UTF-8) as :func:`validate`
    validates a file: problems have their line and column in the text. ``format`` is
    ``"json"`` or ``"ndjson"`` (detected when ``None``); the other arguments are
    :func:`validate`'s. A ``str`` with a lone surrogate raises
    :class:`citynets.CitynetsValueError`; another type, :class:`citynets.CitynetsTypeError`."""
    check_types(document=document, format=format, strict_flag=strict)
    if isinstance(text, str):
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError as e:
            raise CitynetsValueError(
                f"the JSON text is not valid Unicode (a lone surrogate at index {e.start})"
            ) from None
    elif isinstance(text, (bytes, bytearray, memoryview)):
        data = bytes(text)
    else:
        raise CitynetsTypeError(
            f"validate_json() takes JSON text as str or bytes, not {type(text).__name__}; "
            "validate() takes paths and Python objects"
        )
    if format not in (None, "json", "ndjson"):
        raise CitynetsValueError(f'validate_json() reads "json" or "ndjson", not {format!r}')
    raw = _core.validate_bytes(data, document, format, None, strict, _catalogues(catalogues), None)
    return ValidationReport(raw, strict)


class WideConversion(NamedTuple):
    """What :func:`convert_wide` read: the membership records and the report."""

    def __repr__(self) -> str:
        return f"WideConversion(memberships=<{len(self.memberships)}>, report={self.report!r})"

    memberships: list[dict[str, Any]]
    """The valid membership records, in the order of the rows and columns (as the command
    line's ``convert --from wide`` writes them)."""
    report: ValidationReport
    """Every problem found in the table; cells that do not make a valid record are here, not
    in :attr:`memberships`."""


def convert_wide(
    path: str | os.PathLike[str],
    catalogues: CatalogueArg | None = None,
    delimiter: str | None = None,
) -> WideConversion:
    """Reads a wide table (one row per city, one column per network: the research shape of
    Acuto & Leffel's table) as membership records, as ``citynets convert --from wide`` does.
    ``delimiter`` is the CSV delimiter (taken from the header line when ``None``). The file is
    read as a stream; the records are returned in one list (about 1 KB of Python objects
    each)."""
    if not isinstance(path, (str, os.PathLike)):
        raise CitynetsTypeError(f"convert_wide() reads a path, not {type(path).__name__}")
    check_types(delimiter=delimiter)
    if delimiter is not None and len(delimiter) != 1:
        raise CitynetsValueError("the delimiter is one character")
    text, raw = _core.convert_wide(os.fspath(path), _catalogues(catalogues), delimiter)
    records = [json.loads(line) for line in text.splitlines() if line]
    return WideConversion(records, ValidationReport(raw, False))


def _catalogues(catalogues: CatalogueArg | None) -> list[Any] | None:
    """The catalogues as the native module takes them: paths as str, catalogues as their native
    half."""
    if catalogues is None:
        return None
    if isinstance(catalogues, (str, bytes, os.PathLike)):
        raise CitynetsTypeError("catalogues is a list of files or catalogues, not one path")
    out: list[Any] = []
    for c in catalogues:
        native = getattr(c, "_native", None)
        if isinstance(native, _core.NativeCatalogue):
            out.append(native)
        elif isinstance(c, (str, os.PathLike)):
            out.append(os.fspath(c))
        else:
            raise CitynetsTypeError(
                f"a catalogue is a path or a citynets.Catalogue, not {type(c).__name__}"
            )
    return out
