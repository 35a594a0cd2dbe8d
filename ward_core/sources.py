"""The site's source files as the checkers see them, read without running Pelican.

`make check`, the build (before Pelican runs) and the editor's save all check the
same `SiteSources`: every post and page under the settings' ARTICLE_PATHS and
PAGE_PATHS, read with the one text reader and the line-aware YAML reader. The
editor passes ``proposed`` texts: the site is checked as if those files already
had that text, so nothing invalid is ever written.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .analysis_log import count_analysis
from .litter import is_litter
from .paths import display_path
from .problems import Problem, SiteError
from .slugs import address_of, shorten_slug, slug_from_title
from .textfile import read_text
from .yamltree import LineDict, YamlSyntaxError, parse_yaml_text, split_front_matter

T = TypeVar("T")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")
# Python-Markdown's meta extension (markdown/extensions/meta.py), which the
# reader of files without YAML uses.
_KEY_VALUE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)")
_META_BEGIN = re.compile(r"^-{3}(\s.*)?")
_META_END = re.compile(r"^(-{3}|\.{3})(\s.*)?")


@dataclass
class SourceFile:
    """One post or page: its front matter tree (line-aware) and body text."""

    path: Path  # absolute
    shown: str  # as the officer sees it in messages
    is_page: bool
    front_matter: Any = None  # LineDict, or whatever YAML the header held; None: none
    has_yaml: bool = False  # the file starts with a `---` YAML header
    header_text: str = ""  # the YAML header as written, between its `---` lines
    body: str = ""
    body_line: int = 1  # the file's line number of the body's first line
    problems: list[Problem] = field(default_factory=list)  # unreadable, bad YAML
    notes: list[Problem] = field(default_factory=list)  # read, with a remark
    # The file's (size, mtime in ns) when it was read; None for a proposed text
    # or a file that could not be read (``read_source``: known).
    stamp: tuple[int, int] | None = None
    # The editor's text it was read from; None when read from the file.
    proposed: str | None = field(default=None, repr=False)
    # Results derived from this file alone (the validated header, the placeholder
    # lines), kept with it: the build's reader takes the file from the analysis,
    # and a process that analyses the site again (the preview, the editor) takes
    # each unchanged file from its last analysis.
    derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def header(self) -> Mapping[str, Any]:
        """The header as a mapping ({} when it is not one)."""
        return self.front_matter if isinstance(self.front_matter, dict) else {}

    def unchanged(self) -> bool:
        """The file is still as it was read (a proposed text never is)."""
        return self.stamp is not None and self.stamp == file_stamp(self.path)

    def line_of(self, name: str) -> int:
        header = self.front_matter
        return header.line_of(name) if isinstance(header, LineDict) else 0


@dataclass
class SiteSources:
    settings: Mapping[str, Any]
    content_root: Path
    files: list[SourceFile]
    proposed: Mapping[Path, str] = field(default_factory=dict)
    # Top-level output folders the plugins write (photos, official pages…).
    output_folders: tuple[str, ...] = ()
    # A final build (publish, `make check`): what the preview only marks is an error.
    final: bool = False
    # Notes from reading data files (a file converted from TCVN3…), for the report.
    read_notes: list[Problem] = field(default_factory=list)
    # What the checkers parsed besides their problems, by plugin name (a data
    # file as its model): the build's generators take it from the build
    # session (``BuildSession.fact``) instead of parsing the file again.
    facts: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # The same of each post's or page's header (its gallery, its links), by
    # plugin name and file: the content objects' views take them.
    file_facts: dict[str, dict[Path, Any]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _by_path: dict[Path, SourceFile] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def articles(self) -> list[SourceFile]:
        return [f for f in self.files if not f.is_page]

    @property
    def pages(self) -> list[SourceFile]:
        return [f for f in self.files if f.is_page]

    @property
    def problems(self) -> list[Problem]:
        return [p for f in self.files for p in (*f.problems, *f.notes)]

    def slug_of(self, source: SourceFile) -> str:
        """The address the build gives the file: `slug:`, else the slugified title
        (not kept with the file: it follows from the settings too)."""
        written = source.header.get("slug")
        if isinstance(written, str) and written.strip():
            return written.strip()
        title = source.header.get("title")
        return slug_for(title if isinstance(title, str) else "", self.settings)

    def keep_fact(self, plugin: str, fact: T) -> T:
        """``fact`` (what ``plugin``'s checker parsed), kept for the build."""
        count_analysis("parse", plugin)
        self.facts[plugin] = fact
        return fact

    def keep_file_fact(self, plugin: str, source: SourceFile, fact: T) -> T:
        """``fact``: what ``plugin``'s checker parsed of one post or page's
        header (its gallery, its links), kept for the build's content object."""
        count_analysis("parse", f"{plugin} {source.shown}")
        self.file_facts.setdefault(plugin, {})[source.path] = fact
        return fact

    def with_files(self, files: Mapping[Path, SourceFile]) -> SiteSources:
        """These sources with ``files`` (by path) in place of the files read
        from the same paths (files at other paths are left out)."""
        return dataclasses.replace(
            self,
            files=[files.get(source.path, source) for source in self.files],
            facts={},
            file_facts={},
        )

    def file_at(self, path: Path) -> SourceFile | None:
        """The post or page read from ``path`` (absolute), None if none was."""
        if self._by_path is None:
            self._by_path = {source.path: source for source in self.files}
        found = self._by_path.get(path)
        if found is None and path.is_absolute():
            found = self._by_path.get(path.resolve())
        return found

    def optional_data(self, relative: str) -> tuple[Path, str] | None:
        """The data file ``relative`` (to content/) and its text, proposed or on
        disk; None when there is none. SiteError when it cannot be read."""
        path = (self.content_root / relative).resolve()
        if not (path.is_file() or path in self.proposed):
            return None
        return path, self.read(path)

    def read(self, path: Path) -> str:
        """A data file's text: the proposed text if the editor is saving it."""
        path = path.resolve()
        if path in self.proposed:
            return self.proposed[path]
        return read_text(path, notes=self.read_notes)

    def data_files(self, folder: Path, patterns: tuple[str, ...]) -> list[Path]:
        """Files in ``folder`` matching ``patterns``, proposed ones included."""
        return data_files_in(folder, patterns, self.proposed)


def data_files_in(
    folder: Path, patterns: tuple[str, ...], proposed: Iterable[Path] = ()
) -> list[Path]:
    """Data files in ``folder`` matching ``patterns`` (OS litter skipped), plus any
    of ``proposed`` (files the editor is saving) that would be there."""
    folder = folder.resolve()
    found = set()
    if folder.is_dir():
        for entry in folder.iterdir():
            if entry.is_file() and not is_litter(entry.name):
                found.add(entry.resolve())
    found |= {p for p in proposed if p.parent == folder}
    return sorted(
        p for p in found if any(fnmatch.fnmatch(p.name, pat) for pat in patterns)
    )


def slug_for(title: str, settings: Mapping[str, Any]) -> str:
    """The slug Pelican derives from a title, with the site's substitutions."""
    substitutions = tuple(tuple(pair) for pair in settings["SLUG_REGEX_SUBSTITUTIONS"])
    return _slug_for(
        title, substitutions, bool(settings.get("SLUGIFY_USE_UNICODE", False))
    )


@functools.lru_cache(maxsize=16384)
def _slug_for(title: str, substitutions: tuple, use_unicode: bool) -> str:
    # Every check of the site slugifies every title and document number again.
    # Capped like the build's (ward_site): a 300-character title must still
    # name a folder.
    slug = slug_from_title(title, regex_subs=substitutions, use_unicode=use_unicode)
    return shorten_slug(address_of(slug, title))


def save_as_of(source: SourceFile, slug: str, settings: Mapping[str, Any]) -> str:
    """Where the build writes the file (Pelican's *_SAVE_AS with the slug)."""
    header = source.header
    written = header.get("save_as")
    if isinstance(written, str):
        return written.strip()
    status = header.get("status")
    draft = isinstance(status, str) and status.strip().lower() == "draft"
    if source.is_page:
        pattern = settings.get("DRAFT_PAGE_SAVE_AS" if draft else "PAGE_SAVE_AS", "")
    else:
        pattern = settings.get("DRAFT_SAVE_AS" if draft else "ARTICLE_SAVE_AS", "")
    try:
        return str(pattern or "").format(slug=slug, lang=settings.get("DEFAULT_LANG"))
    except (KeyError, IndexError, ValueError, AttributeError):
        return f"{slug}/index.html"  # a pattern with {date}…: the slug decides


def post_outputs(sources: SiteSources) -> tuple[dict[str, str], set[str]]:
    """Every post's output file by slug, and every file posts and pages are
    written to: what an old address must not be redirected over."""
    targets: dict[str, str] = {}
    taken: set[str] = set()
    for source in [*sources.articles, *sources.pages]:
        slug = sources.slug_of(source)
        output = save_as_of(source, slug, sources.settings)
        taken.add(output)
        if not source.is_page:
            targets[slug] = output
    return targets, taken


def content_root_of(settings: Mapping[str, Any]) -> Path:
    return Path(settings["PATH"]).resolve()


def _name_matcher(patterns: Iterable[str]) -> Callable[[str], bool]:
    """fnmatch.fnmatch against any of ``patterns``, compiled once."""
    translated = [fnmatch.translate(os.path.normcase(p)) for p in patterns]
    if not translated:
        return lambda _name: False
    expression = re.compile("|".join(translated))
    return lambda name: expression.match(os.path.normcase(name)) is not None


def iter_source_paths(
    settings: Mapping[str, Any], content_root: Path
) -> Iterator[tuple[Path, bool]]:
    """(path, is_page) for every Markdown file the build reads, in a stable order:
    Pelican's ARTICLE_PATHS less the page folders and ARTICLE_EXCLUDES, and
    PAGE_PATHS less PAGE_EXCLUDES; litter and IGNORE_FILES skipped."""
    ignored = _name_matcher(settings.get("IGNORE_FILES") or [])
    page_paths = list(settings.get("PAGE_PATHS") or [])
    kinds = (
        (
            settings.get("ARTICLE_PATHS") or [""],
            False,
            [*page_paths, *(settings.get("ARTICLE_EXCLUDES") or [])],
        ),
        (page_paths, True, list(settings.get("PAGE_EXCLUDES") or [])),
    )
    for folders, is_page, excludes in kinds:
        excluded = {os.path.normpath(content_root / e) for e in excludes if e}
        for folder in folders:
            root = content_root / folder
            if not root.is_dir():
                continue
            # Litter folders inside content/ itself count too (is_litter looks at
            # every part of the path below content/).
            if is_litter(root.relative_to(content_root)):
                continue
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames[:] = sorted(
                    d
                    for d in dirnames
                    if not is_litter(d)
                    and os.path.normpath(os.path.join(dirpath, d)) not in excluded
                )
                for name in sorted(filenames):
                    if os.path.splitext(name)[1].lower() not in MARKDOWN_SUFFIXES:
                        continue
                    if is_litter(name) or ignored(name):
                        continue
                    path = os.path.join(dirpath, name)
                    if os.path.isfile(path):
                        yield Path(path), is_page


def _kind_of(
    path: Path, settings: Mapping[str, Any], content_root: Path
) -> bool | None:
    """For a file under content/: True for a page, False for a post, None if neither."""
    relative = path.relative_to(content_root).as_posix()

    def inside(folders) -> bool:
        return any(
            not folder or relative.startswith(folder.rstrip("/") + "/")
            for folder in folders
        )

    if inside(settings.get("PAGE_PATHS") or []):
        return True
    if inside(settings.get("ARTICLE_PATHS") or [""]):
        return False
    return None


def _key_value_header(text: str) -> dict[str, str]:
    """Pelican's plain `Key: value` header, read as Python-Markdown's meta
    extension reads it for the build's reader: from the first line (after an
    optional `---`) up to a blank line, a `---` or `...` line, or the first
    line that is neither `key: value` nor indented under one. (A header that
    `make check` read further than the reader was passed by the check and
    refused by the build.)"""
    header: dict[str, str] = {}
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and _META_BEGIN.match(lines[0]):
        lines.pop(0)
    key = None
    for line in lines:
        if not line.strip() or _META_END.match(line):
            break
        match = _KEY_VALUE.match(line)
        if match:
            key = match.group("key").lower()
            header[key] = match.group("value").strip()
        elif not (key and _META_MORE.match(line)):
            break
    return header


def file_stamp(path: Path) -> tuple[int, int] | None:
    """The file's (size, mtime in ns), None when it cannot be read."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns)


def read_source(
    path: Path,
    is_page: bool,
    text: str | None = None,
    known: SourceFile | None = None,
) -> SourceFile:
    """One post or page, read and parsed (a proposed ``text`` instead of the
    file's). ``known``: the same file as an earlier analysis read it, taken
    instead when the file is unchanged since (same size and modification
    time), or read from the same proposed text. Callers must not modify the
    returned object: it may be shared."""
    if text is not None:
        if known is not None and known.proposed == text and known.is_page == is_page:
            return known
        return _read_source(path, is_page, text, None)
    stamp = file_stamp(path)
    if stamp is None:
        return _read_source(path, is_page, None, None)
    if known is not None and known.stamp == stamp and known.is_page == is_page:
        return known
    return _read_source(path, is_page, None, stamp)


def _read_source(
    path: Path, is_page: bool, text: str | None, stamp: tuple[int, int] | None
) -> SourceFile:
    count_analysis("read", str(path))
    shown = display_path(str(path))
    source = SourceFile(path=path, shown=shown, is_page=is_page)
    if text is None:
        try:
            text = read_text(path, notes=source.notes)
        except SiteError as exc:
            source.problems = list(exc.problems)
            return source
        # Taken before reading: a file changed meanwhile is read again next time.
        source.stamp = stamp
    else:
        source.proposed = text
    try:
        split = split_front_matter(text)
        if split.front_matter is None:
            source.front_matter = _key_value_header(text)
            source.body = text
            return source
        source.has_yaml = True
        source.header_text = split.front_matter
        source.body = split.body
        source.body_line = split.first_line + split.front_matter.count("\n") + 1
        source.front_matter = parse_yaml_text(split.front_matter, split.first_line)
    except YamlSyntaxError as exc:
        source.problems = [exc.problem.at(shown)]
    return source


def load_sources(
    settings: Mapping[str, Any],
    content_root: Path | None = None,
    proposed: Mapping[Path, str] | None = None,
    known: SiteSources | None = None,
) -> SiteSources:
    """Every post and page of the site (``proposed`` texts instead of their
    files). ``known``: an earlier analysis's sources in this process (the
    preview's worker, the editor): files unchanged since are taken from it,
    parsed and validated once."""
    root = (content_root or content_root_of(settings)).resolve()
    proposed = {Path(p).resolve(): text for p, text in (proposed or {}).items()}
    files = []
    for path, is_page in iter_source_paths(settings, root):
        text = proposed.get(path.resolve()) if proposed else None
        earlier = known.file_at(path) if known is not None else None
        files.append(read_source(path, is_page, text, earlier))
    on_disk = {f.path for f in files}
    for path, text in sorted(proposed.items()):
        if path.suffix.lower() in MARKDOWN_SUFFIXES and path not in on_disk:
            kind = _kind_of(path, settings, root) if path.is_relative_to(root) else None
            if kind is not None:
                files.append(read_source(path, kind, text))
    return SiteSources(
        settings=settings, content_root=root, files=files, proposed=proposed
    )


def check_data_file(
    sources: SiteSources,
    settings_of: Callable[[Mapping[str, Any]], Any],
    problems_of: Callable[[str, Any, str], list[Problem]],
) -> list[Problem]:
    """A plugin's checker for its one optional data file: ``settings_of`` reads the
    plugin settings (with ``data_file``), ``problems_of(text, settings, shown)``
    gives the file's problems placed in ``shown``."""
    try:
        settings = settings_of(sources.settings)
        found = sources.optional_data(settings.data_file)
    except SiteError as exc:
        return list(exc.problems)
    if found is None:
        return []
    path, text = found
    return problems_of(text, settings, display_path(str(path)))
