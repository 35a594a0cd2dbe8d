"""Pelican adapter: the Hỏi đáp pages (all fields, and one page per field)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from pelican.generators import Generator
from pelican.utils import slugify

from ward_core.folding import folded_words
from ward_core.pagewriter import write_page
from ward_core.paths import display_path
from ward_core.problems import SiteError, placed
from ward_core.session import session_of
from ward_core.textfile import read_text

from .feed import questions_feed
from .model import Question, from_comment, parse_qa_file
from .settings import QASettings

QA_CONTEXT = "qa"


class FieldPage:
    def __init__(self, name: str, slug: str, url: str) -> None:
        self.name = name
        self.slug = slug
        self.url = url
        self.questions: list[Question] = []
        self.folded = ""


def ask_mailto(address: str, field: str = "") -> str:
    subject = "Câu hỏi gửi phường" + (f": {field}" if field else "")
    body = "Lĩnh vực:\nCâu hỏi:\n\nHọ tên:\nKhu vực/địa chỉ:\nSố điện thoại:\n"
    return (
        f"mailto:{quote(address, safe='@')}?subject={quote(subject, safe='')}"
        f"&body={quote(body, safe='')}"
    )


def _comment_questions(context) -> list[Question]:
    found = []
    for article in context.get("articles", []) or []:
        view = getattr(article, "ward_comments", None)
        if view is None or getattr(view, "status", "") == "hidden":
            continue
        for shown in getattr(view, "comments", []) or []:
            comment = getattr(shown, "comment", shown)
            if getattr(comment, "question", ""):
                found.append(from_comment(comment, article.url))
    return found


class WardQAGenerator(Generator):
    def generate_context(self) -> None:
        s = self.qa_settings = QASettings.from_settings(self.settings)
        path = Path(self.settings["PATH"]) / s.data_file
        questions: list[Question] = []
        if path.is_file():
            parsed = session_of(self.settings).fact(
                "ward_qa", lambda: parse_qa_file(read_text(path))
            )
            if parsed.problems:
                raise SiteError(
                    problems=placed(parsed.problems, display_path(str(path)))
                )
            questions = list(parsed.questions)  # the analysis's: not to be changed
        questions += _comment_questions(self.context)
        questions.sort(key=lambda q: (q.date, q.anchor), reverse=True)
        subs = self.settings["SLUG_REGEX_SUBSTITUTIONS"]
        pages: dict[str, FieldPage] = {}
        for question in questions:
            slug = slugify(question.field, regex_subs=subs) or "khac"
            if slug not in pages:
                url = s.field_url.format(field=slug)
                pages[slug] = FieldPage(question.field, slug, url)
            pages[slug].questions.append(question)
        offered = {slugify(name, regex_subs=subs): n for n, name in enumerate(s.fields)}
        self.fields = sorted(
            pages.values(), key=lambda p: (offered.get(p.slug, len(offered)), p.slug)
        )
        for page in self.fields:
            page.folded = " ".join(
                folded_words(
                    [page.name]
                    + [q.question for q in page.questions]
                    + [q.answer for q in page.questions]
                )
            )
        self.questions = questions
        self.context[QA_CONTEXT] = {
            "settings": s,
            "count": len(questions),
            "ask_mailto": ask_mailto(s.email) if s.mode == "mailto" else "",
        }

    def generate_output(self, writer) -> None:
        if not self.questions:
            return
        s = self.qa_settings
        common = {"qa_fields": self.fields}
        write_page(
            self,
            writer,
            s.url + "index.html",
            "qa_index",
            s.url,
            latest=self.questions[:10],
            **common,
        )
        for page in self.fields:
            write_page(
                self,
                writer,
                page.url + "index.html",
                "qa_field",
                page.url,
                qa_field=page,
                **common,
            )
        siteurl = self.settings.get("SITEURL", "")
        if siteurl and s.feed_path:  # feeds need absolute links: published builds
            answered = [
                (q, f"{siteurl}/{page.url}")
                for page in self.fields
                for q in page.questions
                if q.answered
            ]
            text = questions_feed(
                self.settings["SITENAME"], siteurl, f"{siteurl}/{s.feed_path}", answered
            )
            path = Path(self.output_path) / s.feed_path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
