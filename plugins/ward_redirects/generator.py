"""Pelican adapter: redirect pages and _redirects from content/data/chuyen-huong.yml."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican.generators import Generator

from ward_core.paths import display_path
from ward_core.problems import Problem, SiteError
from ward_core.session import session_of

from .model import (
    DATA_FILE,
    Redirect,
    is_redirect_page,
    over_new_page_message,
    over_new_pages,
    parse_redirects,
    render_netlify,
    render_page,
    static_page_path,
)
from .withdrawn import WITHDRAWN_FILE, parse_withdrawn

logger = logging.getLogger(__name__)
NETLIFY_FILE = "_redirects"


class WardRedirectsGenerator(Generator):
    """The data file was checked before Pelican ran (check.py); what is left to
    refuse here needs the built site: addresses a page of the new site uses."""

    def generate_context(self) -> None:
        self.redirect_pages: dict[str, str] = {}
        self.redirect_entries: dict[str, Redirect] = {}  # page -> its first entry
        self.withdrawn_urls: dict[str, str] = {}
        self.withdrawn_pages = self._withdrawn_pages()
        self.netlify = ""
        path = Path(self.settings["PATH"]) / DATA_FILE
        self.shown_data = display_path(str(path))
        if not path.is_file():
            return
        shown = self.shown_data
        parsed = session_of(self.settings).fact(
            "ward_redirects", lambda: parse_redirects(path.read_text(encoding="utf-8"))
        )
        problems = [
            Problem(shown, line, message=message) for line, message in parsed.problems
        ]
        articles = {
            article.slug: article
            for name in ("articles", "hidden_articles")
            for article in self.context.get(name, []) or []
        }
        taken = {
            content.save_as
            for name in ("articles", "hidden_articles", "pages", "hidden_pages")
            for content in self.context.get(name, []) or []
        }
        siteurl = self.settings.get("SITEURL", "")
        targets = {slug: article.save_as for slug, article in articles.items()}
        clashing = {
            id(entry): entry
            for entry, _ in over_new_pages(parsed.entries, targets, taken)
        }
        for entry in parsed.entries:
            article = articles.get(entry.slug)
            if article is None and entry.slug in self.withdrawn_urls:
                page = static_page_path(entry)
                if page and page not in taken:  # to the "withdrawn" page
                    self.redirect_pages.setdefault(
                        page, render_page(self.withdrawn_urls[entry.slug], entry.slug)
                    )
                    self.redirect_entries.setdefault(page, entry)
                continue
            if article is None:
                problems.append(
                    Problem(
                        shown,
                        entry.line,
                        message=f'không có bài đã đăng nào có slug "{entry.slug}" '
                        "(to:). Sửa lại slug, hoặc xóa mục này.",
                    )
                )
                continue
            if id(entry) in clashing:
                problems.append(
                    Problem(shown, entry.line, message=over_new_page_message(entry))
                )
                continue
            page = static_page_path(entry)
            if page is None or page == article.save_as:
                continue  # the old address is the new one, or needs nginx (query)
            self.redirect_pages.setdefault(
                page, render_page(f"{siteurl}/{article.url}", article.title)
            )
            self.redirect_entries.setdefault(page, entry)
        if problems:
            raise SiteError(problems=problems)
        urls = {slug: f"{siteurl}/{article.url}" for slug, article in articles.items()}
        known = [e for e in parsed.entries if e.slug in urls]
        self.netlify = render_netlify(known, lambda slug: urls[slug]) if known else ""
        logger.info("%s trang chuyển hướng từ địa chỉ cũ", len(self.redirect_pages))

    def _withdrawn_pages(self) -> dict[str, str]:
        """A withdrawn post's published address -> the page saying so; none
        where a post or page lives at that address again (restored)."""
        path = Path(self.settings["PATH"]) / WITHDRAWN_FILE
        if not path.is_file():
            return {}
        taken = {
            content.save_as
            for name in ("articles", "hidden_articles", "pages", "hidden_pages")
            for content in self.context.get(name, []) or []
        }
        pattern = str(self.settings.get("ARTICLE_SAVE_AS") or "{slug}.html")
        url = str(self.settings.get("ARTICLE_URL") or "{slug}.html")
        siteurl = self.settings.get("SITEURL", "")
        template = self.get_template("withdrawn")
        pages = {}
        for entry in parse_withdrawn(path.read_text(encoding="utf-8")):
            save_as = pattern.format(slug=entry.slug)
            if save_as in taken or ".." in save_as.split("/"):
                continue
            pages[save_as] = template.render(
                {**self.context, "output_file": save_as, "withdrawn": entry}
            )
            self.withdrawn_urls[entry.slug] = f"{siteurl}/{url.format(slug=entry.slug)}"
        return pages

    def generate_output(self, writer) -> None:
        output = Path(self.output_path)
        # Written as files, not through Pelican's writer: kept out of the
        # sitemap and the feeds, and the template leaves them out of search.
        for relative, text in sorted(self.withdrawn_pages.items()):
            target = output / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        clashes = [
            relative
            for relative in sorted(self.redirect_pages)
            if (output / relative).is_file()
            and not is_redirect_page(
                (output / relative).read_text(encoding="utf-8", errors="replace")
            )
        ]
        if clashes:
            # Posts, pages and Pelican's lists were refused by the check before
            # the build; what is left here is a page a plugin wrote.
            raise SiteError(
                problems=[
                    Problem(
                        self.shown_data,
                        self.redirect_entries[relative].line,
                        message=over_new_page_message(
                            self.redirect_entries[relative],
                            f"trang /{relative} (do trang web tạo: văn bản, lịch…)",
                        ),
                    )
                    for relative in clashes
                ]
            )
        for relative, text in sorted(self.redirect_pages.items()):
            target = output / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        if self.netlify:
            (output / NETLIFY_FILE).write_text(self.netlify, encoding="utf-8")
