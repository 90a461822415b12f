"""Run the installed ``bpo-kg`` command in a subprocess, from a neutral working folder."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(sys.executable).with_name("bpo-kg")


@dataclass
class Completed:
    code: int
    out: str
    err: str


def command_line(*args: str | Path) -> list[str]:
    command = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "bpo_kg"]
    return [*command, *map(str, args)]


def bpo_kg(*args: str | Path, cwd: Path | None = None, timeout: float = 300) -> Completed:
    done = subprocess.run(command_line(*args), capture_output=True, text=True, cwd=cwd, timeout=timeout)
    return Completed(done.returncode, done.stdout, done.stderr)
