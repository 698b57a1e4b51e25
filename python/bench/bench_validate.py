"""Validation speed: citynets against jsonschema, fastjsonschema and jsonschema-rs.

Generates a dataset of network records from the model (the 38 Ghent records, repeated with new
ids, so every record is valid and as rich as the catalogue's), writes it as one JSON file, and
validates it with:

- ``citynets.validate(path)``: the Rust validator reading the file as a stream;
- ``citynets.validate(records)``: the same data as parsed Python objects;
- ``jsonschema`` (``Draft202012Validator``), ``fastjsonschema`` and ``jsonschema-rs``
  (``jsonschema_rs``) with the committed ``schema/network.schema.json``, record by record on the
  parsed objects (the time to parse the file is not counted for them).

It prints MB/s (of JSON text) for each and the ratio to jsonschema-rs. The slow pure-Python
validators run on a sample of the records (``--sample``), and their speed is that of the sample.

    pip install jsonschema fastjsonschema jsonschema-rs
    python python/bench/bench_validate.py [--records 100000] [--sample 2000]

A validator that is not installed, or that cannot compile the schema, is reported and skipped.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import citynets

REPO = Path(__file__).resolve().parents[2]


def dataset(count: int) -> list[dict[str, Any]]:
    """``count`` valid network records made from the Ghent catalogue, each with its own id,
    name, acronym and other names (so that none is taken for a Ghent network under another id)."""
    base = [n.to_dict() for n in citynets.ghent()]
    records = []
    for i in range(count):
        record = dict(base[i % len(base)])
        record["id"] = f"{record['id']}-{i}"
        record["name"] = f"{record['name']} {i}"
        if "acronym" in record:
            record["acronym"] = f"{record['acronym']}{i}"
        names = []
        for other in record.get("other_names", []):
            other = {**other, "name": f"{other['name']} {i}"}
            if "acronym" in other:
                other["acronym"] = f"{other['acronym']}{i}"
            names.append(other)
        if names:
            record["other_names"] = names
        records.append(record)
    return records


def timed(run: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds taken by one run, and its result."""
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def main() -> None:
    """Runs the benchmark and prints the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=2_000, help="records for slow validators")
    args = parser.parse_args()

    records = dataset(args.records)
    text = json.dumps(records).encode()
    megabytes = len(text) / 1e6
    sample = records[: args.sample]
    sample_mb = len(json.dumps(sample).encode()) / 1e6
    schema = json.loads((REPO / "schema" / "network.schema.json").read_text(encoding="utf-8"))
    print(f"{args.records:,} network records, {megabytes:,.1f} MB of JSON\n")

    results: list[tuple[str, float, str]] = []

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "networks.json"
        path.write_bytes(text)
        seconds, report = timed(lambda: citynets.validate(path))
        assert report.valid and report.records == args.records, report
        if report.warning_count:
            print(f"citynets: {report.warning_count:,} warnings, e.g. {report.warnings[0]}")
        results.append(("citynets, file (stream)", megabytes / seconds, "all records"))
    seconds, report = timed(lambda: citynets.validate(records))
    assert report.valid and report.records == args.records, report
    results.append(("citynets, Python objects", megabytes / seconds, "all records"))

    def per_record(
        name: str, check: Callable[[Any], Any], rows: list[dict[str, Any]], mb: float, note: str
    ) -> None:
        seconds, _ = timed(lambda: [check(r) for r in rows])
        results.append((name, mb / seconds, note))

    try:
        import jsonschema_rs

        validator_rs = jsonschema_rs.validator_for(schema)
        assert all(validator_rs.is_valid(r) for r in sample)
        per_record("jsonschema-rs", validator_rs.validate, records, megabytes, "all records")
    except ImportError:
        print("jsonschema-rs is not installed: pip install jsonschema-rs")
    try:
        import fastjsonschema

        try:
            check_fast = fastjsonschema.compile(schema)
            note = f"{len(sample):,}-record sample"
            per_record("fastjsonschema", check_fast, sample, sample_mb, note)
        except Exception as e:  # noqa: BLE001 - report any failure to compile and go on
            print(f"fastjsonschema cannot use the schema: {type(e).__name__}: {e}")
    except ImportError:
        print("fastjsonschema is not installed: pip install fastjsonschema")
    try:
        from jsonschema import Draft202012Validator  # type: ignore[import-untyped, unused-ignore]

        validator_py = Draft202012Validator(schema)
        note = f"{len(sample):,}-record sample"
        per_record("jsonschema", validator_py.validate, sample, sample_mb, note)
    except ImportError:
        print("jsonschema is not installed: pip install jsonschema")

    reference = next((mbs for name, mbs, _ in results if name == "jsonschema-rs"), None)
    print(f"{'validator':<28} {'MB/s':>9} {'vs jsonschema-rs':>17}  measured on")
    for name, mbs, note in results:
        ratio = f"{mbs / reference:.2f}x" if reference else "-"
        print(f"{name:<28} {mbs:>9.1f} {ratio:>17}  {note}")


if __name__ == "__main__":
    main()
