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
>>> citynets.validate_json('{"id": "x", "name": "X"}', document="network").valid
True
"""

from __future__ import annotations

from . import _core

# The parts of the package are imported on first use, so that ``import citynets`` stays quick:
# building the model's dataclasses and enums, and the standard modules they need (``typing``,
# ``dataclasses``, ``enum``, ``json``), takes longer than the rest of the import. Type checkers
# read a name ``TYPE_CHECKING`` as true, without importing ``typing`` for it.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._catalogue import (
        Catalogue,
        FromList,
        ListLeft,
        Registry,
        catalogue_from_list,
        ghent,
        load,
        registry,
    )
    from ._errors import (
        CitynetsError,
        CitynetsFileNotFoundError,
        CitynetsImportError,
        CitynetsIsADirectoryError,
        CitynetsOSError,
        CitynetsPermissionError,
        CitynetsTypeError,
        CitynetsValueError,
        NetworkNotFoundError,
        UnknownValueError,
    )
    from ._fix import Change, FixResult, fix
    from ._gazetteer import CityMatch, Place, city_place, resolve_city
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
    from ._validation import (
        ValidationError,
        ValidationIssue,
        ValidationReport,
        WideConversion,
        convert_wide,
        validate,
        validate_json,
    )

_WHERE = {
    "Catalogue": "_catalogue",
    "ghent": "_catalogue",
    "load": "_catalogue",
    "Registry": "_catalogue",
    "registry": "_catalogue",
    "catalogue_from_list": "_catalogue",
    "FromList": "_catalogue",
    "ListLeft": "_catalogue",
    "CityMatch": "_gazetteer",
    "Place": "_gazetteer",
    "city_place": "_gazetteer",
    "resolve_city": "_gazetteer",
    "CitynetsError": "_errors",
    "CitynetsFileNotFoundError": "_errors",
    "CitynetsImportError": "_errors",
    "CitynetsIsADirectoryError": "_errors",
    "CitynetsOSError": "_errors",
    "CitynetsPermissionError": "_errors",
    "CitynetsTypeError": "_errors",
    "CitynetsValueError": "_errors",
    "NetworkNotFoundError": "_errors",
    "UnknownValueError": "_errors",
    "CaveatKind": "_enums",
    "CountQualifier": "_enums",
    "Fact": "_enums",
    "Focus": "_enums",
    "Kind": "_enums",
    "MemberKind": "_enums",
    "NameKind": "_enums",
    "Orientation": "_enums",
    "PolicyArea": "_enums",
    "Relation": "_enums",
    "Role": "_enums",
    "Scope": "_enums",
    "Status": "_enums",
    "Vocabulary": "_enums",
    "AlternativeDate": "_model",
    "AlternativeSecretariat": "_model",
    "Caveat": "_model",
    "City": "_model",
    "Classification": "_model",
    "ListSource": "_model",
    "Member": "_model",
    "MemberCount": "_model",
    "Membership": "_model",
    "Network": "_model",
    "OtherName": "_model",
    "Parent": "_model",
    "Remark": "_model",
    "RoleHeld": "_model",
    "Secretariat": "_model",
    "Source": "_model",
    "StatedCount": "_model",
    "schema": "_schema",
    "Change": "_fix",
    "FixResult": "_fix",
    "fix": "_fix",
    "ValidationError": "_validation",
    "ValidationIssue": "_validation",
    "ValidationReport": "_validation",
    "validate": "_validation",
    "validate_json": "_validation",
    "convert_wide": "_validation",
    "WideConversion": "_validation",
}
"""The module of the package that defines each public name."""

if not TYPE_CHECKING:
    # At run time only: type checkers see the imports above, and no catch-all attribute.

    def __getattr__(name: str) -> object:
        """Imports the part of the package that defines ``name``, on first use."""
        where = _WHERE.get(name)
        if where is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from importlib import import_module

        value = getattr(import_module(f"{__name__}.{where}"), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        """The module's names, the ones not imported yet included."""
        return sorted(set(globals()) | set(__all__))


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
    "Change",
    "City",
    "CitynetsError",
    "CitynetsFileNotFoundError",
    "CitynetsImportError",
    "CitynetsIsADirectoryError",
    "CitynetsOSError",
    "CitynetsPermissionError",
    "CitynetsTypeError",
    "CitynetsValueError",
    "Classification",
    "CountQualifier",
    "Fact",
    "FixResult",
    "Focus",
    "FromList",
    "Kind",
    "ListLeft",
    "ListSource",
    "Member",
    "MemberCount",
    "MemberKind",
    "Membership",
    "NameKind",
    "Network",
    "NetworkNotFoundError",
    "Orientation",
    "OtherName",
    "Parent",
    "PolicyArea",
    "Relation",
    "Registry",
    "Remark",
    "Role",
    "RoleHeld",
    "Scope",
    "Secretariat",
    "Source",
    "StatedCount",
    "Status",
    "UnknownValueError",
    "ValidationError",
    "ValidationIssue",
    "ValidationReport",
    "Vocabulary",
    "WideConversion",
    "__version__",
    "catalogue_from_list",
    "city_place",
    "convert_wide",
    "fix",
    "ghent",
    "load",
    "registry",
    "resolve_city",
    "schema",
    "validate",
    "validate_json",
]
