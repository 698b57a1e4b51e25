"""The records of the model as frozen dataclasses: a network with its names, facts, sources and
memberships, and the parts of a catalogue document.

Fields, their order and their meaning are those of the Rust structs (and of the JSON Schema):
lists are tuples (empty when absent), absent optional values are ``None``, vocabulary values are
members of the enums in :mod:`citynets._enums`, dates are ISO 8601 strings of reduced precision
(``"2015"``, ``"2016-11"``, ``"2016-11-18"``), addresses and country codes are strings.
``to_dict()`` gives the record exactly as the Rust model writes it in JSON.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar, Union

from . import _core
from ._enums import (
    CaveatKind,
    CountQualifier,
    Fact,
    Focus,
    Kind,
    MemberKind,
    NameKind,
    Orientation,
    PolicyArea,
    Relation,
    Role,
    Scope,
    Status,
    Vocabulary,
)
from ._errors import CitynetsTypeError
from ._repr import cut, short_repr
from ._validation import ValidationError, validate

__all__ = [
    "AlternativeDate",
    "AlternativeSecretariat",
    "Caveat",
    "City",
    "Classification",
    "ListSource",
    "Member",
    "MemberCount",
    "Membership",
    "Network",
    "OtherName",
    "Parent",
    "Remark",
    "RoleHeld",
    "Secretariat",
    "Source",
    "StatedCount",
]

_R = TypeVar("_R", bound="_Record")

# A field that the Rust model leaves out of its JSON when it has its default value
# (`skip_serializing_if = "is_exact"` on `qualifier`).
_OMIT_DEFAULT = {"omit_default": True}


@dataclass(frozen=True, kw_only=True)
class _Record:
    """Base of the records: conversion to and from the JSON shape of the Rust model."""

    def to_dict(self) -> dict[str, Any]:
        """The record as the Rust model writes it in JSON: fields in schema order, absent values
        and empty lists left out, vocabulary values as their strings."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if value is None or value == ():
                continue
            if f.metadata.get("omit_default") and value == f.default:
                continue
            out[f.name] = _plain(value)
        return out

    @classmethod
    def _validated(cls: type[_R], data: Mapping[str, Any], document: str) -> _R:
        """The record of a dict, once the validator finds no error in it (warnings do not
        stop it); :class:`citynets.ValidationError` with the report otherwise. Absent values
        (``None``, NaN, pandas' ``NA``) are left out, as the validator reads them."""
        if not isinstance(data, Mapping):
            raise CitynetsTypeError(
                f"{cls.__name__}.from_dict takes a dict, not {type(data).__name__}"
            )
        plain = dict(data)
        report = validate(plain, document=document)  # type: ignore[arg-type]
        if report.error_count:
            raise ValidationError(report)
        return cls._from_dict(json.loads(_core.json_text(plain)))

    @classmethod
    def _from_dict(cls: type[_R], data: Mapping[str, Any]) -> _R:
        hints = _hints(cls)
        kwargs = {name: _convert(hints[name], value) for name, value in data.items()}
        return cls(**kwargs)


def _plain(value: Any) -> Any:
    if isinstance(value, Vocabulary):
        return value.value
    if isinstance(value, _Record):
        return value.to_dict()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    return hints


def _convert(tp: Any, value: Any) -> Any:
    """Converts a JSON value to the Python type of a field."""
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        if value is None:
            return None
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return _convert(inner, value)
    if origin is tuple:
        inner = typing.get_args(tp)[0]
        return tuple(_convert(inner, v) for v in value)
    if isinstance(tp, type) and issubclass(tp, Vocabulary):
        return tp(value)
    if isinstance(tp, type) and issubclass(tp, _Record):
        return tp._from_dict(value)
    return value


@dataclass(frozen=True, kw_only=True)
class Source(_Record):
    """A web page that supports facts of a record, with the fields it supports."""

    url: str
    """The address of the page."""
    title: str | None = None
    """The page's title or publisher, for people reading the data."""
    fields: tuple[Fact, ...] = ()
    """Which fields of the record this page supports."""
    accessed: str | None = None
    """When the page was consulted, where known."""
    note: str | None = None
    """What the page says, or how to read it, in a few words."""


@dataclass(frozen=True, kw_only=True)
class OtherName(_Record):
    """Another name of a network or city: official, translated, former, short or confusable."""

    name: str
    """The name."""
    kind: NameKind
    """What kind of name it is."""
    lang: str | None = None
    """The language of the name (ISO 639), where it is not English."""
    acronym: str | None = None
    """The acronym that goes with this name, if any."""
    start_date: str | None = None
    """Since when the name is used."""
    end_date: str | None = None
    """Until when the name was used."""
    source: str | None = None
    """The page that gives this name."""
    note: str | None = None
    """A remark on the name."""


@dataclass(frozen=True, kw_only=True)
class Classification(_Record):
    """On what the catalogue's own classification of a network rests."""

    basis: str
    """How the values were arrived at, in a sentence."""
    sources: tuple[str, ...] = ()
    """The pages read for it."""


@dataclass(frozen=True, kw_only=True)
class Secretariat(_Record):
    """Where a network's secretariat is: a city and country, a hosting body, or both."""

    city: str | None = None
    """The city, where known."""
    country: str | None = None
    """The country (ISO 3166-1 alpha-2), where known."""
    body: str | None = None
    """The organisation that hosts or runs the secretariat."""
    other_offices: tuple[str, ...] = ()
    """Other offices of the network."""


@dataclass(frozen=True, kw_only=True)
class AlternativeDate(_Record):
    """A founding date another source gives."""

    value: str
    """The date that source gives."""
    source: str
    """The source."""
    note: str | None = None
    """How the two dates may be reconciled, where the source says."""


@dataclass(frozen=True, kw_only=True)
class AlternativeSecretariat(_Record):
    """A seat another source gives, earlier or conflicting."""

    city: str | None = None
    """The city that source gives."""
    country: str | None = None
    """The country that source gives."""
    date: str | None = None
    """When the seat was there, per that source."""
    source: str
    """The source."""
    note: str | None = None
    """A remark."""


@dataclass(frozen=True, kw_only=True)
class MemberCount(_Record):
    """A member count as a source states it."""

    count: int
    """The figure."""
    qualifier: CountQualifier = field(default=CountQualifier.EXACT, metadata=_OMIT_DEFAULT)
    """How exact the figure is; ``exact`` when the source gives it plainly."""
    unit: str | None = None
    """What is counted ("cities", "signatories", "member organisations")."""
    countries: int | None = None
    """In how many countries, where the source says."""
    date: str | None = None
    """When the count held, where known."""
    as_stated: str | None = None
    """The source's own wording of the figure."""
    source: str
    """The source."""
    note: str | None = None
    """A remark on the figure."""


@dataclass(frozen=True, kw_only=True)
class Parent(_Record):
    """The organisation a network belongs to or is run by."""

    organization_id: str | None = None
    """The parent's id, when the parent is in the same catalogue."""
    name: str
    """The parent's name."""
    relation: Relation
    """How the network relates to it."""
    start_date: str | None = None
    """Since when, where known."""
    source: str
    """The source."""


@dataclass(frozen=True, kw_only=True)
class Caveat(_Record):
    """Something an analyst should know before using an entry."""

    kind: CaveatKind
    """What kind of caveat it is."""
    note: str
    """The caveat in a sentence."""
    source: str | None = None
    """The page that shows it, where there is one."""


@dataclass(frozen=True, kw_only=True)
class Remark(_Record):
    """A sourced remark about a network, in the catalogue's own words."""

    note: str
    """The remark."""
    date: str | None = None
    """When it held, where known."""
    source: str | None = None
    """The page it rests on, where there is one."""


@dataclass(frozen=True, kw_only=True)
class Member(_Record):
    """Who holds a membership: a city, a department, agency, event, tandem or legal body of a
    city, a region, an association of local governments, a university, a research centre, a
    national or international public body, an NGO, a company or a person.

    Which of ``city``, ``country`` and ``name`` a member states depends on its ``kind``: a city
    needs ``city`` and ``country``; a department, agency, event, tandem or legal body needs
    these and ``name``; a region, association, university, research centre or national body
    needs ``name`` and ``country``; an international body, NGO, company or person needs
    ``name``. Other fields are allowed."""

    kind: MemberKind
    """What kind of member it is; says which of the other fields it needs."""
    name: str | None = None
    """The member's own name, when it is not a city itself. Needed by every kind but city."""
    city: str | None = None
    """The city the member is, or belongs to (needed by a city and the bodies of a city)."""
    country: str | None = None
    """The member's country (ISO 3166-1 alpha-2); not needed by an international body, an NGO,
    a company or a person."""
    geonames_id: int | None = None
    """The GeoNames id of the member's city: one identity however its name is written
    (:func:`citynets.resolve_city`; :func:`citynets.fix` fills it)."""


@dataclass(frozen=True, kw_only=True)
class RoleHeld(_Record):
    """A role held in a network for a period."""

    role: Role
    """The role."""
    body: str | None = None
    """The body within the network, for a committee or forum role."""
    holder: str | None = None
    """The person who held it for the member, where the source names one."""
    start_date: str | None = None
    """Since when (the date of election, appointment or event)."""
    end_date: str | None = None
    """Until when, where known."""
    note: str | None = None
    """A remark."""
    source: str
    """The source."""


@dataclass(frozen=True, kw_only=True)
class Membership(_Record):
    """One member in one network, with its roles over time."""

    organization_id: str
    """The id of the network."""
    member: Member
    """Who holds the membership."""
    status: Status | None = None
    """The member's standing in the network, where known."""
    start_date: str | None = None
    """When the membership started, where known."""
    end_date: str | None = None
    """When the membership ended, if it has."""
    roles: tuple[RoleHeld, ...] = ()
    """Roles held in the network, each with its own period."""
    note: str | None = None
    """A remark on the membership."""
    sources: tuple[Source, ...] = ()
    """Pages supporting ``member``, ``status``, ``start_date`` and ``end_date``."""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Membership:
        """A membership record from a dict in the JSON shape of the model, validated first:
        :class:`citynets.ValidationError` with every problem when the validator finds an
        error."""
        return cls._validated(data, "membership")


@dataclass(frozen=True, kw_only=True, repr=False)
class Network(_Record):
    """One city network: what it is, what it works on, the facts found about it with their
    sources, and the memberships of the city in it. Only ``id`` and ``name`` are required."""

    id: str
    """Stable identifier: a lower-case slug that never changes (``"eurocities"``)."""
    name: str
    """The name as the city gives it."""
    acronym: str | None = None
    """The acronym as the city gives it, if any."""
    other_names: tuple[OtherName, ...] = ()
    """Other names: the official name, names in other languages, former names, short forms."""
    description: str | None = None
    """What the network does, in a sentence or two."""
    policy_areas: tuple[PolicyArea, ...] = ()
    """The policy areas the network works on, main one first."""
    orientations: tuple[Orientation, ...] = ()
    """What the network mainly does for its members."""
    focus: Focus | None = None
    """Broad, or focused on one policy area."""
    scope: Scope | None = None
    """Where the network's members come from."""
    kind: Kind | None = None
    """What kind of organisation the network is."""
    classification: Classification | None = None
    """On what the classification rests."""
    website: str | None = None
    """The network's website."""
    founding_date: str | None = None
    """When the network was founded."""
    founding_date_alternatives: tuple[AlternativeDate, ...] = ()
    """Founding dates given by other sources."""
    dissolution_date: str | None = None
    """When the network ended, if it has."""
    secretariat: Secretariat | None = None
    """Where the network's secretariat is."""
    secretariat_alternatives: tuple[AlternativeSecretariat, ...] = ()
    """Earlier or conflicting seats, each with its source."""
    member_counts: tuple[MemberCount, ...] = ()
    """Member counts as sources state them."""
    parent: Parent | None = None
    """The organisation this network belongs to or is run by."""
    caveats: tuple[Caveat, ...] = ()
    """What an analyst should know before using this entry."""
    notes: tuple[Remark, ...] = ()
    """Other sourced remarks about the network."""
    memberships: tuple[Membership, ...] = ()
    """The memberships of the city (or cities) this record is about."""
    sources: tuple[Source, ...] = ()
    """Pages supporting the record's single-valued facts."""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Network:
        """A network record from a dict in the JSON shape of the model (as :meth:`to_dict`
        writes it, or a row of a table), validated first: :class:`citynets.ValidationError`
        with every problem when the validator finds an error."""
        return cls._validated(data, "network")

    def __repr__(self) -> str:
        acronym = f", acronym={self.acronym!r}" if self.acronym is not None else ""
        return cut(f"Network(id={self.id!r}, name={self.name!r}{acronym})")


@dataclass(frozen=True, kw_only=True)
class City(_Record):
    """The city a catalogue describes."""

    name: str
    """The city's English name."""
    country: str
    """The city's country (ISO 3166-1 alpha-2)."""
    other_names: tuple[OtherName, ...] = ()
    """The city's names in other languages."""


@dataclass(frozen=True, kw_only=True)
class ListSource(_Record):
    """Where a city's list of networks came from."""

    url: str
    """The address of the page that lists the networks."""
    title: str | None = None
    """The page's title."""
    retrieved: str | None = None
    """When the list was retrieved, where known."""
    note: str | None = None
    """A remark on the list."""


@dataclass(frozen=True, kw_only=True)
class StatedCount(_Record):
    """A count of networks that a city states about itself."""

    count: int
    """The figure."""
    qualifier: CountQualifier = field(default=CountQualifier.EXACT, metadata=_OMIT_DEFAULT)
    """How exact the figure is ("over 40": ``more_than``)."""
    as_stated: str | None = None
    """The page's own wording."""
    date: str | None = None
    """The period the figure applies to, where the page gives one."""
    source: str
    """The page."""
    note: str | None = None
    """A remark."""


# Every record but `Network` (which names itself by id, name and acronym) gets the short form
# in place of the dataclass's, which prints every nested list in full.
for _cls in _Record.__subclasses__():
    if _cls is not Network:
        _cls.__repr__ = short_repr  # type: ignore[method-assign]
