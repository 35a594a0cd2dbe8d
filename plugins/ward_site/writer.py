"""Pelican adapter: the writer of every build.

- A preview rebuild (the session's ``write_only``, ward_core.session) writes
  only the pages it names;
  every other page is skipped before its template is rendered (Pelican 4.12
  removed WRITE_SELECTED).
- A build whose session names the last good build (``previous``) renders
  only pages whose fingerprint changed since the
  last good build and takes the others from it (``ward_core.reuse``); this
  writer decides, records what it wrote, and lists the files to take.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import os
from collections.abc import Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from pelican import signals
from pelican.paginator import Page, Paginator
from pelican.writers import Writer

from ward_core.atomic import AtomicTextFile
from ward_core.reuse import (
    RenderedPage,
    digest,
    load_record,
    unchanged_files,
)
from ward_core.session import session_of
from ward_core.views import GalleryView, view_of

# A safety limit on nesting; real arguments (a document, its citations, each
# citation's reference) stay far below it.
MAX_DEPTH = 12


def _is_content(value: Any) -> bool:
    return hasattr(value, "_content") and hasattr(value, "source_path")


class Describer:
    """Stable descriptions of template arguments for pages' fingerprints.

    Posts and pages an argument lists are named by their source: what lists
    show of them is in the site's fingerprint already. Anything it cannot
    describe stably (too deep, a cycle, an unknown object) comes out as its
    repr, which may hold an address: the page is then rendered every time,
    never wrongly reused. Lists and entries many pages share are described
    once per build (kept with the object, so that its id is not reused)."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[Any, Any]] = {}

    def __call__(self, value: Any) -> Any:
        return self._describe(value, 0, frozenset())[0]

    def _describe(self, value: Any, depth: int, seen: frozenset[int]):
        """(description, whole): ``whole`` is False when a cycle or the depth
        limit cut it, so it depends on the way in and is not kept."""
        if value is None or isinstance(value, str | int | float | bool):
            return value, True
        if _is_content(value):
            return ("content", value.source_path), True
        if depth >= MAX_DEPTH or id(value) in seen:
            return repr(value), False
        kept = self._memo.get(id(value))
        if kept is not None and kept[0] is value:
            return kept[1], True
        inner = seen | {id(value)}
        whole = True

        def part(item: Any) -> Any:
            nonlocal whole
            found, complete = self._describe(item, depth + 1, inner)
            whole = whole and complete
            return found

        if isinstance(value, list | tuple | set | frozenset):
            items = [part(item) for item in value]
            sort = isinstance(value, set | frozenset)
            found = tuple(sorted(items, key=repr)) if sort else tuple(items)
        elif isinstance(value, dict):
            found = tuple(sorted((str(k), part(v)) for k, v in value.items()))
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            found = (
                type(value).__name__,
                tuple(
                    (f.name, part(getattr(value, f.name)))
                    for f in dataclasses.fields(value)
                ),
            )
        else:
            return repr(value), True  # Pelican's Category: "<Category 'Tin tức'>"
        if whole:
            found = _compact(found)
            self._memo[id(value)] = (value, found)
        return found, whole


# A description longer than this (as text) stands in a page's fingerprint as
# its digest: the document index lists every document, each with its posts,
# on 19 pages, and fingerprints hash the text of what they are given.
COMPACT_ABOVE = 512


def _compact(found: Any) -> Any:
    """A long description by its digest, made once per build with the memo."""
    if len(text := repr(found)) <= COMPACT_ABOVE:
        return found
    return ("digest", hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())


def _own_body(value: Any) -> tuple:
    """What a post's or page's own page shows beyond what lists show: its body
    as rendered (photos placed in it). The search words derived from it and
    from the metadata (in the site's fingerprint) follow from these."""
    return (
        value.source_path,
        value._content,
        str(view_of(value, GalleryView).html),
    )


class WardWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        settings = settings or {}
        session = session_of(settings)
        self._only = {os.path.normpath(p) for p in session.write_only}
        self._record = session.record
        site = self._record.site_fingerprint
        self._previous = Path(session.previous) if session.previous and site else None
        self._before = load_record(self._previous) if self._previous else {}
        self._site = site
        self._describe = Describer()
        self._writing: list[str] | None = None
        # A preview rebuild: every file written, paginated pages included (the
        # finalizers minify and compress exactly these).
        self.written: list[str] = []
        self._changed = set(session.changed_sources)
        self._skipped: set[str] = set()  # pages of paginated lists not rendered
        self._session = session

    def _selected(self, name) -> bool:
        return not self._only or (name and os.path.normpath(name) in self._only)

    def _open_w(self, filename, encoding, override=False):
        if self._writing is not None:
            self._writing.append(
                os.path.relpath(filename, self.output_path).replace(os.sep, "/")
            )
        if self._only:
            relative = os.path.relpath(filename, self.output_path)
            if relative in self._skipped:
                return io.StringIO()  # its template was not rendered either
            self.written.append(relative)
            # A preview rebuild writes into the folder being served: each page
            # appears whole. (Pelican's check that no address is written twice
            # is the full build's; these few pages were written there.)
            return AtomicTextFile(filename, encoding)
        return super()._open_w(filename, encoding, override)

    def write_file(self, name, template, context, *args, **kwargs):
        self._session.stop_if_interrupted()
        if not self._selected(name):
            return None
        pages = self._pages(name, kwargs)
        if self._only and pages is not None:
            template = self._changed_pages_of(name, kwargs.get("url"), template, pages)
        elif pages is not None:
            self._record.paginated[name] = pages
        if not name or not self._site or self._only:
            return super().write_file(name, template, context, *args, **kwargs)
        fingerprint = digest(
            [
                self._site,
                name,
                getattr(template, "name", None),
                self._describe(args),
                self._describe({k: v for k, v in kwargs.items() if not _is_content(v)}),
                [
                    (k, _own_body(v))
                    for k, v in sorted(kwargs.items())
                    if _is_content(v)
                ],
            ]
        )
        before = self._before.get(name)
        if (
            before is not None
            and before.fingerprint == fingerprint
            and unchanged_files(self._previous, before)
        ):
            self._take(name, before, context, kwargs)
            return None
        self._writing = []
        try:
            result = super().write_file(name, template, context, *args, **kwargs)
        finally:
            written, self._writing = self._writing, None
        self._record.pages[name] = RenderedPage(fingerprint, {f: [] for f in written})
        return result

    def _pages(self, name, kwargs) -> list[tuple] | None:
        """A paginated list's pages as Pelican 4.12's writer will cut them (its
        Paginator's slices, orphans included): the source paths of the posts
        each page shows, of every list paginated together (articles, dates)."""
        templates = self.settings["PAGINATED_TEMPLATES"]
        template_name = kwargs.get("template_name")
        paginated = kwargs.get("paginated")
        if paginated is None:
            paginated = {k: v for k, v in kwargs.items() if k in ("articles", "dates")}
        if not name or not paginated or template_name not in templates:
            return None
        per_page = templates[template_name] or self.settings["DEFAULT_PAGINATION"]
        lists = [items for _, items in sorted(paginated.items())]
        cut = Paginator(name, kwargs.get("url"), lists[0], self.settings, per_page)
        pages = []
        for number in range(1, cut.num_pages + 1):
            bottom = (number - 1) * cut.per_page
            top = bottom + cut.per_page
            if top + cut.orphans >= cut.count:
                top = cut.count
            pages.append(
                tuple(
                    tuple(c.source_path for c in items[bottom:top]) for items in lists
                )
            )
        return pages

    def _changed_pages_of(self, name, url, template, pages):
        """A preview rebuild renders the pages of a paginated list that show a
        changed post or other posts than are served; the others are skipped
        before their template is rendered. Pages past the new last one are
        removed, as a full build would not make them. A first pass
        (``BuildSession.lists_now``) leaves the pages only shifted for later."""
        before = self._record.paginated.get(name)

        def shows_a_changed_post(shown) -> bool:
            return any(path in self._changed for posts in shown for path in posts)

        if before is not None and len(before) > len(pages):
            gone = page_files(name, url, len(before), self.settings)[len(pages) :]
            remove_files(self.output_path, gone)
        if before is None:
            # A list not served yet: every page. What is served from now on
            # is what the next preview rebuild compares with (an edit undone
            # puts the posts back where the full build had them).
            self._record.paginated[name] = pages
            return template
        if len(before) != len(pages):
            skipped = set()  # the page count shows on every page
        else:
            skipped = {
                number
                for number, (shown, shown_before) in enumerate(
                    zip(pages, before, strict=True), start=1
                )
                if shown == shown_before and not shows_a_changed_post(shown)
            }
        later: set[int] = set()
        if self._session.lists_now:
            # What the officer looks at first; the pages only shifted follow.
            later = {
                number
                for number, shown in enumerate(pages, start=1)
                if number > 1
                and number not in skipped
                and not shows_a_changed_post(shown)
            }
            if later:
                skipped |= later
                self._session.lists_left.add(name)
        # A page left for later still shows what it showed: no list's page.
        self._record.paginated[name] = [
            None if number in later else shown
            for number, shown in enumerate(pages, start=1)
        ]
        return _SomePages(template, skipped, self._skipped)

    def _take(self, name: str, before: RenderedPage, context, kwargs) -> None:
        """The page is the last build's: list its files for linking, and tell
        the plugins that follow written pages (the sitemap) as if written."""
        self._record.pages[name] = RenderedPage(before.fingerprint, dict(before.files))
        self._record.reused_files.extend(before.files)
        localcontext = {**context, **kwargs}
        for relative in before.files:
            signals.content_written.send(
                os.path.join(self.output_path, relative), context=localcontext
            )

    def write_feed(self, elements, context, path=None, *args, **kwargs):
        # Feeds carry whole bodies: always written (a few files).
        if not self._selected(path):
            return None
        return super().write_feed(elements, context, path, *args, **kwargs)


def page_files(name: str, url: str | None, count: int, settings) -> list[str]:
    """The output paths of the ``count`` pages of the paginated list ``name``,
    as Pelican's paginator names them (PAGINATION_PATTERNS)."""
    last = SimpleNamespace(num_pages=count)  # all a page's name asks of it
    return [
        os.path.normpath(Page(name, url or "", [], number, last, settings).save_as)
        for number in range(1, count + 1)
    ]


def remove_files(output: str | Path, names: Iterable[str]) -> list[str]:
    """Remove the files ``names`` (relative to ``output``) a preview no longer
    serves, and their folders left empty; returns those that were there."""
    removed = []
    for name in names:
        path = Path(output, name)
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(name)
            with contextlib.suppress(OSError):  # not empty: others live there
                path.parent.rmdir()
    return removed


class _SomePages:
    """A paginated list's template that renders all but the ``skipped`` page
    numbers; the output paths of those it skips go into ``skipped_files`` (the
    writer opens no file for them)."""

    def __init__(self, template, skipped: set[int], skipped_files: set[str]) -> None:
        self._template = template
        self._skipped = skipped
        self._skipped_files = skipped_files
        self.name = getattr(template, "name", None)

    def render(self, context) -> str:
        page = context.get("articles_page")
        if page is not None and page.number in self._skipped:
            self._skipped_files.add(os.path.normpath(context["output_file"]))
            return ""
        return self._template.render(context)
