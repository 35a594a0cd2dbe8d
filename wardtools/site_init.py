"""`ward init <thư mục>`: a new ward's site, holding only what is the ward's.

The folder gets content/ (a first post, and content/data/gioi-thieu.yml: the
introduction, organisation and contact pages, with the contacts given here),
pelicanconf.py with the
ward's identity (everything else comes from ward_engine.defaults),
publishconf.py with its address, requirements.txt pinning this engine, the
Makefile, CI files and a README. Questions are asked in Vietnamese; every
answer can also be given as an option (CI, tests, a province creating many
wards). The folder appears whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
import tempfile
import textwrap
from dataclasses import dataclass, field, fields
from pathlib import Path

from ward_core.dates import VIETNAM
from ward_core.folding import fold
from ward_core.identity import WardIdentity
from ward_engine import files, version

from .prompts import ask

# Where the template's dot-files go (packaged without the dot).
RENAMED_FILES = {
    "gitignore": [".gitignore"],
    "gitlab-ci.yml": [".gitlab-ci.yml"],
    "actions-workflow.yml": [
        ".github/workflows/trang.yml",
        ".forgejo/workflows/trang.yml",
    ],
}
_UNIT_PREFIX = re.compile(r"^(phường|xã|đặc khu|thị trấn)\s+", re.IGNORECASE)
_PROVINCE_PREFIX = re.compile(r"^(tỉnh|thành phố|tp\.?)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class FormerUnit:
    name: str
    address: str = ""


@dataclass
class WardAnswers:
    name: str
    province: str
    address: str = ""
    phone: str = ""
    email: str = ""
    former_units: list[FormerUnit] = field(default_factory=list)
    site_address: str = ""


def address_part(text: str, prefix: re.Pattern[str]) -> str:
    """ "Phường Hòa Thuận" → "hoathuan": one label of a .gov.vn address."""
    return re.sub(r"[^a-z0-9]", "", fold(prefix.sub("", text.strip())))


def default_site_address(name: str, province: str) -> str:
    """https://<phường>.<tỉnh>.gov.vn, the pattern provinces give their wards."""
    ward = address_part(name, _UNIT_PREFIX)
    region = address_part(province, _PROVINCE_PREFIX)
    return f"https://{ward}.{region}.gov.vn" if ward and region else ""


def parse_former(text: str) -> FormerUnit:
    """ "Phường An Lạc (cũ) | Số 40 đường Hùng Vương" → FormerUnit."""
    name, _, address = text.partition("|")
    return FormerUnit(" ".join(name.split()), " ".join(address.split()))


def ward_block(answers: WardAnswers) -> dict:
    """WARD as this engine's identity model reads it (province and former
    units since the 2025 two-tier reform; city in older engines)."""
    known = {f.name for f in fields(WardIdentity)}
    ward: dict = {"name": answers.name}
    ward["province" if "province" in known else "city"] = answers.province
    ward.update(
        address=answers.address,
        phone=answers.phone,
        email=answers.email,
        hotline="",
        hours="Thứ Hai – Thứ Sáu: 7:00–11:30, 13:30–17:00",
        zalo_oa_id="",
    )
    if "former_units" in known:
        ward["former_units"] = [
            {"name": unit.name, "address": unit.address}
            for unit in answers.former_units
        ]
    return ward


def pelicanconf_text(answers: WardAnswers) -> str:
    block = json.dumps(ward_block(answers), ensure_ascii=False, indent=4)
    comments = (
        ""
        if answers.email
        else '\n# Chưa có thư điện tử nên tắt nhận bình luận; ghi WARD["email"] rồi xóa dòng này.\n'
        'WARD_COMMENTS = {"mode": "none", "default_status": "open"}\n'
    )
    return f'''"""Thiết lập trang tin điện tử {answers.name}.

Khối WARD là thông tin của phường: sửa tên, địa chỉ, điện thoại… ở đây.
Mọi thiết lập khác do bộ máy ward-engine cung cấp (ward_engine.defaults) và tự
cập nhật khi nâng cấp (make upgrade): đừng chép chúng vào tệp này. Muốn đổi
một thiết lập của bộ máy thì gán lại nó ở cuối tệp, ví dụ DEFAULT_PAGINATION = 12.
"""

from ward_engine.defaults import *  # noqa: F403
from ward_engine.defaults import overrides_in

WARD = {block}

SITENAME = "Cổng thông tin " + WARD["name"]
AUTHOR = "UBND " + WARD["name"]
{comments}
# Mẫu giao diện và CSS riêng của phường trong theme/ thay cho bản của bộ máy.
THEME_TEMPLATES_OVERRIDES, THEME_STATIC_PATHS = overrides_in(__file__)
'''


def publishconf_text(answers: WardAnswers) -> str:
    return f'''"""Thiết lập bản chính thức (make publish): thiết lập của pelicanconf.py cùng
thiết lập đăng trang của bộ máy. Biến môi trường SITEURL, nếu có, được ưu tiên
hơn SITE_ADDRESS.
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402, F403

from ward_engine.defaults import publish_settings  # noqa: E402

# Địa chỉ trang người dân truy cập, ví dụ "https://hoathuan.cantho.gov.vn" hoặc
# một đường dẫn trong cổng của tỉnh, ví dụ "https://cantho.gov.vn/hoa-thuan".
SITE_ADDRESS = {json.dumps(answers.site_address, ensure_ascii=False)}

globals().update(publish_settings(SITE_ADDRESS, globals()))
'''


def requirements_text() -> str:
    return (
        "# Bộ máy trang tin phường; make upgrade đổi phiên bản này sau khi kiểm tra.\n"
        f"ward-engine=={version()}\n"
    )


def _fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


def intro_text(answers: WardAnswers) -> str:
    """The introduction data file (plugins/ward_intro) of a new site: what the
    answers already say (the ward, the office's contacts), so
    the contact page exists from the first build and `make check` lists only
    what the ward still has to write (history, organisation, the person who
    receives information requests…)."""
    import yaml

    summary = f"{answers.name} thuộc {answers.province}."
    # The former units are shown beside it, from WARD (ward_intro).
    office = {"unit": f"Ủy ban nhân dân {answers.name}"}
    for key in ("address", "phone", "email"):
        if getattr(answers, key):
            office[key] = getattr(answers, key)
    header = (
        f"# Giới thiệu {answers.name}. Tệp này tạo ba trang: Giới thiệu (trang/gioi-thieu/),\n"
        "# Cơ cấu tổ chức (trang/co-cau-to-chuc/) và Liên hệ (trang/lien-he/). Sửa trong\n"
        '# trình soạn bài, mục "Giới thiệu phường", hoặc sửa tay. Còn thiếu: điều kiện tự\n'
        "# nhiên (natural_conditions), lịch sử (history), di tích (relics), cơ cấu tổ chức\n"
        "# (organisation), giờ làm việc (hours), người tiếp nhận yêu cầu cung cấp thông tin\n"
        "# (info_officer): make check nhắc từng phần.\n"
    )
    # A block of text as the officer would write it; the contacts through the
    # YAML writer, which quotes what needs quoting ("Số 1: đường …").
    text = header + "summary: |\n" + textwrap.indent(textwrap.fill(summary, 86), "  ")
    if len(office) > 1:
        text += "\n" + yaml.safe_dump(
            {"contacts": [office]}, allow_unicode=True, sort_keys=False, width=88
        )
    return text if text.endswith("\n") else text + "\n"


def write_site(folder: Path, answers: WardAnswers, today: dt.date) -> None:
    """Create `folder` with the whole site, or leave nothing behind."""
    folder = folder.resolve()
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".ward-init-", dir=folder.parent))
    try:
        template = files().site_template
        values = {
            "name": answers.name,
            "province": answers.province,
            "date": today.isoformat(),
        }
        for source in sorted(template.rglob("*")):
            if not source.is_file() or "__pycache__" in source.parts:
                continue
            relative = source.relative_to(template).as_posix()
            targets = RENAMED_FILES.get(relative, [relative])
            if relative == "content/posts/chao-mung.md":
                targets = [f"content/posts/{today.year}/chao-mung.md"]
            for target in targets:
                destination = staging / target
                destination.parent.mkdir(parents=True, exist_ok=True)
                if relative.startswith("content/extra/"):  # icons: bytes as they are
                    shutil.copyfile(source, destination)
                    continue
                text = source.read_text(encoding="utf-8")
                if relative.startswith("content/") or relative == "README.md":
                    text = _fill(text, values)
                destination.write_text(text, encoding="utf-8")
        intro = staging / "content" / "data" / "gioi-thieu.yml"
        intro.parent.mkdir(parents=True, exist_ok=True)
        intro.write_text(intro_text(answers), "utf-8")
        (staging / "pelicanconf.py").write_text(pelicanconf_text(answers), "utf-8")
        (staging / "publishconf.py").write_text(publishconf_text(answers), "utf-8")
        (staging / "requirements.txt").write_text(requirements_text(), "utf-8")
        if folder.is_dir():
            folder.rmdir()  # empty (checked by the caller)
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _required(label: str):
    def validate(answer: str) -> str | None:
        return None if answer.strip() else f"Cần nhập {label}."

    return validate


def gather(args) -> WardAnswers:
    """Answers from the options, asking for what is missing (unless --yes)."""
    interactive = not args.yes
    name, province = args.ward or "", args.province or ""
    if interactive:
        name = name or ask(
            "Tên phường (ví dụ Phường Hòa Thuận)", validate=_required("tên phường")
        )
        province = province or ask(
            "Tỉnh/thành phố (ví dụ Thành phố Cần Thơ)",
            validate=_required("tỉnh/thành phố"),
        )
    missing = [
        o for o, v in (("--ward", name), ("--province", province)) if not v.strip()
    ]
    if missing:
        raise SystemExit(
            f"Thiếu {' và '.join(missing)}. Cách sửa: ghi tên phường và tỉnh, ví dụ "
            'ward init phuong-hoa-thuan --ward "Phường Hòa Thuận" '
            '--province "Thành phố Cần Thơ".'
        )
    answers = WardAnswers(
        name=" ".join(name.split()), province=" ".join(province.split())
    )
    answers.address = args.address or (
        ask("Địa chỉ trụ sở UBND phường") if interactive else ""
    )
    answers.phone = args.phone or (ask("Điện thoại") if interactive else "")
    answers.email = args.email or (ask("Thư điện tử") if interactive else "")
    answers.former_units = [parse_former(text) for text in args.former if text.strip()]
    if interactive and not args.former:
        print(
            "Các phường, xã cũ trước khi sáp nhập (01/7/2025); để trống rồi Enter để dừng."
        )
        while text := ask("Đơn vị cũ, dạng: Tên | Địa chỉ"):
            answers.former_units.append(parse_former(text))
    suggested = default_site_address(answers.name, answers.province)
    answers.site_address = args.site_address or (
        ask("Địa chỉ trang chính thức", default=suggested) if interactive else suggested
    )
    return answers


def run(args) -> int:
    folder = Path(args.folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        print(
            f'Thư mục "{args.folder}" đã có và không trống; ward init không ghi đè. '
            "Cách sửa: chọn tên thư mục mới.",
            file=sys.stderr,
        )
        return 1
    try:
        answers = gather(args)
    except (EOFError, KeyboardInterrupt):
        print(
            "\nChưa đủ câu trả lời nên chưa tạo trang. Cách sửa: chạy lại và trả lời các câu "
            'hỏi, hoặc ghi đủ tùy chọn kèm --yes, ví dụ --yes --ward "Phường Tân An" '
            '--province "Thành phố Cần Thơ".',
            file=sys.stderr,
        )
        return 1
    write_site(folder, answers, dt.datetime.now(VIETNAM).date())
    if answers.former_units and "former_units" not in ward_block(answers):
        # Never dropped silently: an engine before the two-tier identity has no field.
        print(
            "Lưu ý: bộ máy bản này chưa có mục đơn vị cũ (former_units) nên chưa ghi: "
            + "; ".join(unit.name for unit in answers.former_units)
            + ". Nâng cấp bộ máy (make upgrade) rồi thêm vào khối WARD.",
            file=sys.stderr,
        )
    print(
        f'Đã tạo trang {answers.name} trong "{args.folder}" (bộ máy ward-engine '
        f"{version()}).\nBước tiếp theo: cd {args.folder} rồi make serve (xem trước, soạn "
        "bài tại http://127.0.0.1:8000/quan-tri/)."
    )
    return 0


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "init",
        help="tạo thư mục trang mới cho một phường",
        description="Tạo thư mục trang tin của một phường: nội dung, thông tin phường, "
        "phiên bản bộ máy, Makefile, tệp CI. Thiếu thông tin nào thì hỏi.",
    )
    parser.add_argument("folder", metavar="THƯ_MỤC", help="thư mục sẽ tạo")
    parser.add_argument(
        "--ward", metavar="TÊN", help='tên phường, ví dụ "Phường Hòa Thuận"'
    )
    parser.add_argument("--province", metavar="TỈNH", help="tỉnh hoặc thành phố")
    parser.add_argument("--address", metavar="ĐỊA_CHỈ", help="địa chỉ trụ sở")
    parser.add_argument("--phone", metavar="SỐ", help="điện thoại")
    parser.add_argument("--email", metavar="THƯ", help="thư điện tử")
    parser.add_argument(
        "--former",
        action="append",
        default=[],
        metavar='"TÊN | ĐỊA_CHỈ"',
        help="một đơn vị cũ trước sáp nhập (lặp lại cho mỗi đơn vị)",
    )
    parser.add_argument(
        "--site-address",
        metavar="URL",
        help="địa chỉ trang chính thức (mặc định https://<phường>.<tỉnh>.gov.vn)",
    )
    parser.add_argument(
        "--yes", action="store_true", help="không hỏi, dùng các tùy chọn đã ghi"
    )
    parser.set_defaults(handler=run)
