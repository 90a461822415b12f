"""Outputs written all or nothing: a folder replaced as a whole (every artefact appears together or
none does), and a single file (:func:`write_file`).

The new files are written to a staging folder beside the target, which then takes the target's
place in one step (Linux ``renameat2`` with ``RENAME_EXCHANGE``: there is never a moment without
the folder; elsewhere two renames, with the previous folder put back by the next run if a kill
falls between them). Ctrl-C and SIGTERM wait until the swap is done. A target that holds anything
but the artefacts of this kind of output is refused, so nothing of the user's is ever replaced.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from bpo_kg.errors import InputError

_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def replace_folder(files: dict[str, bytes], out: Path) -> list[Path]:
    """Make ``out`` hold exactly ``files``. It may already hold files of those names (an earlier
    output of the same kind); anything else in it is the user's, and refused."""
    with replacing(out, lambda entry: entry.name in files and entry.is_file()) as staging:
        for name, data in files.items():
            (staging / name).write_bytes(data)
    return [out / name for name in files]


@contextmanager
def replacing(out: Path, ours: Callable[[Path], bool]) -> Iterator[Path]:
    """A staging folder to fill; when the block ends without error it takes ``out``'s place in one
    step. ``ours``: whether an entry of an existing ``out`` is one this kind of output writes (any
    other is the user's: refused)."""
    _recover(out)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a folder; give a folder for the output")
    if out.is_dir():
        foreign = sorted(entry.name for entry in out.iterdir() if not ours(entry))
        if foreign:
            listed = ", ".join(foreign[:3])
            raise InputError(f"{out}: holds files this command does not write ({listed}); give another folder")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    except OSError as error:
        raise InputError(f"{out}: cannot write there ({error.strerror or error})") from None
    try:
        yield staging
        staging.chmod(0o777 & ~_umask())
        with _signals_deferred():
            _swap(staging, out)
    except OSError as error:
        raise InputError(f"{out}: cannot write the files ({error.strerror or error})") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # after the swap: the previous output


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a finished temporary file beside it, renamed into place, so
    ``path`` is the old file or the new one, never half of it; on failure nothing is left behind
    (OSError is raised for the caller to word)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise


def _swap(staging: Path, out: Path) -> None:
    if not out.exists():
        staging.rename(out)
        staging.mkdir()  # something for the caller to remove
        return
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.renameat2(_AT_FDCWD, bytes(staging), _AT_FDCWD, bytes(out), _RENAME_EXCHANGE) == 0:
            return  # staging now holds the previous output
    previous = out.with_name(f".{out.name}.previous-{staging.name}")
    out.rename(previous)
    staging.rename(out)
    previous.rename(staging)


def _recover(out: Path) -> None:
    """Undo what a kill between the two renames left: the previous output back in place; and remove
    staging folders of killed runs."""
    for left in sorted(out.parent.glob(f".{out.name}.previous-*")):
        if not out.exists():
            left.rename(out)
        else:
            shutil.rmtree(left, ignore_errors=True)
    for left in out.parent.glob(f".{out.name}.staging-*"):
        shutil.rmtree(left, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back while the block runs; they are delivered after it."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
