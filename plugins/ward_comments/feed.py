"""Atom feed of approved comments (and the ward's replies) for the whole site."""

from __future__ import annotations

from dataclasses import dataclass

from ward_core.atomfeed import Entry, atom_feed

from .model import Comment


@dataclass(frozen=True)
class FeedItem:
    comment: Comment
    post_title: str
    post_url: str  # absolute


def _entry(item: FeedItem) -> Entry:
    comment = item.comment
    text = comment.text
    if comment.reply:
        text += f"\n\nTrả lời của {comment.reply.author}: {comment.reply.text}"
    return Entry(
        order=(comment.date, comment.anchor),
        title=f"{comment.author} bình luận về: {item.post_title}",
        link=f"{item.post_url}#{comment.anchor}",
        description=text,
        published=comment.date,
        updated=comment.reply.date if comment.reply else comment.date,
        author=comment.author,
    )


def comments_feed(
    site_name: str, site_url: str, feed_url: str, items: list[FeedItem], limit: int = 50
) -> str:
    return atom_feed(
        title=f"Bình luận – {site_name}",
        description=f"Bình luận đã duyệt trên {site_name}",
        site_url=site_url,
        feed_url=feed_url,
        entries=map(_entry, items),
        limit=limit,
    )
