"""`make check`, and the one checker loop the build and the editor's save share.

`check_site` reads the site's sources once (`ward_core.sources`) and runs the
`check(sources)` of every plugin in PLUGINS that has a `check` module, so the
build, `make check` and the editor report the same problems for the same
content. Errors stop a build (and make `check` exit 1); notes ("lưu ý": a
missing caption, a huge photo, an official spelled two ways) do not.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Mapping
from importlib.machinery import ModuleSpec, PathFinder
from pathlib import Path
from types import ModuleType
from typing import Any

from ward_core.problems import Problem, SiteError
from ward_core.release import ReleaseSettings
from ward_core.settings import settings_error
from ward_core.sources import SiteSources, load_sources
from ward_engine.sitecheck import engine_problems

from .analysis import count_analysis
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
) -> tuple[SiteSources | None, list[Problem]]:
    """``check_site``, with the sources it read and analysed (None when the
    plugins could not be found): a build hands them to its generators."""
    count_analysis()
    try:
        checkers = plugin_checkers(settings)
    except SiteError as exc:
        return None, list(exc.problems)
    folders: set[str] = set()
    for checker in checkers:
        if hasattr(checker, "output_folders"):
            folders |= set(checker.output_folders(settings))
    sources = load_sources(settings, content_root, proposed)
    sources.output_folders = tuple(sorted(folders))
    sources.final = (
        ReleaseSettings.from_settings(settings).final if final is None else final
    )
    problems = list(sources.problems) + engine_problems(settings)
    for checker in checkers:
        problems += checker.check(sources)
    problems += sources.read_notes
    return sources, sorted(set(problems), key=_order)


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
