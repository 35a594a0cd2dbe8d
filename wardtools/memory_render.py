"""The preview's fast path: new bodies rendered from the Pelican context in memory.

The worker keeps the last full build's generators (``RunRecord.generators``).
When a save changed only the body of posts or pages, their metadata as read
being the same (title, date, summary, photos, officials…), nothing but their
own pages can change. Then, instead of running Pelican again:
1. the checkers run, as in every build (`wardtools.build.checked_run`);
2. each file is read again with Pelican's own reader; if its metadata (what
   every listing, index and view is made from) or its links to static files
   differ, this path does not apply;
3. the new body replaces the old one on the object in memory, so every list
   and neighbour that holds the object sees it;
4. ``ward_core.signals.body_replaced`` lets plugins re-derive what they take
   from the body (photos placed in it, search words);
5. Pelican's generators render just those pages, with their own calls, into
   the served folder, and the plugins' finalizers see them as a preview
   rebuild of those pages (a session of their own, ``write_only``).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from ward_core.report import RunRecord
from ward_core.session import BuildSession, with_session
from ward_core.signals import body_replaced
from ward_core.views import (
    ARTICLE_LISTS,
    PAGE_LISTS,
    PELICAN_LISTING_FIELDS,
    GalleryView,
    forget_rendered,
    listing_value,
    view_of,
)

from .build import BuildReport, checked_run


class NotOnlyBodyError(Exception):
    """More than a body changed: the worker takes a slower path.
    ``listed``: something lists show changed too (a title, a date…), so
    only a full build will do."""

    def __init__(self, path: str, listed: bool = False) -> None:
        super().__init__(path)
        self.listed = listed


@dataclass
class _Edit:
    generator: Any  # Pelican's ArticlesGenerator or PagesGenerator
    content: Any  # the object in memory, listed everywhere
    body: str  # the new body, as Pelican's reader returns it


def _find(generators: list[Any], path: str) -> tuple[Any, Any]:
    for generator in generators:
        if not hasattr(generator, "readers"):
            continue
        for name in ARTICLE_LISTS + PAGE_LISTS:
            for content in getattr(generator, name, None) or []:
                if content.source_path == path:
                    return generator, content
    raise NotOnlyBodyError(path)


# The generators' lists that Pelican's write loops go through (the context
# keeps its own references to the full lists, which templates read).
ARTICLES_WRITTEN = (
    "translations",
    "articles",
    "hidden_translations",
    "hidden_articles",
)
DRAFTS_WRITTEN = ("drafts_translations", "drafts")
PAGES_WRITTEN = (
    "translations",
    "pages",
    "hidden_translations",
    "hidden_pages",
    "draft_translations",
    "draft_pages",
)


@contextlib.contextmanager
def _only(generator: Any, lists: tuple[str, ...], targets: set[int]):
    """Let a write loop of ``generator`` see only the ``targets`` objects: at
    1,000 posts, asking every other post for its address costs more than
    rendering the page."""
    saved = {name: getattr(generator, name, None) for name in lists}
    try:
        for name, items in saved.items():
            if items is not None:
                setattr(generator, name, [c for c in items if id(c) in targets])
        yield
    finally:
        for name, items in saved.items():
            if items is not None:
                setattr(generator, name, items)


class _FinishedPreview:
    """What the plugins' `finalized` receivers read of a Pelican run."""

    def __init__(self, settings: dict[str, Any], output: Path) -> None:
        self.settings = settings
        self.output_path = str(output)


class BodyEdit:
    """New bodies for ``paths`` (source paths of posts or pages the record knows);
    raises NotOnlyBodyError when more than their bodies changed."""

    def __init__(self, record: RunRecord, output: Path, paths: list[str]) -> None:
        if not record.generators:
            raise NotOnlyBodyError("no context in memory")
        self.record = record
        self.output = output
        self.generators = record.generators
        self.settings: dict[str, Any] = record.generators[0].settings
        self.paths = paths
        self.touched = False  # objects in memory were changed

    def apply(self) -> BuildReport:
        """Check, then swap the bodies in and render their pages. NotOnlyBodyError,
        raised while the files are read again, escapes to the caller before
        anything in memory or on disk changed."""
        names: set[str] = set()

        def work() -> None:
            edits = [self._read(path) for path in self.paths]
            names.update(os.path.normpath(edit.content.save_as) for edit in edits)
            self._render(edits, names)

        report = checked_run(
            self.settings,
            self.output,
            work,
            in_place=True,
            passthrough=(NotOnlyBodyError,),
        )
        report.pages_written = len(names) if report.ok else 0
        report.record = self.record
        return report

    def _read(self, path: str) -> _Edit:
        generator, content = _find(self.generators, path)
        before = self.record.metadata.get(path)
        try:
            fresh = _read_again(generator, content)
            # The digest ward_site took while the plugins set the object up,
            # at the same point as the one in the record.
            after = self.record.metadata.get(path)
        except Exception as exc:
            raise NotOnlyBodyError(path) from exc
        finally:
            # Keep the record about the object in memory until the body is
            # really swapped in.
            if before is not None:
                self.record.metadata[path] = before
        if fresh is None or before is None:
            raise NotOnlyBodyError(path)
        if after != before:  # title, date, summary, photos, officials…
            raise NotOnlyBodyError(path, listed=_shown_in_lists(fresh, content))
        if fresh.get_static_links() != content.get_static_links():
            raise NotOnlyBodyError(path)
        return _Edit(generator, content, fresh._content)

    def _render(self, edits: list[_Edit], names: set[str]) -> None:
        from pelican import signals
        from ward_site.writer import WardWriter

        for edit in edits:
            self.touched = True
            edit.content._content = edit.body
            forget_rendered(edit.content)
            body_replaced.send(
                edit.content, generators=self.generators, output=self.output
            )
        # A preview rebuild of these pages, as the plugins know it: the writer
        # skips every other page, the finalizers touch only these.
        session = BuildSession(
            record=self.record, write_only=tuple(sorted(names)), search=False
        )
        preview = with_session(self.settings, session)
        writer = WardWriter(str(self.output), settings=preview)
        targets = {id(edit.content) for edit in edits}
        for generator in {
            id(edit.generator): edit.generator for edit in edits
        }.values():
            if hasattr(generator, "generate_articles"):
                write = partial(
                    writer.write_file, relative_urls=self.settings["RELATIVE_URLS"]
                )
                with _only(generator, ARTICLES_WRITTEN, targets):
                    generator.generate_articles(write)
                with _only(generator, DRAFTS_WRITTEN, targets):
                    generator.generate_drafts(write)
            else:
                with _only(generator, PAGES_WRITTEN, targets):
                    generator.generate_output(writer)
        signals.finalized.send(_FinishedPreview(preview, self.output))


def _shown_in_lists(fresh: Any, content: Any) -> bool:
    """Whether what lists show of the post surely changed (Pelican's listed
    fields, the cover, what index pages show): then only a full build will do.
    False may still mean a change the slower paths find."""
    if any(
        listing_value(getattr(fresh, name, None))
        != listing_value(getattr(content, name, None))
        for name in PELICAN_LISTING_FIELDS
    ):
        return True
    if (
        view_of(fresh, GalleryView).listing_key()
        != view_of(content, GalleryView).listing_key()
    ):
        return True
    # Plugins' views are attached after reading: compare the fields as read.
    return any(
        repr(fresh.metadata.get(name)) != repr(content.metadata.get(name))
        for name in PELICAN_LISTING_FIELDS
    )


def _read_again(generator: Any, content: Any) -> Any:
    """The file read again exactly as the generator reads it."""
    from pelican import signals

    is_article = hasattr(generator, "drafts")
    return generator.readers.read_file(
        base_path=generator.path,
        path=content.source_path,
        content_class=type(content),
        context=generator.context,
        preread_signal=(
            signals.article_generator_preread
            if is_article
            else signals.page_generator_preread
        ),
        preread_sender=generator,
        context_signal=(
            signals.article_generator_context
            if is_article
            else signals.page_generator_context
        ),
        context_sender=generator,
    )
