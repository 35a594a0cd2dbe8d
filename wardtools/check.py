"""`make check`, and the one checker loop the build and the editor's save share.

`check_site` reads the site's sources once (`ward_core.sources`) and runs the
`check(sources)` of every plugin in PLUGINS that has a `check` module, so the
build, `make check` and the editor report the same problems for the same
content. Errors stop a build (and make `check` exit 1); notes ("lưu ý": a
missing caption, a huge photo, an official spelled two ways) do not.

A checker's `check` reads a post's or page's body only through its
`body_problems(source, final)` (if it has one): what it finds everywhere else
follows from the headers, the data files and the other files of the site. So
the preview's worker analyses a save that changed only bodies from its last
analysis (`analyse_edit`): the edited files' headers are compared, their
bodies checked again, and the site is not read again (tests/test_analyse_edit.py
holds every checker to it).
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.machinery import ModuleSpec, PathFinder
from pathlib import Path
from types import ModuleType
from typing import Any

from ward_core.analysis_log import count_analysis
from ward_core.localfiles import proposed_files
from ward_core.problems import Problem, SiteError
from ward_core.release import ReleaseSettings
from ward_core.settings import settings_error
from ward_core.sources import SiteSources, SourceFile, load_sources, read_source
from ward_engine.sitecheck import engine_problems

from .content_index import add_site_options, site_from_args


def plugin_checkers(settings: Mapping[str, Any]) -> list[ModuleType]:
    """The `check` module of every configured plugin that has one, in order.
    A plugin that cannot be found is a problem of the settings."""
    for folder in settings.get("PLUGIN_PATHS") or []:
        resolved = str(Path(folder).resolve())
        if resolved not in sys.path:
            sys.path.append(resolved)
    checkers = []
    for plugin in settings.get("PLUGINS") or []:
        name = plugin if isinstance(plugin, str) else getattr(plugin, "__name__", "")
        spec = importlib.util.find_spec(name) if name else None
        if spec is None:
            raise settings_error(
                f'không tìm thấy plugin "{name}" (PLUGINS). Kiểm tra tên trong PLUGINS '
                "và thư mục plugins/."
            )
        if _has_check_module(spec):
            checkers.append(importlib.import_module(f"{name}.check"))
    return checkers


def _has_check_module(spec: ModuleSpec) -> bool:
    # find_spec("x.check") would import the package x (its __init__) even for a
    # plugin without a checker; look for the file in the package's folders instead.
    folders = spec.submodule_search_locations
    if folders is None:
        return False  # a single-module plugin has no submodules
    return PathFinder.find_spec("check", list(folders)) is not None


def _order(problem: Problem) -> tuple:
    return (
        not problem.error,
        problem.path,
        problem.line,
        problem.field,
        problem.message,
    )


@dataclass
class SiteAnalysis:
    """One analysis of the site: its sources as read, and every problem found
    in them, errors first."""

    sources: SiteSources
    problems: list[Problem]


def check_site(
    settings: Mapping[str, Any],
    content_root: Path | None = None,
    proposed: Mapping[Path, str] | None = None,
    final: bool | None = None,
) -> list[Problem]:
    """Every problem of the site, errors first. ``proposed``: {path: text} of files
    the editor is about to save, checked as if they were already written.
    ``final``: check as for publication (default: the settings' WARD_RELEASE)."""
    return analyse_site(settings, content_root, proposed, final)[1]


def analyse_site(
    settings: Mapping[str, Any],
    content_root: Path | None = None,
    proposed: Mapping[Path, str] | None = None,
    final: bool | None = None,
    known: SiteSources | None = None,
    proposed_media: Mapping[Path, bytes] | None = None,
) -> tuple[SiteSources | None, list[Problem]]:
    """``check_site``, with the sources it read and analysed (None when the
    plugins could not be found): a build hands them to its generators.
    ``known``: the sources of an earlier analysis in this process, whose
    unchanged files are not read again (ward_core.sources.load_sources).
    ``proposed_media``: {path: bytes} of photos and documents the editor is
    about to write, found by the checks as if already written."""
    count_analysis("site")
    try:
        checkers = plugin_checkers(settings)
    except SiteError as exc:
        return None, list(exc.problems)
    with proposed_files(proposed_media or {}):
        sources = read_site(settings, content_root, proposed, final, checkers, known)
        problems = list(sources.problems) + engine_problems(settings)
        for checker in checkers:
            problems += checker.check(sources)
    problems += sources.read_notes
    return sources, sorted(set(problems), key=_order)


def read_site(
    settings: Mapping[str, Any],
    content_root: Path | None = None,
    proposed: Mapping[Path, str] | None = None,
    final: bool | None = None,
    checkers: list[ModuleType] | None = None,
    known: SiteSources | None = None,
) -> SiteSources:
    """The sources as the checks read them, not checked (SiteError when a
    plugin cannot be found). ``known``: as for ``analyse_site``."""
    if checkers is None:
        checkers = plugin_checkers(settings)
    folders: set[str] = set()
    for checker in checkers:
        if hasattr(checker, "output_folders"):
            folders |= set(checker.output_folders(settings))
    sources = load_sources(settings, content_root, proposed, known)
    sources.output_folders = tuple(sorted(folders))
    sources.final = (
        ReleaseSettings.from_settings(settings).final if final is None else final
    )
    return sources


def analyse_edit(
    previous: SiteAnalysis,
    changed: Iterable[str | Path],
    proposed: Mapping[Path, str] | None = None,
    read: dict[Path, SourceFile] | None = None,
) -> SiteAnalysis | None:
    """The analysis of the site after ``changed`` files were saved, from the
    ``previous`` one, when only the bodies of posts and pages it read changed
    (each header byte for byte the same, no other file among ``changed``);
    None when the whole site must be analysed. Exact: every finding of the
    previous analysis stands but the edited files' `body_problems`, found again.
    ``proposed``: the editor's texts of the files it is about to write, read
    instead of the files. ``read``: given, receives the files read (declined
    or not), for a whole analysis to take (``SiteSources.with_files``)."""
    sources = previous.sources
    index_of = {source.path: index for index, source in enumerate(sources.files)}
    edited: dict[int, SourceFile] = {}
    for name in changed:
        index = index_of.get(Path(name))
        if index is None:
            return None  # a new file, a deleted one, a photo, a data file…
        old = sources.files[index]
        text = (proposed or {}).get(old.path)
        # Reported changed: read again even with the same size and time (a
        # one-letter fix saved twice within a FAT or network drive's 2 s).
        new = read_source(
            old.path, old.is_page, text, known=old if text is not None else None
        )
        if read is not None:
            read[new.path] = new
        if not _same_header(old, new):
            return None
        edited[index] = new
    if not edited:
        return None
    count_analysis("edit")
    body_checks = [
        checker.body_problems
        for checker in plugin_checkers(sources.settings)
        if hasattr(checker, "body_problems")
    ]
    stale: set[Problem] = set()
    found: list[Problem] = []
    files = list(sources.files)
    for index, new in edited.items():
        for body_problems in body_checks:
            stale.update(body_problems(files[index], sources.final))
            found += body_problems(new, sources.final)
        files[index] = new
    problems = [p for p in previous.problems if p not in stale] + found
    # What the checkers parsed of the other files and the data files stands;
    # of the edited files it was their last version: parsed again when asked.
    edited_paths = {files[index].path for index in edited}
    file_facts = {
        plugin: {path: fact for path, fact in facts.items() if path not in edited_paths}
        for plugin, facts in sources.file_facts.items()
    }
    return SiteAnalysis(
        dataclasses.replace(sources, files=files, file_facts=file_facts),
        sorted(set(problems), key=_order),
    )


def _same_header(old: SourceFile, new: SourceFile) -> bool:
    """Both read with a YAML header, the same text of it (so the same fields on
    the same lines) and the same remarks on reading."""
    return (
        old.has_yaml
        and new.has_yaml
        and not old.problems
        and not new.problems
        and old.header_text == new.header_text
        and old.notes == new.notes
    )


def render_finding(problem: Problem) -> str:
    return f"{'LỖI' if problem.error else 'Lưu ý'}  {problem.render()}"


def run(args) -> int:
    settings, content = site_from_args(args)
    problems = check_site(settings, content, final=True)
    errors = [p for p in problems if p.error]
    for problem in problems:
        print(render_finding(problem))
    notes = len(problems) - len(errors)
    if errors:
        print(
            f"\nCó {len(errors)} lỗi và {notes} lưu ý. Sửa các lỗi rồi chạy lại make check."
        )
        return 1
    print(
        f"Nội dung hợp lệ, có {notes} lưu ý."
        if notes
        else "Nội dung hợp lệ, không có lỗi nào."
    )
    return 0


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "check",
        help="kiểm tra toàn bộ nội dung mà không xây dựng trang",
        description="Kiểm tra phần đầu bài, ảnh, bình luận, liên kết, địa chỉ bài; "
        "liệt kê mọi lỗi kèm tệp, dòng và cách sửa.",
    )
    add_site_options(parser)
    parser.set_defaults(handler=run)
