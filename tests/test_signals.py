"""Stopping the command line mid-work: SIGTERM kills the HermiT process with it and leaves no
temporary file; nor does a HermiT run that fails (inconsistent data), beside one that succeeds."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from benchmarks.generate import generate, parse_size, write
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


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_release_stopped_at_any_point_leaves_the_old_one_or_the_new_one(tmp_path):
    old, new, out = tmp_path / "old", tmp_path / "new", tmp_path / "out"
    for folder, version in ((old, "0.1.0"), (new, "0.1.1"), (out, "0.1.0")):
        done = subprocess.run(command_line("release", "--out", folder, "--version", version), capture_output=True)
        assert done.returncode == 0, done.stderr
    before, after = _contents(old), _contents(new)
    assert before.keys() == after.keys() and before != after
    for delay in (0.2, 0.8, 1.5, 2.5, 3.5, 5.0):
        process = subprocess.Popen(
            command_line("release", "--out", out, "--version", "0.1.1"), stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        time.sleep(delay)
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=120)
        now = _contents(out)
        assert now in (before, after), f"a mix (or a staging folder left) after {delay} s"
        if now == after:  # start again from the old release
            subprocess.run(command_line("release", "--out", out, "--version", "0.1.0"), capture_output=True, check=True)


def test_a_killed_command_takes_hermit_with_it(tmp_path):
    """HermiT takes about 40 s on 10k triples: killed a moment after it starts, it must not go on."""
    data = tmp_path / "g10k.nt"
    write(generate(parse_size("10k"), seed=5, violations=0), data)
    process, _scratch = _run_with_tmpdir(tmp_path, "reason", data, "--store", "memory")
    java = _java_child(process.pid)
    assert java is not None, "HermiT never started"
    process.kill()  # SIGKILL: no handler runs; Linux's parent-death signal must stop Java
    process.communicate(timeout=60)
    deadline = time.monotonic() + 10
    while Path(f"/proc/{java}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Path(f"/proc/{java}").exists() or "Z" in Path(f"/proc/{java}/stat").read_text().split()[2]
