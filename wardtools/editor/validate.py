"""The one place the editor asks the site's checks about a save.

`problems_for` answers: if these files had this text, what would the build
refuse in them? It is `check_site` (the loop the build and `make check` run)
with the proposed texts, narrowed to the files being saved.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ward_core.paths import display_path
from ward_core.problems import Problem
from ward_core.sources import SiteSources

from ..analysis import remember_analysis
from ..check import SiteAnalysis, analyse_edit, analyse_site

# The editor is stricter than the preview build here: a photo in the gallery
# must be captioned before the save goes through (only final builds refuse it).
_CAPTION_MISSING = "chưa có chú thích"


def problems_for(
    settings: dict, content_root: Path, proposed: dict[Path, str]
) -> list[Problem]:
    """Errors the checks find in the proposed files (paths inside content_root)."""
    return checked(settings, content_root, proposed)[0]


def checked(
    settings: dict,
    content_root: Path,
    proposed: dict[Path, str],
    previous: SiteAnalysis | None = None,
    known: SiteSources | None = None,
    media: dict[Path, bytes] | None = None,
) -> tuple[list[Problem], list[Problem], SiteAnalysis | None]:
    """The errors that refuse the save and the notes ("lưu ý": a downtime
    announced too late, a budget period due) found in the proposed files, and
    the analysis of the site with them (None when the plugins are missing).
    ``previous``: the analysis of the site as it is on disk, from which a save
    that changes only bodies is analysed (check.analyse_edit). ``known``: the
    sources of the editor's last analysis, whatever changed since: files
    unchanged since are not read again. ``media``: the photos and documents
    saved with the texts ({path: bytes}), checked as if written (the whole
    site is analysed; its findings are kept by the caller once everything
    is written: ``remember_analysis``)."""
    proposed = {Path(path).resolve(): text for path, text in proposed.items()}
    shown = {display_path(str(path)) for path in proposed}
    refused, notes = [], []
    analysis = None
    if previous is not None and not media:
        read: dict = {}
        analysis = analyse_edit(previous, list(proposed), proposed, read)
        known = previous.sources.with_files(read)
    whole = analysis is None
    if whole:
        sources, problems = analyse_site(
            settings, content_root, proposed, known=known, proposed_media=media
        )
        if sources is not None:
            analysis = SiteAnalysis(sources, problems)
    else:
        problems = analysis.problems
    for problem in problems:
        if problem.path not in shown:
            continue
        if problem.error:
            refused.append(problem)
        elif _CAPTION_MISSING in problem.message:
            refused.append(dataclasses.replace(problem, error=True))
        else:
            notes.append(problem)
    if not refused and whole and not media:
        # The save goes through: its build need not check the site again (a
        # body edit's build checks the body from its own last analysis).
        remember_analysis(settings, content_root, proposed, problems)
    return refused, notes, analysis
