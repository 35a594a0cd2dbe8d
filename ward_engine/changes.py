"""What changed between engine versions that a ward's own files must follow.

`ward upgrade` reads this table: settings renamed in a version are rewritten
in the ward's pelicanconf.py / publishconf.py with a note, and `ward check`
refuses a renamed setting still written under its old name (never ignored
silently). Add a row with the version that makes the change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeVar


@dataclass(frozen=True)
class Rename:
    since: str  # the engine version that renamed it, "0.3.0"
    old: str  # a setting ("WARD_COMMENTS") or a key of WARD ("WARD.city")
    new: str

    @property
    def pattern(self) -> re.Pattern[str]:
        """Where the old name is written in a settings file."""
        if self.old.startswith("WARD."):
            key = re.escape(self.old.removeprefix("WARD."))
            return re.compile(rf"""(?P<q>["']){key}(?P=q)(?=\s*:)""")
        return re.compile(rf"^{re.escape(self.old)}(?=\s*=)", re.MULTILINE)

    def replacement(self) -> str:
        if self.old.startswith("WARD."):
            return '"' + self.new.removeprefix("WARD.") + '"'
        return self.new


@dataclass(frozen=True)
class Note:
    """Something a ward must know when it moves to `since` (a new required
    field, a changed default), in Vietnamese."""

    since: str
    text: str


Row = TypeVar("Row", Rename, Note)
RENAMES: tuple[Rename, ...] = ()
NOTES: tuple[Note, ...] = ()


def version_key(version: str) -> tuple[int, ...]:
    """ "0.10.1" → (0, 10, 1): versions compared as numbers, not text."""
    return tuple(
        int(part) for part in re.findall(r"\d+", version.split("+", maxsplit=1)[0])
    )


def between(rows: tuple[Row, ...], old: str, new: str) -> list[Row]:
    """The rows a ward moving from engine `old` to `new` must follow."""
    return [
        row
        for row in rows
        if version_key(old) < version_key(row.since) <= version_key(new)
    ]
