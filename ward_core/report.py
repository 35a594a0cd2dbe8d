"""What one Pelican run reports back to the tool that started it.

Each build's session (``ward_core.session``) holds a fresh ``RunRecord``;
Pelican shares the settings, and so the session, with every generator and
signal receiver, so the plugins fill it in (photos processed, what each post
shows in listings) and the tool reads it after the run. No module-level state,
no signals in tools.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .reuse import digest


@dataclass
class RunRecord:
    photos_total: int = 0
    photos_processed: int = 0  # decoded and encoded in this run (cache misses)
    # Per source file: where it is written and what lists and indexes show of it.
    save_as: dict[str, str] = field(default_factory=dict)
    listing: dict[str, tuple] = field(default_factory=dict)
    # Each paginated list's pages (by its first page's output path): the
    # source paths of the posts each page shows.
    paginated: dict[str, list[tuple]] = field(default_factory=dict)
    # The run's generators, context and all: the preview's worker keeps them to
    # render one page again without running Pelican.
    generators: list[Any] = field(default_factory=list)
    # Reuse of the last build's pages (ward_core.reuse): the site's fingerprint,
    # every page written or taken this run, and the files to take.
    site_fingerprint: str = ""
    pages: dict[str, Any] = field(default_factory=dict)  # name -> RenderedPage
    reused_files: list[str] = field(default_factory=list)
    # What the search index holds (JSON, the search plugin's), saved with the
    # record of pages for the next build.
    search_state: Any = None
    # Called once the run is over, whether it succeeded or failed half-way (a
    # failed run never reaches Pelican's `finalized`): helper processes stop.
    at_end: list[Callable[[], None]] = field(default_factory=list)
    # The analysis of the sources this run's pages show (wardtools.check
    # .SiteAnalysis; the editor's findings with the sources read, when the run
    # took them): the preview's worker analyses a body edit from it
    # (check.analyse_edit).
    analysis: Any = None
    # Work the preview's worker does right after answering an edit rendered
    # from memory, oldest first: a file every post is in (the JSON feed) is
    # slow to write again at 3,000 posts, and so are the list pages a new post
    # only shifted. By name, so an edit in a row asks once. Each is given
    # "interrupted" (asked between pages: BuildInterruptedError when a new
    # save came, the work still queued) and returns the files it wrote. A
    # full build drops it.
    after_answer: dict[str, Callable[[Callable[[], bool]], list[str]]] = field(
        default_factory=dict
    )

    def __getstate__(self) -> dict[str, Any]:
        # Pelican's content cache pickles the settings, this record included;
        # the callbacks belong to this run only (and hold processes and locks),
        # the analysis holds the whole content folder.
        return {**self.__dict__, "at_end": [], "analysis": None, "after_answer": {}}

    def end(self) -> None:
        callbacks, self.at_end = self.at_end, []
        for callback in callbacks:
            callback()


def metadata_digest(metadata: Mapping[str, Any]) -> str:
    """A digest of a content object's metadata. Values without a stable repr
    (an object's address) make every digest differ: the safe direction."""
    return digest(sorted((str(key), repr(value)) for key, value in metadata.items()))
