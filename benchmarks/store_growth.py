"""How Oxigraph's in-memory store itself grows between two sizes: the floor under the scale engine's.

    python benchmarks/generate.py --kind registry --triples 1M --out /tmp/registry-1m.nt
    python benchmarks/generate.py --kind registry --triples 10M --out /tmp/registry-10m.nt
    python benchmarks/store_growth.py /tmp/registry-1m.nt /tmp/registry-10m.nt --runs 3

Each run is a fresh process, with the huge pages the program would ask for (bpo_kg.hugepages), that
times three things the scale engine does all the time, none of our code around them: the file's
``bulk_load`` (bytes already read), a scan of one class's members joined to one of their properties,
and a count of every quad. Medians, and how each grows from the first file to the second.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bpo_kg import hugepages  # noqa: E402

BPO = "https://w3id.org/bpo-kg/ontology#"
SCAN = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?x a <{BPO}LegalEntity> . ?x <{BPO}hasIndustryCode> ?c }}"
STEPS = ("bulk_load", "class scan + join", "count all")


def child(path: str) -> None:
    """One run: print the seconds of each step as JSON."""
    import pyoxigraph as ox

    data = Path(path).read_bytes()
    store, seconds = ox.Store(), {}
    started = time.perf_counter()
    store.bulk_load(data, ox.RdfFormat.N_TRIPLES)
    seconds["bulk_load"] = time.perf_counter() - started
    started = time.perf_counter()
    next(iter(store.query(SCAN)))
    seconds["class scan + join"] = time.perf_counter() - started
    started = time.perf_counter()
    len(store)
    seconds["count all"] = time.perf_counter() - started
    print(json.dumps(seconds))


def medians(path: Path, runs: int) -> dict[str, float]:
    env = hugepages.running_environment(os.environ, [str(path)])
    measured = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(path)], env=env, capture_output=True, text=True, check=True
        ).stdout
        measured.append(json.loads(out))
    return {step: statistics.median(run[step] for run in measured) for step in STEPS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("small", type=Path)
    parser.add_argument("large", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    small, large = medians(args.small, args.runs), medians(args.large, args.runs)
    print(f"{'step':20s} {args.small.name:>18s} {args.large.name:>18s}  growth")
    for step in STEPS:
        print(f"{step:20s} {small[step]:17.2f}s {large[step]:17.2f}s  {large[step] / small[step]:5.1f}x")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        sys.exit(main())
