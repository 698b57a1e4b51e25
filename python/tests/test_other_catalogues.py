"""Any city's catalogue, not only the embedded one: read from a file or a dict, validated first,
with lookups, searches, resolutions and filters over its own networks, and usable as a catalogue
that memberships refer to."""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path
from typing import Any

import pytest

import citynets


def _document() -> dict[str, Any]:
    """A catalogue of another city: two of Ghent's networks, and one Ghent is not in (made
    here, with its own id), under another city."""
    doc = citynets.ghent().to_dict()
    kept = [n for n in doc["networks"] if n["id"] in ("eurocities", "climate-alliance")]
    energy = {  # a network of the city's own, which no embedded catalogue knows
        "id": "leuven-climate-pact",
        "name": "Leuven Climate Pact",
        "other_names": [
            {"name": "Leuven Climate Pact of Local Authorities", "kind": "official"},
        ],
        "policy_areas": ["energy", "climate"],
        "memberships": [
            {"organization_id": "leuven-climate-pact", "member": {"kind": "city", "city": "Leuven", "country": "BE"}}
        ],
    }
    for n in kept:
        for m in n.get("memberships", []):
            m["member"] = {"kind": "city", "city": "Leuven", "country": "BE"}
            m.pop("roles", None)
    doc["city"] = {"name": "Leuven", "country": "BE"}
    doc["list_source"] = {"url": "https://example.org/leuven/networks"}
    doc.pop("stated_counts", None)
    doc["networks"] = kept + [energy]
    return doc


def test_a_dict_becomes_a_catalogue_with_its_own_lookups() -> None:
    c = citynets.Catalogue(_document())
    assert c.city.name == "Leuven" and len(c) == 3
    # Its own network, by id and by name; not Ghent's networks it does not have.
    assert c["leuven-climate-pact"].name == "Leuven Climate Pact"
    assert c["Leuven Climate Pact"].id == "leuven-climate-pact"
    assert c.get("eccar") is None
    with pytest.raises(citynets.NetworkNotFoundError) as e:
        c["eccar"]
    assert isinstance(e.value, KeyError) and isinstance(e.value, citynets.CitynetsError)
    assert "eccar" in str(e.value) and not str(e.value).startswith("'")
    energy = [n.id for n in c if citynets.PolicyArea.ENERGY in n.policy_areas]
    assert "leuven-climate-pact" in energy
    assert [n.id for n in c.filter(policy_area="energy")] == energy
    assert [n.id for n in c.search("leuven pact")][0] == "leuven-climate-pact"
    outcome, candidates = c.resolve("leuven climate pact")
    assert outcome == "found" and candidates[0][0].id == "leuven-climate-pact"
    assert 0.0 < candidates[0][1] <= 1.0
    assert c.resolve("the") == ("not_found", [])
    # The embedded catalogue is untouched.
    assert citynets.ghent().get("leuven-climate-pact") is None


def test_filters_and_constructors_suggest(tmp_path: Path) -> None:
    c = citynets.Catalogue(_document())
    with pytest.raises(citynets.UnknownValueError, match='did you mean "mobility"') as e:
        c.filter(policy_area="mobilty")
    assert e.value.suggestion == "mobility" and isinstance(e.value, ValueError)
    with pytest.raises(citynets.UnknownValueError, match='did you mean "climate"'):
        c.filter(policy_area="klimaat")
    assert citynets.ghent().filter(policy_area=citynets.PolicyArea.parse("klimaat"))


def test_load_reads_a_file_and_validates_it(tmp_path: Path) -> None:
    file = tmp_path / "leuven.json"
    file.write_text(json.dumps(_document(), ensure_ascii=False), encoding="utf-8")
    c = citynets.load(file)
    assert c.city.name == "Leuven" and c["leuven-climate-pact"].id == "leuven-climate-pact"
    assert citynets.load(str(file)).to_dict() == c.to_dict()
    assert citynets.load(_document()).to_dict() == c.to_dict()
    # A document that is not valid is refused with the report.
    bad = _document()
    bad["networks"][2]["policy_areas"] = ["mobilty"]
    file.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(citynets.ValidationError) as e:
        citynets.load(file)
    (issue,) = e.value.report.errors
    assert issue.suggestion == "mobility" and issue.line is not None and issue.record == 3
    with pytest.raises(citynets.ValidationError):
        citynets.Catalogue(bad)
    # A list of network records is no catalogue: the report says what it looks like.
    file.write_text(json.dumps(_document()["networks"]), encoding="utf-8")
    with pytest.raises(citynets.ValidationError, match="look like network records"):
        citynets.load(file)
    with pytest.raises(citynets.CitynetsFileNotFoundError):
        citynets.load(tmp_path / "missing.json")
    with pytest.raises(citynets.CitynetsTypeError):
        citynets.load(3)  # type: ignore[arg-type]


def test_a_catalogue_read_is_a_catalogue_for_validation() -> None:
    c = citynets.Catalogue(_document())
    rows = [
        {"organization_id": "leuven-climate-pact", "member": {"kind": "city", "city": "Gent", "country": "BE"}}
    ]
    alone = citynets.validate(rows, document="membership")
    assert [i.code for i in alone.issues] == ["unknown_network"]
    assert citynets.validate(rows, document="membership", catalogues=[c], strict=True).valid
    # The embedded one adds nothing it does not already give.
    assert citynets.validate(rows, document="membership", catalogues=[citynets.ghent()]).issues
    fixed = citynets.fix(
        [{"organization_id": "Leuven Climate Pact", "member": {"kind": "city", "city": "Gent", "country": "BE"}}],
        document="membership",
        catalogues=[c],
    )
    assert fixed.data[0]["organization_id"] == "leuven-climate-pact"
    with pytest.raises(citynets.CitynetsTypeError, match="a path or a citynets.Catalogue"):
        citynets.validate(rows, document="membership", catalogues=[3])  # type: ignore[list-item]


def test_pickles_by_value_and_the_embedded_one_by_reference() -> None:
    c = citynets.Catalogue(_document())
    again = pickle.loads(pickle.dumps(c))
    assert again.to_dict() == c.to_dict() and again["leuven-climate-pact"].id == "leuven-climate-pact"
    assert pickle.loads(pickle.dumps(citynets.ghent())) is citynets.ghent()


def test_a_dict_of_another_kind_gets_a_hint() -> None:
    network = {"id": "x", "name": "X"}
    report = citynets.validate(network)  # a dict is a catalogue unless document says
    assert any("look like network records" in i.message for i in report.issues)
    membership = {"organization_id": "eurocities", "member": {"kind": "city", "city": "Gent", "country": "BE"}}
    report = citynets.validate(membership)
    assert any("look like membership records" in i.message for i in report.issues)
    report = citynets.validate([membership])  # a list is of networks unless document says
    assert any("look like membership records" in i.message for i in report.issues)
    report = citynets.validate([network], document="membership")
    assert any("look like network records" in i.message for i in report.issues)
    # A valid catalogue gets no such hint.
    assert citynets.validate(copy.deepcopy(_document())).valid
