"""What the report of a DataFrame and the report of its CSV table share, for the tests that
compare them (``test_frames_in.py``, ``test_frames_properties.py``)."""

from __future__ import annotations

from typing import Any

import citynets


def same(report: citynets.ValidationReport) -> list[tuple[Any, ...]]:
    """Each problem without its places in the text (line, column, path) and the row's label,
    which a frame's problems do not share with its table's."""
    return [
        (
            i.record,
            i.code,
            i.severity,
            i.instance_location,
            i.keyword_location,
            i.column_name,
            i.message,
            i.suggestion,
        )
        for i in report.issues
    ]
