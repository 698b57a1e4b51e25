"""Validation from Python objects: ``citynets.validate(records)`` on the records of
``bench_validate.py`` (clean, 1% invalid, 10% invalid, every record warned), a small list
validated many times and one catalogue dict validated many times. Each figure is the median of
five rounds.

In the same run, jsonschema-rs (when installed: ``pip install jsonschema-rs``) validates the
same lists record by record against the committed ``schema/network.schema.json``, as
``bench_validate.py`` builds it (``jsonschema_rs.validator_for``), collecting every error of
each record (``iter_errors``), as citynets reports every problem; the ratio printed for each
case is jsonschema-rs's seconds over citynets' (above 1: citynets is faster). jsonschema-rs has
no warnings: a warned record is a valid one to it.

Run it with two builds of the package (two virtual environments) in turns to compare them, as
the figures of one run on a shared machine are only a range:

    for i in 1 2 3; do venv-a/bin/python python/bench/bench_objects.py
                       venv-b/bin/python python/bench/bench_objects.py; done

It prints one JSON line (seconds per case, and the package's file), then the ratios.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_validate  # noqa: E402  (the same records as the main benchmark)

import citynets  # noqa: E402

ROUNDS = 5


def median_seconds(run: Callable[[], Any]) -> float:
    """The median of ``ROUNDS`` timings of ``run``."""
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def jsonschema_rs_validator() -> Any:
    """jsonschema-rs's validator of network records, or ``None`` when it is not installed."""
    try:
        import jsonschema_rs
    except ImportError:
        print("jsonschema-rs is not installed: pip install jsonschema-rs", file=sys.stderr)
        return None
    path = bench_validate.REPO / "schema" / "network.schema.json"
    return jsonschema_rs.validator_for(json.loads(path.read_text(encoding="utf-8")))


def main() -> None:
    """Times each case and prints the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200, help="calls of the small cases")
    args = parser.parse_args()
    clean = bench_validate.dataset(args.records)
    invalid = [
        {**r, "founding_date": True} if i % 100 == 99 else r for i, r in enumerate(clean)
    ]
    invalid10 = [
        {**r, "founding_date": True} if i % 10 == 9 else r for i, r in enumerate(clean)
    ]
    warned = bench_validate.warned(clean)
    small = clean[:200]
    catalogue = citynets.ghent().to_dict()
    expected = {
        "clean": (clean, 0, 0),
        "1pct_invalid": (invalid, len(clean) // 100, 0),
        "10pct_invalid": (invalid10, len(clean) // 10, 0),
        "warned": (warned, 0, len(clean)),
    }
    def once(data: Any) -> Callable[[], None]:
        def run() -> None:
            citynets.validate(data)

        return run

    def repeated(data: Any) -> Callable[[], None]:
        def run() -> None:
            for _ in range(args.repeat):
                citynets.validate(data)

        return run

    validator_rs = jsonschema_rs_validator()

    def with_rs(data: list[dict[str, Any]]) -> Callable[[], None]:
        def run() -> None:
            for record in data:
                for _ in validator_rs.iter_errors(record):
                    pass

        return run

    out: dict[str, Any] = {"package": citynets.__file__}
    ratios: dict[str, float] = {}
    for name, (data, errors, warnings) in expected.items():
        report = citynets.validate(data)
        assert (report.error_count, report.warning_count) == (errors, warnings), name
        out[name] = median_seconds(once(data))
        if validator_rs is not None:
            rs_errors = sum(1 for r in data for _ in validator_rs.iter_errors(r))
            assert rs_errors == errors, (name, rs_errors)
            out[f"{name}_jsonschema_rs"] = median_seconds(with_rs(data))
            ratios[name] = round(out[f"{name}_jsonschema_rs"] / out[name], 2)

    out[f"200_records_x{args.repeat}"] = median_seconds(repeated(small))
    out[f"catalogue_dict_x{args.repeat}"] = median_seconds(repeated(catalogue))
    print(json.dumps(out))
    if ratios:
        print("jsonschema-rs / citynets:", json.dumps(ratios))


if __name__ == "__main__":
    main()
