"""No edit is lost: a save or delete names the version of the file it started
from, and is refused (409) when the file on disk is no longer that version.

Decap's local protocol carries no version, so our script in the editor
(static/versions.js) remembers the content hash each read answered
(`file.id`, the file's sha256) and sends it back as `versions: {path: hash}`.
A save of a new entry (`options.newEntry`) whose file already exists is a
conflict too: two tabs created the same title. The refusal says when the file
changed and which fields differ from what the officer had opened.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections import OrderedDict
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from ward_core.yamltree import YamlSyntaxError, split_front_matter

from .documents import for_editor

CONFIG = Path(__file__).resolve().parent / "static" / "config.yml"
# The texts the editor was last given, by hash, to say what changed (bounded).
KEPT_TEXTS = 64
# Set by the server (the address on the first save, the list's sort date),
# never by the officer: not a change.
SERVER_FIELDS = ("slug", "ngay_sap_xep")


class ConflictError(Exception):
    """The file changed since the editor read it (message for the officer).
    `mine`: what the refused save had changed, (label, value) by field, so the
    editor keeps it for the officer to put back after reloading."""

    def __init__(self, message: str, mine: list[tuple[str, str]] | None = None):
        super().__init__(message)
        self.mine = mine or []


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ServedTexts:
    """The last texts the editor was given, by their hash: what the officer had
    open when a save comes back with that hash."""

    def __init__(self, limit: int = KEPT_TEXTS) -> None:
        self._texts: OrderedDict[str, str] = OrderedDict()
        self._limit = limit

    def keep(self, digest: str, text: str) -> None:
        self._texts[digest] = text
        self._texts.move_to_end(digest)
        while len(self._texts) > self._limit:
            self._texts.popitem(last=False)

    def get(self, digest: str) -> str | None:
        return self._texts.get(digest)


@functools.cache
def field_labels() -> dict[str, str]:
    """Field name -> the label the officer sees in the editor (config.yml)."""
    labels = {"body": "Nội dung"}
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))

    def walk(fields: list) -> None:
        for field in fields or []:
            labels.setdefault(field["name"], field.get("label", field["name"]))
            walk(field.get("fields", []))

    for collection in config.get("collections", []):
        walk(collection.get("fields", []))
        for file in collection.get("files", []):
            walk(file.get("fields", []))
    return labels


def _fields(text: str) -> dict[str, Any]:
    try:
        split = split_front_matter(text)
        if split.front_matter is None:
            loaded = yaml.load(text, Loader=yaml.BaseLoader)
            return loaded if isinstance(loaded, dict) else {"body": text}
        values = yaml.load(split.front_matter, Loader=yaml.BaseLoader)
        values = dict(values) if isinstance(values, dict) else {}
        values["body"] = split.body.strip()
        return values
    except (yaml.YAMLError, YamlSyntaxError):
        return {"body": text}


def changed_fields(api_path: str, before: str, after: str) -> list[str]:
    """The editor's labels of the fields that differ between two versions of a
    file, compared as the editor shows them (a date rewritten from 2023-07-09
    to 09/07/2023 by the first save is not a change)."""
    old = _fields(for_editor(api_path, before))
    new = _fields(for_editor(api_path, after))
    labels = field_labels()
    keys = [k for k in new if old.get(k) != new[k]] + [k for k in old if k not in new]
    return [labels.get(key, key) for key in keys if key not in SERVER_FIELDS]


def _shown(value: Any) -> str:
    """A field's value as the officer can copy it back into the form."""
    if isinstance(value, str):
        return value.strip()
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False).strip()


def _blank(value: Any) -> bool:
    return value in (None, "", [], {})


def own_changes(api_path: str, opened: str, sent: str) -> list[tuple[str, str]]:
    """The fields a refused save had changed from the version the officer opened
    (`opened`: the file as it was on disk; `sent`: the editor's text), as
    (label, value): the officer's typing, kept for after the reload."""
    old = _fields(for_editor(api_path, opened))
    new = _fields(for_editor(api_path, sent))  # a hand-written text too
    labels = field_labels()
    changes = []
    for key, value in new.items():
        before = old.get(key)
        if key in SERVER_FIELDS or (_blank(value) and _blank(before)):
            continue
        if value != before:
            changes.append((labels.get(key, key), _shown(value)))
    return changes


def _when(path: Path, zone: str) -> str:
    try:
        tz = ZoneInfo(zone)
    except (KeyError, ValueError):
        tz = ZoneInfo("Asia/Ho_Chi_Minh")
    moment = dt.datetime.fromtimestamp(path.stat().st_mtime, tz)
    return moment.strftime("%H:%M ngày %d/%m/%Y")


RELOAD_HINT = (
    'Bấm "Tải lại bài" để mở bản mới nhất (phần sửa kia được giữ nguyên) rồi '
    "thêm lại phần của bạn."
)
# When the editor kept the officer's typing (own_changes), it says where.
KEPT_HINT = (
    " Phần bạn vừa gõ không mất: sau khi tải lại, nó hiện trong khung "
    "“Phần bạn đã gõ, chưa lưu” để chép vào bài."
)


def check_version(
    api_path: str,
    path: Path,
    expected: Any,
    *,
    new_entry: bool = False,
    served: ServedTexts | None = None,
    zone: str = "Asia/Ho_Chi_Minh",
    sent: str | None = None,
) -> None:
    """Raise ConflictError when `path` is not the version the editor had."""
    if new_entry and path.exists():
        raise ConflictError(
            f"Chưa lưu. Đã có một mục ở {api_path} (có thể vừa tạo ở thẻ khác hay "
            "máy khác với cùng tiêu đề): bài mới không ghi đè lên nó. Đổi tiêu đề "
            "bài mới, hoặc mở bài đã có để sửa."
        )
    if not isinstance(expected, str) or not expected:
        return
    if not path.is_file():
        raise ConflictError(
            f"Chưa lưu. {api_path} đã bị xóa ở nơi khác sau khi bạn mở nó (xem "
            "Thùng rác). Khôi phục nó từ Thùng rác nếu cần, rồi tải lại trang."
        )
    raw = path.read_bytes()
    if sha256(raw) == expected:
        return
    before = served.get(expected) if served else None
    text = raw.decode("utf-8", errors="replace")
    changed = ""
    if before is not None:
        fields = changed_fields(api_path, before, text)
        if fields:
            changed = " Phần đã đổi: " + ", ".join(fields) + "."
    title = _fields(text).get("title")
    named = f"“{title}”" if isinstance(title, str) and title else api_path
    mine = own_changes(api_path, before, sent) if before and sent else []
    raise ConflictError(
        f"Chưa lưu. {named} đã được sửa lúc {_when(path, zone)} ở nơi khác "
        "(thẻ khác, máy khác hoặc sửa tay) sau khi bạn mở nó; lưu bây giờ sẽ xóa "
        f"mất phần sửa đó.{changed} {RELOAD_HINT}{KEPT_HINT if mine else ''}",
        mine,
    )
