"""Shared by the growth scripts: run a script's ``--child`` mode on a data file in fresh processes,
with the huge pages the program would ask for (:mod:`bpo_kg.hugepages`), and print how each measured
step grows from the small file to the large one."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from bpo_kg import hugepages


def medians(script: str, path: Path, runs: int) -> dict[str, float]:
    """The median seconds of each step ``script --child path`` prints as a JSON object, over ``runs``
    fresh processes."""
    env = hugepages.running_environment(os.environ, [str(path)])
    measured = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, script, "--child", str(path)], env=env, capture_output=True, text=True, check=True
        ).stdout
        measured.append(json.loads(out))
    return {step: statistics.median(run[step] for run in measured) for step in measured[0]}


def arguments(description: str, runs: int) -> argparse.ArgumentParser:
    """The command line both growth scripts share: the two files, and how many runs of each."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("small", type=Path)
    parser.add_argument("large", type=Path)
    parser.add_argument("--runs", type=int, default=runs)
    return parser


def start(child: Callable[[str], None], main: Callable[[], int]) -> None:
    """Run as one measured process (``--child FILE``) or as the script comparing the two files."""
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        sys.exit(main())


def print_growth(
    steps: Iterable[str], small: dict[str, float], large: dict[str, float], names: tuple[str, str]
) -> None:
    """One line per step: seconds at both sizes and the growth factor."""
    steps = list(steps)
    width = max([20, *map(len, steps)])
    print(f"{'step':{width}s} {names[0]:>18s} {names[1]:>18s}  growth")
    for step in steps:
        growth = f"{large[step] / small[step]:5.1f}x" if small[step] > 0 else "    -"
        print(f"{step:{width}s} {small[step]:17.3f}s {large[step]:17.3f}s  {growth}")
