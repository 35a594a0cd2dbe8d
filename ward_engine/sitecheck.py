"""Problems of a ward's site against the engine it runs on (Pelican-free):
settings still written under a name the engine renamed, and templates the
site overrides (theme/templates/) that this engine version no longer has."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ward_core.problems import Problem

from .changes import RENAMES

SETTINGS_FILE = "pelicanconf.py"


def _written(settings: Mapping[str, Any], name: str) -> bool:
    """Whether the site set `name` (Pelican's own default for it does not count)."""
    from pelican.settings import DEFAULT_CONFIG

    missing = object()
    return name in settings and settings[name] != DEFAULT_CONFIG.get(name, missing)


def renamed_settings(settings: Mapping[str, Any]) -> list[Problem]:
    problems = []
    ward = settings.get("WARD") if isinstance(settings.get("WARD"), Mapping) else {}
    for rename in RENAMES:
        key = rename.old.removeprefix("WARD.")
        written = (
            key in ward
            if rename.old.startswith("WARD.")
            else _written(settings, rename.old)
        )
        if written:
            problems.append(
                Problem(
                    SETTINGS_FILE,
                    field=rename.old,
                    message=f'"{rename.old}" đã đổi tên thành "{rename.new}" từ bộ máy '
                    f"bản {rename.since}, nên giá trị này không còn được dùng. Cách sửa: "
                    f'chạy make upgrade (tự đổi tên), hoặc sửa "{rename.old}" thành '
                    f'"{rename.new}" trong {SETTINGS_FILE}.',
                )
            )
    return problems


def overridden_templates(settings: Mapping[str, Any]) -> list[Path]:
    """The site's own templates (THEME_TEMPLATES_OVERRIDES), sorted."""
    found = []
    for folder in settings.get("THEME_TEMPLATES_OVERRIDES") or []:
        if Path(folder).is_dir():
            found += [p for p in Path(folder).rglob("*.html") if p.is_file()]
    return sorted(found)


def vanished_overrides(settings: Mapping[str, Any]) -> list[Problem]:
    engine = Path(str(settings.get("THEME") or "")) / "templates"
    problems = []
    for folder in settings.get("THEME_TEMPLATES_OVERRIDES") or []:
        for template in overridden_templates({"THEME_TEMPLATES_OVERRIDES": [folder]}):
            name = template.relative_to(folder).as_posix()
            if not (engine / name).is_file():
                problems.append(
                    Problem(
                        f"theme/templates/{name}",
                        message="bộ máy đang dùng không còn mẫu giao diện này, nên bản "
                        "sửa riêng của phường không thay cho mẫu nào. Cách sửa: xem mẫu "
                        "mới của bộ máy (README, mục Sửa giao diện) rồi chép lại phần đã "
                        "sửa; nếu đây là mẫu phường tự thêm và có mẫu khác dùng đến thì "
                        "bỏ qua lưu ý này.",
                        error=False,
                    )
                )
    return problems


def engine_problems(settings: Mapping[str, Any]) -> list[Problem]:
    return renamed_settings(settings) + vanished_overrides(settings)
