"""Workbooks from Python: a path to an ``.xlsx`` file, bytes with ``format="workbook"``, a
sheet chosen by name, and the problems' cells. The workbooks are written here with
:mod:`zipfile` (the least an ``.xlsx`` file holds: one XML part per sheet, its cells inline
strings), so no spreadsheet package is needed."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest

import citynets

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
SML = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def xlsx(sheets: list[tuple[str, list[list[str]]]]) -> bytes:
    """A workbook of the sheets given, each a name and rows of strings from A1 (an empty
    string is an empty cell)."""
    numbers = range(1, len(sheets) + 1)
    parts = {
        "[Content_Types].xml": f'<Types xmlns="{TYPES}">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{SML}.sheet.main+xml"/>'
        + "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{SML}.worksheet+xml"/>'
            for i in numbers
        )
        + "</Types>",
        "_rels/.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
        f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
        + "".join(
            f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"/>'
            for i, (name, _) in zip(numbers, sheets)
        )
        + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG}">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in numbers
        )
        + "</Relationships>",
    }
    for i, (_, rows) in zip(numbers, sheets):
        cells = "".join(
            f'<row r="{r}">'
            + "".join(
                f'<c r="{chr(65 + c)}{r}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'
                for c, text in enumerate(row)
                if text
            )
            + "</row>"
            for r, row in enumerate(rows, 1)
        )
        parts[f"xl/worksheets/sheet{i}.xml"] = (
            f'<worksheet xmlns="{MAIN}"><sheetData>{cells}</sheetData></worksheet>'
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, '<?xml version="1.0" encoding="UTF-8"?>\n' + text)
    return out.getvalue()


BOOK = xlsx(
    [
        ("Sheet1", [["id", "name", "scope"], ["eurocities", "Eurocities", "european"], ["c40", "C40", "globl"]]),
        ("My sheet", [["id", "name"], ["Bad Id", "X"]]),
    ]
)


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "networks.xlsx"
    path.write_bytes(BOOK)
    return path


def test_problems_name_their_cells(book: Path) -> None:
    report = citynets.validate(book)
    assert report.records == 2 and not report.valid
    (issue,) = report.issues
    assert issue.code == "unknown_variant"
    assert issue.cell == "Sheet1!C3"
    assert (issue.line, issue.column) == (3, 3)
    assert issue.suggestion == "global"
    assert issue.path == str(book)
    assert f"{book}:Sheet1!C3 " in str(issue)
    assert [i["cell"] for i in report.to_dicts()] == ["Sheet1!C3"]


def test_a_sheet_is_chosen_by_name(book: Path) -> None:
    (issue,) = citynets.validate(book, sheet="My sheet").issues
    assert issue.code == "pattern"
    assert issue.cell == "'My sheet'!A2"
    with pytest.raises(ValueError, match='no sheet named "Nope"; its sheets are: "Sheet1", "My sheet"'):
        citynets.validate(book, sheet="Nope")


def test_a_workbook_in_memory_needs_its_format_named(book: Path) -> None:
    from_bytes = citynets.validate(BOOK, format="workbook")
    from_path = citynets.validate(book)
    assert [(i.cell, i.code, i.message) for i in from_bytes.issues] == [
        (i.cell, i.code, i.message) for i in from_path.issues
    ]
    (issue,) = citynets.validate(BOOK).issues
    assert issue.code == "encoding" and issue.cell is None
    assert issue.message.startswith("this is an Excel workbook (or an ODS spreadsheet), not JSON text")


def test_sheet_applies_to_workbooks_only(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text("[]")
    with pytest.raises(ValueError, match="sheet applies to workbooks only"):
        citynets.validate(path, sheet="Sheet1")
    with pytest.raises(ValueError, match="sheet applies to workbooks only"):
        citynets.validate(b"[]", sheet="Sheet1")
    with pytest.raises(ValueError, match="sheet applies to workbooks"):
        citynets.validate([], sheet="Sheet1")
