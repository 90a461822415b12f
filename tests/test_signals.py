"""Stopping the command line mid-work: SIGTERM kills the HermiT process with it and leaves no
temporary file; nor does a HermiT run that fails (inconsistent data), beside one that succeeds."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from tests.cli import command_line
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "bpo-example.ttl"
INCONSISTENT = REPO / "examples" / "invalid" / "call-centre-site-with-chat.ttl"


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _java_child(pid: int, within: float = 60) -> int | None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        for child in _children(pid):
            try:
                if b"java" in Path(f"/proc/{child}/cmdline").read_bytes():
                    return child
            except OSError:
                continue
        time.sleep(0.02)
    return None


def _run_with_tmpdir(tmp_path: Path, *args) -> tuple[subprocess.Popen, Path]:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch), "BPO_KG_CACHE": "off"}
    process = subprocess.Popen(
        command_line(*args), env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    return process, scratch


def test_sigterm_stops_hermit_too_and_leaves_nothing(tmp_path):
    process, scratch = _run_with_tmpdir(tmp_path, "reason", EXAMPLE, "--store", "memory")
    java = _java_child(process.pid)
    assert java is not None, "HermiT never started"
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 143 and err.strip().endswith("bpo-kg: terminated"), err
    assert not Path(f"/proc/{java}").exists(), "the Java process outlived the command"
    assert list(scratch.iterdir()) == []


def test_a_failed_hermit_run_leaves_no_copy_of_the_data(tmp_path):
    (tmp_path / "failing").mkdir()
    (tmp_path / "twin").mkdir()
    failing, scratch = _run_with_tmpdir(tmp_path / "failing", "reason", INCONSISTENT)
    failing.communicate(timeout=120)
    assert failing.returncode == 1 and list(scratch.iterdir()) == []
    twin, twin_scratch = _run_with_tmpdir(tmp_path / "twin", "reason", EXAMPLE)
    twin.communicate(timeout=120)
    assert twin.returncode == 0 and list(twin_scratch.iterdir()) == []
