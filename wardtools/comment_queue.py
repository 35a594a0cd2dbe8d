"""Comments waiting for approval: content/comments/cho-duyet/<one file each>.yml.

Citizens' comments arrive by e-mail (the site's mailto or form mode). Each one
becomes a queue file here (`make comment EML=… CHO_DUYET=1`, or an .eml file
dropped in the folder, read when the editor lists the queue); the officer then
approves it (with the ward's reply), or rejects it, in the editor. The build
reads only content/comments/*.yml, never this folder, so a queued comment never
reaches the site. Every comment is written by comment_cmd.entry_yaml, the one
writer of the approved format.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

import yaml

from ward_core.dates import VIETNAM

from .comment_cmd import (
    CommentCommandError,
    add_comment_with,
    entry_yaml,
    from_eml,
    reply_of,
)
from .content_index import yaml_quote

log = logging.getLogger(__name__)

QUEUE_FOLDER = "cho-duyet"
QUEUE_HEADER = (
    "# Bình luận chờ duyệt: chưa đăng lên trang. Duyệt, trả lời hoặc từ chối\n"
    "# trong trình soạn bài (mục Bình luận chờ duyệt).\n"
)
# The officer's choice in the editor's "Quyết định" field.
WAIT, APPROVE, REJECT = "chờ duyệt", "duyệt và đăng", "từ chối (xóa)"
DECISIONS = (WAIT, APPROVE, REJECT)


def queue_folder(content: Path) -> Path:
    return content / "comments" / QUEUE_FOLDER


def queued_text(
    slug: str, fields: dict[str, str], reply: dict[str, str] | None = None
) -> str:
    """A queue file: the post's address, then the comment as approved files hold
    it (entry_yaml's item, without the list dash)."""
    entry = entry_yaml(
        fields.get("author", "").strip(),
        fields.get("date", "").strip(),
        fields.get("text", ""),
        fields.get("area", "").strip(),
        reply,
    )
    body = "".join(line[2:] + "\n" for line in entry.splitlines())
    return f"{QUEUE_HEADER}post: {yaml_quote(slug)}\n{body}"


def add_to_queue(content: Path, slug: str, fields: dict[str, str]) -> Path:
    """Write one waiting comment; its name says which post and when it came."""
    from .editor.backend import write_atomically  # (the editor imports this module)

    folder = queue_folder(content)
    stamp = dt.datetime.now(VIETNAM).strftime("%Y%m%d-%H%M%S")
    text = queued_text(slug, fields)
    base = f"{slug or 'chua-ro-bai'}-{stamp}-{hashlib.sha256(text.encode()).hexdigest()[:6]}"
    path = folder / f"{base}.yml"
    number = 2
    while path.exists():
        path = folder / f"{base}-{number}.yml"
        number += 1
    write_atomically(path, text.encode("utf-8"))
    return path


def read_header(text: str) -> tuple[str, str]:
    """The post address and the date a queue file names ("" when unreadable)."""
    try:
        data = yaml.load(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError:
        return "", ""
    if not isinstance(data, dict):
        return "", ""
    post, date = data.get("post"), data.get("date")
    return (
        post.strip() if isinstance(post, str) else "",
        date.strip() if isinstance(date, str) else "",
    )


def slug_from_url(url: str) -> str:
    return url.strip().rstrip("/").rsplit("/", 1)[-1].removesuffix(".html")


def take_in_mail(content: Path) -> list[Path]:
    """Each .eml file dropped in the queue folder becomes a queue file (the
    e-mail is removed once its comment is safely written)."""
    made = []
    folder = queue_folder(content)
    if not folder.is_dir():
        return made
    for mail in sorted(folder.glob("*.eml")):
        try:
            fields = from_eml(mail)
        except (CommentCommandError, ValueError) as exc:
            log.warning("cannot read queued mail %s: %s", mail.name, exc)
            continue
        made.append(add_to_queue(content, slug_from_url(fields["post_url"]), fields))
        mail.unlink()
    return made


@dataclass(frozen=True)
class Decision:
    """What the officer saved for one queued comment."""

    slug: str
    fields: dict[str, str]
    reply: dict[str, str] | None
    choice: str


class DecisionError(ValueError):
    """The saved form cannot be read (message for the officer)."""


def read_decision(raw: str) -> Decision:
    try:
        data = yaml.load(raw, Loader=yaml.BaseLoader)  # every scalar stays text
    except yaml.YAMLError:
        raise DecisionError("không đọc được bình luận chờ duyệt.") from None
    if not isinstance(data, dict):
        raise DecisionError("bình luận chờ duyệt phải là các dòng 'trường: giá trị'.")

    def text(key: str) -> str:
        value = data.get(key)
        return value if isinstance(value, str) else ""

    choice = text("decision").strip() or WAIT
    if choice not in DECISIONS:
        raise DecisionError(
            f'trường "Quyết định": "{choice}" không hợp lệ; chọn {", ".join(DECISIONS)}.'
        )
    fields = {key: text(key) for key in ("author", "area", "date", "text")}
    return Decision(text("post").strip(), fields, reply_of(data.get("reply")), choice)


def apply_decision(
    content: Path, settings: dict, queued: Path, decision: Decision
) -> list[Path]:
    """Approve (into the post's comments file, then out of the queue), reject
    (out of the queue) or keep waiting (the edits kept). The changed files."""
    from .editor.backend import write_atomically

    if decision.choice == APPROVE:
        if not decision.slug:
            raise CommentCommandError(
                'chưa chọn bài viết ở trường "Bài viết" nên chưa duyệt được.'
            )
        if decision.reply and not decision.reply.get("date"):
            now = dt.datetime.now(VIETNAM)
            decision.reply["date"] = now.strftime("%d/%m/%Y %H:%M")
        approved = add_comment_with(
            content, settings, decision.slug, decision.fields, decision.reply
        )
        queued.unlink(missing_ok=True)
        return [approved, queued]
    if decision.choice == REJECT:
        queued.unlink(missing_ok=True)
        return [queued]
    write_atomically(
        queued,
        queued_text(decision.slug, decision.fields, decision.reply).encode("utf-8"),
    )
    return [queued]
