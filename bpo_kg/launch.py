"""The ``bpo-kg`` program: first, once, a restart with huge pages when the data is large enough for
them to help (:mod:`bpo_kg.hugepages`; before anything heavy is imported), then the command line."""

import sys

from bpo_kg.hugepages import restart_with_huge_pages


def run() -> None:
    restart_with_huge_pages(sys.argv[1:])
    from bpo_kg.cli import main

    sys.exit(main())
