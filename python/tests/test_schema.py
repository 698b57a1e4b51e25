"""The committed schemas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import citynets


@pytest.mark.parametrize("name", ["catalogue", "network", "membership"])
def test_schema_is_the_committed_file(repo: Path, name: str) -> None:
    committed = json.loads((repo / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
    got = citynets.schema(name)  # type: ignore[arg-type]
    assert got == committed
    assert got["$id"] == f"urn:citynets:schema:{name}:2"
    got["$id"] = "changed"
    assert citynets.schema(name)["$id"] == f"urn:citynets:schema:{name}:2"  # type: ignore[arg-type]


def test_unknown_schema() -> None:
    with pytest.raises(ValueError, match="catalogue"):
        citynets.schema("networks")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        citynets.schema(None)  # type: ignore[arg-type]
