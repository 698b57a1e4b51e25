"""Memory does not grow with the input: 256 MB of NDJSON, and a 256 MB catalogue document, piped
into `citynets validate -` keep the process's peak resident memory at or under 64 MiB.

The command runs as `python -m citynets` (the Rust command line inside the installed package);
its peak memory is read from the kernel when it exits (os.wait4), Python interpreter included.
"""

from __future__ import annotations

import json
import os
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
        [sys.executable, "-m", "citynets", "validate", "--output", "json", *args, "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdin is not None and proc.stdout is not None
    for chunk in _chunks(catalogue):
        proc.stdin.write(chunk)
    proc.stdin.close()
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, out[:2000]
    return usage.ru_maxrss // 1024, json.loads(out)


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
