"""The vocabularies: Python enums equal to the Rust ones."""

from __future__ import annotations

import enum
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import citynets
from citynets import _core

NAMES = [
    "PolicyArea",
    "Orientation",
    "Focus",
    "Scope",
    "Kind",
    "Status",
    "Role",
    "MemberKind",
    "NameKind",
    "CaveatKind",
    "CountQualifier",
    "Relation",
    "Fact",
]


def test_every_rust_vocabulary_is_exported() -> None:
    assert [name for name, _, _ in _core.vocabularies()] == NAMES
    for name in NAMES:
        assert name in citynets.__all__


@pytest.mark.parametrize(("name", "doc", "values"), _core.vocabularies())
def test_enum_members_equal_the_rust_variants(
    name: str, doc: str, values: list[tuple[str, str, str, str, str]]
) -> None:
    cls = getattr(citynets, name)
    assert issubclass(cls, enum.Enum) and issubclass(cls, citynets.Vocabulary)
    assert cls.__doc__ == doc and doc
    assert [m.value for m in cls] == [v[0] for v in values]
    assert [m.name for m in cls] == [v[0].upper() for v in values]
    for member, (value, label, label_nl, label_fr, description) in zip(cls, values, strict=True):
        assert cls(value) is member
        assert member == value and str(member) == value and f"{member}" == value
        assert isinstance(member.value, str)
        assert (member.label, member.label_nl, member.label_fr) == (label, label_nl, label_fr)
        assert member.description == description and description
        assert pickle.loads(pickle.dumps(member)) is member


def test_examples() -> None:
    assert citynets.PolicyArea("climate") is citynets.PolicyArea.CLIMATE
    assert citynets.PolicyArea("climate").label == "Climate"
    assert citynets.PolicyArea.CLIMATE.label_nl == "Klimaat"
    assert citynets.PolicyArea.CLIMATE.label_fr == "Climat"
    assert citynets.Orientation.KNOWLEDGE_EXCHANGE.value == "knowledge_exchange"
    assert len(list(citynets.PolicyArea)) == 24
    with pytest.raises(ValueError):
        citynets.PolicyArea("klimaat")


def test_the_enum_stub_is_up_to_date(repo: Path) -> None:
    tool = repo / "python" / "tools" / "enum_stub.py"
    result = subprocess.run(
        [sys.executable, str(tool), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
