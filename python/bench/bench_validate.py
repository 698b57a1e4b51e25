"""Validation speed: citynets against jsonschema, fastjsonschema and jsonschema-rs, in one run.

Generates a dataset of network records from the model (the 38 Ghent records, repeated with new
ids, so every record is valid and as rich as the catalogue's), writes it as one JSON file, and
validates it two ways with each validator, against the committed
``schema/network.schema.json``:

- **from the file**: ``citynets.validate(path)`` reads the file as a stream; the others
  ``json.load`` it and validate record by record (the parse is counted, as it is for citynets);
- **from parsed objects**: the same records, already Python objects (``citynets.validate(list)``;
  the others record by record).

citynets also validates, from the file, the same records each named as the Ghent network it
is made from (under its new id): valid, but every record raises one ``id_mismatch`` warning.
Such records are reported from the fast path, so they should keep most of the clean speed.

It prints MB/s (of JSON text) for each and the ratio to jsonschema-rs measured the same way in
the same run, then the time of ``import citynets`` (a fresh interpreter, against one that
imports nothing) and of ``citynets.ghent()`` after its first call. The pure-Python
``jsonschema`` runs on a sample of the records (``--sample``), and its speed is the sample's.

    pip install jsonschema fastjsonschema jsonschema-rs
    python python/bench/bench_validate.py [--records 100000] [--sample 2000]

A validator that is not installed, or that cannot compile the schema, is reported and skipped.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
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


def warned(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records of :func:`dataset`, each named again as the Ghent network it is made from:
    valid, but each raises one ``id_mismatch`` warning (the name is Ghent's, the id is not)."""
    base = {n.id: n.name for n in citynets.ghent()}
    out = []
    for record in records:
        own_id = record["id"].rsplit("-", 1)[0]
        out.append({**record, "name": base[own_id]})
    return out


def timed(run: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds taken by one run, and its result."""
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def best_of(runs: int, run: Callable[[], Any]) -> tuple[float, Any]:
    """The shortest of ``runs`` timings of ``run``, and the result of the last run."""
    best, result = float("inf"), None
    for _ in range(runs):
        seconds, result = timed(run)
        best = min(best, seconds)
    return best, result


def startup_ms(code: str, runs: int = 7) -> float:
    """Milliseconds a fresh interpreter takes to run ``code`` (best of ``runs``)."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    """Runs the benchmark and prints the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=2_000, help="records for jsonschema")
    parser.add_argument("--runs", type=int, default=3, help="timings per case; the best is kept")
    args = parser.parse_args()

    records = dataset(args.records)
    text = json.dumps(records).encode()
    megabytes = len(text) / 1e6
    sample = records[: args.sample]
    sample_text = json.dumps(sample).encode()
    sample_mb = len(sample_text) / 1e6
    schema = json.loads((REPO / "schema" / "network.schema.json").read_text(encoding="utf-8"))
    print(f"{args.records:,} network records, {megabytes:,.1f} MB of JSON\n")

    # (validator, from, MB/s, measured on)
    results: list[tuple[str, str, float, str]] = []
    everything = f"all {args.records:,} records"

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "networks.json"
        path.write_bytes(text)
        sample_path = Path(tmp) / "sample.json"
        sample_path.write_bytes(sample_text)

        seconds, report = best_of(args.runs, lambda: citynets.validate(path))
        assert report.valid and report.records == args.records, report
        results.append(("citynets", "file", megabytes / seconds, everything))
        seconds, report = best_of(args.runs, lambda: citynets.validate(records))
        assert report.valid and report.records == args.records, report
        results.append(("citynets", "objects", megabytes / seconds, everything))
        warned_text = json.dumps(warned(records)).encode()
        warned_path = Path(tmp) / "networks-warned.json"
        warned_path.write_bytes(warned_text)
        seconds, report = best_of(args.runs, lambda: citynets.validate(warned_path))
        assert report.error_count == 0 and report.warning_count == args.records, report
        results.append(("citynets, every record warned", "file", len(warned_text) / 1e6 / seconds, everything))

        def both(name: str, check: Callable[[Any], Any], on_sample: bool) -> None:
            rows, file, mb = (sample, sample_path, sample_mb) if on_sample else (records, path, megabytes)
            note = f"{len(rows):,}-record sample" if on_sample else everything

            def from_file() -> None:
                with open(file, "rb") as f:
                    for r in json.load(f):
                        check(r)

            seconds, _ = best_of(args.runs, from_file)
            results.append((name, "file", mb / seconds, note))
            seconds, _ = best_of(args.runs, lambda: [check(r) for r in rows])
            results.append((name, "objects", mb / seconds, note))

        try:
            import jsonschema_rs

            validator_rs = jsonschema_rs.validator_for(schema)
            assert all(validator_rs.is_valid(r) for r in sample)
            both("jsonschema-rs", validator_rs.validate, on_sample=False)
        except ImportError:
            print("jsonschema-rs is not installed: pip install jsonschema-rs")
        try:
            import fastjsonschema

            try:
                check_fast = fastjsonschema.compile(schema)
                both("fastjsonschema", check_fast, on_sample=False)
            except Exception as e:  # noqa: BLE001 - report any failure to compile and go on
                print(f"fastjsonschema cannot use the schema: {type(e).__name__}: {e}")
        except ImportError:
            print("fastjsonschema is not installed: pip install fastjsonschema")
        try:
            from jsonschema import Draft202012Validator  # type: ignore[import-untyped, unused-ignore]

            validator_py = Draft202012Validator(schema)
            both("jsonschema", validator_py.validate, on_sample=True)
        except ImportError:
            print("jsonschema is not installed: pip install jsonschema")

    print("| validator | from | MB/s | × jsonschema-rs (same way) | × jsonschema (same way) | measured on |")
    print("|---|---|---:|---:|---:|---|")
    for name, source, mbs, note in results:
        cells = []
        for other in ("jsonschema-rs", "jsonschema"):
            ref = next((m for n, s, m, _ in results if n == other and s == source), None)
            cells.append(f"{mbs / ref:.2f}" if ref else "-")
        print(f"| {name} | {source} | {mbs:,.1f} | {cells[0]} | {cells[1]} | {note} |")

    bare = startup_ms("pass")
    with_import = startup_ms("import citynets")
    print(f"\nimport citynets: {with_import - bare:.1f} ms (a fresh interpreter: {with_import:.1f} ms, "
          f"against {bare:.1f} ms importing nothing)")
    citynets.ghent()
    calls = 1000
    seconds, _ = timed(lambda: [citynets.ghent() for _ in range(calls)])
    print(f"citynets.ghent() after the first call: {seconds / calls * 1e6:.2f} µs")


if __name__ == "__main__":
    main()
