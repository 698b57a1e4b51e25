"""Memory does not grow with the input: 256 MB of NDJSON, and a 256 MB catalogue document, piped
into `citynets validate -` keep the process's peak resident memory at or under 64 MiB.

The command runs as `python -m citynets` (the Rust command line inside the installed package)
with `--stats`, which reports the process's peak resident memory (the kernel's VmHWM, Python
interpreter included) as it ends. (os.wait4's ru_maxrss would also count the memory of the test
process the child was forked from, before it started the command.)
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator

import citynets

LIMIT_MIB = 64
SIZE = 256 * 1024 * 1024


def _record(i: int) -> str:
    return json.dumps(
        {
            "id": f"network-{i}",
            "name": f"Network {i}",
            "policy_areas": ["climate", "energy"],
            "orientations": ["advocacy", "knowledge_exchange"],
            "scope": "european",
            "kind": "city_network",
            "website": f"https://network{i}.example.org/",
            "founding_date": "1990",
            "memberships": [
                {
                    "organization_id": f"network-{i}",
                    "member": {"kind": "city", "city": "Ghent", "country": "BE"},
                    "status": "full",
                    "start_date": "2001",
                }
            ],
        }
    )


def _chunks(catalogue: bool) -> Iterator[bytes]:
    written = 0
    if catalogue:
        doc = citynets.ghent().to_dict()
        doc.pop("networks")
        head = json.dumps(doc)[:-1] + ', "networks": ['
        yield head.encode()
        written += len(head)
    i = 0
    while written < SIZE:
        block = []
        for _ in range(2000):
            line = _record(i)
            block.append(("," if catalogue and i else "") + line + "\n")
            i += 1
        data = "".join(block).encode()
        written += len(data)
        yield data
    if catalogue:
        yield b"]}\n"


def _peak_mib(args: list[str], catalogue: bool) -> tuple[int, dict[str, object]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "citynets", "validate", "--stats", "--output", "json", *args, "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None
    for chunk in _chunks(catalogue):
        proc.stdin.write(chunk)
    proc.stdin.close()
    assert proc.stdout is not None and proc.stderr is not None
    out = proc.stdout.read()
    err = proc.stderr.read().decode()
    assert proc.wait() == 0, (out[:2000], err)
    match = re.search(r"peak memory (\d+) MiB", err)
    assert match, err
    return int(match.group(1)), json.loads(out)


def test_256_mb_of_ndjson_in_64_mib() -> None:
    peak, report = _peak_mib(["--format", "ndjson"], catalogue=False)
    files = report["files"]
    assert isinstance(files, list) and files[0]["recordCount"] > 400_000, report
    assert peak <= LIMIT_MIB, f"peak resident memory {peak} MiB"


def test_a_256_mb_catalogue_document_in_64_mib() -> None:
    peak, report = _peak_mib(["--format", "json", "--document", "catalogue"], catalogue=True)
    files = report["files"]
    assert isinstance(files, list) and files[0]["valid"] is True, report
    assert files[0]["recordCount"] > 400_000, report
    assert peak <= LIMIT_MIB, f"peak resident memory {peak} MiB"
