"""Flat rows of networks and memberships, one per network or per role held, and their column
types, for :meth:`Catalogue.to_dicts` and the DataFrames made of them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ._model import Membership, Network

__all__ = [
    "MEMBERSHIP_COLUMNS",
    "NETWORK_COLUMNS",
    "membership_rows",
    "network_rows",
]

# Column types: "str", "int" (nullable 64-bit integers) or "list" (lists of strings).

NETWORK_COLUMNS: dict[str, str] = {
    "id": "str",
    "name": "str",
    "acronym": "str",
    "other_names": "list",
    "description": "str",
    "policy_areas": "list",
    "orientations": "list",
    "focus": "str",
    "scope": "str",
    "kind": "str",
    "website": "str",
    "founding_date": "str",
    "dissolution_date": "str",
    "secretariat_city": "str",
    "secretariat_country": "str",
    "secretariat_body": "str",
    "parent_id": "str",
    "parent_name": "str",
    "parent_relation": "str",
    "caveats": "list",
    "membership_count": "int",
    "sources": "list",
}
"""The columns of :meth:`Catalogue.to_dicts` and their types."""

MEMBERSHIP_COLUMNS: dict[str, str] = {
    "organization_id": "str",
    "network_name": "str",
    "member_kind": "str",
    "member_name": "str",
    "city": "str",
    "country": "str",
    "status": "str",
    "start_date": "str",
    "end_date": "str",
    "role": "str",
    "role_body": "str",
    "role_holder": "str",
    "role_start_date": "str",
    "role_end_date": "str",
    "role_source": "str",
}
"""The columns of :meth:`Catalogue.memberships_to_dicts` and their types."""


def _value(v: Any) -> Any:
    return None if v is None else getattr(v, "value", v)


def network_rows(networks: Iterable[Network]) -> list[dict[str, Any]]:
    """One row per network: scalar facts as strings, list fields as lists of strings."""
    rows = []
    for n in networks:
        sec = n.secretariat
        parent = n.parent
        rows.append(
            {
                "id": n.id,
                "name": n.name,
                "acronym": n.acronym,
                "other_names": [o.name for o in n.other_names],
                "description": n.description,
                "policy_areas": [a.value for a in n.policy_areas],
                "orientations": [o.value for o in n.orientations],
                "focus": _value(n.focus),
                "scope": _value(n.scope),
                "kind": _value(n.kind),
                "website": n.website,
                "founding_date": n.founding_date,
                "dissolution_date": n.dissolution_date,
                "secretariat_city": sec.city if sec else None,
                "secretariat_country": sec.country if sec else None,
                "secretariat_body": sec.body if sec else None,
                "parent_id": parent.organization_id if parent else None,
                "parent_name": parent.name if parent else None,
                "parent_relation": parent.relation.value if parent else None,
                "caveats": [c.kind.value for c in n.caveats],
                "membership_count": len(n.memberships),
                "sources": [s.url for s in n.sources],
            }
        )
    return rows


def membership_rows(networks: Iterable[Network]) -> list[dict[str, Any]]:
    """One row per role held in a membership; a membership without roles gives one row whose
    role columns are ``None``."""
    rows = []
    for n in networks:
        for m in n.memberships:
            base = _membership_base(n, m)
            if not m.roles:
                rows.append(
                    base
                    | {
                        "role": None,
                        "role_body": None,
                        "role_holder": None,
                        "role_start_date": None,
                        "role_end_date": None,
                        "role_source": None,
                    }
                )
            for r in m.roles:
                rows.append(
                    base
                    | {
                        "role": r.role.value,
                        "role_body": r.body,
                        "role_holder": r.holder,
                        "role_start_date": r.start_date,
                        "role_end_date": r.end_date,
                        "role_source": r.source,
                    }
                )
    return rows


def _membership_base(n: Network, m: Membership) -> dict[str, Any]:
    return {
        "organization_id": m.organization_id,
        "network_name": n.name,
        "member_kind": m.member.kind.value,
        "member_name": m.member.name,
        "city": m.member.city,
        "country": m.member.country,
        "status": _value(m.status),
        "start_date": m.start_date,
        "end_date": m.end_date,
    }
