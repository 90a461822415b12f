"""Stage progress on a terminal (stderr), silent when stderr is not a TTY (pipes, CI, tests)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def stage(name: str) -> Iterator[None]:
    """``bpo-kg: reasoning … 3.2 s`` on one line while the stage runs, when stderr is a terminal."""
    shown = sys.stderr.isatty()
    started = time.perf_counter()
    if shown:
        sys.stderr.write(f"\rbpo-kg: {name} …")
        sys.stderr.flush()
    try:
        yield
    finally:
        if shown:
            sys.stderr.write(f"\rbpo-kg: {name} … {time.perf_counter() - started:.1f} s\n")
            sys.stderr.flush()
