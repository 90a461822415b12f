"""The ``bpo-kg`` command line: a thin layer over the stages and the knowledge-graph interface.

Exit codes: 0 ok, 1 the data is inconsistent / does not conform, 2 usage or input error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from bpo_kg.cli.parser import build_parser
from bpo_kg.errors import BpoKgError, ReleaseError

EXIT_FAILED, EXIT_ERROR = 1, 2
__all__ = ["build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except BpoKgError as error:
        print(f"bpo-kg: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except ReleaseError as error:
        print(f"bpo-kg: release failed: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("bpo-kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (e.g. `| head`): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
