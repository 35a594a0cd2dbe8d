"""Pelican adapter: attach approved comments to posts, check the files, write the feed."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from pelican.generators import Generator

from ward_core.dates import VIETNAM
from ward_core.paths import display_path
from ward_core.problems import SiteError

from .feed import FeedItem, comments_feed
from .model import STATUSES, parse_comments
from .sanitize import comment_html
from .stub import CommentSettings, mailto_url

logger = logging.getLogger(__name__)

ARTICLE_LISTS = ("articles", "drafts", "hidden_articles")


class RenderedComment:
    def __init__(self, comment) -> None:
        self.comment = comment
        self.author = comment.author
        self.area = comment.area
        self.date = comment.date
        self.anchor = comment.anchor
        self.html = comment_html(comment.text)
        self.reply = comment.reply
        self.reply_html = comment_html(comment.reply.text) if comment.reply else None


class WardCommentsGenerator(Generator):
    def generate_context(self) -> None:
        try:
            self.comment_settings = CommentSettings.from_settings(self.settings)
        except ValueError as exc:
            raise SiteError(f"pelicanconf.py: {exc}") from None
        settings = self.comment_settings
        articles = {}
        for name in ARTICLE_LISTS:
            for article in self.context.get(name, []) or []:
                articles.setdefault(article.slug, article)

        problems: list[str] = []
        by_slug = self._read_files(set(articles), problems)
        siteurl = self.settings.get("SITEURL", "")
        # Only published posts feed the comment feed (not drafts or hidden ones).
        published = {id(article) for article in self.context.get("articles") or []}
        self.feed_items: list[FeedItem] = []
        for slug, article in articles.items():
            status = getattr(article, "comments", None) or settings.default_status
            if status not in STATUSES:
                problems.append(
                    f'{display_path(article.source_path)}: trường "comments": "{status}" '
                    "không hợp lệ; dùng open (mở), closed (đóng) hoặc hidden (ẩn)."
                )
                continue
            comments = by_slug.get(slug, [])
            article.comments_status = status
            article.comment_list = [RenderedComment(c) for c in comments]
            article.comment_count = len(comments) if status != "hidden" else 0
            absolute = f"{siteurl}/{article.url}" if siteurl else f"/{article.url}"
            article.comment_mailto = mailto_url(settings.email, article.title, absolute)
            if status != "hidden" and id(article) in published:
                self.feed_items += [
                    FeedItem(c, article.title, absolute) for c in comments
                ]
        if problems:
            raise SiteError("\n".join(sorted(problems)))
        self.context["comment_settings"] = settings

    def _read_files(self, slugs: set[str], problems: list[str]) -> dict[str, list]:
        folder = Path(self.settings["PATH"]) / self.comment_settings.folder
        now = dt.datetime.now(VIETNAM)
        by_slug: dict[str, list] = {}
        if not folder.is_dir():
            return by_slug
        for path in sorted(folder.glob("*.y*ml")):
            shown = display_path(str(path))
            slug = path.stem
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                problems.append(
                    f"{shown}: tệp không phải UTF-8; lưu lại với mã hóa UTF-8."
                )
                continue
            if slug not in slugs:
                problems.append(
                    f'{shown}: không có bài viết nào có địa chỉ (slug) "{slug}". Đặt tên tệp '
                    "bằng slug của bài, ví dụ content/comments/hoi-nghi-doi-thoai.yml."
                )
                continue
            parsed = parse_comments(text, now)
            problems += [
                f"{shown}:{line}: {message}" for line, message in parsed.problems
            ]
            by_slug[slug] = parsed.comments
        return by_slug

    def generate_output(self, writer) -> None:
        siteurl = self.settings.get("SITEURL", "")
        if not siteurl or not self.comment_settings.feed_path:
            return  # feeds need absolute links: only for published builds
        path = Path(self.output_path) / self.comment_settings.feed_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            comments_feed(
                self.settings["SITENAME"],
                siteurl,
                f"{siteurl}/{self.comment_settings.feed_path}",
                self.feed_items,
            ),
            encoding="utf-8",
        )
