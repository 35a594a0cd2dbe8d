"""Atom feed of the ward's answers (newest first), like the comments' feed."""

from __future__ import annotations

import datetime as dt

from ward_core.atomfeed import Entry, atom_feed
from ward_core.dates import VIETNAM

from .model import Question


def _day(value: dt.date) -> dt.datetime:
    return dt.datetime.combine(value, dt.time(0), VIETNAM)


def questions_feed(
    site_name: str,
    site_url: str,
    feed_url: str,
    answered: list[tuple[Question, str]],  # (question, absolute page address)
    limit: int = 50,
) -> str:
    return atom_feed(
        title=f"Hỏi đáp – {site_name}",
        description=f"Câu hỏi của người dân và trả lời của {site_name}",
        site_url=site_url,
        feed_url=feed_url,
        entries=(
            Entry(
                order=(question.answer_date or question.date, question.anchor),
                title=f"{question.field}: {question.question}",
                link=f"{url}#{question.anchor}",
                description=f"{question.question}\n\nTrả lời: {question.answer}",
                published=_day(question.date),
                updated=_day(question.answer_date or question.date),
            )
            for question, url in answered
        ),
        limit=limit,
    )
