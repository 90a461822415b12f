"""Output folders replaced as a whole (release, docs): all new files or all old ones, never the
user's files touched, and what a killed run left behind put right by the next one."""

from __future__ import annotations

import pytest

from bpo_kg.errors import InputError
from bpo_kg.output_folder import replace_folder

OLD = {"a.ttl": b"old a", "b.owl": b"old b"}
NEW = {"a.ttl": b"new a", "b.owl": b"new b"}


def _contents(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.parametrize("platform", ["linux", "other"])  # an atomic exchange, or two renames
def test_a_previous_output_is_replaced_whole(tmp_path, monkeypatch, platform):
    if platform == "other":
        monkeypatch.setattr("bpo_kg.output_folder.sys.platform", "darwin")
    out = tmp_path / "release"
    replace_folder(OLD, out)
    replace_folder(NEW, out)
    assert _contents(out) == NEW and sorted(p.name for p in tmp_path.iterdir()) == ["release"]


def test_files_of_the_user_are_refused_and_untouched(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep")
    with pytest.raises(InputError, match=r"holds files this command does not write \(notes.txt\)"):
        replace_folder(NEW, out)
    assert _contents(out) == {"notes.txt": b"keep"} and sorted(p.name for p in tmp_path.iterdir()) == ["mine"]


def test_a_kill_between_the_two_renames_is_put_right(tmp_path):
    out = tmp_path / "release"
    previous = tmp_path / ".release.previous-x"  # the previous output, moved aside, the new one never moved in
    previous.mkdir()
    for name, data in OLD.items():
        (previous / name).write_bytes(data)
    (tmp_path / ".release.staging-y").mkdir()  # a staging folder of a killed run
    replace_folder(NEW, out)
    assert _contents(out) == NEW and sorted(p.name for p in tmp_path.iterdir()) == ["release"]


def test_the_first_output_and_a_folder_that_cannot_be_made(tmp_path):
    replace_folder(NEW, tmp_path / "fresh")
    assert _contents(tmp_path / "fresh") == NEW
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="cannot write there"):
        replace_folder(NEW, tmp_path / "file" / "out")


def test_a_full_disk_is_one_line_and_leaves_nothing(tmp_path):
    """The file-size limit stands in for a full disk: writing fails with EFBIG (Python ignores SIGXFSZ),
    whether in HermiT's temporary input or in the release files."""
    import resource
    import subprocess

    from tests.cli import command_line

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    done = subprocess.run(
        command_line("release", "--out", tmp_path / "out"), capture_output=True, text=True, preexec_fn=small_files
    )
    assert done.returncode == 2 and "(File too large)" in done.stderr and "internal error" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and list(tmp_path.iterdir()) == []
