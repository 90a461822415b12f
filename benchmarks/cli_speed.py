"""Wall time of the everyday commands on the shipped example, cold and warm (issue 15's targets:
``query`` under 1 s on a warm cache, ``check`` under 4 s).

    python benchmarks/cli_speed.py [--repo PATH] [--runs 5] [--json FILE]

Each command runs in a fresh process (``python -m bpo_kg`` with ``--repo`` first on the path, so an
older checkout can be measured by the same script). *Cold*: an empty classification cache for every
run; *warm*: the cache filled by one run beforehand. ``query --kg`` reads a knowledge graph saved
once by ``check --save`` (skipped where the checkout has no ``--save``). Medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = {
    "check": ["check"],
    "check --store oxigraph": ["check", "--store", "oxigraph"],
    "query": ["query", "providers-by-country", "--param", "country=KE"],
    "query --store oxigraph": ["query", "providers-by-country", "--param", "country=KE", "--store", "oxigraph"],
    "query --kg": ["query", "providers-by-country", "--param", "country=KE", "--kg", "{kg}"],
}


def _run(repo: Path, args: list[str], cache: Path) -> tuple[float, int]:
    env = {**os.environ, "PYTHONPATH": str(repo), "BPO_KG_CACHE": str(cache)}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "bpo_kg", *args], env=env, capture_output=True, cwd=repo)
    return time.perf_counter() - started, done.returncode


def measure(repo: Path, runs: int) -> dict[str, dict[str, float | None]]:
    """Median seconds per command, cold and warm (None: the checkout cannot run it)."""
    results: dict[str, dict[str, float | None]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        warm_cache, kg = Path(scratch) / "warm", Path(scratch) / "kg"
        _run(repo, ["check", "--store", "oxigraph"], warm_cache)  # fills the warm cache
        saved = _run(repo, ["check", "--save", str(kg)], warm_cache)[1] == 0
        for name, template in COMMANDS.items():
            if "{kg}" in template and not saved:
                results[name] = {"cold": None, "warm": None}
                continue
            args = [str(kg) if part == "{kg}" else part for part in template]
            cold = [_run(repo, args, Path(tempfile.mkdtemp(dir=scratch)))[0] for _ in range(runs)]
            warm = [_run(repo, args, warm_cache)[0] for _ in range(runs)]
            results[name] = {"cold": statistics.median(cold), "warm": statistics.median(warm)}
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="write the medians here")
    args = parser.parse_args(argv)
    results = measure(args.repo.resolve(), args.runs)
    print(f"{'command':28} {'cold s':>8} {'warm s':>8}")
    for name, times in results.items():
        cells = [f"{t:8.2f}" if t is not None else f"{'—':>8}" for t in (times["cold"], times["warm"])]
        print(f"{name:28} {' '.join(cells)}")
    if args.json:
        args.json.write_text(json.dumps({"repo": str(args.repo), "runs": args.runs, "seconds": results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
