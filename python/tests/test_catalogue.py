"""The embedded catalogue: networks, lookups, filters, records."""

from __future__ import annotations

import json
import pickle
import time

import pytest

import citynets
from citynets import _core


def test_38_networks_with_unique_ids() -> None:
    cat = citynets.ghent()
    assert len(cat) == 38
    networks = list(cat)
    assert len(networks) == 38
    assert all(isinstance(n, citynets.Network) for n in networks)
    ids = [n.id for n in networks]
    assert len(set(ids)) == 38
    assert cat.networks == tuple(networks)
    assert cat.city.name == "Ghent" and cat.city.country == "BE"


def test_ghent_is_built_once_and_then_fast() -> None:
    first = citynets.ghent()
    start = time.perf_counter()
    for _ in range(1000):
        again = citynets.ghent()
    per_call = (time.perf_counter() - start) / 1000
    assert again is first
    assert per_call < 0.001


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ECCAR", "eccar"),
        ("eccar", "eccar"),
        ("European Coalition of Cities Against Racism", "eccar"),
        ("Geintegreerde", "bgts"),
        ("Geïntegreerde", "bgts"),
        ("Klimaatverbond", "climate-alliance"),
        ("CityDNA", "ecm"),
        ("City Destinations Alliance", "ecm"),
        ("eurocities", "eurocities"),
    ],
)
def test_lookup_by_id_acronym_name_or_alias(query: str, expected: str) -> None:
    cat = citynets.ghent()
    assert cat[query].id == expected
    got = cat.get(query)
    assert got is not None and got.id == expected
    assert query in cat


def test_lookup_misses() -> None:
    cat = citynets.ghent()
    with pytest.raises(KeyError, match="Eurocities"):
        cat["Eurocitis"]  # the message suggests the name
    with pytest.raises(KeyError):
        cat["no such network"]
    with pytest.raises(KeyError):
        cat[""]
    assert cat.get("no such network") is None
    assert cat.get("no such network", cat["eccar"]) is cat["eccar"]
    assert "no such network" not in cat
    with pytest.raises(TypeError):
        cat[0]  # type: ignore[index]


def test_search() -> None:
    hits = citynets.ghent().search("unesco")
    assert len(hits) == 2
    assert citynets.ghent().search("") == []
    assert [n.id for n in citynets.ghent().search("procurement")] == ["glcn", "procuraplus"]


def test_resolve_scores_and_refuses_junk() -> None:
    cat = citynets.ghent()
    outcome, found = cat.resolve("the Eurocities network")
    assert outcome == "found"
    assert [(n.id, kind) for n, _, kind in found] == [("eurocities", "same_words")]
    assert 0.6 <= found[0][1] < 1.0
    assert cat.resolve("ECCAR")[1][0][1] == 1.0
    outcome, close = cat.resolve("UNESCO")
    assert outcome == "ambiguous"
    assert sorted(n.id for n, _, _ in close) == ["uccn", "unesco-cities-of-music"]
    outcome, near = cat.resolve("Eurocitis")
    assert outcome == "not_found" and near[0][0].id == "eurocities" and near[0][2] == "near"
    for junk in ["the", "van", "e", "x", "n/a", "city", "yes", "2017", ""]:
        assert cat.resolve(junk) == ("not_found", []), junk
        assert cat.get(junk) is None, junk


def test_filter_with_enum_members_and_strings() -> None:
    cat = citynets.ghent()
    by_member = cat.filter(
        policy_area=citynets.PolicyArea.CLIMATE, orientation=citynets.Orientation.ADVOCACY
    )
    by_string = cat.filter(policy_area="climate", orientation="advocacy")
    assert by_member == by_string
    ids = [n.id for n in by_member]
    assert "climate-alliance" in ids
    for n in by_member:
        assert citynets.PolicyArea.CLIMATE in n.policy_areas
        assert citynets.Orientation.ADVOCACY in n.orientations
    # Same result as the Rust filter, in catalogue order.
    assert ids == _core.NativeCatalogue.ghent().filter(policy_area="climate", orientation="advocacy")
    assert cat.filter() == list(cat)
    scoped = cat.filter(scope="global", kind=citynets.Kind.CITY_NETWORK)
    assert scoped and all(n.scope == citynets.Scope.GLOBAL for n in scoped)


def test_filter_rejects_a_wrong_string_with_a_suggestion() -> None:
    cat = citynets.ghent()
    with pytest.raises(ValueError, match=r'did you mean "climate"') as e:
        cat.filter(policy_area="klimaat")
    assert "expected one of: culture" in str(e.value)
    with pytest.raises(ValueError, match=r'did you mean "advocacy"'):
        cat.filter(orientation="file management")
    with pytest.raises(ValueError, match="not an? PolicyArea value"):
        cat.filter(policy_area="Climate")  # only the canonical spelling is accepted
    with pytest.raises(ValueError, match="not an? PolicyArea value"):
        cat.filter(policy_area=citynets.Orientation.ADVOCACY)  # a member of another vocabulary
    with pytest.raises(TypeError):
        cat.filter(policy_area=3)  # type: ignore[arg-type]


def test_records_are_the_json_of_the_rust_model() -> None:
    cat = citynets.ghent()
    document = json.loads(_core.NativeCatalogue.ghent().to_json())
    assert cat.to_dict() == document
    for network, record in zip(cat, document["networks"], strict=True):
        assert network.to_dict() == record
        # Same keys in the same order as the Rust serialization.
        assert json.dumps(network.to_dict()) == json.dumps(record)


def test_network_fields_are_typed() -> None:
    n = citynets.ghent()["eurocities"]
    assert n.founding_date == "1986"
    assert all(isinstance(a, citynets.PolicyArea) for a in n.policy_areas)
    assert isinstance(n.scope, citynets.Scope)
    assert isinstance(n.memberships[0], citynets.Membership)
    assert n.memberships[0].member.city == "Ghent"
    roles = [r.role for m in n.memberships for r in m.roles]
    assert citynets.Role.PRESIDENT in roles
    assert all(isinstance(s, citynets.Source) for s in n.sources)


def test_network_repr_eq_hash_pickle() -> None:
    cat = citynets.ghent()
    n = cat["eccar"]
    assert repr(n) == (
        "Network(id='eccar', name='European Coalition of Cities Against Racism', acronym='ECCAR')"
    )
    assert repr(cat["eurocities"]) == "Network(id='eurocities', name='Eurocities')"
    assert n == cat["ECCAR"]
    assert n != cat["eurocities"]
    assert hash(n) == hash(cat["eccar"])
    for network in cat:
        again = pickle.loads(pickle.dumps(network))
        assert again == network
        assert again.to_dict() == network.to_dict()
    assert pickle.loads(pickle.dumps(cat)) is cat
    with pytest.raises(AttributeError):
        n.name = "other"  # type: ignore[misc]


def test_a_bare_network_record() -> None:
    n = citynets.Network(id="polis", name="Polis", scope=citynets.Scope.EUROPEAN)
    assert n.to_dict() == {"id": "polis", "name": "Polis", "scope": "european"}
    assert repr(n) == "Network(id='polis', name='Polis')"
    count = citynets.MemberCount(count=5, source="https://example.org/")
    assert count.to_dict() == {"count": 5, "source": "https://example.org/"}
    more = citynets.MemberCount(
        count=5, qualifier=citynets.CountQualifier.MORE_THAN, source="https://example.org/"
    )
    assert more.to_dict()["qualifier"] == "more_than"


def test_catalogue_repr() -> None:
    assert repr(citynets.ghent()) == "<Catalogue of Ghent: 38 networks>"
