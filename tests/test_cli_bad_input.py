"""Every command that reads data answers bad input with one line naming the file, exit 2, no traceback."""

from __future__ import annotations

import os

import pytest

from tests.bad_inputs import BAD_INPUTS
from tests.cli import bpo_kg


@pytest.mark.parametrize("command", ["check", "validate", "reason"])
@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_exit_2(tmp_path, command, name):
    content, expected = BAD_INPUTS[name]
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    before = sorted(tmp_path.iterdir())
    done = bpo_kg(command, path, cwd=tmp_path)
    assert done.code == 2
    assert done.out == ""
    assert "Traceback" not in done.err
    assert len(done.err.strip().splitlines()) == 1
    assert done.err.startswith("bpo-kg: error: ") and str(path) in done.err
    assert expected in done.err
    assert sorted(tmp_path.iterdir()) == before  # nothing written
    if content is not None:
        assert path.read_bytes() == content  # the input is untouched


def test_a_bad_file_among_good_ones_stops_before_any_output(tmp_path):
    good = tmp_path / "good.ttl"
    good.write_text("@prefix ex: <https://example.org/bpo/> .\nex:a ex:b ex:c .\n")
    bad = tmp_path / "bad.ttl"
    bad.write_text("ex:a ex:b .\n")
    done = bpo_kg("check", good, bad, cwd=tmp_path)
    assert done.code == 2 and done.out == "" and "bad.ttl:1:" in done.err


@pytest.mark.parametrize("command", ["check", "validate", "reason"])
def test_unreadable_file_is_one_line_exit_2(tmp_path, command):
    path = tmp_path / "unreadable.ttl"
    if os.geteuid() == 0:  # root reads any mode: use a file whose read itself fails (EIO)
        path.symlink_to("/proc/self/mem")
    else:
        path.write_text("@prefix ex: <https://example.org/> .\n")
        path.chmod(0)
    done = bpo_kg(command, path, cwd=tmp_path)
    assert done.code == 2 and done.out == "" and "Traceback" not in done.err
    assert f"{path}: cannot read:" in done.err and len(done.err.strip().splitlines()) == 1
