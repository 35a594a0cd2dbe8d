"""A province's list of wards (wards.yml), read once into typed values.

Pelican-free: the province tools (`ward province …`) and the CI files they
write read the same list. A mistake is a Problem naming wards.yml, the line
and what to write instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ward_core.problems import Problem, SiteError
from ward_core.yamltree import YamlSyntaxError, parse_yaml_text

WARDS_FILE = "wards.yml"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MODES = ("subdomain", "subpath")
# Folders the province's overview writes beside the wards' in public/.
RESERVED = ("danh-ba", "tim-kiem", "theme")
WARD_KEYS = {
    "slug",
    "name",
    "source",
    "address",
    "phone",
    "email",
    "former_units",
    "host",
}


@dataclass(frozen=True)
class FormerUnit:
    name: str
    address: str = ""


@dataclass(frozen=True)
class Ward:
    slug: str  # folder in the output and in the province's addresses: "tan-an"
    name: str
    source: str  # a folder of this repository, or a Git URL
    address: str = ""
    phone: str = ""
    email: str = ""
    host: str = ""  # subdomain label, "tanan" in tanan.cantho.gov.vn
    former_units: tuple[FormerUnit, ...] = ()

    @property
    def is_git(self) -> bool:
        return self.source.startswith(
            ("https://", "http://", "git@", "ssh://", "file://")
        )


@dataclass(frozen=True)
class Province:
    name: str
    mode: str  # "subdomain": https://<host>.<domain>; "subpath": <portal>/<slug>/
    domain: str
    portal: str
    wards: tuple[Ward, ...]

    def site_url(self, ward: Ward) -> str:
        """The address citizens use for `ward`."""
        if self.mode == "subdomain":
            return f"https://{ward.host}.{self.domain}"
        return f"{self.portal.rstrip('/')}/{ward.slug}"

    def ward(self, slug: str) -> Ward:
        for ward in self.wards:
            if ward.slug == slug:
                return ward
        known = ", ".join(w.slug for w in self.wards)
        raise SiteError(f'{WARDS_FILE}: không có phường "{slug}". Các phường: {known}.')


def _text(
    raw: Any, key: str, line: int, problems: list[Problem], required=False
) -> str:
    value = raw.get(key, "") if isinstance(raw, dict) else ""
    if value is None:
        value = ""
    if not isinstance(value, str):
        problems.append(Problem(WARDS_FILE, line, key, "phải là một dòng chữ."))
        return ""
    if required and not value.strip():
        problems.append(Problem(WARDS_FILE, line, key, f'thiếu "{key}".'))
    return " ".join(value.split())


def read_province(path: Path) -> Province:
    """The province in `path` (wards.yml), or SiteError with every problem."""
    try:
        raw = parse_yaml_text(path.read_text(encoding="utf-8"), subject=WARDS_FILE)
    except YamlSyntaxError as exc:
        raise SiteError(problems=[exc.problem.at(WARDS_FILE)]) from None
    except OSError:
        raise SiteError(
            f"Không đọc được {path}. Cách sửa: chạy lệnh trong thư mục của tỉnh "
            "(có tệp wards.yml), hoặc tạo bằng ward province init."
        ) from None
    problems: list[Problem] = []
    if not isinstance(raw, dict):
        raise SiteError(
            problems=[Problem(WARDS_FILE, 1, "", "phải có province, mode, wards.")]
        )
    name = _text(raw, "province", getattr(raw, "line", 1), problems, required=True)
    mode = _text(raw, "mode", 1, problems) or "subdomain"
    if mode not in MODES:
        problems.append(
            Problem(
                WARDS_FILE,
                raw.line_of("mode"),
                "mode",
                'ghi "subdomain" hoặc "subpath".',
            )
        )
    domain = _text(raw, "domain", 1, problems, required=mode == "subdomain")
    portal = _text(raw, "portal", 1, problems, required=mode == "subpath")
    wards: list[Ward] = []
    entries = raw.get("wards") or []
    if not isinstance(entries, list) or not entries:
        problems.append(
            Problem(WARDS_FILE, 1, "wards", "cần danh sách phường (ít nhất một).")
        )
        entries = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, 1):
        line = getattr(entry, "line", 0)
        where = f"wards[{number}]"
        if not isinstance(entry, dict):
            problems.append(
                Problem(
                    WARDS_FILE,
                    line,
                    where,
                    "mỗi phường là một mục có slug, name, source.",
                )
            )
            continue
        unknown = sorted(set(entry) - WARD_KEYS)
        if unknown:
            problems.append(
                Problem(
                    WARDS_FILE,
                    line,
                    where,
                    f"khóa không dùng được: {', '.join(unknown)}. Các khóa: "
                    f"{', '.join(sorted(WARD_KEYS))}.",
                )
            )
        before = len(problems)
        slug = _text(entry, "slug", line, problems, required=True)
        if slug and not SLUG.match(slug):
            problems.append(
                Problem(
                    WARDS_FILE,
                    line,
                    f"{where}.slug",
                    f'"{slug}" chỉ gồm chữ thường không dấu, số và "-", ví dụ tan-an.',
                )
            )
        if slug in RESERVED:
            problems.append(
                Problem(
                    WARDS_FILE,
                    line,
                    f"{where}.slug",
                    f'"{slug}" là thư mục của trang tổng hợp tỉnh; đặt slug khác, '
                    f"ví dụ phuong-{slug}.",
                )
            )
        if slug in seen:
            problems.append(
                Problem(
                    WARDS_FILE,
                    line,
                    f"{where}.slug",
                    f'"{slug}" trùng với một phường trước.',
                )
            )
        seen.add(slug)
        formers = entry.get("former_units") or []
        units = tuple(
            FormerUnit(
                " ".join(str(u.get("name", "")).split()),
                " ".join(str(u.get("address", "")).split()),
            )
            for u in formers
            if isinstance(u, dict)
        )
        ward = Ward(
            slug=slug,
            name=_text(entry, "name", line, problems, required=True),
            source=_text(entry, "source", line, problems, required=True),
            address=_text(entry, "address", line, problems),
            phone=_text(entry, "phone", line, problems),
            email=_text(entry, "email", line, problems),
            host=_text(entry, "host", line, problems) or slug.replace("-", ""),
            former_units=units,
        )
        if len(problems) == before:
            wards.append(ward)
    if problems:
        raise SiteError(problems=problems)
    return Province(
        name=name, mode=mode, domain=domain, portal=portal, wards=tuple(wards)
    )
