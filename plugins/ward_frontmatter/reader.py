"""Pelican adapter: a Markdown reader that understands our YAML front matter."""

from __future__ import annotations

import os
from pathlib import Path

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime

from ward_core.paths import display_path
from ward_core.problems import Problem, SiteError, errors_of, placed
from ward_core.session import session_of
from ward_core.sources import SourceFile, read_source
from ward_core.summary import plain_summary
from ward_core.timelimit import TimeLimitExceeded, time_limit
from ward_core.yamltree import LineDict, LineList, LineStr

from .bodyclean import clean_body
from .check import no_front_matter, validated_front_matter
from .schema import validate_front_matter


class FrontMatterError(SiteError):
    pass


# A long post converts in well under a second; Python-Markdown takes minutes on
# some hostile bodies (thousands of unclosed "[" in one paragraph).
BODY_SECONDS = 10
TOO_COMPLEX = (
    "Kiểm tra phần nội dung dán vào: xóa các chuỗi dài ký tự đặc biệt "
    "([, *, <, >, `) lặp lại."
)


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
        try:
            with time_limit(BODY_SECONDS):
                return self._read(source_path)
        except TimeLimitExceeded:
            problem = (
                f"nội dung không chuyển thành trang được trong {BODY_SECONDS} giây"
            )
        except RecursionError:
            problem = "nội dung lồng nhau quá sâu (ví dụ hàng nghìn dấu > liền nhau)"
        shown = display_path(source_path)
        raise FrontMatterError(
            problems=[Problem(shown, message=f"{problem}. {TOO_COMPLEX}")]
        )

    def _read(self, source_path):
        # The file as this build's checks read and validated it (the build
        # session's sources), unless it changed since; else read the same way.
        path = Path(source_path)
        analysed = session_of(self.settings).sources
        source = read_source(
            path,
            is_page=self._is_page(source_path),
            known=analysed.file_at(path) if analysed is not None else None,
        )
        if source.problems:
            raise FrontMatterError(problems=source.problems)
        if not source.has_yaml:
            return self._read_without_front_matter(source)
        validated = validated_front_matter(source)
        errors = errors_of(placed(validated.problems, source.shown))
        if errors:
            raise FrontMatterError(problems=errors)
        self._source_path = source_path
        content = clean_body(self._markdown().convert(source.body))
        return content, self._pelican_metadata(validated.values, content)

    def _read_without_front_matter(self, source: SourceFile):
        """Pelican's "Title: …" header, checked by the same schema as YAML: no
        field reaches the site unchecked (a "Plan:" line once reached the
        document index as plain text)."""
        self._source_path = str(source.path)
        content = self._markdown().convert(source.body)
        meta = getattr(self._md, "Meta", {}) or {}
        if "title" not in meta:
            raise FrontMatterError(
                problems=[
                    Problem(source.shown, 1, message=no_front_matter(source.body))
                ]
            )
        tree = LineDict(
            {
                name: LineStr(values[0], 1)
                if len(values) == 1
                else LineList([LineStr(v, 1) for v in values], 1)
                for name, values in meta.items()
            },
            line=1,
        )
        validated = validate_front_matter(tree, require_date=not source.is_page)
        errors = errors_of(placed(validated.problems, source.shown))
        if errors:
            raise FrontMatterError(problems=errors)
        content = clean_body(content)
        return content, self._pelican_metadata(validated.values, content)

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

    def _pelican_metadata(self, values: dict, content: str) -> dict:
        """Pelican's metadata from the checked values, with a summary made from
        the body when the post has none (here, so that Pelican's content cache
        keeps it: making it takes an HTML parse per post)."""
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
        if "summary" not in metadata:
            metadata["summary"] = plain_summary(
                content,
                self.settings.get("SUMMARY_MAX_LENGTH") or 50,
                self.settings.get("SUMMARY_END_SUFFIX") or "…",
            )
        return metadata
