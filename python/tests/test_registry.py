"""The registry from Python: the networks third-party data refers to, looked up, searched and
filtered as a catalogue is, and a city's own list made into a catalogue."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import citynets


def test_the_registry_holds_ghents_networks_and_others() -> None:
    registry = citynets.registry()
    assert registry is citynets.registry()
    ghent = citynets.ghent()
    assert len(registry) >= 150
    for n in ghent:
        same = registry[n.id]
        assert same.id == n.id and same.memberships == ()
        assert (same.founding_date, same.website) == (n.founding_date, n.website)
    others = [n for n in registry if ghent.get(n.id) is None]
    assert len(others) >= 112
    one = others[0]
    assert registry[one.name].id == one.id
    assert ghent.get(one.id) is None
    assert registry.filter(policy_area="climate")
    with pytest.raises(citynets.UnknownValueError, match="did you mean"):
        registry.filter(policy_area="climte")
    with pytest.raises(citynets.NetworkNotFoundError):
        registry["zzzz no such network"]
    assert pickle.loads(pickle.dumps(registry)) is registry
    assert len(repr(registry)) < 200


def test_memberships_refer_to_registry_networks() -> None:
    registry = citynets.registry()
    ghent = citynets.ghent()
    other = next(n for n in registry if ghent.get(n.id) is None)
    rows = [{"organization_id": other.id, "member": {"kind": "city", "city": "Gent", "country": "BE"}}]
    assert citynets.validate(rows, document="membership", strict=True).valid


def test_a_citys_list_becomes_a_catalogue(tmp_path: Path) -> None:
    sheet = tmp_path / "list.csv"
    sheet.write_text("Netzwerk;Seit\nEurocities;1989\nKlima-Bündnis;\nNo such thing;\n", encoding="utf-8")
    made = citynets.catalogue_from_list(sheet, "Munich", "DE", "https://example.org/munich")
    assert made.rows == 3
    assert [n.id for n in made.catalogue] == ["eurocities", "climate-alliance"]
    assert made.catalogue["Eurocities"].memberships[0].start_date == "1989"
    assert [(left.row, left.text) for left in made.left] == [(3, "No such thing")]
    assert citynets.validate(made.catalogue.to_dict(), strict=True).valid
    assert len(repr(made)) < 200
    with pytest.raises(citynets.CitynetsValueError, match="Germany"):
        citynets.catalogue_from_list(sheet, "Munich", "Germany", "https://example.org/munich")
    with pytest.raises(citynets.CitynetsFileNotFoundError):
        citynets.catalogue_from_list(tmp_path / "missing.csv", "Munich", "DE", "https://x.org/")
