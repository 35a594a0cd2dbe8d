"""`ward upgrade [PHIÊN_BẢN]`: move a ward's site to a newer engine, or not at all.

Two halves, because what changed is known only to the new engine:
1. under the engine now installed: note the templates it has, install the
   new version (pip, from requirements.txt with the new pin);
2. under the new engine (a child process, `ward upgrade --after OLD`): rename
   settings its table renamed since OLD (each with a note in the file), run
   the check, report in Vietnamese what changed for the ward.
If the check fails the first half puts back the settings files, the pin and
the old engine. Nothing is switched silently.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

from ward_engine import files, version
from ward_engine.changes import NOTES, RENAMES, between, version_key

PIN = re.compile(
    r"^ward-engine\s*==\s*(?P<version>[^\s#;]+)", re.MULTILINE | re.IGNORECASE
)
SETTINGS_FILES = ("pelicanconf.py", "publishconf.py")
KEPT = ("requirements.txt", *SETTINGS_FILES)


class UpgradeError(Exception):
    """Why the upgrade stopped, for the officer."""


def template_digests(theme: Path) -> dict[str, str]:
    folder = theme / "templates"
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(
            path.read_bytes()
        ).hexdigest()
        for path in sorted(folder.rglob("*.html"))
    }


def pinned_version(site: Path) -> str:
    requirements = site / "requirements.txt"
    found = (
        PIN.search(requirements.read_text(encoding="utf-8"))
        if requirements.is_file()
        else None
    )
    if found is None:
        raise UpgradeError(
            "requirements.txt không có dòng ward-engine==<phiên bản>. Cách sửa: chạy lệnh "
            "trong thư mục trang do ward init tạo, hoặc thêm dòng ward-engine=="
            + version()
            + "."
        )
    return found["version"]


def pip(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
        capture_output=True,
        text=True,
    )


def newest_available() -> str:
    """The newest ward-engine pip can install here (index or find-links)."""
    result = pip(
        "install",
        "--dry-run",
        "--quiet",
        "--no-deps",
        "--upgrade",
        "--report",
        "-",
        "ward-engine",
    )
    try:
        report = json.loads(result.stdout)
        return (
            report["install"][0]["metadata"]["version"]
            if report["install"]
            else version()
        )
    except (ValueError, KeyError, IndexError) as exc:
        raise UpgradeError(
            "không tìm được bản mới của bộ máy (pip không trả lời). Cách sửa: kiểm tra mạng, "
            "hoặc ghi rõ phiên bản: make upgrade VERSION=0.3.0."
        ) from exc


def install_pin(site: Path, target: str) -> None:
    requirements = site / "requirements.txt"
    text = requirements.read_text(encoding="utf-8")
    requirements.write_text(PIN.sub(f"ward-engine=={target}", text, count=1), "utf-8")
    result = pip("install", "--quiet", "-r", str(requirements))
    if result.returncode != 0:
        raise UpgradeError(
            f"không cài được bộ máy bản {target}: "
            + (result.stderr.strip().splitlines() or ["pip lỗi"])[-1]
        )


def upgrade(site: Path, target: str | None) -> int:
    current = pinned_version(site)
    target = target or newest_available()
    if version_key(target) <= version_key(current):
        print(f"Trang đang dùng bộ máy bản {current}; không có bản mới hơn ({target}).")
        return 0
    print(f"Nâng cấp bộ máy từ bản {current} lên bản {target}…")
    kept = {
        name: (site / name).read_bytes() for name in KEPT if (site / name).is_file()
    }
    digests = site / ".cache" / "mau-bo-may-cu.json"
    digests.parent.mkdir(parents=True, exist_ok=True)
    digests.write_text(json.dumps(template_digests(files().theme)), "utf-8")
    try:
        install_pin(site, target)
        command = [sys.executable, "-m", "wardtools", "upgrade", "--after", current]
        command += ["--old-templates", str(digests)]
        after = subprocess.run(command, cwd=site)
        if after.returncode == 0:
            return 0
        problem = f"kiểm tra với bản {target} có lỗi (ở trên)"
    except UpgradeError as exc:
        problem = str(exc)
    for name, data in kept.items():
        (site / name).write_bytes(data)
    pip("install", "--quiet", "-r", str(site / "requirements.txt"))
    print(
        f"KHÔNG NÂNG CẤP: {problem}. Trang vẫn dùng bộ máy bản {current}; tệp thiết lập "
        "và requirements.txt giữ nguyên. Sửa các lỗi rồi chạy lại make upgrade.",
        file=sys.stderr,
    )
    return 1


def apply_renames(site: Path, old: str) -> list[str]:
    """Rewrite renamed settings in the ward's files; one line per rename done."""
    done = []
    for rename in between(RENAMES, old, version()):
        for name in SETTINGS_FILES:
            path = site / name
            if not path.is_file():
                continue
            text = path.read_text(encoding="utf-8")
            changed, count = rename.pattern.subn(rename.replacement(), text)
            if not count:
                continue
            if not rename.old.startswith("WARD."):
                note = f"# Đổi tên từ {rename.old} (bộ máy bản {rename.since}).\n"
                changed = re.sub(
                    rf"^(?={re.escape(rename.new)}\s*=)", note, changed, flags=re.M
                )
            path.write_text(changed, encoding="utf-8")
            done.append(
                f'{name}: "{rename.old}" đổi tên thành "{rename.new}" (bản {rename.since}); '
                "đã sửa trong tệp."
            )
    return done


def template_changes(site: Path, old_digests: dict[str, str]) -> list[str]:
    own = site / "theme" / "templates"
    if not own.is_dir():
        return []
    new_digests = template_digests(files().theme)
    lines = []
    for name in sorted(p.relative_to(own).as_posix() for p in own.rglob("*.html")):
        if name not in new_digests:
            if name in old_digests:
                lines.append(
                    f"theme/templates/{name}: bản mới không còn mẫu này; bản sửa riêng của "
                    "phường không còn được dùng."
                )
        elif name in old_digests and old_digests[name] != new_digests[name]:
            lines.append(
                f"theme/templates/{name}: bản mới đã sửa mẫu này; so bản sửa riêng của phường "
                f"với mẫu mới ({files().theme / 'templates' / name}) và chép lại phần cần giữ."
            )
    return lines


def after_install(site: Path, old: str, old_templates: Path) -> int:
    """The new engine's half: migrate, check, report."""
    renamed = apply_renames(site, old)
    check = subprocess.run([sys.executable, "-m", "wardtools", "check"], cwd=site)
    if check.returncode != 0:
        return 1
    digests = json.loads(old_templates.read_text(encoding="utf-8"))
    notes = [note.text for note in between(NOTES, old, version())]
    templates = template_changes(site, digests)
    print(
        f"\nĐã nâng cấp bộ máy từ bản {old} lên bản {version()}. Những gì thay đổi với phường:"
    )
    for title, lines in (
        ("Thiết lập đổi tên", renamed),
        ("Mẫu giao diện phường đã sửa", templates),
        ("Ghi chú của bản mới", notes),
    ):
        if lines:
            print(f"  {title}:")
            print("\n".join(f"    - {line}" for line in lines))
    if not (renamed or templates or notes):
        print("  Không có gì phường phải làm.")
    return 0


def run(args) -> int:
    site = Path.cwd()
    try:
        if args.after:
            return after_install(site, args.after, Path(args.old_templates))
        return upgrade(site, args.version)
    except UpgradeError as exc:
        print(f"Không nâng cấp: {exc}", file=sys.stderr)
        return 1


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "upgrade",
        help="nâng cấp bộ máy sau khi kiểm tra nội dung",
        description="Cài bản mới của bộ máy, đổi tên thiết lập đã đổi, kiểm tra nội dung; chỉ "
        "đổi phiên bản trong requirements.txt khi kiểm tra đạt.",
    )
    parser.add_argument(
        "version", nargs="?", metavar="PHIÊN_BẢN", help="phiên bản (mặc định: mới nhất)"
    )
    # The new engine's half (run by the first half, not by hand).
    parser.add_argument("--after", help=argparse.SUPPRESS)
    parser.add_argument("--old-templates", help=argparse.SUPPRESS)
    parser.set_defaults(handler=run)
