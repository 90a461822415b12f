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

import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.fresh_runs import arguments, medians, print_growth, start  # noqa: E402
from bpo_kg import BPO_NS  # noqa: E402

SCAN = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?x a <{BPO_NS}LegalEntity> . ?x <{BPO_NS}hasIndustryCode> ?c }}"
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


def main(argv: list[str] | None = None) -> int:
    parser = arguments(__doc__, runs=3)
    args = parser.parse_args(argv)
    small, large = (medians(__file__, path, args.runs) for path in (args.small, args.large))
    print_growth(STEPS, small, large, (args.small.name, args.large.name))
    return 0


if __name__ == "__main__":
    start(child, main)
