"""Validates another city's list of networks against the citynets model and prints the report as
a table: where each problem is, what it is, and the value probably meant.

    python examples/validate_city_list.py [path/to/networks.json]

Without an argument it checks ``examples/data/other_city_networks.json``, the list of a
fictional city with a few mistakes made on purpose. Exits 1 when the list is not valid.
"""

from __future__ import annotations

import sys
from pathlib import Path

import citynets

DEFAULT = Path(__file__).resolve().parent / "data" / "other_city_networks.json"


def table(report: citynets.ValidationReport) -> str:
    """The problems as a text table: record, place, line:column, severity, code, suggestion and
    message (cut to fit)."""
    header = ("record", "where", "line:col", "severity", "code", "meant", "message")
    rows = [header]
    for issue in report.issues:
        rows.append(
            (
                "" if issue.record is None else str(issue.record),
                issue.instance_location or "(record)",
                f"{issue.line}:{issue.column}" if issue.line is not None else "",
                issue.severity,
                issue.code,
                issue.suggestion or "",
                issue.message if len(issue.message) <= 60 else issue.message[:57] + "...",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Validates the file given (or the shipped example) and prints the report."""
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    report = citynets.validate(path)
    verdict = "valid" if report.valid else "NOT valid"
    print(f"{path.name}: {report.records} records, {verdict}")
    print(f"{report.error_count} errors, {report.warning_count} warnings\n")
    if report.issues:
        print(table(report))
    return 0 if report.valid else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
