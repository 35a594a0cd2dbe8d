"""Pelican adapter: a Markdown reader that understands our YAML front matter."""

from __future__ import annotations

import os
from pathlib import Path

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime

from ward_core.problems import SiteError, errors_of, placed
from ward_core.sources import read_source

from .bodyclean import clean_body
from .schema import validate_front_matter


class FrontMatterError(SiteError):
    pass


def _safe_datetime(value):
    return SafeDatetime(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        tzinfo=value.tzinfo,
    )


class WardMarkdownReader(MarkdownReader):
    """Reads `---` YAML front matter; files without it go to Pelican's reader."""

    def read(self, source_path):
        # The same reading and validation as `make check` (ward_frontmatter.check).
        source = read_source(Path(source_path), is_page=self._is_page(source_path))
        if source.problems:
            raise FrontMatterError(problems=source.problems)
        if not source.has_yaml:
            content, metadata = super().read(source_path)
            return clean_body(content), metadata
        validated = validate_front_matter(
            source.front_matter, require_date=not source.is_page
        )
        errors = errors_of(placed(validated.problems, source.shown))
        if errors:
            raise FrontMatterError(problems=errors)
        self._source_path = source_path
        content = clean_body(self._markdown().convert(source.body))
        return content, self._pelican_metadata(validated.values)

    def _markdown(self) -> Markdown:
        """One converter per reader, reset between files (creating one is slow)."""
        if getattr(self, "_md", None) is None:
            self._md = Markdown(**self.settings["MARKDOWN"])
        self._md.reset()
        return self._md

    def _is_page(self, source_path: str) -> bool:
        content_root = self.settings["PATH"]
        relative = os.path.relpath(source_path, content_root)
        return any(
            relative == page_path or relative.startswith(page_path.rstrip("/") + os.sep)
            for page_path in self.settings.get("PAGE_PATHS", [])
        )

    def _pelican_metadata(self, values: dict) -> dict:
        metadata = {}
        for name, value in values.items():
            if name in ("date", "modified"):
                metadata[name] = _safe_datetime(value)
            elif name == "summary":
                self._md.reset()
                metadata[name] = clean_body(self._md.convert(value))
            elif name in ("tags", "category", "author"):
                # Pelican drops the "discard" marker it returns for empty values.
                metadata[name] = self.process_metadata(name, value)
            else:
                metadata[name] = value
        return metadata
