"""Replace a published folder with a freshly built one, atomically where possible.

On Linux the two folders are exchanged in one `renameat2(RENAME_EXCHANGE)`; where
that is missing (macOS, Windows, old kernels, some file systems) the old folder is
renamed aside and the new one renamed into place, so only for the instant
between two renames is there no folder at all, never a half-written one. The
environment variable WARD_PORTABLE_SWAP=1 forces that path (tests use it).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2_exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2). False if unavailable."""
    if os.environ.get("WARD_PORTABLE_SWAP") or not sys.platform.startswith("linux"):
        return False
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
    """Delete staging or old folders left by a build that was killed, or still
    being deleted by the last build's deleting process, in the background: a
    build right after another must not wait on thousands of deletions."""
    for pattern in (f".{output.name}-staging-*", f".{output.name}-old-*"):
        for leftover in output.parent.glob(pattern):
            discard(leftover)


def swap_in(staging: Path, output: Path) -> None:
    """Make ``staging`` the new ``output``; the old output is deleted afterwards.

    At no moment is ``output`` a half-written folder: either the old complete
    site or the new complete site is there.
    """
    if not output.exists():
        os.rename(staging, output)
        return
    # Unique: an older one may still be being deleted in the background.
    old = output.parent / f".{output.name}-old-{os.getpid()}-{time.time_ns()}"
    if _renameat2_exchange(staging, output):
        os.rename(staging, old)  # staging now holds the previous site
    else:
        os.rename(output, old)
        os.rename(staging, output)
    discard(old)


def discard(folder: Path) -> None:
    """Delete ``folder`` in a detached process: removing thousands of files of the
    previous site must not hold up the command (it took seconds on a busy disk).
    If that process dies, the next build removes the folder (remove_leftovers)."""
    import subprocess

    detached: dict = (
        {"creationflags": subprocess.DETACHED_PROCESS}
        if os.name == "nt"
        else {"start_new_session": True}
    )
    try:
        subprocess.Popen(
            [sys.executable, "-c", _DELETE, str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            **detached,
        )
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


_DELETE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


@contextmanager
def build_lock(output: Path) -> Iterator[None]:
    """One build at a time per output folder (serve and a manual build may race)."""
    from filelock import FileLock

    output.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(output.parent / f".{output.name}-build.lock"):
        yield
