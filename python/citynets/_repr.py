"""The one short ``repr`` of the package's records and results: the set fields on one line,
containers as their length, long texts cut, the whole under 200 characters, so that a
notebook cell or a log line stays readable (``to_dict()`` has everything)."""

from __future__ import annotations

import dataclasses
import enum
from typing import Any

__all__ = ["MAX", "cut", "short_repr", "short_value"]

MAX = 199
"""The longest ``repr`` of a record or a result: under 200 characters."""

# The longest text shown for one field before it is cut.
_FIELD = 80


def short_repr(self: Any) -> str:
    """The dataclass's set fields on one line: ``None``, empty tuples and defaults marked
    ``omit_default`` left out; lists, tuples, dicts and bytes as their length; enum members as
    their value; each field's text at most 80 characters and the whole at most :data:`MAX`."""
    parts = []
    for f in dataclasses.fields(self):
        value = getattr(self, f.name)
        if value is None or value == () or (f.metadata.get("omit_default") and value == f.default):
            continue
        parts.append(f"{f.name}={short_value(value)}")
    return cut(f"{type(self).__name__}({', '.join(parts)})")


def short_value(value: Any) -> str:
    """One field's value as a record's repr shows it: containers as their length, enum members
    as their value, texts cut at 80 characters."""
    if isinstance(value, (tuple, list, dict, bytes, bytearray)):
        return f"<{len(value)}>"
    if isinstance(value, enum.Enum):
        return repr(value.value)
    text = repr(value)
    return text if len(text) <= _FIELD else text[: _FIELD - 2] + "…" + text[-1]


def cut(text: str) -> str:
    """``text`` cut to :data:`MAX` characters, ending with ``…)`` when cut."""
    return text if len(text) <= MAX else text[: MAX - 2] + "…)"
