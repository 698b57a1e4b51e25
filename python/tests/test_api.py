"""The public API: every public name is documented, and nothing reaches a Rust panic."""

from __future__ import annotations

import doctest
import inspect
import json
import random
from pathlib import Path

import citynets

REPO = Path(__file__).resolve().parents[2]


def test_every_public_name_has_a_docstring() -> None:
    assert citynets.__doc__
    missing = []
    for name in citynets.__all__:
        obj = getattr(citynets, name)
        if name in ("__version__", "MAX_DEPTH"):
            continue
        if not inspect.getdoc(obj):
            missing.append(name)
        if inspect.isclass(obj) and not issubclass(obj, citynets.Vocabulary):
            for attr, member in vars(obj).items():
                dunders = ("__init__", "__getitem__", "__len__", "__iter__")
                if attr.startswith("_") and attr not in dunders:
                    continue
                if callable(member) or isinstance(member, property):
                    if not inspect.getdoc(member):
                        missing.append(f"{name}.{attr}")
    assert not missing, f"no docstring: {missing}"


def test_module_docstring_examples() -> None:
    failures, tried = doctest.testmod(citynets, verbose=False)
    assert tried > 0 and failures == 0


def test_version() -> None:
    assert citynets.__version__.count(".") == 2


def test_random_and_mutated_bytes_never_panic() -> None:
    """Random bytes and byte-level mutations of the shared fixture inputs and of the Ghent
    catalogue: each gives a report (or, for Python objects, a Python exception), never a Rust
    panic (which would surface as pyo3's PanicException, a BaseException)."""
    rng = random.Random(20240531)
    seeds = [json.dumps(citynets.ghent().to_dict()["networks"][:3]).encode()]
    fixtures = REPO / "tests" / "fixtures" / "validation"
    seeds += [p.read_bytes() for p in sorted(fixtures.glob("*/input.*"))]
    alphabet = b'{}[]",:0123456789.eE+-truefalsnul \n\t\\u\xff\xc3\xa9\x00'
    for i in range(3000):
        if i % 3 == 0:
            data = bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 64)))
        else:
            data = bytearray(rng.choice(seeds))
            for _ in range(rng.randint(1, 8)):
                if not data:
                    break
                at = rng.randrange(len(data))
                action = rng.random()
                if action < 0.4:
                    data[at] = rng.choice(alphabet)
                elif action < 0.7:
                    del data[at : at + rng.randint(1, 20)]
                else:
                    data[at:at] = bytes(rng.choice(alphabet) for _ in range(rng.randint(1, 10)))
            data = bytes(data)
        for document in (None, "network", "membership", "catalogue"):
            report = citynets.validate(data, document=document)  # type: ignore[arg-type]
            assert report.valid == (report.error_count == 0)
        try:
            value = json.loads(data)
        except ValueError:
            continue
        if isinstance(value, (dict, list)):
            try:
                citynets.validate(value)
            except ValueError:
                pass  # json.loads reads NaN, Infinity and 1e400, which JSON data cannot hold
