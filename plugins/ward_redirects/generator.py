"""Pelican adapter: redirect pages and _redirects from content/data/chuyen-huong.yml."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican.generators import Generator

from ward_core.paths import display_path
from ward_core.problems import SiteError

from .model import (
    DATA_FILE,
    is_redirect_page,
    parse_redirects,
    render_netlify,
    render_page,
    static_page_path,
)

logger = logging.getLogger(__name__)
NETLIFY_FILE = "_redirects"


class WardRedirectsGenerator(Generator):
    """The data file was checked before Pelican ran (check.py); what is left to
    refuse here needs the built site: addresses a page of the new site uses."""

    def generate_context(self) -> None:
        self.redirect_pages: dict[str, str] = {}
        self.netlify = ""
        path = Path(self.settings["PATH"]) / DATA_FILE
        self.shown_data = display_path(str(path))
        if not path.is_file():
            return
        shown = self.shown_data
        parsed = parse_redirects(path.read_text(encoding="utf-8"))
        problems = [f"{shown}:{line}: {message}" for line, message in parsed.problems]
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
        for entry in parsed.entries:
            article = articles.get(entry.slug)
            if article is None:
                problems.append(
                    f'{shown}:{entry.line}: không có bài đã đăng nào có slug "{entry.slug}" '
                    "(to:). Sửa lại slug, hoặc xóa mục này."
                )
                continue
            page = static_page_path(entry)
            if page is None or page == article.save_as:
                continue  # the old address is the new one, or needs nginx (query)
            if page in taken:
                problems.append(
                    f'{shown}:{entry.line}: địa chỉ cũ "{entry.old}" trùng địa chỉ của '
                    "một bài hoặc trang trên trang mới; xóa mục này hoặc đổi slug bài kia."
                )
                continue
            self.redirect_pages.setdefault(
                page, render_page(f"{siteurl}/{article.url}", article.title)
            )
        if problems:
            raise SiteError("\n".join(problems))
        urls = {slug: f"{siteurl}/{article.url}" for slug, article in articles.items()}
        known = [e for e in parsed.entries if e.slug in urls]
        self.netlify = render_netlify(known, lambda slug: urls[slug]) if known else ""
        logger.info("%s trang chuyển hướng từ địa chỉ cũ", len(self.redirect_pages))

    def generate_output(self, writer) -> None:
        output = Path(self.output_path)
        clashes = [
            relative
            for relative in sorted(self.redirect_pages)
            if (output / relative).is_file()
            and not is_redirect_page(
                (output / relative).read_text(encoding="utf-8", errors="replace")
            )
        ]
        if clashes:
            raise SiteError(
                "\n".join(
                    f'{self.shown_data}: địa chỉ cũ "/{relative}" trùng một trang của '
                    "trang mới (chuyên mục, thẻ, lưu trữ…); xóa mục đó khỏi tệp."
                    for relative in clashes
                )
            )
        for relative, text in sorted(self.redirect_pages.items()):
            target = output / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        if self.netlify:
            (output / NETLIFY_FILE).write_text(self.netlify, encoding="utf-8")
