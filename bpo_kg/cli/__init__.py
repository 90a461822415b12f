"""The ``bpo-kg`` command line: a thin layer over the stages and the knowledge-graph interface.

Exit codes: 0 ok, 1 the data is inconsistent / does not conform, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from bpo_kg.cli.parser import build_parser
from bpo_kg.errors import BpoKgError, ReleaseError, TruncatedResultError

EXIT_FAILED, EXIT_ERROR = 1, 2
__all__ = ["build_parser", "main"]


def parse_arguments(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """Options and data files in any order (``query NAME --param x=y DATA`` as well as
    ``query NAME DATA --param x=y``): positionals argparse leaves over are data files."""
    args, extra = parser.parse_known_args(argv)
    unknown = [arg for arg in extra if arg.startswith("-")]
    if unknown or (extra and not hasattr(args, "data")):
        parser.error(f"unrecognized arguments: {' '.join(unknown or extra)}")
    if extra:
        args.data = [*(args.data or []), *extra]
    return args


class Terminated(BaseException):
    """SIGTERM, raised where the program is, so that child processes (Java) are killed and temporary
    files removed on the way out, as for Ctrl-C."""


def _terminate(signum, frame) -> None:
    raise Terminated


def _stop_children() -> None:
    """Kill and reap any child process (Java) still running: a signal that arrives while one is being
    started escapes the code that would otherwise kill it. Linux only (it reads /proc)."""
    me = str(os.getpid())
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if stat.read_text().rsplit(")", 1)[1].split()[1] == me:
                os.kill(int(stat.parent.name), signal.SIGKILL)
                os.waitpid(int(stat.parent.name), 0)
        except (OSError, IndexError, ChildProcessError):
            continue


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; SIGTERM is handled like Ctrl-C while it runs (and given back after)."""
    on_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if on_main_thread else None
    try:
        return _run(argv)
    finally:
        if on_main_thread:
            signal.signal(signal.SIGTERM, previous)


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parse_arguments(parser, argv)
    try:
        return args.handler(args)
    except TruncatedResultError as error:  # an answer, but not all of it: as "not OK" as a failed check
        print(f"bpo-kg: {error}", file=sys.stderr)
        return EXIT_FAILED
    except BpoKgError as error:  # one line per problem (a workbook's problems are listed all at once)
        for line in str(error).splitlines() or [""]:
            print(f"bpo-kg: error: {line}", file=sys.stderr)
        return EXIT_ERROR
    except ReleaseError as error:
        print(f"bpo-kg: release failed: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        _stop_children()
        print("bpo-kg: interrupted", file=sys.stderr)
        return 130
    except Terminated:
        _stop_children()
        print("bpo-kg: terminated", file=sys.stderr)
        return 143
    except BrokenPipeError:  # the reader went away (e.g. `| head`): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as error:
        detail = " ".join(str(error).split())[:200]
        print(
            f"bpo-kg: internal error: {type(error).__name__}: {detail} "
            "(a bug: please report it with the command line that caused it)",
            file=sys.stderr,
        )
        return EXIT_ERROR
