"""Catalogues: the embedded one of the City of Ghent's networks (:func:`ghent`), and any
city's (:func:`load`, :class:`Catalogue`).

A catalogue is held twice: by the Rust crate (a native catalogue, whose lookups, searches,
resolutions and filters are the Rust ones, over this catalogue's own networks) and as frozen
dataclasses built once from the JSON text the Rust model writes.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import _core
from ._errors import CitynetsTypeError, NetworkNotFoundError, check_types
from ._enums import Focus, Kind, Orientation, PolicyArea, Scope
from ._frames import to_pandas, to_polars
from ._repr import cut, short_value
from ._rows import MEMBERSHIP_COLUMNS, NETWORK_COLUMNS, membership_rows, network_rows
from ._model import City, ListSource, Network, StatedCount
from ._validation import CatalogueArg, ValidationError, ValidationReport, _catalogues, validate

if TYPE_CHECKING:
    import pandas
    import polars

__all__ = [
    "Catalogue",
    "FromList",
    "ListLeft",
    "Registry",
    "catalogue_from_list",
    "ghent",
    "load",
    "registry",
]


class _Networks:
    """Networks held twice, by Rust (lookups, searches, resolutions and filters over these
    networks only) and as frozen dataclasses: what a :class:`Catalogue` and the
    :class:`Registry` share."""

    __slots__ = ("_by_id", "_native", "networks")

    networks: tuple[Network, ...]
    """The networks, in order."""
    _native: _core.NativeCatalogue
    _by_id: dict[str, Network]

    def __len__(self) -> int:
        """The number of networks."""
        return len(self.networks)

    def __iter__(self) -> Iterator[Network]:
        """The networks, in order."""
        return iter(self.networks)

    def __getitem__(self, query: str) -> Network:
        """The network that ``query`` names (id, acronym, name or alias; case and accents do not
        count). Raises :class:`citynets.NetworkNotFoundError` (a ``KeyError``), with the near
        misses or the candidates, when none or several match."""
        if not isinstance(query, str):
            raise CitynetsTypeError(f"look networks up by str, not {type(query).__name__}")
        return self._by_id[self._native.lookup(query)]

    def get(self, query: str, default: Network | None = None) -> Network | None:
        """Like ``catalogue[query]``, but returns ``default`` (``None``) when nothing matches."""
        try:
            return self[query]
        except NetworkNotFoundError:
            return default

    def __contains__(self, item: object) -> bool:
        """Whether a network (or a query that names one) is here."""
        if isinstance(item, Network):
            return self._by_id.get(item.id) == item
        if isinstance(item, str):
            return self.get(item) is not None
        return False

    def search(self, query: str) -> list[Network]:
        """The networks the query may name or be about, best first, then in catalogue order:
        ``search("unesco")`` gives both UNESCO networks (the Rust ``Catalogue::search``)."""
        return [self._by_id[i] for i in self._native.search(_text(query, "search"))]

    def resolve(self, query: str) -> tuple[str, list[tuple[Network, float, str]]]:
        """What ``query`` names, scored (the Rust ``Catalogue::resolve``): ``"found"`` with
        one candidate, ``"ambiguous"`` with the ones too close to choose, or ``"not_found"``
        with the near misses (maybe none). Each candidate is (network, score from 0 to 1,
        kind of match: ``exact``, ``same_words``, ``words``, ``one_word`` or ``near``).
        Stop words, generic words and fragments find nothing: ``resolve("the")`` is
        ``("not_found", [])``."""
        outcome, candidates = self._native.resolve(_text(query, "resolve"))
        return outcome, [(self._by_id[i], score, kind) for i, score, kind in candidates]

    def filter(
        self,
        *,
        policy_area: PolicyArea | str | None = None,
        orientation: Orientation | str | None = None,
        scope: Scope | str | None = None,
        kind: Kind | str | None = None,
        focus: Focus | str | None = None,
    ) -> list[Network]:
        """The networks that meet every condition given, in catalogue order.

        Each condition is an enum member or its string value (``PolicyArea.CLIMATE`` or
        ``"climate"``). Another string raises :class:`citynets.UnknownValueError` (a
        ``ValueError``) naming the allowed values and the value probably meant
        (``"mobilty"`` → ``mobility``, ``"klimaat"`` → ``climate``: use
        ``PolicyArea.parse`` to read such spellings)."""
        conditions = {
            "policy_area": policy_area,
            "orientation": orientation,
            "scope": scope,
            "kind": kind,
            "focus": focus,
        }
        for name, value in conditions.items():
            if value is not None and not isinstance(value, str):
                kind_name = type(value).__name__
                raise CitynetsTypeError(f"{name} must be a str or an enum member, not {kind_name}")
        # An enum member is a str whose str() is its value.
        args = {k: None if v is None else str(v) for k, v in conditions.items()}
        return [self._by_id[i] for i in self._native.filter(**args)]

    def to_dicts(self) -> list[dict[str, Any]]:
        """One flat row per network (the columns of :meth:`to_pandas`): facts as strings,
        list fields (``policy_areas``, ``orientations``, ``other_names``, ``caveats``,
        ``sources``) as lists of strings."""
        return network_rows(self.networks)

    def to_pandas(self) -> pandas.DataFrame:
        """The networks as a pandas DataFrame, one row per network (needs pandas)."""
        return to_pandas(self.to_dicts(), NETWORK_COLUMNS)

    def to_polars(self) -> polars.DataFrame:
        """The networks as a polars DataFrame, one row per network (needs polars)."""
        return to_polars(self.to_dicts(), NETWORK_COLUMNS)


class Catalogue(_Networks):
    """A catalogue document: the networks one city belongs to, where the list came from and the
    counts the city states itself. Get the embedded one with :func:`citynets.ghent`, another
    city's with :func:`citynets.load` or ``Catalogue(document)``.

    Iterating gives the networks in catalogue order; ``catalogue[query]`` and
    ``catalogue.get(query)`` find one of its own networks by id, acronym, name or alias,
    ignoring case, accents and punctuation (the Rust lookup, over this catalogue's networks).
    """

    __slots__ = (
        "city",
        "license",
        "list_source",
        "notes",
        "schema_version",
        "stated_counts",
    )

    schema_version: str
    """The version of the citynets data model the document follows (``"2"``)."""
    city: City
    """The city the catalogue describes."""
    list_source: ListSource
    """Where the list of networks came from."""
    stated_counts: tuple[StatedCount, ...]
    """The counts of networks the city states itself, which may not match the list."""
    license: str | None
    """The licence of the data, as an SPDX identifier."""
    notes: tuple[str, ...]
    """Remarks on the catalogue as a whole."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        """Reads a catalogue document given as a dict (as :func:`json.load` gives it, or as
        :meth:`to_dict` writes it). The document is validated first: one that is not valid
        raises :class:`citynets.ValidationError` with the report; absent values (``None``,
        NaN) are left out, as everywhere in the package."""
        if not isinstance(document, Mapping):
            raise CitynetsTypeError(
                f"a catalogue document is a dict, not {type(document).__name__}; "
                "citynets.load() reads a file"
            )
        document = dict(document)
        _raise_if_invalid(validate(document, document="catalogue"))
        self._set(_core.NativeCatalogue.from_object(document))

    @classmethod
    def _of(cls, native: _core.NativeCatalogue) -> Catalogue:
        """The catalogue that the native one holds (already valid)."""
        self = cls.__new__(cls)
        self._set(native)
        return self

    def _set(self, native: _core.NativeCatalogue) -> None:
        document = json.loads(native.to_json())
        self._native = native
        self.schema_version = str(document["schema_version"])
        self.city = City._from_dict(document["city"])
        self.list_source = ListSource._from_dict(document["list_source"])
        self.stated_counts = tuple(
            StatedCount._from_dict(c) for c in document.get("stated_counts", ())
        )
        self.license = document.get("license")
        self.notes = tuple(document.get("notes", ()))
        self.networks = tuple(Network._from_dict(n) for n in document["networks"])
        self._by_id = {n.id: n for n in self.networks}

    def to_dict(self) -> dict[str, Any]:
        """The catalogue document as the Rust model writes it in JSON."""
        out: dict[str, Any] = {
            "schema_version": self.schema_version,
            "city": self.city.to_dict(),
            "list_source": self.list_source.to_dict(),
        }
        if self.stated_counts:
            out["stated_counts"] = [c.to_dict() for c in self.stated_counts]
        if self.license is not None:
            out["license"] = self.license
        if self.notes:
            out["notes"] = list(self.notes)
        out["networks"] = [n.to_dict() for n in self.networks]
        return out

    def memberships_to_dicts(self) -> list[dict[str, Any]]:
        """One flat row per role held in a membership, for analysis; a membership without roles
        gives one row whose role columns are ``None``."""
        return membership_rows(self.networks)

    def memberships_to_pandas(self) -> pandas.DataFrame:
        """The memberships as a pandas DataFrame, one row per role (needs pandas)."""
        return to_pandas(self.memberships_to_dicts(), MEMBERSHIP_COLUMNS)

    def memberships_to_polars(self) -> polars.DataFrame:
        """The memberships as a polars DataFrame, one row per role (needs polars)."""
        return to_polars(self.memberships_to_dicts(), MEMBERSHIP_COLUMNS)

    def __repr__(self) -> str:
        return cut(f"<Catalogue of {self.city.name}: {len(self)} networks>")

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # The embedded catalogue pickles by reference: unpickling gives citynets.ghent().
        if self is _GHENT[0] if _GHENT else False:
            return (ghent, ())
        return (Catalogue, (self.to_dict(),))


_GHENT: list[Catalogue] = []
_GHENT_LOCK = threading.Lock()


def ghent() -> Catalogue:
    """The catalogue of the 38 international networks the City of Ghent lists on its page
    "Ghent and its international networks", each with the City's memberships. Built once from
    the Rust crate's embedded data; later calls return the same object."""
    if not _GHENT:
        with _GHENT_LOCK:
            if not _GHENT:
                _GHENT.append(Catalogue._of(_core.NativeCatalogue.ghent()))
    return _GHENT[0]


def load(source: str | os.PathLike[str] | Mapping[str, Any]) -> Catalogue:
    """Another city's catalogue: a catalogue document read from a JSON file (a path), or given
    as a dict. The document is validated first (as ``citynets validate --document catalogue``
    does): one that is not valid raises :class:`citynets.ValidationError`, whose ``report``
    has every problem with its line and column. A missing file raises
    :class:`citynets.CitynetsFileNotFoundError` (a ``FileNotFoundError``).

    The catalogue's lookups, searches, resolutions and filters are over its own networks; pass
    it to ``validate(..., catalogues=[it])`` or ``fix(..., catalogues=[it])`` for the
    memberships that refer to them."""
    if isinstance(source, Mapping):
        return Catalogue(source)
    if not isinstance(source, (str, os.PathLike)):
        raise CitynetsTypeError(
            f"load() reads a path or a dict, not {type(source).__name__}"
        )
    path = Path(os.fspath(source))
    _raise_if_invalid(validate(path, document="catalogue", format="json"))
    with open(path, "rb") as f:
        text = f.read().decode("utf-8-sig")
    return Catalogue._of(_core.NativeCatalogue.from_json(text))


def _text(query: object, what: str) -> str:
    if not isinstance(query, str):
        raise CitynetsTypeError(f"{what} takes a str, not {type(query).__name__}")
    return query


def _raise_if_invalid(report: ValidationReport) -> None:
    """Raises :class:`ValidationError` when the report has an error (warnings do not stop a
    catalogue from being read)."""
    if report.error_count:
        raise ValidationError(report)


class Registry(_Networks):
    """The networks that third-party data refers to, beyond one city's list: every network of
    the embedded Ghent catalogue (same id, same facts, no memberships) and the other city
    networks, associations and initiatives that research datasets and cities' own lists name,
    every fact with its source. Get it with :func:`citynets.registry`; look networks up, search,
    resolve and filter as in a :class:`Catalogue`. Validation and :func:`citynets.fix` resolve
    network references against it."""

    __slots__ = ()

    @classmethod
    def _of(cls, native: _core.NativeCatalogue) -> Registry:
        self = cls.__new__(cls)
        self._native = native
        self.networks = tuple(Network._from_dict(n) for n in json.loads(native.to_json()))
        self._by_id = {n.id: n for n in self.networks}
        return self

    def __repr__(self) -> str:
        return f"<Registry: {len(self)} networks>"

    def __reduce__(self) -> tuple[Any, tuple[()]]:
        # The registry pickles by reference: unpickling gives citynets.registry().
        return (registry, ())


_REGISTRY: list[Registry] = []


def registry() -> Registry:
    """The embedded registry of networks (see :class:`Registry`). Built once from the Rust
    crate's embedded data; later calls return the same object."""
    if not _REGISTRY:
        with _GHENT_LOCK:
            if not _REGISTRY:
                _REGISTRY.append(Registry._of(_core.NativeCatalogue.registry()))
    return _REGISTRY[0]


class ListLeft(NamedTuple):
    """A row of a city's list that did not become a network of the catalogue, or a cell or a
    column that was not kept, with why."""

    def __repr__(self) -> str:
        return cut(
            f"ListLeft(row={self.row}, text={short_value(self.text)}, reason={short_value(self.reason)}, "
            f"candidates=<{len(self.candidates)}>)"
        )

    row: int
    """The data row (1 is the first row after the header; 0 for a column of the header)."""
    text: str
    """The cell's text (or the column's header)."""
    reason: str
    """Why it was left."""
    candidates: list[tuple[str, str, float]]
    """The networks the name might be, best first: (id, name, score)."""


class FromList(NamedTuple):
    """What :func:`catalogue_from_list` made."""

    catalogue: Catalogue
    """The catalogue: the networks the list's names resolve to, with the city's memberships."""
    left: list[ListLeft]
    """The rows, cells and columns left for a person."""
    rows: int
    """How many data rows the list has."""

    def __repr__(self) -> str:
        return cut(
            f"FromList(rows={self.rows}, left=<{len(self.left)}>, catalogue={self.catalogue!r})"
        )


def catalogue_from_list(
    path: str | os.PathLike[str],
    city: str,
    country: str,
    source: str,
    catalogues: CatalogueArg | None = None,
    delimiter: str | None = None,
) -> FromList:
    """A city's own list of networks (a CSV or TSV file: a network name per row, perhaps a
    role, a status and a year) as a catalogue, as ``citynets convert --from list`` makes it:
    each name is resolved through the Ghent catalogue, the registry and ``catalogues``; a name
    that resolves to one network becomes that network's record with its sourced facts and the
    city's membership (source: ``source``, the page that publishes the list); the others are
    in :attr:`FromList.left` with their candidates. ``country`` is an ISO 3166-1 alpha-2 code.
    """
    check_types(city=city, country=country, source=source, delimiter=delimiter)
    for name, value in (("city", city), ("country", country), ("source", source)):
        if value is None:
            raise CitynetsTypeError(f"{name} is a str, not None")
    if not isinstance(path, (str, os.PathLike)):
        raise CitynetsTypeError(f"catalogue_from_list() reads a path, not {type(path).__name__}")
    text, left, rows = _core.catalogue_from_list(
        os.fspath(path), city, country, source, _catalogues(catalogues), delimiter
    )
    catalogue = Catalogue._of(_core.NativeCatalogue.from_json(text))
    return FromList(catalogue, [ListLeft(*item) for item in left], rows)
