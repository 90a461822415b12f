"""Transparent huge pages for the scale engine's in-memory store, on Linux with glibc.

Oxigraph's memory store is a web of small nodes reached through hash indexes. At 10 million triples
(8 GB) most of its lookups miss the TLB with 4 KiB pages; with 2 MiB pages the realisation takes a
fifth less time there (docs/performance.md). Linux's usual setting (``madvise``) gives huge pages
only to memory a process asks them for, and glibc's allocator asks when its tunable
``glibc.malloc.hugetlb=1`` is set, which it reads only when a process starts. So a command that
reads large data files restarts itself once, at once, with that tunable: same process id, arguments
and streams. ``BPO_KG_HUGE_PAGES=0`` leaves the allocator alone; ``=1`` asks whatever the data size.
"""

from __future__ import annotations

import os
import platform
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

TUNABLE = "glibc.malloc.hugetlb"
SWITCH = "BPO_KG_HUGE_PAGES"
THP_SETTING = Path("/sys/kernel/mm/transparent_hugepage/enabled")
LARGE = 256 * 1024 * 1024  # bytes of data files (~2M triples of N-Triples): where huge pages pay
# off. Measured: at 1M triples (116 MB) they neither help nor hurt (the faults of 2 MiB pages cost
# what the fewer misses save), at 10M they take a fifth off the realisation.


def thp_mode(setting: Path = THP_SETTING) -> str | None:
    """The kernel's transparent-huge-page mode (``always``, ``madvise``, ``never``), None if unknown."""
    try:
        text = setting.read_text()
    except OSError:
        return None
    chosen = [word[1:-1] for word in text.split() if word.startswith("[") and word.endswith("]")]
    return chosen[0] if chosen else None


def data_bytes(arguments: Iterable[str]) -> int:
    """The total size of the arguments that name existing files (the data, mostly)."""
    total = 0
    for argument in arguments:
        try:
            if os.path.isfile(argument):
                total += os.path.getsize(argument)
        except (OSError, ValueError):
            continue
    return total


def environment(env: Mapping[str, str], mode: str | None, size: int, glibc: bool = True) -> dict[str, str] | None:
    """The environment to restart with so that the allocator asks for huge pages, or None when a
    restart would gain nothing: not glibc, the kernel gives them to all memory or to none, the
    tunable is set already (by us, or by the user either way), the data is small, or switched off."""
    switch = env.get(SWITCH, "")
    tunables = [t for t in env.get("GLIBC_TUNABLES", "").split(":") if t]
    if switch == "0" or not glibc or mode != "madvise" or any(t.startswith(f"{TUNABLE}=") for t in tunables):
        return None
    if switch != "1" and size < LARGE:
        return None
    return {**env, "GLIBC_TUNABLES": ":".join([*tunables, f"{TUNABLE}=1"])}


def planned_restart(env: Mapping[str, str], arguments: Iterable[str]) -> dict[str, str] | None:
    """The environment the program restarts with for these arguments, None if it does not restart."""
    return environment(env, thp_mode(), data_bytes(arguments), platform.libc_ver()[0] == "glibc")


def running_environment(env: Mapping[str, str], arguments: Iterable[str]) -> dict[str, str]:
    """The environment the program runs a command in, after its restart if it makes one: for the
    benchmarks, which start the work in processes of their own."""
    return planned_restart(env, arguments) or dict(env)


def asked(env: Mapping[str, str]) -> bool:
    """Whether a process started with ``env`` asks glibc for huge pages."""
    return f"{TUNABLE}=1" in env.get("GLIBC_TUNABLES", "").split(":")


def restart_with_huge_pages(arguments: list[str]) -> None:
    """Replace this process by the same command with the tunable set, when that helps (see above)."""
    new = planned_restart(os.environ, arguments)
    if new is not None:
        sys.stdout.flush()
        sys.stderr.flush()
        os.execve(sys.executable, sys.orig_argv, new)
