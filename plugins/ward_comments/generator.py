"""Pelican adapter: attach approved comments to posts, check the files, write the feed."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican.generators import Generator

from ward_core.buildtime import validation_datetime
from ward_core.paths import display_path
from ward_core.problems import SiteError
from ward_core.session import session_of
from ward_core.sources import data_files_in
from ward_core.textfile import read_text
from ward_core.views import CommentsView, attach

from .check import COMMENT_FILES, STATUS_HELP, read_comment_files
from .feed import FeedItem, comments_feed
from .model import STATUSES
from .sanitize import comment_html
from .stub import CommentSettings, mailto_url

logger = logging.getLogger(__name__)

ARTICLE_LISTS = ("articles", "drafts", "hidden_articles")
SETTINGS_CONTEXT = "comment_settings"  # how citizens send comments (the stub)


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
    # Its context attaches views to posts: the preview's worker runs it again
    # after regrouping posts in memory (wardtools/memory_render.ListedEdit).
    ATTACHES_VIEWS = True

    def generate_context(self) -> None:
        self.comment_settings = CommentSettings.from_settings(self.settings)
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
                    + STATUS_HELP
                )
                continue
            comments = by_slug.get(slug, [])
            absolute = f"{siteurl}/{article.url}" if siteurl else f"/{article.url}"
            attach(
                article,
                CommentsView(
                    status=status,
                    comments=[RenderedComment(c) for c in comments],
                    count=len(comments) if status != "hidden" else 0,
                    mailto=mailto_url(settings.email, article.title, absolute),
                ),
            )
            if status != "hidden" and id(article) in published:
                self.feed_items += [
                    FeedItem(c, article.title, absolute) for c in comments
                ]
        if problems:
            raise SiteError("\n".join(sorted(problems)))
        self.context[SETTINGS_CONTEXT] = settings

    def _read_files(self, slugs: set[str], problems: list[str]) -> dict[str, list]:
        folder = Path(self.settings["PATH"]) / self.comment_settings.folder
        by_slug, found = session_of(self.settings).fact(
            "ward_comments",
            lambda: read_comment_files(
                data_files_in(folder, COMMENT_FILES),
                read_text,
                slugs,
                self.comment_settings.folder,
                validation_datetime(self.settings),
            ),
        )
        problems += [problem.render() for problem in found]
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
