"""`make comment POST=<slug>`: add an approved comment (typed in, or from a saved .eml)."""

from __future__ import annotations

import datetime as dt
import email
import re
import sys
from email import policy
from pathlib import Path

import yaml
from ward_comments.model import parse_comments

from ward_core.dates import VIETNAM
from ward_core.textfile import read_text

from . import PROJECT
from .content_index import iter_posts, load_settings, yaml_quote
from .prompts import ask, ask_text

HEADER = (
    '# Bình luận đã duyệt cho bài có slug "{slug}".\n'
    "# Mỗi bình luận: author, date, text (và area, reply nếu có).\n"
)
_FORM_LINE = re.compile(r"^(Bài viết|Họ và tên|Khu vực, địa chỉ)\s*:\s*(.*)$")


class CommentCommandError(Exception):
    pass


def _yaml_text(value: str, indent: str) -> str:
    """A YAML block scalar: keeps the officer's text exactly, whatever it contains."""
    lines = value.strip().splitlines() or [""]
    return "|\n" + "".join(f"{indent}{line}".rstrip() + "\n" for line in lines)


def entry_yaml(
    author: str,
    date: dt.datetime | str,
    text: str,
    area: str = "",
    reply: dict[str, str] | None = None,
    question: str = "",
) -> str:
    """One comment as the approved comments file holds it: the only writer of
    that format (`make comment`, the editor's comments and its queue use it)."""
    when = date if isinstance(date, str) else f"{date:%d/%m/%Y %H:%M}"
    parts = [f"- author: {_scalar(author)}\n"]
    if area:
        parts.append(f"  area: {_scalar(area)}\n")
    if question:  # also listed in Hỏi đáp under this field (ward_qa)
        parts.append(f"  question: {_scalar(question)}\n")
    parts.append(f"  date: {_scalar(when)}\n")
    parts.append(f"  text: {_yaml_text(text, '    ')}")
    if reply:
        parts.append("  reply:\n")
        parts.append(f"    author: {_scalar(reply.get('author', ''))}\n")
        if reply.get("role"):
            parts.append(f"    role: {_scalar(reply['role'])}\n")
        parts.append(f"    date: {_scalar(str(reply.get('date', '')))}\n")
        parts.append(f"    text: {_yaml_text(reply.get('text', ''), '      ')}")
    return "".join(parts)


def _scalar(value: str) -> str:
    """Plain when YAML reads it back as the same text (as officers write it),
    else double-quoted: any author, area or date is kept exactly."""
    value = value.strip()
    if value and value[0] not in "!&*{}[]|>'\"%@`,?:-#" and " #" not in value:
        try:
            if yaml.safe_load(f"k: {value}") == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    return yaml_quote(value)


def _given(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def reply_of(raw: object) -> dict[str, str] | None:
    """The ward's reply from a form (None when every field is empty)."""
    if not isinstance(raw, dict):
        return None
    reply = {key: _given(raw.get(key)) for key in ("author", "role", "date", "text")}
    return reply if any(reply.values()) else None


def comments_file_text(items: list, header: str) -> str:
    """A whole approved comments file from the editor's list of comments."""
    entries = [
        entry_yaml(
            _given(item.get("author")),
            _given(item.get("date")),
            item.get("text") if isinstance(item.get("text"), str) else "",
            _given(item.get("area")),
            reply_of(item.get("reply")),
            _given(item.get("question")),
        )
        for item in items
        if isinstance(item, dict)
    ]
    return header + ("".join(entries) if entries else "[]\n")


def from_eml(path: Path) -> dict[str, str]:
    """Author, date, text (and area, post URL) from a saved e-mail."""
    try:
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    except OSError as exc:
        raise CommentCommandError(
            f"không đọc được tệp thư {path}: {exc.strerror}"
        ) from None
    body_part = message.get_body(preferencelist=("plain",))
    if body_part is None:
        raise CommentCommandError(
            f"{path}: thư không có phần văn bản thường (text/plain)."
        )
    body = body_part.get_content()
    lines, fields = [], {}
    for line in body.splitlines():
        if line.strip() == "--":
            break  # the signature
        if line.startswith(">"):
            continue  # quoted earlier mail
        match = _FORM_LINE.match(line.strip())
        if match:
            fields[match.group(1)] = match.group(2).strip()
            continue
        lines.append(line)
    sender_name, sender_address = email.utils.parseaddr(str(message.get("From", "")))
    sent = message.get("Date")
    date = (
        email.utils.parsedate_to_datetime(str(sent)).astimezone(VIETNAM)
        if sent
        else dt.datetime.now(VIETNAM)
    )
    return {
        "author": fields.get("Họ và tên") or sender_name or sender_address,
        "area": fields.get("Khu vực, địa chỉ", ""),
        "text": "\n".join(lines).strip(),
        "date": date.strftime("%d/%m/%Y %H:%M"),
        "post_url": fields.get("Bài viết", ""),
    }


def add_comment(
    content: Path,
    settings_file: Path,
    slug: str,
    fields: dict[str, str],
    reply: dict[str, str] | None = None,
) -> Path:
    return add_comment_with(content, load_settings(settings_file), slug, fields, reply)


def add_comment_with(
    content: Path,
    settings: dict,
    slug: str,
    fields: dict[str, str],
    reply: dict[str, str] | None = None,
) -> Path:
    """Append one approved comment to the post's file, checked first."""
    slugs = {post.slug: post for post in iter_posts(content, settings)}
    if slug not in slugs:
        close = [s for s in slugs if slug and (slug in s or s in slug)][:3]
        hint = f" Có phải: {', '.join(close)}?" if close else ""
        raise CommentCommandError(
            f'không có bài viết nào có slug "{slug}".{hint} Slug là phần địa chỉ của bài, '
            "ví dụ hoi-nghi-doi-thoai-nam-2023."
        )
    now = dt.datetime.now(VIETNAM)
    from ward_core.dates import DateFormatError, parse_vn_datetime

    try:
        date = parse_vn_datetime(fields.get("date") or now.strftime("%d/%m/%Y %H:%M"))
    except DateFormatError as exc:
        raise CommentCommandError(f"{exc}. Viết dạng 28/04/2023 08:15.") from None
    text = entry_yaml(
        fields.get("author", "").strip(),
        date,
        fields.get("text", ""),
        fields.get("area", "").strip(),
        reply,
    )
    folder = content / "comments"
    path = folder / f"{slug}.yml"
    existing = read_text(path) if path.exists() else HEADER.format(slug=slug)
    if existing and not existing.endswith("\n"):
        existing += "\n"
    # Validate the new entry alone (clear messages) and the whole file after it.
    alone = parse_comments(text, now)
    if alone.problems:
        raise CommentCommandError("; ".join(p.message for p in alone.problems))
    combined = parse_comments(existing + text, now)
    if combined.problems:
        first = combined.problems[0].at(str(path))
        raise CommentCommandError(
            f"{first.render()} (tệp hiện có bị lỗi; sửa tệp trước khi thêm)"
        )
    from .editor.backend import write_atomically  # (the editor imports this module)

    write_atomically(path, (existing + text).encode("utf-8"))
    return path


def _date_problem(value: str, not_before: dt.datetime | None = None) -> str | None:
    from ward_core.dates import DateFormatError, parse_vn_datetime

    try:
        date = parse_vn_datetime(value)
    except DateFormatError as exc:
        return f"{exc}. Viết dạng 28/04/2023 08:15."
    if date > dt.datetime.now(VIETNAM) + dt.timedelta(days=1):
        return f'ngày "{value}" ở tương lai.'
    if not_before and date < not_before:
        return "trả lời không thể trước ngày bình luận."
    return None


def _required(what: str):
    return lambda value: None if value.strip() else f"cần ghi {what}."


def _ask_everything(
    content: Path, settings_file: Path, slug: str, fields: dict[str, str]
) -> tuple[str, dict[str, str] | None]:
    """Ask what is missing, checking each answer as soon as it is typed."""
    from ward_core.dates import parse_vn_datetime

    slugs = {post.slug for post in iter_posts(content, load_settings(settings_file))}

    def known_slug(value: str) -> str | None:
        if value in slugs:
            return None
        close = [s for s in sorted(slugs) if value and (value in s or s in value)][:3]
        hint = f" Có phải: {', '.join(close)}?" if close else ""
        return f'không có bài viết nào có slug "{value}".{hint}'

    now = dt.datetime.now(VIETNAM).strftime("%d/%m/%Y %H:%M")
    slug = slug if slug in slugs else ask("Slug của bài", slug, known_slug)
    fields["author"] = fields.get("author") or ask(
        "Người gửi (họ tên)", validate=_required("họ tên người gửi")
    )
    fields["area"] = fields.get("area") or ask("Khu vực, địa chỉ (có thể bỏ trống)")
    fields["date"] = fields.get("date") or ask("Ngày giờ gửi", now, _date_problem)
    while not fields.get("text", "").strip():
        fields["text"] = ask_text("Nội dung bình luận")
    answer = ask("Có trả lời của phường không? (c/k)", "k").lower()
    if answer not in ("c", "có", "co", "y"):
        return slug, None
    sent = parse_vn_datetime(fields["date"])
    reply = {
        "author": ask("Người trả lời", validate=_required("người trả lời")),
        "role": ask("Chức vụ (có thể bỏ trống)"),
        "date": ask("Ngày giờ trả lời", now, lambda v: _date_problem(v, sent)),
        "text": "",
    }
    while not reply["text"].strip():
        reply["text"] = ask_text("Nội dung trả lời")
    return slug, reply


def _keep_typed(
    content: Path, slug: str, fields: dict[str, str], reply: dict[str, str] | None
) -> Path:
    """What the officer typed, saved beside the comments so nothing is lost."""
    folder = content.parent / ".cache" / "binh-luan-chua-luu"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(VIETNAM).strftime("%Y%m%d-%H%M%S")
    path = folder / f"{slug or 'khong-ro-bai'}-{stamp}.txt"
    lines = [f"{key}: {value}" for key, value in fields.items()]
    if reply:
        lines += [f"trả lời {key}: {value}" for key, value in reply.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(args) -> int:
    content = Path(args.content or PROJECT / "content")
    settings_file = Path(args.settings)
    fields: dict[str, str] = {}
    slug = args.post or ""
    try:
        if args.eml:
            fields = from_eml(Path(args.eml))
            if not slug and fields.get("post_url"):
                slug = fields["post_url"].rstrip("/").rsplit("/", 1)[-1]
        for key in ("author", "text", "date", "area"):
            value = getattr(args, key)
            if value:
                fields[key] = value
        if getattr(args, "queue", False):
            from .comment_queue import add_to_queue

            path = add_to_queue(content, slug, fields)
            print(f"Đã đưa bình luận của {fields.get('author')} vào hàng chờ: {path}.")
            print("Mở trình soạn bài, mục Bình luận chờ duyệt, để duyệt hoặc từ chối.")
            return 0
        interactive = sys.stdin.isatty() and not args.eml
        reply = None
        if interactive:
            slug, reply = _ask_everything(content, settings_file, slug, fields)
        elif args.reply_text:
            reply = {
                "author": args.reply_author or "",
                "role": args.reply_role or "",
                "text": args.reply_text,
                "date": args.reply_date
                or dt.datetime.now(VIETNAM).strftime("%d/%m/%Y %H:%M"),
            }
        if not slug:
            raise CommentCommandError("thiếu slug của bài: make comment POST=<slug>.")
        path = add_comment(content, settings_file, slug, fields, reply)
    except CommentCommandError as exc:
        print(f"Không thêm được bình luận: {exc}", file=sys.stderr)
        if fields.get("text"):
            kept = _keep_typed(content, slug, fields, reply)
            print(f"Những gì đã nhập được giữ lại trong {kept}.", file=sys.stderr)
        return 1
    print(f"Đã thêm bình luận của {fields.get('author')} vào {path}.")
    print("Chạy make serve để xem, rồi make publish để đăng.")
    return 0
