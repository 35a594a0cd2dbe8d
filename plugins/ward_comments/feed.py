"""Atom feed of approved comments (and the ward's replies) for the whole site."""

from __future__ import annotations

from dataclasses import dataclass

from feedgenerator import Atom1Feed

from .model import Comment


@dataclass(frozen=True)
class FeedItem:
    comment: Comment
    post_title: str
    post_url: str  # absolute


def comments_feed(
    site_name: str, site_url: str, feed_url: str, items: list[FeedItem], limit: int = 50
) -> str:
    feed = Atom1Feed(
        title=f"Bình luận – {site_name}",
        link=f"{site_url}/",
        description=f"Bình luận đã duyệt trên {site_name}",
        feed_url=feed_url,
        language="vi",
    )
    newest = sorted(
        items, key=lambda i: (i.comment.date, i.comment.anchor), reverse=True
    )
    for item in newest[:limit]:
        comment = item.comment
        text = comment.text
        if comment.reply:
            text += f"\n\nTrả lời của {comment.reply.author}: {comment.reply.text}"
        feed.add_item(
            title=f"{comment.author} bình luận về: {item.post_title}",
            link=f"{item.post_url}#{comment.anchor}",
            description=text,
            author_name=comment.author,
            pubdate=comment.date,
            updateddate=comment.reply.date if comment.reply else comment.date,
            unique_id=f"{item.post_url}#{comment.anchor}",
        )
    return feed.writeString("utf-8")
