"""The redirects plugin's checker: content/data/chuyen-huong.yml.
Shared by the build, `make check` and the editor's save."""

from __future__ import annotations

from ward_core.listpages import list_pages
from ward_core.paths import display_path
from ward_core.problems import Problem, SiteError
from ward_core.sources import SiteSources, post_outputs

from .model import DATA_FILE, over_new_page_message, over_new_pages, parse_redirects
from .withdrawn import withdrawn_slugs


def check(sources: SiteSources) -> list[Problem]:
    try:
        found = sources.optional_data(DATA_FILE)
    except SiteError as exc:
        return list(exc.problems)
    if found is None:
        return []
    path, text = found
    shown = display_path(str(path))
    parsed = sources.keep_fact("ward_redirects", parse_redirects(text))
    problems = [
        Problem(shown, line, message=message) for line, message in parsed.problems
    ]
    published = {
        sources.slug_of(source)
        for source in sources.articles
        if str(source.header.get("status", "published")).strip() != "draft"
    }
    targets, taken = post_outputs(sources)
    lists = list_pages(sources)  # category, tag, archive pages…
    for entry, page in over_new_pages(parsed.entries, targets, taken | lists.keys()):
        message = over_new_page_message(entry, lists.get(page, ""))
        problems.append(Problem(shown, entry.line, message=message))
    # A withdrawn post's old addresses lead to its "withdrawn" page.
    published |= withdrawn_slugs(sources.content_root)
    for entry in parsed.entries:
        if entry.slug not in published:
            problems.append(
                Problem(
                    shown,
                    entry.line,
                    message=f'không có bài đã đăng nào có slug "{entry.slug}" (to:). '
                    "Sửa lại slug, hoặc xóa mục này.",
                )
            )
    return problems
