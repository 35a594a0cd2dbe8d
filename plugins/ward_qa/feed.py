"""Atom feed of the ward's answers (newest first), like the comments' feed."""

from __future__ import annotations

import datetime as dt

from feedgenerator import Atom1Feed

from ward_core.dates import VIETNAM

from .model import Question


def questions_feed(
    site_name: str,
    site_url: str,
    feed_url: str,
    answered: list[tuple[Question, str]],  # (question, absolute page address)
    limit: int = 50,
) -> str:
    feed = Atom1Feed(
        title=f"Hỏi đáp – {site_name}",
        link=f"{site_url}/",
        description=f"Câu hỏi của người dân và trả lời của {site_name}",
        feed_url=feed_url,
        language="vi",
    )

    def day(value: dt.date) -> dt.datetime:
        return dt.datetime.combine(value, dt.time(0), VIETNAM)

    newest = sorted(
        answered,
        key=lambda pair: (pair[0].answer_date or pair[0].date, pair[0].anchor),
        reverse=True,
    )
    for question, url in newest[:limit]:
        feed.add_item(
            title=f"{question.field}: {question.question}",
            link=f"{url}#{question.anchor}",
            description=f"{question.question}\n\nTrả lời: {question.answer}",
            pubdate=day(question.date),
            updateddate=day(question.answer_date or question.date),
            unique_id=f"{url}#{question.anchor}",
        )
    return feed.writeString("utf-8")
