"""How each SHACL constraint of the scale engine grows between two sizes, timed one at a time.

    python benchmarks/constraint_growth.py /tmp/registry-1m.nt /tmp/registry-10m.nt --top 25

Each run is a fresh process (huge pages as the program would ask for them) that loads the file into
the scale engine, realises it, then runs the compiled constraints one after the other (the program
runs them on every CPU at once, which would blur each one's time) and prints each one's seconds.
Shown: the total, and the constraints that take longest on the large file, with their growth.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.fresh_runs import arguments, medians, print_growth, start  # noqa: E402
from bpo_kg.query.parameters import local_name  # noqa: E402
from bpo_kg.terms import shortener  # noqa: E402

TOTAL = "all constraints"
SHORTEN = shortener([])  # bpo: names, property paths included


def label(check, seen: dict[str, float]) -> str:
    """A name for a compiled constraint that is the same in every process: its component, its path
    and the named shape it is reported under (numbered when several share all three)."""
    component = local_name(check.component).removesuffix("ConstraintComponent")
    path = SHORTEN(check.path) if check.path else "(node)"
    base = f"{component} {path} [{local_name(check.shape.reported_as or '')}]"
    name, number = base, 1
    while name in seen:
        number += 1
        name = f"{base} #{number}"
    return name


def child(path: str) -> None:
    """One run: print the seconds of every constraint, and their total, as JSON."""
    from bpo_kg.engines import open_knowledge_graph
    from bpo_kg.validate.shacl_core import core_results

    graph = open_knowledge_graph([path], "scale")
    graph.reason()
    seconds: dict[str, float] = {}

    def one_at_a_time(run: Callable, checks: Iterable) -> Iterator:
        for check in checks:
            started = time.perf_counter()
            found = run(check)
            seconds[label(check, seconds)] = time.perf_counter() - started
            yield found

    core_results(graph.store, graph.shapes, one_at_a_time, literals_as_written=True)
    print(json.dumps({TOTAL: sum(seconds.values()), **seconds}))


def main(argv: list[str] | None = None) -> int:
    parser = arguments(__doc__, runs=1)
    parser.add_argument("--top", type=int, default=25, help="how many constraints to show (the slowest)")
    args = parser.parse_args(argv)
    small, large = (medians(__file__, path, args.runs) for path in (args.small, args.large))
    slowest = sorted((step for step in large if step != TOTAL), key=lambda step: -large[step])[: args.top]
    print_growth([TOTAL, *slowest], small, large, (args.small.name, args.large.name))
    return 0


if __name__ == "__main__":
    start(child, main)
