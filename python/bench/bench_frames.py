"""Validation of DataFrames: ``citynets.validate(df)`` on a membership DataFrame beside
jsonschema-rs validating ``df.to_dict("records")`` (the conversion timed with it), in the same
run, and the peak memory of ``validate(df)``.

The frame has 1,000,000 rows (``--rows``) of memberships as a city list or a research table
holds them, in the columns of the CSV mapping (``organization_id``, ``member.kind``,
``member.name``, ``member.city``, ``member.country``, ``status``, ``start_date``): the 38
networks of Ghent's catalogue, each with its own members (the real cities of
``tests/fixtures/city-spellings.tsv``, one spelling each, then universities, associations, companies… in those
cities), each starting within the network's life; 1% of the rows have a country name
instead of its code (an error), and nothing else is wrong. It is made for pandas and for polars
(``--library``). Two shapes:

- **flat**: the columns above. jsonschema-rs reads ``to_dict("records")`` as records with
  dotted keys, which the schema refuses (every record fails): it is timed with ``is_valid``,
  its cheapest verdict;
- **nested**: ``member`` is one column of dicts (pandas) or a struct column (polars), so
  ``to_dict("records")`` gives records the schema reads; jsonschema-rs is timed with
  ``iter_errors`` (every error, as citynets reports every problem) and with ``is_valid``.

Each figure is the median of five rounds (``--rounds``). Memory is measured in a subprocess
that builds the frame, then resets the kernel's peak (``/proc/self/clear_refs``) and runs
``validate(df)``: the rise is the peak after, less the resident size before; it is printed
beside the frame's own size (``memory_usage(deep=True)``, ``estimated_size()``).

    pip install jsonschema-rs pandas polars
    python python/bench/bench_frames.py [--rows 1000000] [--library pandas|polars|both]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import citynets

REPO = Path(__file__).resolve().parents[2]

STATUSES = [None, "full", "associate", "observer"]
KINDS = ["university", "association", "research_centre", "ngo", "company", "agency"]


def places() -> list[tuple[str, str]]:
    """Real cities with their countries, one spelling of each place (the gazetteer's test
    list)."""
    lines = (REPO / "tests" / "fixtures" / "city-spellings.tsv").read_text("utf-8").splitlines()
    seen: dict[str, tuple[str, str]] = {}
    for line in lines[1:]:
        spelling, country, place = line.split("\t")[:3]
        seen.setdefault(place or spelling, (spelling, country))
    return list(seen.values())


def columns(rows: int) -> dict[str, list[Any]]:
    """The flat columns of ``rows`` memberships (see the module's doc)."""
    networks = list(citynets.ghent())
    ids = [n.id for n in networks]
    # A year within each network's life (after its founding, before its end).
    years = []
    for n in networks:
        first = int((n.founding_date or "1990")[:4]) + 1
        last = int((n.dissolution_date or "2025")[:4]) - 1
        years.append([str(y) for y in range(first, max(first, last) + 1)][:8] or [None])
    pool = places()
    out: dict[str, list[Any]] = {
        "organization_id": [],
        "member.kind": [],
        "member.name": [],
        "member.city": [],
        "member.country": [],
        "status": [],
        "start_date": [],
    }
    for i in range(rows):
        network, j = i % len(ids), i // len(ids)
        city, country = pool[j % len(pool)]
        # The network's j-th member: a city of the list, then organisations in its cities.
        kind = "city" if j < len(pool) else KINDS[j % len(KINDS)]
        out["organization_id"].append(ids[network])
        out["member.kind"].append(kind)
        out["member.name"].append(city if kind == "city" else f"{kind.title()} {j}")
        out["member.city"].append(city)
        out["member.country"].append("Belgium" if i % 100 == 99 else country)
        out["status"].append(STATUSES[i % len(STATUSES)])
        life = years[network]
        out["start_date"].append(life[j % len(life)])
    return out


def make_frame(library: str, shape: str, rows: int) -> Any:
    """The frame of ``columns(rows)`` in ``library``, flat or with a nested ``member``."""
    data = columns(rows)
    if shape == "nested":
        member = [
            {"kind": k, "name": n, "city": c, "country": y}
            for k, n, c, y in zip(
                data.pop("member.kind"),
                data.pop("member.name"),
                data.pop("member.city"),
                data.pop("member.country"),
            )
        ]
        data = {"organization_id": data["organization_id"], "member": member} | {
            k: data[k] for k in ("status", "start_date")
        }
    if library == "pandas":
        import pandas

        return pandas.DataFrame(data)
    import polars

    return polars.DataFrame(data)


def frame_bytes(frame: Any) -> int:
    """The frame's own size, as its library counts it."""
    if hasattr(frame, "estimated_size"):
        return int(frame.estimated_size())
    return int(frame.memory_usage(deep=True).sum())


def records_of(frame: Any) -> list[dict[str, Any]]:
    """``to_dict("records")`` (pandas) or ``to_dicts()`` (polars)."""
    return frame.to_dicts() if hasattr(frame, "to_dicts") else frame.to_dict("records")


def median(run: Callable[[], Any], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def memory(library: str, shape: str, rows: int) -> dict[str, float]:
    """The peak RSS rise of ``validate(df)`` in a fresh process, and the frame's size (MiB)."""
    code = f"""
import gc, json, sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
import bench_frames, citynets
frame = bench_frames.make_frame({library!r}, {shape!r}, {rows})
size = bench_frames.frame_bytes(frame)
citynets.validate(frame.head(10), document="membership")
gc.collect()
def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1]) * 1024
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")
before = status("VmRSS:")
report = citynets.validate(frame, document="membership")
peak = status("VmHWM:")
print(json.dumps({{"rise": peak - before, "frame": size, "errors": report.error_count}}))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    got = json.loads(out)
    return {
        "rise_mib": got["rise"] / 2**20,
        "frame_mib": got["frame"] / 2**20,
        "rise_per_frame": got["rise"] / got["frame"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--library", choices=["pandas", "polars", "both"], default="both")
    parser.add_argument("--shape", choices=["flat", "nested", "both"], default="both")
    args = parser.parse_args()
    import jsonschema_rs

    schema = json.loads((REPO / "schema" / "membership.schema.json").read_text("utf-8"))
    validator = jsonschema_rs.validator_for(schema)
    libraries = ["pandas", "polars"] if args.library == "both" else [args.library]
    shapes = ["flat", "nested"] if args.shape == "both" else [args.shape]
    for library in libraries:
        for shape in shapes:
            frame = make_frame(library, shape, args.rows)
            report = citynets.validate(frame, document="membership")
            expected = args.rows // 100
            assert (report.error_count, report.records) == (expected, args.rows), report
            ours = median(lambda: citynets.validate(frame, document="membership"), args.rounds)

            def is_valid() -> None:
                for r in records_of(frame):
                    validator.is_valid(r)

            def every_error() -> None:
                for r in records_of(frame):
                    for _ in validator.iter_errors(r):
                        pass

            line: dict[str, Any] = {
                "library": library,
                "shape": shape,
                "rows": args.rows,
                "citynets_s": round(ours, 3),
            }
            base = median(is_valid, args.rounds)
            line["jsonschema_rs_is_valid_s"] = round(base, 3)
            line["x_is_valid"] = round(base / ours, 2)
            if shape == "nested":
                every = median(every_error, args.rounds)
                line["jsonschema_rs_iter_errors_s"] = round(every, 3)
                line["x_iter_errors"] = round(every / ours, 2)
            line.update({k: round(v, 3) for k, v in memory(library, shape, args.rows).items()})
            print(json.dumps(line), flush=True)
            del frame


if __name__ == "__main__":
    main()
