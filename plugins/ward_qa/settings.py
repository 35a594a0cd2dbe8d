"""Settings of the questions and answers (WARD_QA in pelicanconf.py), read once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from ward_core.settings import settings_error, strict_settings

MODES = ("mailto", "form", "none")


@dataclass(frozen=True)
class QASettings:
    data_file: str = "data/hoi-dap.yml"  # under content/
    url: str = "hoi-dap/"
    field_url: str = "hoi-dap/{field}/"
    feed_path: str = "feeds/hoi-dap.atom.xml"  # written when SITEURL is set
    # How a citizen asks: "mailto" (to email, else WARD["email"]), "form" (POST to
    # form_action) or "none".
    mode: str = "mailto"
    email: str = ""
    form_action: str = ""
    # Fields offered first; a question may name another field.
    fields: tuple[str, ...] = (
        "Đất đai",
        "Hộ tịch",
        "Xây dựng",
        "Chứng thực",
        "Môi trường",
        "An sinh xã hội",
        "Khác",
    )

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> QASettings:
        result = strict_settings(cls, settings.get("WARD_QA"), "WARD_QA")
        if not result.email:
            email = str((settings.get("WARD") or {}).get("email", ""))
            result = replace(result, email=email)
        if result.mode not in MODES:
            raise settings_error('WARD_QA["mode"] chỉ nhận mailto, form hoặc none.')
        if result.mode == "form" and not result.form_action.startswith(
            ("https://", "http://")
        ):
            raise settings_error(
                'WARD_QA["form_action"] phải là địa chỉ http(s) khi mode là form.'
            )
        return result
