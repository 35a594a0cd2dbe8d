"""The procedures data file (content/data/thu-tuc.yml), validated (no Pelican here).

Each record is one procedure the ward handles: its national code (from the
National Public Service Portal), its name and its field (lĩnh vực).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .datafile import read_records, text
from .problems import Problem

FIELDS = ("code", "name", "field", "online")
EXAMPLE = "- code: 1.001193, name: Thủ tục đăng ký khai sinh, field: Hộ tịch"
# "1.001193", "2.002165", and the longer local form "1.004227.000.00.00.H12".
_CODE = re.compile(r"^\d\.\d{6}(\.[0-9A-Z]+)*$")
ONLINE = {"": "", "toàn trình": "Toàn trình", "một phần": "Một phần"}


@dataclass(frozen=True)
class Procedure:
    code: str
    name: str
    field: str
    line: int = 0
    online: str = ""  # "Toàn trình" / "Một phần" (online public service level)


@dataclass
class Parsed:
    procedures: list[Procedure] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def by_field(self) -> list[tuple[str, list[Procedure]]]:
        """Fields in the order first written, procedures in file order."""
        groups: dict[str, list[Procedure]] = {}
        for procedure in self.procedures:
            groups.setdefault(procedure.field, []).append(procedure)
        return list(groups.items())


def check_code(code: str) -> str | None:
    """Why ``code`` is not a national procedure code, or None."""
    if _CODE.match(code):
        return None
    return (
        f'mã thủ tục "{code}" không đúng dạng mã của Cổng Dịch vụ công quốc gia '
        '(ví dụ 1.001193). Chép mã ở mục "Mã thủ tục" trên dichvucong.gov.vn.'
    )


def parse_procedures_file(source: str, _content_root: Path | None = None) -> Parsed:
    records = read_records(source, FIELDS, EXAMPLE)
    result = Parsed(problems=list(records.problems))
    seen: dict[str, int] = {}
    for item in records.items:
        code, name, group = (text(item.get(k)) for k in ("code", "name", "field"))
        missing = [
            k for k, v in (("code", code), ("name", name), ("field", group)) if not v
        ]
        if missing:
            result.problems.append(
                Problem(
                    line=item.line,
                    field=missing[0],
                    message=f"thủ tục thiếu {missing[0]}:. Ví dụ: {EXAMPLE}",
                )
            )
            continue
        reason = check_code(code)
        if reason:
            result.problems.append(
                Problem(line=item.line_of("code"), field="code", message=reason)
            )
            continue
        if code in seen:
            result.problems.append(
                Problem(
                    line=item.line_of("code"),
                    field="code",
                    message=f'mã "{code}" đã có ở dòng {seen[code]}; xóa một trong hai.',
                )
            )
            continue
        seen[code] = item.line_of("code")
        online = text(item.get("online")).lower()
        if online not in ONLINE:
            result.problems.append(
                Problem(
                    line=item.line_of("online"),
                    field="online",
                    message='online: chỉ nhận "Toàn trình", "Một phần" hoặc để trống.',
                )
            )
            continue
        result.procedures.append(
            Procedure(code, name, group, item.line, ONLINE[online])
        )
    return result
