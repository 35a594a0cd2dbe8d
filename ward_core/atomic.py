"""Files replaced whole: written beside their place, then renamed over it.

The preview serves the folder it rebuilds a few pages of; a reader (the
server, a browser) must see the old file or the whole new one, never half.
"""

from __future__ import annotations

import os
from pathlib import Path


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """``path`` gets ``data`` in one rename (a hard link there is left alone)."""
    temporary = _temporary(path)
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


class AtomicTextFile:
    """A text file open for writing whose text replaces ``path`` when closed
    (for Pelican's writer, which writes a page or a feed in one ``with``)."""

    def __init__(self, path: str | os.PathLike, encoding: str) -> None:
        self.path = Path(path)
        self.temporary = _temporary(self.path)
        self._stream = open(self.temporary, "w", encoding=encoding)  # noqa: SIM115

    def write(self, text: str) -> int:
        return self._stream.write(text)

    def close(self) -> None:
        if not self._stream.closed:
            self._stream.close()
            os.replace(self.temporary, self.path)

    def __enter__(self) -> AtomicTextFile:
        return self

    def __exit__(self, kind, *_) -> None:
        if kind is None:
            self.close()
            return
        self._stream.close()
        self.temporary.unlink(missing_ok=True)
