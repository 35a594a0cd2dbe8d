"""The links plugin's checker: content/data/links.yml and every post's `links:`.
Shared by the build, `make check` and the editor's save."""

from __future__ import annotations

from ward_core.paths import display_path
from ward_core.problems import Problem, SiteError, placed
from ward_core.sources import SiteSources, SourceFile

from .model import Parsed, parse_links_file, parse_post_links
from .settings import LinksSettings


def post_links(source: SourceFile, content_root) -> Parsed | None:
    raw = source.header.get("links")
    if raw is None:
        return None
    return parse_post_links(raw, content_root, getattr(raw, "line", 0))


def check(sources: SiteSources) -> list[Problem]:
    try:
        settings = LinksSettings.from_settings(sources.settings)
    except SiteError as exc:
        return list(exc.problems)
    problems: list[Problem] = []
    for source in sources.files:
        parsed = (
            post_links(source, sources.content_root) if not source.problems else None
        )
        if parsed:
            sources.keep_file_fact("ward_links", source, parsed)
            problems += placed(parsed.problems, source.shown)
    try:
        found = sources.optional_data(settings.data_file)
    except SiteError as exc:
        return problems + list(exc.problems)
    if found:
        path, text = found
        parsed = sources.keep_fact(
            "ward_links", parse_links_file(text, sources.content_root)
        )
        problems += placed(parsed.problems, display_path(str(path)))
    return problems


def output_folders(settings) -> set[str]:
    return {LinksSettings.from_settings(settings).output_dir}
