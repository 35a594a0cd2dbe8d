"""The introduction plugin's checker: content/data/gioi-thieu.yml, and a Markdown
page left at one of the addresses the file now writes. Shared by the build,
`make check` and the editor's save."""

from __future__ import annotations

from ward_core.paths import display_path
from ward_core.problems import Problem, placed
from ward_core.sources import SiteSources, check_data_file

from .model import parse_intro_file
from .settings import IntroSettings


def page_clashes(sources: SiteSources, settings: IntroSettings) -> list[Problem]:
    """A page (content/pages/gioi-thieu.md…) whose address the data file now
    writes: two pages at one address, so the officer is told which to remove."""
    slugs = settings.pages
    data = display_path(str(sources.content_root / settings.data_file))
    return [
        Problem(
            source.shown,
            message=f"trang này có cùng địa chỉ {slugs[sources.slug_of(source)]} với "
            f"trang tạo từ {data}. Chuyển nội dung sang {data} (trình soạn bài, mục "
            '"Giới thiệu phường") rồi xóa tệp này.',
        )
        for source in sources.pages
        if sources.slug_of(source) in slugs
    ]


def check(sources: SiteSources) -> list[Problem]:
    def problems_of(text: str, settings: IntroSettings, shown: str) -> list[Problem]:
        parsed = sources.keep_fact(
            "ward_intro", parse_intro_file(text, sources.content_root)
        )
        return placed(parsed.problems, shown) + page_clashes(sources, settings)

    return check_data_file(sources, IntroSettings.from_settings, problems_of)


# No output_folders(): the pages live under the pages' folder (trang/), where a
# post's address (one folder, trang/index.html at most) never lands.
