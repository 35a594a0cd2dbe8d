"""The preview's fast path: new bodies rendered from the Pelican context in memory.

The worker keeps the last full build's generators (``RunRecord.generators``).
When a save changed only the body of posts or pages, their metadata as read
being the same (title, date, summary, photos, officials…), nothing but their
own pages can change. Then, instead of running Pelican again:
1. the checkers run, as in every build (`wardtools.build.checked_run`); when
   only bodies changed, from the last analysis (`check.analyse_edit`);
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

When more than a body changed, ``ListedEdit`` regroups the posts in memory and
renders the pages that show them, leaving the rest to a full build that
follows (see its docstring). ``edit_in_memory`` checks the site once and
picks the path.
"""

from __future__ import annotations

import contextlib
import os
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from ward_core.report import RunRecord
from ward_core.session import (
    BuildInterruptedError,
    BuildSession,
    session_of,
    with_session,
)
from ward_core.signals import body_replaced
from ward_core.views import (
    ARTICLE_GENERATOR_LISTS,
    ARTICLE_LISTS,
    PAGE_LISTS,
    GalleryView,
    SiteView,
    forget_rendered,
    view_of,
)

from .build import BuildReport, checked_run


class NotOnlyBodyError(Exception):
    """The edit is more than this path renders: the worker takes a slower one."""


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


@contextlib.contextmanager
def _named_groups(generator: Any, names: set[str]):
    """Let the tag and category write loops see only the groups whose first
    page is named (the others' pages are skipped anyway)."""
    tags, categories = generator.tags, generator.categories
    named = lambda group: os.path.normpath(group.save_as or "") in names  # noqa: E731
    try:
        generator.tags = {tag: posts for tag, posts in tags.items() if named(tag)}
        generator.categories = [item for item in categories if named(item[0])]
        yield
    finally:
        generator.tags, generator.categories = tags, categories


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
        self.edits: list[_Edit] = []

    def prepare(self) -> None:
        """Read the files again; NotOnlyBodyError, before anything in memory or
        on disk changed, when more than their bodies did."""
        self.edits = [self._read(path) for path in self.paths]

    def render(self) -> list[str]:
        names = {os.path.normpath(edit.content.save_as) for edit in self.edits}
        return self._render(self.edits, names)

    def _read(self, path: str) -> _Edit:
        generator, content = _find(self.generators, path)
        try:
            fresh = _read_source(generator, content.source_path, type(content))
        except Exception as exc:
            raise NotOnlyBodyError(path) from exc
        if fresh is None:
            raise NotOnlyBodyError(path)
        digest = view_of(content, SiteView).metadata_digest
        if not digest or view_of(fresh, SiteView).metadata_digest != digest:
            raise NotOnlyBodyError(path)  # title, date, summary, photos, officials…
        if fresh.get_static_links() != content.get_static_links():
            raise NotOnlyBodyError(path)
        return _Edit(generator, content, fresh._content)

    def _render(self, edits: list[_Edit], names: set[str]) -> list[str]:
        for edit in edits:
            self.touched = True
            edit.content._content = edit.body
            forget_rendered(edit.content)
            body_replaced.send(
                edit.content, generators=self.generators, output=self.output
            )
        targets = {id(edit.content) for edit in edits}
        generators = {id(edit.generator): edit.generator for edit in edits}
        return render_pages(
            self.record, self.output, names, targets, list(generators.values())
        )


def render_pages(
    record: RunRecord,
    output: Path,
    names: set[str],
    targets: set[int],
    generators: list[Any],
    lists: tuple[str, ...] | None = None,
    *,
    lists_left: set[str] | None = None,
    interrupted: Callable[[], bool] | None = None,
) -> list[str]:
    """Pelican's generators render the pages ``names`` (output paths) into the
    served folder, asking only the ``targets`` objects for their own pages;
    ``lists``: the source paths of the posts changed where lists show them;
    the article generator's list pages are rendered too, each skipped unless
    named, and of a paginated list only the pages that changed. Then the
    plugins' finalizers see a preview rebuild of exactly the files written
    (paginated pages included). Returns those files.

    ``lists_left``: a first pass (BuildSession.lists_now); the lists whose
    shifted pages were left go into it. ``interrupted``: asked before each
    list; BuildInterruptedError when it says so, after the finalizers have
    seen what was written."""
    from pelican import signals
    from ward_site.writer import WardWriter

    settings: dict[str, Any] = record.generators[0].settings
    # A preview rebuild of these pages, as the plugins know it: the writer
    # skips every other page, the finalizers touch only what it wrote.
    session = BuildSession(
        record=record,
        write_only=tuple(sorted(names)),
        changed_sources=lists or (),
        search=False,
        lists_now=lists_left is not None,
        interrupted=interrupted,
    )
    writer = WardWriter(str(output), settings=with_session(settings, session))
    try:
        for generator in generators:
            if hasattr(generator, "generate_articles"):
                write = partial(
                    writer.write_file, relative_urls=settings["RELATIVE_URLS"]
                )
                with _only(generator, ARTICLES_WRITTEN, targets):
                    generator.generate_articles(write)
                with _only(generator, DRAFTS_WRITTEN, targets):
                    generator.generate_drafts(write)
                if lists is not None:
                    generator.generate_period_archives(write)
                    generator.generate_direct_templates(write)
                    # Pelican works out each tag's and category's list before
                    # asking the writer: only for those named.
                    with _named_groups(generator, names):
                        generator.generate_tags(write)
                        generator.generate_categories(write)
            else:
                with _only(generator, PAGES_WRITTEN, targets):
                    generator.generate_output(writer)
    finally:
        written = sorted(set(writer.written))
        finished = BuildSession(record=record, write_only=tuple(written), search=False)
        signals.finalized.send(
            _FinishedPreview(with_session(settings, finished), output)
        )
    if lists_left is not None:
        lists_left |= session.lists_left
    return written


def _read_source(generator: Any, path: str, content_class: Any) -> Any:
    """The file ``path`` read exactly as the generator reads it (its signals
    included, so the plugins set the object up as in a build)."""
    from pelican import signals

    is_article = hasattr(generator, "drafts")
    return generator.readers.read_file(
        base_path=generator.path,
        path=path,
        content_class=content_class,
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


class ListedEdit:
    """Posts edited, added or removed where lists show it (a title, a date, a
    category, an approval, a new post): Pelican's article generator groups and
    orders its posts again in memory, the unchanged ones taken as they are and
    only ``paths`` read, then renders the pages that show them: their own, their
    neighbours' and the lists they are on (home, category, tags, archives).

    What the pages of other plugins show (documents, officials, feeds, the
    sitemap) is left to the full build the worker runs once the officer
    pauses; anything this path cannot render exactly goes to a full build at
    once: NotOnlyBodyError, raised before anything in memory changed, for a
    page, a new category or one left with no post, new photos or files to
    copy, or an address another post has."""

    def __init__(self, record: RunRecord, output: Path, paths: list[str]) -> None:
        generators = record.generators
        found = [g for g in generators if hasattr(g, "generate_articles")]
        if not found:
            raise NotOnlyBodyError("no context in memory")
        self.record = record
        self.output = output
        self.generator = found[0]
        self.generators = generators
        self.settings: dict[str, Any] = generators[0].settings
        self.paths = paths
        self.touched = False  # objects in memory were regrouped
        self.found: dict[str, tuple[Any, Any]] = {}
        self.files: set[str] = set()  # the generator's files, as it lists them
        self.known: dict[str, Any] = {}  # its posts before the edit, by source
        # Lists whose pages only shifted, left for render_later_pages.
        self.lists_left: set[str] = set()

    def prepare(self) -> None:
        """Read the files; NotOnlyBodyError, before anything in memory changed,
        when this path does not apply."""
        self.found = self._read_all()

    def render(self) -> list[str]:
        if not self.found:
            return []
        self.touched = True
        return self._regroup_and_render(self.found)

    # ------------------------------------------------------------ reading

    def _known(self) -> dict[str, Any]:
        generator = self.generator
        return {
            content.source_path: content
            for name in ARTICLE_GENERATOR_LISTS
            for content in getattr(generator, name, None) or []
        }

    def _read_all(self) -> dict[str, tuple[Any, Any]]:
        """{path: (old, fresh)}; None for a post that was not there, or is gone."""
        generator = self.generator
        self.known = known = self._known()
        self.files = generator.get_files(
            self.settings["ARTICLE_PATHS"], exclude=self.settings["ARTICLE_EXCLUDES"]
        )
        files = {os.path.join(generator.path, name) for name in self.files}
        categories = {
            article.category.name for article in generator.articles if article.category
        }
        taken = {
            os.path.normpath(save_as): source
            for source, save_as in self.record.save_as.items()
            if save_as
        }
        found = {}
        for path in _posts_of_folders(self.paths, files, known):
            old = known.get(path)
            if path not in files:
                if old is None or os.path.exists(path):
                    raise NotOnlyBodyError(path)  # a page, a data file…
                found[path] = (old, None)
                continue
            fresh = self._read(path, old)
            if fresh.category and fresh.category.name not in categories:
                raise NotOnlyBodyError(path)  # every page's menu changes
            if (
                fresh.save_as
                and taken.get(os.path.normpath(fresh.save_as), path) != path
            ):
                raise NotOnlyBodyError(path)  # the full build says whose address
            found[path] = (old, fresh)
        if _empties_a_category(generator.articles, found):
            raise NotOnlyBodyError("a category left with no post")  # every menu
        return found

    def _read(self, path: str, old: Any) -> Any:
        from pelican.contents import Article
        from pelican.readers import SkipStub

        content_class = type(old) if old is not None else Article
        try:
            fresh = _read_source(self.generator, path, content_class)
        except Exception as exc:
            raise NotOnlyBodyError(path) from exc
        if fresh is None or isinstance(fresh, SkipStub) or not fresh.is_valid():
            raise NotOnlyBodyError(path)
        before = view_of(old, GalleryView) if old is not None else GalleryView()
        after = view_of(fresh, GalleryView)
        if (after.specs, after.cover_spec, after.cover_focus) != (
            before.specs,
            before.cover_spec,
            before.cover_focus,
        ) or fresh.get_static_links() != (
            old.get_static_links() if old is not None else set()
        ):
            raise NotOnlyBodyError(path)  # photos or files to place and copy
        if _files_of(fresh) != (_files_of(old) if old is not None else ()):
            raise NotOnlyBodyError(path)
        return fresh

    # ------------------------------------------------------------ memory

    def _regroup_and_render(self, found: dict[str, tuple[Any, Any]]) -> list[str]:
        generator = self.generator
        # Keyed as Pelican lists its files: relative to the content folder.
        prefix = os.path.join(generator.path, "")

        def relative(source: str) -> str:
            if source.startswith(prefix):
                return source[len(prefix) :]
            return os.path.relpath(source, generator.path)

        memory = {
            relative(source): content
            for source, content in self.known.items()
            if source not in found
        }
        memory.update(
            (relative(source), fresh)
            for source, (_, fresh) in found.items()
            if fresh is not None
        )
        olds = [old for old, _ in found.values() if old is not None]
        shown_before = self._neighbourhood(olds)
        served_before = self._outputs(olds)
        # Pelican's own grouping, ordering and signals, reading from memory:
        # the files as listed in prepare(), every post but the changed ones as
        # it is (already in the context's lists of sources and static links).
        kept = {id(content) for path, content in memory.items()}
        kept -= {id(fresh) for _, fresh in found.values()}
        add_source_path = generator.add_source_path
        add_static_links = generator.add_static_links
        overrides = {
            "get_files": lambda *args, **kwargs: self.files,
            "get_cached_data": lambda path, default=None: memory.get(path, default),
            "save_cache": lambda: None,
            "add_source_path": lambda content, static=False: (
                None if id(content) in kept else add_source_path(content, static)
            ),
            "add_static_links": lambda content: (
                None if id(content) in kept else add_static_links(content)
            ),
        }
        # (Each archive lists its posts in ARTICLE_ORDER_BY's order: by date
        # unless a site chose another.)
        order = self.settings.get("ARTICLE_ORDER_BY", "reversed-date")
        if order in ("date", "reversed-date") and _same_dates_and_lists(found):
            overrides["_build_period_archives"] = _archives_with(
                generator.period_archives, found
            )
        vars(generator).update(overrides)
        generator.readers.save_cache = lambda: None
        try:
            generator.categories = defaultdict(list)
            generator.tags = defaultdict(list)
            generator.authors = defaultdict(list)
            generator.generate_context()
        finally:
            for name in overrides:
                delattr(generator, name)
            del generator.readers.save_cache
        fresh_ones = [fresh for _, fresh in found.values() if fresh is not None]
        for fresh in fresh_ones:
            fresh.refresh_metadata_intersite_links()
        for other in self.generators:
            if getattr(other, "ATTACHES_VIEWS", False):
                other.generate_context()  # officials, documents, comments
        for fresh in fresh_ones:
            forget_rendered(fresh)
            body_replaced.send(fresh, generators=self.generators, output=self.output)
        names = shown_before | self._neighbourhood(fresh_ones)
        names |= self._lists(olds + fresh_ones)
        targets = {
            id(content)
            for content in self._known().values()
            if os.path.normpath(content.save_as or "") in names
        }
        self.lists_left = set()
        written = render_pages(
            self.record,
            self.output,
            names,
            targets,
            [generator],
            lists=tuple(found),
            lists_left=self.lists_left,
        )
        self._remove_gone(served_before - self._outputs(fresh_ones))
        return written

    def _outputs(self, contents: list[Any]) -> set[str]:
        """The first pages the article generator writes now, by output path:
        the pages of ``contents`` (the changed posts: the others' stay), its
        tags', categories' and period archives'."""
        generator = self.generator
        names = {content.save_as for content in contents}
        names.update(tag.save_as for tag in generator.tags)
        names.update(category.save_as for category, _ in generator.categories)
        names.update(
            archive["save_as"]
            for archives in generator.period_archives.values()
            for archive in archives
        )
        return {os.path.normpath(name) for name in names if name}

    def _remove_gone(self, gone: set[str]) -> None:
        """Pages a full build no longer makes (a post deleted or made a draft,
        a draft approved, a tag or a month left with no post) are no longer
        served, every page of a paginated one."""
        from ward_site.writer import page_files, remove_files

        for name in sorted(gone):
            pages = self.record.paginated.pop(name, None)
            files = page_files(name, "", len(pages), self.settings) if pages else [name]
            remove_files(self.output, files)

    def render_later_pages(self, interrupted: Callable[[], bool]) -> list[str]:
        """The pages of lists only shifted by the edit (a new or approved post
        moves every post after it one place on: at 3,000 posts some 450
        pages, over a second), left by ``render`` so the officer sees the post,
        the home page and its lists' first pages at once. Pages rendered then
        are rendered again if they differ from the last full build (a few).
        BuildInterruptedError, the rest still left, when ``interrupted`` says
        a new save came."""
        left, self.lists_left = self.lists_left, set()
        try:
            return render_pages(
                self.record,
                self.output,
                left,
                set(),
                [self.generator],
                lists=tuple(self.found),
                interrupted=interrupted,
            )
        except BuildInterruptedError:
            self.lists_left = left
            raise

    def _neighbourhood(self, contents: list[Any]) -> set[str]:
        """The pages of ``contents`` and of every post that shows one of them
        (newer, older, "Tin cùng chuyên mục")."""
        ids = {id(content) for content in contents}
        names = {os.path.normpath(c.save_as) for c in contents if c.save_as}
        for article in self.generator.articles:
            site = view_of(article, SiteView)
            shown = [site.newer, site.older, *site.related]
            if any(id(other) in ids for other in shown if other is not None):
                names.add(os.path.normpath(article.save_as))
        return names

    def _lists(self, contents: list[Any]) -> set[str]:
        settings = self.settings
        names = {
            settings.get(f"{template.upper()}_SAVE_AS") or f"{template}.html"
            for template in settings["DIRECT_TEMPLATES"]
            if template not in ("404", "search")
        }
        for content in contents:
            if getattr(content, "category", None):
                names.add(content.category.save_as)
            names.update(tag.save_as for tag in getattr(content, "tags", None) or [])
            for period in ("YEAR", "MONTH", "DAY"):
                pattern = settings.get(f"{period}_ARCHIVE_SAVE_AS")
                if pattern and getattr(content, "date", None):
                    names.add(pattern.format(date=content.date))
        return {os.path.normpath(name) for name in names if name}


def _posts_of_folders(
    paths: list[str], files: set[str], known: dict[str, Any]
) -> list[str]:
    """The changed paths with each post folder replaced by the posts in it: a
    folder made, moved or removed (the file watcher may report it apart from
    its files, or alone, as for a folder moved whole) stands for the posts
    found in it now and those known in it before. A path gone that is neither
    a known post nor a folder of one, and has a suffix (a data file, a photo),
    is kept, so that the caller sends it to a full build."""
    found: list[str] = []
    for path in paths:
        inside = os.path.join(path, "")
        if os.path.isdir(path) or not (path in known or "." in os.path.basename(path)):
            found += [f for f in files if f.startswith(inside)]
            found += [f for f in known if f.startswith(inside)]
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _empties_a_category(articles: list[Any], found: dict[str, tuple[Any, Any]]):
    """A category every published post of which is moved, made a draft or
    deleted: it leaves the menu on every page."""
    published = {id(article) for article in articles}
    left = Counter(article.category.name for article in articles if article.category)
    for old, fresh in found.values():
        if old is not None and id(old) in published and old.category:
            left[old.category.name] -= 1
        if fresh is not None and fresh.status == "published" and fresh.category:
            left[fresh.category.name] += 1
    return any(count <= 0 for count in left.values())


def _same_dates_and_lists(found: dict[str, tuple[Any, Any]]) -> bool:
    """Every changed post keeps its date and the lists it is in (status)."""
    return all(
        old is not None
        and fresh is not None
        and old.date == fresh.date
        and old.status == fresh.status
        for old, fresh in found.values()
    )


def _archives_with(archives: Any, found: dict[str, tuple[Any, Any]]):
    """Pelican's period archives (year, month) as built, the changed posts
    swapped in: their dates and lists are the same (at 3,000 posts Pelican
    takes 0.4 s to build them again)."""
    fresh_for = {
        id(old): fresh
        for old, fresh in found.values()
        if old is not None and fresh is not None
    }

    def build(*_args: Any) -> Any:
        for periods in archives.values():
            for archive in periods:
                for key in ("dates", "articles"):
                    archive[key] = [fresh_for.get(id(a), a) for a in archive[key]]
        return archives

    return build


def _files_of(content: Any) -> tuple:
    """The document files a post cites (placed and copied by ward_frontmatter)."""
    refs = [
        getattr(content, "plan", None),
        *(getattr(content, "documents", None) or []),
    ]
    return tuple(ref.file for ref in refs if ref is not None and ref.file)


def edit_in_memory(
    record: RunRecord, output: Path, paths: list[str]
) -> tuple[BuildReport, str, bool, ListedEdit | None]:
    """The site checked once, then the cheapest path that renders the edit of
    ``paths`` from memory: "body" (BodyEdit, complete) or "lists" (ListedEdit:
    a full build must follow). Returns the report, the mode, whether objects
    in memory were changed, and the ListedEdit when it left pages of lists
    (``render_later_pages``); NotOnlyBodyError when neither path applies."""
    if not record.generators:
        raise NotOnlyBodyError("no context in memory")
    chosen: list[tuple[str, BodyEdit | ListedEdit]] = []
    written: list[str] = []

    def work() -> None:
        edit: BodyEdit | ListedEdit | None = None
        if paths and all(path in record.listing for path in paths):
            try:
                edit = BodyEdit(record, output, paths)
                edit.prepare()
                chosen.append(("body", edit))
            except NotOnlyBodyError:
                edit = None
        if edit is None:
            edit = ListedEdit(record, output, paths)
            edit.prepare()
            chosen.append(("lists", edit))
        written.extend(edit.render())

    settings: dict[str, Any] = record.generators[0].settings
    report = checked_run(
        settings,
        output,
        work,
        in_place=True,
        passthrough=(NotOnlyBodyError,),
        # The last full build's session: Pelican's reader, reading the edited
        # files again below, takes them from this analysis (session.sources).
        session=session_of(settings),
        edit=(record.analysis, paths),
    )
    # The site as it is now on disk, whether or not the edit could be shown.
    record.analysis = report.analysis
    report.pages_written = sum(name.endswith(".html") for name in written)
    report.written = sorted(written)
    report.record = record
    mode, edit = chosen[0] if chosen else ("body", None)
    if isinstance(edit, ListedEdit) and not edit.found:
        mode = "none"  # only folders, with no post in or out: nothing to show
    later = edit if isinstance(edit, ListedEdit) and edit.lists_left else None
    return report, mode, bool(edit and edit.touched), later
