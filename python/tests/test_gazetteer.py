"""The gazetteer of cities from Python: the same answers as the Rust crate and the command line
(``citynets city``), on the corpus of real spellings the Rust tests use, and ``fix`` giving one
identity to one city written three ways."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

import citynets


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_resolve_city_reads_names_with_their_country() -> None:
    genf = citynets.resolve_city("Genf", country="CH")
    assert genf.status == "found" and genf.geonames_id == 2660646
    assert genf.place is not None and (genf.place.english, genf.place.local) == ("Geneva", "Genève")
    ghent = citynets.resolve_city("City of Ghent", "Belgium")
    assert ghent.geonames_id == 2797656 and not ghent.stored
    vienna = citynets.resolve_city("Vienna")
    assert vienna.status == "ambiguous" and vienna.place is None
    assert [p.country for p in vienna.places][:1] == ["AT"]
    elsewhere = citynets.resolve_city("Wien", "DE")
    assert elsewhere.status == "elsewhere" and elsewhere.places[0].country == "AT"
    assert citynets.resolve_city("Ghent University", "BE").status == "unknown"
    assert len(repr(vienna)) < 200


def test_a_place_by_its_id() -> None:
    ghent = citynets.city_place(2797656)
    assert ghent is not None and (ghent.name, ghent.english, ghent.country) == ("Gent", "Ghent", "BE")
    assert citynets.city_place(0) is None
    assert citynets.city_place(2**40) is None


def test_misuse_raises_the_packages_errors() -> None:
    with pytest.raises(citynets.CitynetsValueError, match="Narnia"):
        citynets.resolve_city("Gent", country="Narnia")
    with pytest.raises(citynets.CitynetsTypeError):
        citynets.resolve_city(None)  # type: ignore[arg-type]
    with pytest.raises(citynets.CitynetsTypeError):
        citynets.city_place("2797656")  # type: ignore[arg-type]
    with pytest.raises(citynets.UnknownValueError, match="as-written, english, local"):
        citynets.fix([], city_names="french")  # type: ignore[arg-type]


def test_the_real_spellings_resolve_as_in_rust(repo: Path) -> None:
    rows = _rows(repo / "tests/fixtures/city-spellings.tsv")
    assert len(rows) >= 300
    right = sum(
        citynets.resolve_city(r["spelling"], r["country"]).geonames_id == int(r["geonames_id"])
        for r in rows
    )
    wrong = [
        r["spelling"]
        for r in rows
        if (m := citynets.resolve_city(r["spelling"], r["country"])).geonames_id
        not in (None, int(r["geonames_id"]))
    ]
    assert wrong == []
    assert right / len(rows) >= 0.95
    for r in _rows(repo / "tests/fixtures/not-cities.tsv"):
        assert citynets.resolve_city(r["name"], r["country"] or None).place is None, r["name"]


def test_python_and_the_command_line_agree(repo: Path) -> None:
    rows = _rows(repo / "tests/fixtures/city-spellings.tsv")[::25]
    for r in rows:
        out = subprocess.run(
            [sys.executable, "-m", "citynets", "city", r["spelling"], "--country", r["country"]],
            capture_output=True,
            text=True,
            check=False,
        )
        m = citynets.resolve_city(r["spelling"], r["country"])
        listed = [int(line.split("\t")[0]) for line in out.stdout.splitlines()[1:]]
        assert listed == [p.geonames_id for p in m.places], r["spelling"]
        assert (out.returncode == 0) == (m.status == "found"), r["spelling"]


def test_fix_gives_one_member_one_identity() -> None:
    records = [
        {"organization_id": "eurocities", "member": {"kind": "city", "city": c, "country": "BE"}}
        for c in ["Gent", "City of Ghent", "Gand"]
    ]
    result = citynets.fix(records, city_names="local")
    assert isinstance(result.data, list)
    members = [r["member"] for r in result.data]
    assert {m["geonames_id"] for m in members} == {2797656}
    assert [m["city"] for m in members] == ["Gent"] * 3
    assert [m.get("name") for m in members] == [None, "City of Ghent", "Gand"]
    codes = [i.code for i in result.report.issues]
    assert codes.count("duplicate_membership") == 2
