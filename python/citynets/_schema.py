"""The committed JSON Schemas of the model, from the Rust crate."""

from __future__ import annotations

import json
from typing import Any, Literal

from . import _core
from ._errors import CitynetsTypeError

__all__ = ["schema"]


_TEXT: dict[str, str] = {}


def _text(name: str) -> str:
    text = _TEXT.get(name)
    if text is None:
        text = _TEXT[name] = _core.schema_json(name)
    return text


def schema(name: Literal["catalogue", "network", "membership"]) -> dict[str, Any]:
    """The committed JSON Schema (draft 2020-12) of one kind of document, as a new dict each
    call: ``"catalogue"`` (one city's networks), ``"network"`` (one network record) or
    ``"membership"`` (one membership record). Another name raises
    :class:`citynets.CitynetsValueError`."""
    if not isinstance(name, str):
        raise CitynetsTypeError(f"the schema name must be a str, not {type(name).__name__}")
    result: dict[str, Any] = json.loads(_text(name))
    return result
