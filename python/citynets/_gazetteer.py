"""The gazetteer of cities: which place a member list means by a city's name
(:func:`resolve_city`), and a place by its GeoNames id (:func:`city_place`). The rules are the
Rust crate's (``citynets::gazetteer``); the data is GeoNames' places of at least 5,000
inhabitants (CC BY 4.0)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from . import _core
from ._errors import CitynetsTypeError, check_types
from ._repr import short_repr

__all__ = ["CityMatch", "Place", "city_place", "resolve_city"]


@dataclass(frozen=True, repr=False)
class Place:
    """A place of the gazetteer."""

    geonames_id: int
    """Its GeoNames id (``2797656`` for Ghent: https://www.geonames.org/2797656)."""
    country: str
    """Its country, an ISO 3166-1 alpha-2 code."""
    admin1: str
    """Its first-level division as GeoNames codes it (``"VLG"``); may be empty."""
    population: int
    """Its population, as GeoNames gives it."""
    name: str
    """GeoNames' main name (``"Gent"``)."""
    english: str
    """Its English name (``"Ghent"``)."""
    local: str
    """Its name in its country's language (``"Genève"`` for Geneva)."""

    __repr__ = short_repr

    @classmethod
    def _from(cls, d: Mapping[str, Any]) -> Place:
        return cls(**d)


@dataclass(frozen=True, repr=False)
class CityMatch:
    """What a written city name means."""

    status: Literal["found", "ambiguous", "elsewhere", "unknown"]
    """``found``: one place (:attr:`place`); ``ambiguous``: several fit (:attr:`places`, the
    most populous first); ``elsewhere``: none in the country given, these in others;
    ``unknown``: none."""
    places: tuple[Place, ...]
    """The place found, or the places listed."""
    stored: bool
    """Whether the name as written is one of the place's names in the gazetteer (``False``
    when it was found without the words around it, as ``"City of Ghent"``)."""
    namesakes: int = 0
    """For a place found, how many smaller places of its country share the name, which it
    outweighs (a city of 100,000 or more, ten times each of them: ``Boston`` in the US)."""

    __repr__ = short_repr

    @property
    def place(self) -> Place | None:
        """The place, when exactly one was found."""
        return self.places[0] if self.status == "found" else None

    @property
    def geonames_id(self) -> int | None:
        """The place's GeoNames id, when exactly one was found."""
        p = self.place
        return p.geonames_id if p is not None else None


def resolve_city(name: str, country: str | None = None) -> CityMatch:
    """The place a city's name means, read with its country when given (an ISO code or a
    country's name: ``"CH"``, ``"Switzerland"``): ``resolve_city("Genf", country="CH")`` is
    Geneva, ``resolve_city("Stad Gent", "BE")`` Ghent. Raises :class:`CitynetsValueError`
    for a country that names none, :class:`CitynetsTypeError` for a name that is not a
    ``str``."""
    if not isinstance(name, str):
        raise CitynetsTypeError(f"name is a str, not {type(name).__name__}")
    check_types(country=country)
    raw = _core.resolve_city(name, country)
    return CityMatch(
        status=raw["status"],
        places=tuple(Place._from(p) for p in raw["places"]),
        stored=raw["stored"],
        namesakes=raw["namesakes"],
    )


def city_place(geonames_id: int) -> Place | None:
    """The place with this GeoNames id, when the gazetteer holds it."""
    if not isinstance(geonames_id, int) or isinstance(geonames_id, bool):
        raise CitynetsTypeError(f"geonames_id is an int, not {type(geonames_id).__name__}")
    if geonames_id < 0 or geonames_id > 0xFFFFFFFF:
        return None
    raw = _core.city_place(geonames_id)
    return Place._from(raw) if raw is not None else None
