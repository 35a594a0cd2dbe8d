"""Replace a published folder with a freshly built one, atomically where possible."""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2_exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2). False if unavailable."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE
    )
    return result == 0


def staging_dir(output: Path) -> Path:
    """A fresh folder beside ``output`` (same file system, so rename works)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    path = output.parent / f".{output.name}-staging-{os.getpid()}"
    if path.exists():
        shutil.rmtree(path)
    path.mkdir()
    return path


def remove_leftovers(output: Path) -> None:
    """Delete staging or old folders left by a build that was killed."""
    for pattern in (f".{output.name}-staging-*", f".{output.name}-old-*"):
        for leftover in output.parent.glob(pattern):
            shutil.rmtree(leftover, ignore_errors=True)


def swap_in(staging: Path, output: Path) -> None:
    """Make ``staging`` the new ``output``; the old output is deleted afterwards.

    At no moment is ``output`` a half-written folder: either the old complete
    site or the new complete site is there.
    """
    if not output.exists():
        os.rename(staging, output)
        return
    if _renameat2_exchange(staging, output):
        shutil.rmtree(staging)
        return
    old = output.parent / f".{output.name}-old-{os.getpid()}"
    os.rename(output, old)
    os.rename(staging, output)
    shutil.rmtree(old)


@contextmanager
def build_lock(output: Path) -> Iterator[None]:
    """One build at a time per output folder (serve and a manual build may race)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    lock_path = output.parent / f".{output.name}-build.lock"
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
