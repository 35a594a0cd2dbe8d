"""One build's control data and plugin state, carried into Pelican.

The tool that starts a build (``wardtools.build.run_site``, the preview's
in-memory render) opens one ``BuildSession`` and puts it into the settings of
that run under ``SESSION_SETTING``; Pelican hands those settings to every
generator, writer and signal receiver, and every plugin reaches the session
through ``session_of(settings)``, the one accessor. What used to ride in
settings keys (the run record, the preview's pages to write, the last build
to take pages from, "search later") and what plugins kept in module globals
(the sitemap's entries, the live search index) lives here, and ``end()``
drops it when the build is over: the preview's worker builds again and again
in one process, and nothing of one build reaches the next.

A bare ``pelican`` run has no tool: the first ``session_of`` opens one in its
settings, ended at exit.
"""

from __future__ import annotations

import atexit
import datetime as dt
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .analysis_log import count_analysis
from .paths import display_path
from .report import RunRecord

SESSION_SETTING = "WARD_SESSION"
S = TypeVar("S")


class BuildInterruptedError(Exception):
    """A build given up half-way because newer work came (the preview's full
    build after edits, when the officer saves again): nothing it made is
    published, and the one who asked for it builds again later."""


@dataclass
class BuildSession:
    record: RunRecord = field(default_factory=RunRecord)
    # A preview rebuild: the output paths (relative to the output folder) it
    # writes; every other page is skipped before its template is rendered, and
    # the plugins that post-process the output touch only these.
    write_only: tuple[str, ...] = ()
    # The posts it writes for (source paths): of each paginated list named in
    # ``write_only``, only the pages that show one of them or whose posts
    # changed since the last full build (RunRecord.paginated) are rendered.
    changed_sources: tuple[str, ...] = ()
    # Reuse (ward_core.reuse): the published output of the last good build, and
    # a digest of every input but the Markdown sources.
    previous: str = ""
    inputs: str = ""
    # False: this run leaves the search index alone (the preview indexes in the
    # background); WARD_SEARCH["enabled"] is the site's setting.
    search: bool = True
    # The day this build shows (ward_core.buildtime): set by the tool that
    # fingerprinted the inputs with it, else on first use.
    day: dt.datetime | None = None
    # The site as this build's checks read and analysed it
    # (ward_core.sources.SiteSources): the reader, and generators that need
    # the sources or what the checkers parsed (``fact``, ``file_fact``), take
    # them from here instead of reading the content folder again. Without
    # facts when the build took the editor's findings (read, not checked);
    # None in a bare ``pelican`` run.
    sources: Any = None
    # Each plugin's state for this build, under the plugin's name.
    state: dict[str, Any] = field(default_factory=dict)
    ended: bool = False
    # A preview's first pass over lists (memory_render.ListedEdit): of each
    # paginated list only its first page and the pages showing a changed post
    # are rendered; the pages a new or approved post shifted are left (their
    # lists' names in ``lists_left``) to the pass the worker runs right after
    # answering.
    lists_now: bool = False
    lists_left: set[str] = field(default_factory=set)
    # Asked between pages: true when the build should be given up
    # (``stop_if_interrupted``). None: it never is.
    interrupted: Callable[[], bool] | None = None

    def fact(self, plugin: str, parse: Callable[[], S]) -> S:
        """What ``plugin``'s checker parsed in this build's analysis
        (``SiteSources.keep_fact``); ``parse()`` when there is none (the build
        took the editor's findings, a bare ``pelican`` run)."""
        if self.sources is not None and plugin in self.sources.facts:
            return self.sources.facts[plugin]
        count_analysis("parse", plugin)
        return parse()

    def file_fact(self, plugin: str, source_path: str, parse: Callable[[], S]) -> S:
        """What ``plugin``'s checker parsed of the post or page at
        ``source_path`` (``SiteSources.keep_file_fact``), if the file is the
        version it read; else ``parse()``."""
        sources = self.sources
        facts = sources.file_facts.get(plugin) if sources is not None else None
        if facts:
            source = sources.file_at(Path(source_path))
            if source is not None and source.path in facts and source.unchanged():
                return facts[source.path]
        count_analysis("parse", f"{plugin} {display_path(source_path)}")
        return parse()

    def stop_if_interrupted(self) -> None:
        """BuildInterruptedError when the tool that started the build no longer
        wants it."""
        if self.interrupted is not None and self.interrupted():
            raise BuildInterruptedError

    def plugin_state(self, plugin: str, new: Callable[[], S]) -> S:
        """The plugin's state of this build, made by ``new`` on first use. Once
        the session ended (objects of an old build still point at it), a fresh
        state that nothing keeps."""
        if self.ended:
            return new()
        if plugin not in self.state:
            self.state[plugin] = new()
        return self.state[plugin]

    def end(self) -> None:
        """The build is over (done or failed half-way): helper processes stop
        (``record.at_end``) and the plugins' state is dropped."""
        self.ended = True
        self.sources = None
        try:
            self.record.end()
        finally:
            self.state.clear()

    def __getstate__(self) -> dict[str, Any]:
        # Pelican's content cache pickles the settings, this session included;
        # the plugins' state belongs to this run only (processes, open files),
        # and the sources are the whole content folder.
        return {**self.__dict__, "state": {}, "sources": None, "interrupted": None}


def session_of(settings: MutableMapping[str, Any]) -> BuildSession:
    """The session of the build these settings belong to."""
    found = settings.get(SESSION_SETTING)
    if isinstance(found, BuildSession):
        return found
    session = BuildSession()  # a bare `pelican` run: no tool opened one
    settings[SESSION_SETTING] = session
    atexit.register(session.end)
    return session


def session_in(context: Mapping[str, Any] | None) -> BuildSession | None:
    """The session in a template context (Pelican's context starts as a copy
    of the settings), for receivers given no settings (``content_written``)."""
    found = (context or {}).get(SESSION_SETTING)
    return found if isinstance(found, BuildSession) else None


def with_session(settings: dict[str, Any], session: BuildSession) -> dict[str, Any]:
    """A copy of ``settings`` for a run of ``session``."""
    return {**settings, SESSION_SETTING: session}
