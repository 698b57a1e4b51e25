"""`citynets validate` and `citynets fix` on a 1,000,000-row membership table stay within
64 MiB of memory (peak resident set of the process), whatever the length of the table.

The table is made here, as a spreadsheet export holds it (spreadsheet column names, country
names, network names, status words, `2015.0` years), so that `fix` has a change to make in
almost every cell. Run with the path of a release build of the command line:

    python3 tests/memory_1m.py target/release/citynets

It also prints each command's rows per second and their ratio, measured in the same run (the
figures for docs/performance.md); only the memory is a pass/fail check.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROWS = 1_000_000
LIMIT_MIB = 64

CITIES = [("Gent", "Belgium"), ("Lyon", "France"), ("Leipzig", "Deutschland"), ("Utrecht", "Nederland")]
NETWORKS = ["Eurocities", "ICLEI", "Energy Cities", "Polis"]


def make(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("Network;City;Country;Type;Status;Year joined\r\n")
        for i in range(ROWS):
            city, country = CITIES[i % 4]
            f.write(f"{NETWORKS[i % 4]};{city} {i};{country};City;member;{1990 + i % 30}.0\r\n")


def peak_mib(args: list[str]) -> tuple[float, float]:
    """Runs a command in a child process; its peak resident memory in MiB, and its seconds."""
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode not in (0, 1):
        sys.exit(f"{args}: exit status {done.returncode}")
    # ru_maxrss of the children is the largest of any child so far: each run is measured in a
    # fresh Python process below, so the figure is this command's own.
    return max(before, after) / 1024, seconds


def main() -> None:
    binary = sys.argv[1]
    if len(sys.argv) > 2:
        # One measurement in this process (see peak_mib).
        mib, seconds = peak_mib(sys.argv[2:])
        print(f"{mib:.1f} {seconds:.3f}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / "members.csv"
        make(table)
        size = table.stat().st_size / 2**20
        runs = {
            "validate": [binary, "validate", "-q", "--document", "membership", str(table)],
            "fix": [binary, "fix", "-q", str(table), "-o", str(Path(tmp) / "fixed.csv"),
                    "--log", "/dev/null"],
        }
        results = {}
        for name, args in runs.items():
            out = subprocess.run([sys.executable, __file__, binary, *args], capture_output=True,
                                 text=True, check=True).stdout.split()
            results[name] = (float(out[0]), float(out[1]))
            print(f"{name}: {ROWS} rows ({size:.0f} MiB) in {results[name][1]:.2f} s "
                  f"({ROWS / results[name][1]:,.0f} rows/s), peak memory {results[name][0]:.1f} MiB")
        ratio = results["fix"][1] / results["validate"][1]
        print(f"fix takes {ratio:.2f}x the time of validate on the same table")
        over = {k: v[0] for k, v in results.items() if v[0] > LIMIT_MIB}
        if over:
            sys.exit(f"over {LIMIT_MIB} MiB: {over}")
        print(f"both within {LIMIT_MIB} MiB")


if __name__ == "__main__":
    main()
