"""The site plugin's checker: the ward's identity, and every post and page has an
address of its own that no folder of the site already uses. Shared by the build,
`make check` and the editor's save."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ward_core.identity import WardIdentity, address_note
from ward_core.problems import Problem, SiteError
from ward_core.sources import SiteSources, save_as_of
from ward_core.urls import is_example_address

from .collisions import (
    Output,
    describe_collision,
    describe_reserved,
    find_collisions,
    find_reserved,
)

# Pelican settings that name feeds (their first folder is taken by the site).
FEED_SETTINGS = (
    "FEED_ALL_ATOM",
    "FEED_ALL_RSS",
    "CATEGORY_FEED_ATOM",
    "CATEGORY_FEED_RSS",
    "TAG_FEED_ATOM",
    "TAG_FEED_RSS",
    "TRANSLATION_FEED_ATOM",
)
CONTENT_SAVE_AS = {
    "ARTICLE_SAVE_AS",
    "ARTICLE_LANG_SAVE_AS",
    "DRAFT_SAVE_AS",
    "DRAFT_LANG_SAVE_AS",
    "PAGE_SAVE_AS",
    "PAGE_LANG_SAVE_AS",
    "DRAFT_PAGE_SAVE_AS",
    "DRAFT_PAGE_LANG_SAVE_AS",
}


def _first_folder(path: str) -> str | None:
    path = path.strip("/")
    return path.split("/", 1)[0] if "/" in path else None


def reserved_folders(settings: Mapping[str, Any], plugin_folders: set[str]) -> set[str]:
    """Top-level folders the site writes itself: lists, feeds, theme, and the
    folders the plugins declare (photos, official and document pages…)."""
    folders = set(plugin_folders)
    for name, value in settings.items():
        is_list_page = name.endswith("_SAVE_AS") and name not in CONTENT_SAVE_AS
        if is_list_page and isinstance(value, str) and (folder := _first_folder(value)):
            folders.add(folder)
    for name in FEED_SETTINGS:
        value = settings.get(name)
        if isinstance(value, str) and (folder := _first_folder(value)):
            folders.add(folder)
    folders.add(str(settings.get("THEME_STATIC_DIR") or "theme").strip("/"))
    return {f for f in folders if f and "{" not in f}


EXAMPLE_ADDRESS = (
    'SITEURL "{siteurl}" là địa chỉ mẫu, không phải địa chỉ thật của trang. Ghi địa chỉ '
    "thật vào SITE_ADDRESS trong publishconf.py (hoặc chạy SITEURL=https://… make "
    "publish); để trống nếu chưa có: trang vẫn chạy ở bất kỳ thư mục nào."
)


def address_problems(settings: Mapping[str, Any], final: bool) -> list[Problem]:
    siteurl = str(settings.get("SITEURL") or "")
    if final and siteurl and is_example_address(siteurl):
        return [
            Problem("publishconf.py", message=EXAMPLE_ADDRESS.format(siteurl=siteurl))
        ]
    return []


def check(sources: SiteSources) -> list[Problem]:
    problems: list[Problem] = address_problems(sources.settings, sources.final)
    try:
        ward = WardIdentity.from_settings(sources.settings.get("WARD"))
    except SiteError as exc:
        problems += exc.problems or [Problem("pelicanconf.py", message=str(exc))]
    else:
        problems += ward.notes
        note = address_note(ward, str(sources.settings.get("SITEURL") or ""))
        problems += [note] if note else []
    outputs = {False: [], True: []}
    for source in sources.files:
        if source.problems or not source.header.get("title"):
            continue  # reported by the front matter checker
        slug = sources.slug_of(source)
        outputs[source.is_page].append(
            Output(save_as_of(source, slug, sources.settings), source.shown, slug)
        )
    for target, group in find_collisions(outputs[False] + outputs[True]):
        problems.append(
            Problem(group[0].source, message=describe_collision(target, group))
        )
    reserved = reserved_folders(sources.settings, set(sources.output_folders))
    for output in find_reserved(outputs[False], reserved):
        problems.append(Problem(output.source, message=describe_reserved(output)))
    return problems
