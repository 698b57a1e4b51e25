"""Validation of third-party data with the Rust validator: :func:`validate`, its report and its
problems."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Literal

from . import _core
from ._frames import to_pandas, to_polars

if TYPE_CHECKING:
    import pandas
    import polars

__all__ = ["ValidationError", "ValidationIssue", "ValidationReport", "validate"]


# A str whose first character other than whitespace (or a byte-order mark) is { or [ is JSON
# text; any other str is a path.
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
}


@dataclass(frozen=True)
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
    """The record: the line number for NDJSON, the index for a list of records or for a
    network of a catalogue document."""
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
    """For a table or a workbook, the column the problem is in, as its header names it
    (``"member.country"``, or a column the model does not have). ``None`` otherwise."""

    def to_dict(self) -> dict[str, Any]:
        """The problem as a dict with the field names above."""
        return asdict(self)

    def __str__(self) -> str:
        where = self.instance_location or "(top level)"
        if self.record is not None:
            where = f"record {self.record} {where}"
        if self.cell is not None:
            where = f"{self.cell} {where}"
        elif self.line is not None:
            where = f"{self.line}:{self.column} {where}"
        if self.path is not None:
            where = f"{self.path}:{where}"
        # The message of a problem whose suggestion is empty already says to leave it out.
        hint = f" (did you mean {self.suggestion!r}?)" if self.suggestion else ""
        return f"{where}: {self.severity} [{self.code}] {self.message}{hint}"


class ValidationError(ValueError):
    """Raised by :meth:`ValidationReport.raise_for_errors` when the input is not valid; the
    report is in :attr:`report`."""

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

    def __init__(self, raw: Mapping[str, Any], strict: bool) -> None:
        """Builds the report from the native module's result; use :func:`validate`."""
        self.issues = [ValidationIssue(**p) for p in raw["problems"]]
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


def validate(
    data: dict[str, Any]
    | list[Any]
    | tuple[Any, ...]
    | bytes
    | bytearray
    | memoryview
    | str
    | os.PathLike[str]
    | os.PathLike[bytes],
    document: Literal["catalogue", "network", "membership"] | None = None,
    format: Literal["json", "ndjson", "csv", "workbook"] | None = None,
    strict: bool = False,
    catalogues: Sequence[str | os.PathLike[str]] | None = None,
    sheet: str | None = None,
) -> ValidationReport:
    """Validates data against the citynets model (the committed JSON Schemas) with the Rust
    validator, and reports every problem.

    ``data`` is one of:

    - Python objects: a ``dict`` (a catalogue document, or one record when ``document`` says
      which) or a ``list``/``tuple`` of records (networks unless ``document`` says otherwise),
      made of ``None``, ``bool``, ``int``, ``float``, ``str``, ``list``, ``tuple`` and ``dict``
      with ``str`` keys. Other types raise ``TypeError``, as does a structure that contains
      itself; integers beyond 64 bits, NaN and infinite floats raise ``ValueError``.
      Problems have no line and column.
    - ``bytes`` (or ``bytearray``, ``memoryview``): JSON or NDJSON text, a CSV or TSV table
      with ``format="csv"``, or a workbook with ``format="workbook"`` (held in memory, up to
      64 MiB).
    - a path (``pathlib.Path`` or any ``os.PathLike``): the file is read as a stream, so memory
      does not grow with its size. A missing file raises ``FileNotFoundError``, a directory
      ``IsADirectoryError``. A ``.csv`` or ``.tsv`` file (or ``format="csv"``) is a table of
      records, one per row, read as ``citynets validate`` reads it; its problems name their
      columns (:attr:`ValidationIssue.column_name`). A workbook (``.xlsx``, ``.xlsm``, ``.xls``, ``.ods``, or
      ``format="workbook"``) is read as a table of records, one sheet of it: the first, or the
      one named by ``sheet``; its problems name their cells (:attr:`ValidationIssue.cell`).
      A sheet the workbook does not have raises ``ValueError`` naming its sheets, and so does
      an ``.xls`` or ``.ods`` file over 64 MiB (they are read whole).
    - a ``str``: JSON text when its first character other than whitespace is ``{`` or ``[``,
      otherwise a path. Pass ``bytes`` for any other JSON text.

    ``document`` is ``"catalogue"``, ``"network"`` or ``"membership"``; ``format`` is ``"json"``,
    ``"ndjson"``, ``"csv"`` or ``"workbook"`` (detected from the file name or the first bytes when
    ``None``; not used for Python objects). With ``strict``, warnings make the input invalid
    too. ``sheet`` names the sheet of a workbook to read, and applies to workbooks only.

    ``catalogues`` are files of the networks that memberships may refer to, besides the
    embedded catalogue (as ``--catalogue FILE`` on the command line): catalogue documents, lists
    of network records (JSON or NDJSON), or CSV tables or workbooks of them. A membership whose
    ``organization_id`` none of them knows gets an ``unknown_network`` warning. A file that is
    not a valid catalogue raises ``ValueError``; one that cannot be read, ``OSError``.

    The GIL is released while the validator runs. Input nested deeper than the validator's
    limit is reported as a ``too_deep`` problem rather than read.
    """
    known = None if catalogues is None else [os.fspath(c) for c in catalogues]
    if isinstance(data, (dict, list, tuple)):
        if format is not None:
            raise ValueError("format applies to text, bytes and files, not to Python objects")
        if sheet is not None:
            raise ValueError("sheet applies to workbooks, not to Python objects")
        raw = _core.validate_object(data, document, strict, known)
    elif isinstance(data, (bytes, bytearray, memoryview)):
        raw = _core.validate_bytes(bytes(data), document, format, None, strict, known, sheet)
    elif isinstance(data, str) and _JSON_TEXT.match(data):
        try:
            text = data.encode("utf-8")
        except UnicodeEncodeError as e:
            raise ValueError(
                f"the JSON text is not valid Unicode (a lone surrogate at index {e.start})"
            ) from None
        raw = _core.validate_bytes(text, document, format, None, strict, known, sheet)
    elif isinstance(data, (str, os.PathLike)):
        path = os.fspath(data)
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        try:
            raw = _core.validate_path(path, document, format, strict, known, sheet)
        except FileNotFoundError as e:
            if isinstance(data, str):
                hint = (
                    "validate() reads a str as a path unless its first character other than "
                    "whitespace is { or [; pass bytes for other JSON text"
                )
                if sys.version_info >= (3, 11):
                    e.add_note(hint)
                else:
                    # No exception notes before Python 3.11: the hint joins the message.
                    raise FileNotFoundError(e.errno, f"{e.strerror} ({hint})", e.filename) from e
            raise
    else:
        raise TypeError(
            f"cannot validate an object of type {type(data).__name__}: pass a dict, a list of "
            "dicts, bytes, a str of JSON text, or a path"
        )
    return ValidationReport(raw, strict)
