"""Pelican adapter: a Markdown reader that understands our YAML front matter."""

from __future__ import annotations

import os

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime

from ward_core.paths import display_path
from ward_core.problems import SiteError
from ward_core.yamltree import YamlSyntaxError, parse_yaml_text, split_front_matter

from .bodyclean import clean_body
from .schema import Problem, validate_front_matter


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
        shown = display_path(source_path)
        try:
            with open(source_path, encoding="utf-8") as handle:
                text = handle.read()
        except UnicodeDecodeError:
            raise FrontMatterError(
                f"{shown}: tệp không phải văn bản UTF-8. Mở tệp trong trình soạn thảo "
                "và lưu lại với mã hóa UTF-8."
            ) from None
        try:
            split = split_front_matter(text)
            if split.front_matter is None:
                content, metadata = super().read(source_path)
                return clean_body(content), metadata
            tree = parse_yaml_text(split.front_matter, split.first_line)
        except YamlSyntaxError as exc:
            raise FrontMatterError(
                Problem(exc.problem.line, "", exc.problem.message).render(shown)
            ) from None
        validated = validate_front_matter(
            tree, require_date=not self._is_page(source_path)
        )
        if validated.problems:
            raise FrontMatterError(
                "\n".join(problem.render(shown) for problem in validated.problems)
            )
        self._source_path = source_path
        self._md = Markdown(**self.settings["MARKDOWN"])
        content = clean_body(self._md.convert(split.body))
        return content, self._pelican_metadata(validated.values)

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
