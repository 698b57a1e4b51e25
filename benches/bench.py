#!/usr/bin/env python3
"""Benchmark of `citynets validate` against the Rust `jsonschema` crate, in one run.

    python3 benches/bench.py [--records 100000] [--runs 3] [--out target/bench]

Builds the release binaries, generates the data from the model (`citynets-bench gen`), then
times whole processes (wall clock, best of --runs, taken in rounds over all the cases) and reads
each one's peak resident memory from the kernel (os.wait4). Every figure is printed beside the `jsonschema` crate validating the
same data line by line (`iter_errors`, same schema, same error count), measured in the same run,
so the ratio does not depend on the machine. Uses only the Python standard library.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(cmd: list[str]) -> tuple[float, int, str]:
    """Runs a command; returns wall seconds, peak RSS in KiB, and its stdout."""
    out_path = ROOT / "target" / "bench-stdout.txt"
    with open(out_path, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed with status {status}")
    return elapsed, usage.ru_maxrss, out_path.read_text(encoding="utf-8", errors="replace")


def errors_of(tool: str, stdout: str) -> int:
    if tool == "citynets":
        doc = json.loads(stdout)
        return sum(f["errorCount"] for f in doc["files"])
    return int(stdout.split(" records, ")[1].split(" errors")[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", default=str(ROOT / "target" / "bench"))
    args = parser.parse_args()

    subprocess.run(
        ["cargo", "build", "-q", "--release", "-p", "citynets-cli", "-p", "citynets-bench"],
        cwd=ROOT,
        check=True,
    )
    bin_dir = ROOT / "target" / "release"
    cli, helper = str(bin_dir / "citynets"), str(bin_dir / "citynets-bench")
    out = Path(args.out)
    subprocess.run([helper, "gen", str(out), str(args.records)], check=True)
    nd, bad, cat = out / "networks.ndjson", out / "networks-1pct-invalid.ndjson", out / "catalogue.json"
    csv = out / "networks.csv"
    warned = out / "networks-warned.ndjson"

    cases = [
        ("read the file (no validation)", "read", [helper, "read", str(nd)], nd),
        ("jsonschema crate, line by line (baseline)", "jsonschema", [helper, "jsonschema-lines", "network", str(nd)], nd),
        ("jsonschema crate, whole document loaded", "jsonschema", [helper, "jsonschema-doc", "catalogue", str(cat)], cat),
        ("serde typed, first error per record", "jsonschema", [helper, "serde-typed", str(nd)], nd),
        ("citynets validate, NDJSON", "citynets", [cli, "validate", "--output", "json", str(nd)], nd),
        ("citynets validate, NDJSON, 1% invalid", "citynets", [cli, "validate", "--output", "json", str(bad)], bad),
        ("citynets validate, NDJSON, every record warned", "citynets", [cli, "validate", "--output", "json", str(warned)], warned),
        ("jsonschema crate, line by line, 1% invalid", "jsonschema", [helper, "jsonschema-lines", "network", str(bad)], bad),
        ("citynets validate, one catalogue document", "citynets", [cli, "validate", "--output", "json", "--document", "catalogue", str(cat)], cat),
        ("citynets validate, CSV (the same records)", "citynets", [cli, "validate", "--output", "json", str(csv)], csv),
    ]
    # Rounds over all the cases, rather than each case's runs in a row, so that a machine
    # whose speed drifts during the run favours no case.
    bests: list[tuple[float, int, str] | None] = [None] * len(cases)
    for _ in range(args.runs):
        for i, (_, _, cmd, _) in enumerate(cases):
            elapsed, rss, stdout = run(cmd)
            best = bests[i]
            if best is None or elapsed < best[0]:
                bests[i] = (elapsed, rss, stdout)
    rows = []
    for (label, tool, cmd, path), best in zip(cases, bests):
        assert best is not None
        elapsed, rss, stdout = best
        size = path.stat().st_size
        errors = 0 if tool == "read" else errors_of(tool, stdout)
        rows.append((label, size / elapsed / 1e6, args.records / elapsed, rss / 1024, errors, elapsed))

    baseline = rows[1][1]
    print(f"{args.records} network records; NDJSON {nd.stat().st_size / 1e6:.1f} MB; {os.cpu_count()} cores\n")
    print("| run | MB/s | records/s | peak MiB | errors | × jsonschema line by line |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, mbs, rps, mib, errors, _ in rows:
        print(f"| {label} | {mbs:.0f} | {rps:,.0f} | {mib:.0f} | {errors} | {mbs / baseline:.2f} |")
    clean = rows[4][1]
    print(f"\n1% invalid keeps {rows[5][1] / clean:.0%} of the valid-data throughput.")
    print(f"Every record warned (one id_mismatch each) keeps {rows[6][1] / clean:.0%} of it.")


if __name__ == "__main__":
    sys.exit(main())
