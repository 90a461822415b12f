"""Huge pages for large stores: when the program restarts itself with glibc's tunable, and that it does."""

from __future__ import annotations

import errno
import os
import platform
import subprocess
import time
from pathlib import Path

import pytest

from bpo_kg.hugepages import LARGE, SWITCH, data_bytes, environment, thp_mode
from tests.cli import command_line

ON = "glibc.malloc.hugetlb=1"


@pytest.mark.parametrize(
    ("env", "mode", "size", "glibc", "tunables"),
    [
        ({}, "madvise", LARGE, True, ON),
        ({"GLIBC_TUNABLES": "glibc.malloc.arena_max=2"}, "madvise", LARGE, True, f"glibc.malloc.arena_max=2:{ON}"),
        ({}, "madvise", LARGE - 1, True, None),  # small data: no restart
        ({SWITCH: "1"}, "madvise", 10, True, ON),  # asked for whatever the size
        ({SWITCH: "0"}, "madvise", LARGE, True, None),  # switched off
        ({"GLIBC_TUNABLES": "glibc.malloc.hugetlb=0"}, "madvise", LARGE, True, None),  # the user's choice stands
        ({"GLIBC_TUNABLES": ON}, "madvise", LARGE, True, None),  # restarted already: never twice
        ({}, "always", LARGE, True, None),  # every page may be huge already
        ({}, "never", LARGE, True, None),  # the kernel gives none
        ({}, None, LARGE, True, None),  # no such setting (not Linux, or not readable)
        ({}, "madvise", LARGE, False, None),  # not glibc: the tunable means nothing
    ],
)
def test_the_restart_environment(env, mode, size, glibc, tunables):
    new = environment({"PATH": "/bin", **env}, mode, size, glibc)
    if tunables is None:
        assert new is None
    else:
        assert new == {"PATH": "/bin", **env, "GLIBC_TUNABLES": tunables}


def test_the_kernel_mode_is_the_bracketed_word(tmp_path):
    setting = tmp_path / "enabled"
    setting.write_text("always [madvise] never\n")
    assert thp_mode(setting) == "madvise"
    setting.write_text("[always] madvise never\n")
    assert thp_mode(setting) == "always"
    setting.write_text("always madvise never\n")
    assert thp_mode(setting) is None
    assert thp_mode(tmp_path / "missing") is None


def test_data_bytes_count_existing_files_only(tmp_path):
    (tmp_path / "a.nt").write_bytes(b"x" * 10)
    (tmp_path / "b.ttl").write_bytes(b"y" * 5)
    arguments = ["check", str(tmp_path / "a.nt"), "--format", "json", str(tmp_path / "b.ttl"), str(tmp_path / "no")]
    assert data_bytes(arguments) == 15
    assert data_bytes([str(tmp_path), "x\0y"]) == 0  # a folder, a name the system refuses


def _environment_once_reading(fifo: Path, switch: str) -> str:
    """Run the program on a named pipe; once it opens the pipe (past any restart), the environment
    the system shows for the process started (a restart replaces the program, not the process)."""
    env = {**os.environ, SWITCH: switch}
    env.pop("GLIBC_TUNABLES", None)
    process = subprocess.Popen(
        command_line("validate", fifo), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:  # opening the writing end succeeds once the program has the reading end open
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError as error:
                if error.errno != errno.ENXIO:
                    raise
                time.sleep(0.05)
                continue
            return Path(f"/proc/{process.pid}/environ").read_bytes().decode()
        raise AssertionError("the program never opened its data file")
    finally:
        process.kill()
        process.wait()


def test_the_program_restarts_itself_with_huge_pages_asked_for(tmp_path):
    fifo = tmp_path / "data.ttl"
    os.mkfifo(fifo)
    helps = thp_mode() == "madvise" and platform.libc_ver()[0] == "glibc"
    asked = _environment_once_reading(fifo, "1")
    assert (f"GLIBC_TUNABLES={ON}" in asked.split("\0")) == helps
    # the twin that differs in the switch alone: no restart, no tunable
    left_alone = _environment_once_reading(fifo, "0")
    assert not any(entry.startswith("GLIBC_TUNABLES=") for entry in left_alone.split("\0"))
