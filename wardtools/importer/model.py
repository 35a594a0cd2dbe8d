"""What the importer takes out of one old post, whatever its source format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ImportedPhoto:
    source: Path | None  # the local file, None when it could not be found
    reference: str  # the src as written in the old page
    caption: str = ""


@dataclass
class ImportedPost:
    origin: str  # the file (and item) it came from, for messages
    title: str
    date: dt.datetime | None
    body_html: str
    category: str = ""
    slug: str = ""
    status: str = "published"
    photos: list[ImportedPhoto] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # non-fatal, reported per file
