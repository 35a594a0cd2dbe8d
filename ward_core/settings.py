"""Plugin settings: one frozen dataclass each, built from a dict in pelicanconf.py.

Unknown keys are refused with a message naming the key (a typo such as
"widht" must not be silently ignored), and so are values of the wrong type.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, TypeVar

from .problems import Problem, SiteError, unknown_keys

T = TypeVar("T")
SETTINGS_FILE = "pelicanconf.py"


def settings_error(message: str) -> SiteError:
    """An error in the settings file, as a problem of that file."""
    return SiteError(problems=[Problem(SETTINGS_FILE, message=message)])


def refuse_unknown(raw: Mapping[str, Any], known: list[str], name: str) -> None:
    """SiteError naming every key of the ``name`` dict that is not ``known``."""
    unknown = unknown_keys(raw, known, what=f"trong {name}", path=SETTINGS_FILE)
    if unknown:
        raise SiteError(problems=unknown)


def _type_name(value: Any) -> str:
    return {
        bool: "true/false (True hoặc False)",
        int: "một số",
        float: "một số",
        str: 'một chuỗi chữ trong dấu ngoặc kép, ví dụ "abc"',
        tuple: "một danh sách [ … ]",
        list: "một danh sách [ … ]",
    }.get(type(value), type(value).__name__)


def _coerce(name: str, key: str, default: Any, value: Any) -> Any:
    if default is None or isinstance(default, dataclasses.Field):
        return value
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, int | float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif isinstance(default, tuple | list):
        ok = isinstance(value, tuple | list)
        value = tuple(value) if ok and isinstance(default, tuple) else value
    else:
        ok = isinstance(value, type(default))
    if not ok:
        raise settings_error(f'{name}["{key}"] phải là {_type_name(default)}.')
    return value


def strict_settings(
    cls: type[T], raw: Mapping[str, Any] | None, name: str, **computed: Any
) -> T:
    """``cls`` (a frozen dataclass) from the ``name`` dict of the settings.

    ``computed`` holds values the plugin derives itself (not officer keys)."""
    if raw is not None and not isinstance(raw, Mapping):
        raise settings_error(f"{name} phải là một nhóm {{ … }}.")
    raw = dict(raw or {})
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name not in computed}
    refuse_unknown(raw, sorted(fields), name)
    values = {}
    for key, value in raw.items():
        default = fields[key].default
        values[key] = _coerce(name, key, default, value)
    return cls(**values, **computed)
