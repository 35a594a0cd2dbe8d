"""What the importer takes out of one old post, whatever its source format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ImportedPhoto:
    source: Path | None  # the local file, None when it could not be found
    reference: str  # the src as written in the old page (or the name in a .docx)
    caption: str = ""
    data: bytes | None = None  # the photo itself, when it came out of a document


@dataclass
class ImportedDocument:
    """The administrative document a post is (an office-template Word file):
    cited in the post's documents: with the file itself beside the post."""

    number: str
    date: dt.datetime | None
    title: str
    file_name: str
    data: bytes


@dataclass
class ImportedPost:
    origin: str  # the file (and item) it came from, for messages
    title: str
    date: dt.datetime | None  # None: not found, the post gets a placeholder
    body_html: str
    category: str = ""
    slug: str = ""
    status: str = "published"
    photos: list[ImportedPhoto] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # non-fatal, reported per file
    old_url: str = ""  # the address on the old portal (absolute or a path), if known
    former_unit: str = ""  # the former ward it came from, after a merger
    document: ImportedDocument | None = None
    summary: str = ""  # the old portal's lead, when it printed one apart
