"""Every exception the package raises is a ``citynets.CitynetsError`` and keeps the builtin
base that fits it, whether Python or the native module raises it; and every object the package
returns prints in under 200 characters."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import citynets
from citynets import _core

ROOT = Path(__file__).resolve().parents[2]
MEMBER = {"kind": "city", "city": "Gent", "country": "BE"}

MISUSES: list[tuple[str, Callable[[], object], type[BaseException]]] = [
    ("vocabulary constructor", lambda: citynets.PolicyArea("klimaat"), ValueError),
    ("vocabulary of a number", lambda: citynets.Status(3), ValueError),
    ("vocabulary parse", lambda: citynets.Scope.parse("zzz"), ValueError),
    ("parse of a number", lambda: citynets.Scope.parse(3), TypeError),  # type: ignore[arg-type]
    ("filter value", lambda: citynets.ghent().filter(scope="europe-wide"), ValueError),
    ("filter type", lambda: citynets.ghent().filter(scope=3), TypeError),  # type: ignore[arg-type]
    ("lookup", lambda: citynets.ghent()["no such network"], KeyError),
    ("ambiguous lookup", lambda: citynets.ghent()["unesco"], KeyError),
    ("lookup type", lambda: citynets.ghent()[3], TypeError),  # type: ignore[index]
    ("json text as a path", lambda: citynets.validate('[{"id": "x"}]'), TypeError),
    ("missing file", lambda: citynets.validate(Path("/no/such/file.json")), FileNotFoundError),
    ("directory", lambda: citynets.validate(ROOT), IsADirectoryError),
    ("object type", lambda: citynets.validate(3), TypeError),  # type: ignore[arg-type]
    ("key type", lambda: citynets.validate([{1: "x"}]), TypeError),
    ("huge integer", lambda: citynets.validate([{"id": "x", "n": 2**70}]), ValueError),
    ("unknown document", lambda: citynets.validate([], document="nets"), ValueError),  # type: ignore[arg-type]
    ("unknown format", lambda: citynets.validate(b"", format="xml"), ValueError),  # type: ignore[arg-type]
    ("sheet of bytes", lambda: citynets.validate(b"[]", sheet="x"), ValueError),
    ("validate_json type", lambda: citynets.validate_json([]), TypeError),  # type: ignore[arg-type]
    ("catalogue file missing", lambda: citynets.validate([], catalogues=["/no/such.json"]), FileNotFoundError),
    ("catalogues type", lambda: citynets.validate([], catalogues="x.json"), TypeError),
    ("fix type", lambda: citynets.fix(3), TypeError),  # type: ignore[arg-type]
    ("fix missing file", lambda: citynets.fix("/no/such/file.csv"), FileNotFoundError),
    ("fix objects to a file", lambda: citynets.fix([], output="x.json"), ValueError),
    ("schema name", lambda: citynets.schema("nets"), ValueError),  # type: ignore[arg-type]
    ("schema type", lambda: citynets.schema(3), TypeError),  # type: ignore[arg-type]
    ("invalid network", lambda: citynets.Network.from_dict({"id": "X"}), ValueError),
    ("from_dict type", lambda: citynets.Network.from_dict([]), TypeError),  # type: ignore[arg-type]
    ("invalid catalogue", lambda: citynets.Catalogue({"networks": []}), ValueError),
    ("catalogue type", lambda: citynets.Catalogue([]), TypeError),  # type: ignore[arg-type]
    ("load type", lambda: citynets.load(3), TypeError),  # type: ignore[arg-type]
    ("raise_for_errors", lambda: citynets.validate([{"id": "X"}]).raise_for_errors(), ValueError),
    ("native lookup", lambda: _core.NativeCatalogue.ghent().lookup("zzzz"), KeyError),
    ("native vocabulary", lambda: _core.parse_vocabulary("Nope", "x", True), ValueError),
    ("wide delimiter", lambda: citynets.convert_wide("x.csv", delimiter="ab"), ValueError),
    ("sheet type", lambda: citynets.validate([], sheet=5), TypeError),  # type: ignore[arg-type]
    ("strict type", lambda: citynets.validate([], strict=1), TypeError),  # type: ignore[arg-type]
    ("document type", lambda: citynets.validate([], document=5), TypeError),  # type: ignore[arg-type]
    ("date order type", lambda: citynets.fix([], date_order=1), TypeError),  # type: ignore[arg-type]
    (
        "list delimiter type",
        lambda: citynets.catalogue_from_list("x.csv", "Gent", "BE", "https://x.org/", delimiter=5),  # type: ignore[arg-type]
        TypeError,
    ),
    (
        "list delimiter value",
        lambda: citynets.catalogue_from_list("x.csv", "Gent", "BE", "https://x.org/", delimiter='"'),
        ValueError,
    ),
]


@pytest.mark.parametrize("what,call,builtin", MISUSES, ids=[m[0] for m in MISUSES])
def test_every_exception_is_a_citynets_error(
    what: str, call: Callable[[], object], builtin: type[BaseException]
) -> None:
    with pytest.raises(citynets.CitynetsError) as e:
        call()
    assert isinstance(e.value, builtin), f"{what}: {type(e.value).__mro__}"
    assert str(e.value), what


def test_the_classes_and_their_bases() -> None:
    assert issubclass(citynets.ValidationError, citynets.CitynetsError)
    assert issubclass(citynets.ValidationError, ValueError)
    assert issubclass(citynets.UnknownValueError, ValueError)
    assert issubclass(citynets.NetworkNotFoundError, KeyError)
    assert issubclass(citynets.CitynetsFileNotFoundError, FileNotFoundError)
    assert issubclass(citynets.CitynetsImportError, ImportError)
    e = citynets.CitynetsFileNotFoundError(2, "No such file or directory", "x.json")
    assert (e.errno, e.filename) == (2, "x.json")


def test_no_bare_builtin_is_raised_in_the_sources() -> None:
    """The package's Python raises its own classes; the binding raises them through
    errors.rs, the one place that makes a Python exception."""
    builtins = r"(ValueError|TypeError|KeyError|OSError|FileNotFoundError|ImportError|RuntimeError|IndexError)"
    for file in sorted((ROOT / "python" / "citynets").glob("*.py")):
        text = file.read_text(encoding="utf-8")
        assert not re.search(rf"raise {builtins}\(", text), file.name
    for file in sorted((ROOT / "crates" / "citynets-py" / "src").glob("*.rs")):
        if file.name == "errors.rs":
            continue
        text = file.read_text(encoding="utf-8")
        assert not re.search(r"Py[A-Za-z]*Error::new_err", text), file.name


def _objects() -> list[Any]:
    ghent = citynets.ghent()
    report = citynets.validate([{"id": "x" * 300, "name": "y" * 5000, "policy_areas": ["mobilty"]}] * 50)
    fixed = citynets.fix([{"organization_id": "Eurocities", "member": dict(MEMBER, city=" Gent ")}] * 500, document="membership")
    wide = citynets.convert_wide(ROOT / "tests" / "fixtures" / "validation" / "wide-research" / "input.csv")
    records: list[Any] = []
    for n in ghent:
        records.append(n)
        records.extend(n.memberships)
        records.extend(n.other_names)
        records.extend(n.member_counts)
    long_city = ghent.to_dict()
    long_city["city"] = {"name": "Gent " * 50, "country": "BE"}
    left = citynets.ListLeft(0, "x" * 300, "y" * 300, [("eurocities", "Eurocities", 0.5)] * 9)
    return [
        ghent,
        citynets.Catalogue(ghent.to_dict()),
        citynets.Catalogue(long_city),
        citynets.registry(),
        left,
        citynets.FromList(citynets.Catalogue(long_city), [left] * 3, 3),
        report,
        *report.issues,
        fixed,
        *fixed.changes,
        wide,
        citynets.PolicyArea.CLIMATE,
        *records,
    ]


def test_every_object_has_a_short_repr() -> None:
    for obj in _objects():
        text = repr(obj)
        assert len(text) < 200 and "\n" not in text, (type(obj).__name__, text[:300])
