"""citynets: the international networks that cities join, as typed data.

The catalogue of the 38 networks the City of Ghent lists on its page "Ghent and its
international networks", with every fact traced to a source; closed vocabularies as enums; the
committed JSON Schemas; and the validator for third-party lists of networks and memberships.
Everything comes from the Rust crate ``citynets`` through the native module ``citynets._core``:
one model, one validator.

>>> import citynets
>>> cat = citynets.ghent()
>>> len(cat)
38
>>> cat["eccar"].acronym
'ECCAR'
>>> citynets.PolicyArea("climate").label_nl
'Klimaat'
>>> citynets.validate([{"id": "x", "name": "X"}]).valid
True
"""

from __future__ import annotations

from . import _core
from ._catalogue import Catalogue, ghent
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
from ._model import (
    AlternativeDate,
    AlternativeSecretariat,
    Caveat,
    City,
    Classification,
    ListSource,
    Member,
    MemberCount,
    Membership,
    Network,
    OtherName,
    Parent,
    Remark,
    RoleHeld,
    Secretariat,
    Source,
    StatedCount,
)
from ._schema import schema
from ._validation import ValidationError, ValidationIssue, ValidationReport, validate

__version__: str = _core.__version__
"""The version of the package (the version of the Rust crates it is built from)."""

MAX_DEPTH: int = _core.MAX_DEPTH
"""The deepest nesting the validator reads; deeper input is reported as ``too_deep``."""

__all__ = [
    "MAX_DEPTH",
    "AlternativeDate",
    "AlternativeSecretariat",
    "Catalogue",
    "Caveat",
    "CaveatKind",
    "City",
    "Classification",
    "CountQualifier",
    "Fact",
    "Focus",
    "Kind",
    "ListSource",
    "Member",
    "MemberCount",
    "MemberKind",
    "Membership",
    "NameKind",
    "Network",
    "Orientation",
    "OtherName",
    "Parent",
    "PolicyArea",
    "Relation",
    "Remark",
    "Role",
    "RoleHeld",
    "Scope",
    "Secretariat",
    "Source",
    "StatedCount",
    "Status",
    "ValidationError",
    "ValidationIssue",
    "ValidationReport",
    "Vocabulary",
    "__version__",
    "ghent",
    "schema",
    "validate",
]
