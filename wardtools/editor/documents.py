"""Files as the editor sees them, and files as the project writes them.

Decap reads and writes whole files and serialises YAML its own way. Officers
and `make new` write a documented, simpler form: fields in a fixed order,
officials as "Ông Họ Tên – Chức vụ (chủ trì)", dates as typed, no YAML tags.
`for_editor` turns a file into what Decap's widgets can show (officials as
objects, root lists wrapped in a mapping); `for_disk` turns what Decap sends
back into the documented form, so hand-written and editor-written posts look
alike.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from ward_frontmatter.officials import OfficialError, parse_official_string

from ward_core.dates import DateFormatError, parse_vn_datetime
from ward_core.fields import EDITOR_ORDER, ITEM_ORDER
from ward_core.pasted import clean_markdown, clean_text
from ward_core.yamltree import YamlSyntaxError, split_front_matter

from ..comment_cmd import HEADER as COMMENTS_HEADER
from ..comment_cmd import comments_file_text
from ..content_index import yaml_quote

# The order README documents (ward_core.fields); fields not listed keep their
# order after these.
POST_FIELD_ORDER = EDITOR_ORDER
ITEM_FIELD_ORDER = ITEM_ORDER
EDITOR_CONFIG = Path(__file__).resolve().parent / "static" / "config.yml"
# The editor's hidden sort field (not written to the file).
SORT_FIELD = "ngay_sap_xep"
# Data files whose root is a list: Decap edits mappings, so the list is wrapped.
ROOT_LIST_KEYS = {"comments": "comments", "data": "groups"}
_ISO_DATE = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T](?P<time>\d{1,2}:\d{2}))?$"
)
# Values written without quotes even though YAML 1.1 would type them: the
# project reads every scalar as text and the schema decides.
_TYPED_PLAIN = {"attendees", "presiding", "new_tab"}


# Pelican's status words on disk, the officer's words in the editor (its list
# shows the raw value, so the value itself is Vietnamese there).
STATUS_FOR_EDITOR = {"draft": "bản nháp", "published": "đã duyệt", "hidden": "ẩn"}
STATUS_FOR_DISK = {shown: word for word, shown in STATUS_FOR_EDITOR.items()}


class DocumentError(ValueError):
    """What Decap sent cannot be read (the message is for the officer)."""


def root_list_key(api_path: str) -> str | None:
    parts = PurePosixPath(api_path).parts
    if len(parts) >= 3 and parts[-1].endswith((".yml", ".yaml")):
        return ROOT_LIST_KEYS.get(parts[1])
    return None


# --- reading: disk -> editor ---------------------------------------------------


def _load(text: str) -> Any:
    return yaml.load(text, Loader=yaml.BaseLoader)  # every scalar stays text


def _official_for_editor(item: Any) -> Any:
    if isinstance(item, str):
        try:
            official = parse_official_string(item)
        except OfficialError:
            return {"name": item}
        result = {"honorific": official.honorific, "name": official.name}
        if official.role:
            result["role"] = official.role
        if official.presiding:
            result["presiding"] = True
        return result
    if isinstance(item, dict) and "presiding" in item:
        item = dict(item, presiding=str(item["presiding"]).lower() in ("true", "có"))
    return item


def _editor_values(values: dict) -> dict:
    values = dict(values)
    if isinstance(values.get("date"), str):
        values["date"] = _typed_date(values["date"])
    if isinstance(values.get("officials"), list):
        values["officials"] = [_official_for_editor(i) for i in values["officials"]]
    if isinstance(values.get("documents"), list):
        values["documents"] = [
            {"number": item} if isinstance(item, str) else item
            for item in values["documents"]
        ]
    if isinstance(values.get("gallery"), list):
        values["gallery"] = [
            {"src": item} if isinstance(item, str) else item
            for item in values["gallery"]
        ]
    return values


class _EditorDumper(yaml.SafeDumper):
    """Multi-line text as a `|` block, as officers write comments."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value.strip() else None
    if style:
        value = "\n".join(line.rstrip() for line in value.strip("\n").split("\n"))
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_EditorDumper.add_representer(str, _represent_text)


def _dump_for_editor(data: Any) -> str:
    return yaml.dump(
        data, Dumper=_EditorDumper, allow_unicode=True, sort_keys=False, width=1000
    )


def sort_key(date: Any) -> str:
    """A post's date as ISO text, which sorts as time does (the editor's list
    sorts on it, newest first); "" when the date cannot be read."""
    try:
        return parse_vn_datetime(date).isoformat() if isinstance(date, str) else ""
    except DateFormatError:
        return ""


def for_editor(api_path: str, text: str, extra: dict | None = None) -> str:
    """The file's text in the shape Decap's widgets expect (unreadable files as-is).
    `extra`: values the server shows beside a comments list (the post's title)."""
    try:
        if api_path.endswith((".yml", ".yaml")):
            key = root_list_key(api_path)
            data = _load(text)
            if key and isinstance(data, list):
                wrapped: dict[str, Any] = {key: data}
                if key == "comments":  # the list needs a name: the post's address
                    stem = PurePosixPath(api_path).stem
                    wrapped = {"post": stem, **(extra or {}), **wrapped}
                return _dump_for_editor(wrapped)
            return text
        split = split_front_matter(text)
        if split.front_matter is None:
            return text
        values = _load(split.front_matter)
        if not isinstance(values, dict):
            return text
        if api_path.startswith("content/posts/"):
            status = values.get("status") or "published"  # Pelican's default
            values["status"] = STATUS_FOR_EDITOR.get(status, status)
            values[SORT_FIELD] = sort_key(values.get("date"))
        front = _dump_for_editor(_editor_values(values))
        return f"---\n{front}---\n{split.body}"
    except (yaml.YAMLError, YamlSyntaxError):
        return text


# --- writing: editor -> disk ---------------------------------------------------


def _plain_ok(key: str, text: str) -> bool:
    if not text or text != text.strip() or "\n" in text or "#" in text:
        return False
    if text[0] in "!&*{}[]|>'\"%@`,?:-" or ": " in text or text.endswith(":"):
        return False
    try:
        loaded = yaml.safe_load(f"k: {text}")
    except yaml.YAMLError:
        return False
    if not isinstance(loaded, dict):
        return False
    value = loaded.get("k")
    if isinstance(value, str):
        return value == text
    return key in _TYPED_PLAIN and str(value).lower() == text.lower()


def _scalar(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if key == "date" or key.startswith("valid_"):
        text = _typed_date(text)
    return text if _plain_ok(key, text) else yaml_quote(text)


def _typed_date(text: str) -> str:
    """ISO dates from older posts are written back the way officers type them."""
    match = _ISO_DATE.match(text.strip())
    if not match:
        return text.strip()
    day = f"{int(match['d']):02d}/{int(match['m']):02d}/{match['y']}"
    return f"{day} {match['time']}" if match["time"] else day


def _empty(value: Any) -> bool:
    return value is None or value in ("", [], {})


def _ordered(mapping: dict, order: tuple[str, ...]) -> list[tuple[str, Any]]:
    keys = [k for k in order if k in mapping] + [k for k in mapping if k not in order]
    return [(k, mapping[k]) for k in keys if not _empty(mapping[k])]


def _official_line(item: dict) -> str | None:
    """ "Ông Họ Tên – Chức vụ (chủ trì)" when that reads back to the same person."""
    name = str(item.get("name", "") or "").strip()
    honorific = str(item.get("honorific", "") or "").strip()
    role = str(item.get("role", "") or "").strip()
    presiding = str(item.get("presiding", "")).lower() in ("true", "có")
    if not name or not role or set(item) - {"name", "honorific", "role", "presiding"}:
        return None
    line = f"{honorific} {name} – {role}".strip()
    if presiding:
        line += " (chủ trì)"
    try:
        parsed = parse_official_string(line)
    except OfficialError:
        return None
    if (parsed.name, parsed.role, parsed.presiding) != (name, role, presiding):
        return None
    return line


def _simplify_item(field: str, item: Any) -> Any:
    if not isinstance(item, dict):
        return item
    if field == "officials":
        return _official_line(item) or item
    if field == "documents":
        kept = {k: v for k, v in item.items() if not _empty(v)}
        if set(kept) == {"number"}:
            return kept["number"]
        return kept
    if field == "gallery":
        return {k: v for k, v in item.items() if not _empty(v)}
    return item


def _emit(
    key: str,
    value: Any,
    indent: int,
    order: tuple[str, ...],
    orders: Mapping[str, tuple[str, ...]] = ITEM_FIELD_ORDER,
) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict):
        lines = [f"{pad}{key}:"]
        for sub_key, sub_value in _ordered(value, orders.get(key, ())):
            lines += _emit(sub_key, sub_value, indent + 2, (), orders)
        return lines
    if isinstance(value, list):
        lines = [f"{pad}{key}:"]
        for item in value:
            lines += _emit_item(key, _simplify_item(key, item), indent + 2, orders)
        return lines
    text = "" if value is None else value
    if isinstance(text, str) and "\n" in text.strip():
        body = "\n".join(
            f"{pad}  {line}" if line else "" for line in text.strip("\n").split("\n")
        )
        return [f"{pad}{key}: |", body]
    return [f"{pad}{key}: {_scalar(key, text)}"]


def _emit_item(
    field: str,
    item: Any,
    indent: int,
    orders: Mapping[str, tuple[str, ...]] = ITEM_FIELD_ORDER,
) -> list[str]:
    pad = " " * indent
    if isinstance(item, dict):
        pairs = _ordered(item, orders.get(field, ()))
        if not pairs:
            return []
        lines: list[str] = []
        for index, (key, value) in enumerate(pairs):
            emitted = _emit(key, value, indent + 2, (), orders)
            if index == 0:
                emitted[0] = f"{pad}- " + emitted[0].lstrip()
            lines += emitted
        return lines
    if isinstance(item, list):
        raise DocumentError(f'trường "{field}" có danh sách lồng nhau.')
    return [f"{pad}- {_scalar(field, item)}"]


def dump_mapping(
    values: dict,
    order: tuple[str, ...],
    orders: Mapping[str, tuple[str, ...]] = ITEM_FIELD_ORDER,
) -> str:
    lines: list[str] = []
    for key, value in _ordered(values, order):
        lines += _emit(key, value, 0, order, orders)
    return "\n".join(lines) + "\n"


@cache
def _editor_config() -> dict:
    return yaml.safe_load(EDITOR_CONFIG.read_text(encoding="utf-8"))


def _orders_of(fields: list, orders: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    for field in fields:
        inner = field.get("fields")
        if isinstance(inner, list):
            orders[field["name"]] = _orders_of(inner, orders)
    return tuple(field["name"] for field in fields)


def form_orders(api_path: str) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """The order of the editor's form (config.yml) for a data file: its top
    keys and each list's item keys. Decap sends an item of more than eight keys
    in hash order (Immutable.js), so a saved question or notice would come back
    shuffled; written in the form's order it reads as the officer filled it."""
    orders: dict[str, tuple[str, ...]] = {}
    for collection in _editor_config().get("collections", []):
        folder = str(collection.get("folder", "")).rstrip("/")
        if folder and str(PurePosixPath(api_path).parent) == folder:
            return _orders_of(collection.get("fields", []), orders), orders
        for file in collection.get("files", []):
            if file.get("file") == api_path:
                return _orders_of(file.get("fields", []), orders), orders
    return (), ITEM_FIELD_ORDER


def dump_root_list(field: str, items: list) -> str:
    lines: list[str] = []
    for item in items:
        lines += _emit_item(field, item, 0)
    return "\n".join(lines) + "\n" if lines else "[]\n"


def leading_comments(text: str) -> str:
    kept = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        kept.append(line)
    return "\n".join(kept) + "\n" if kept else ""


def cleaned(value: Any) -> Any:
    """Every text inside a field, list or mapping, cleaned of what Word and web
    pages paste in (ward_core.pasted)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [cleaned(item) for item in value]
    if isinstance(value, dict):
        return {key: cleaned(item) for key, item in value.items()}
    return value


def parse_editor_front_matter(raw: str) -> tuple[dict, str]:
    try:
        split = split_front_matter(raw)
    except YamlSyntaxError as exc:
        raise DocumentError(exc.problem.message) from None
    if split.front_matter is None:
        raise DocumentError("bài không có phần đầu (---).")
    try:
        values = _load(split.front_matter)
    except yaml.YAMLError as exc:
        raise DocumentError(f"phần đầu bài không đọc được: {exc}") from None
    if not isinstance(values, dict):
        raise DocumentError("phần đầu bài phải gồm các dòng 'trường: giá trị'.")
    return values, split.body


def post_for_disk(raw: str, fixed: dict[str, str]) -> str:
    """A post or page as the documented Markdown file. `fixed` holds the fields
    the server decides (slug, default status), put in when missing."""
    values, body = parse_editor_front_matter(raw)
    values, body = cleaned(values), clean_markdown(body)
    values.pop(SORT_FIELD, None)
    if isinstance(values.get("status"), str):
        values["status"] = STATUS_FOR_DISK.get(values["status"], values["status"])
    for key, value in fixed.items():
        if _empty(values.get(key)):
            values[key] = value
    front = dump_mapping(values, POST_FIELD_ORDER)
    body = body if body.startswith("\n") else "\n" + body
    return f"---\n{front}---\n{body.rstrip()}\n"


def data_for_disk(api_path: str, raw: str, previous: str | None) -> str:
    """A YAML data file (links sidebar, comments) in the documented form."""
    try:
        data = cleaned(_load(raw))
    except yaml.YAMLError as exc:
        raise DocumentError(f"tệp dữ liệu không đọc được: {exc}") from None
    key = root_list_key(api_path)
    header = leading_comments(previous or "")
    if key == "comments" and isinstance(data, dict):
        items = data.get(key) or []
        if not isinstance(items, list):
            raise DocumentError(f'"{key}" phải là một danh sách.')
        slug = PurePosixPath(api_path).stem
        return comments_file_text(items, header or COMMENTS_HEADER.format(slug=slug))
    # Only the editor's wrapper ({key: [...]}, "post" for comments) is a root list;
    # another data file of the folder (a schedule: place, items…) stays a mapping.
    if key and isinstance(data, dict) and not set(data) - {key, "post"}:
        items = data.get(key) or []
        if not isinstance(items, list):
            raise DocumentError(f'"{key}" phải là một danh sách.')
        return header + dump_root_list(key, items)
    if isinstance(data, dict):
        return header + dump_mapping(data, *form_orders(api_path))
    raise DocumentError("tệp dữ liệu phải là các dòng 'trường: giá trị'.")
