"""Turning the editor on inside `make serve`: install Decap from the pinned
package-lock.json when it is missing, or say in Vietnamese why it is off."""

from __future__ import annotations

import ipaddress
import shutil
import subprocess
import sys
from pathlib import Path

from .web import Editor, editor_available, how_to_enable_editor


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def install_decap(project: Path) -> bool:
    """`npm ci` from the lock file (once); False when npm is missing or fails."""
    npm = shutil.which("npm")
    if npm is None or not (project / "package-lock.json").is_file():
        return False
    print("Đang cài trình soạn bài (npm ci, chỉ lần đầu)…", file=sys.stderr)
    # Only the editor: the test tools (devDependencies) come with make test.
    result = subprocess.run(
        [npm, "ci", "--omit=dev", "--no-audit", "--no-fund", "--ignore-scripts"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if result.returncode != 0:
        print(
            "Không cài được trình soạn bài (npm ci lỗi); kiểm tra mạng rồi chạy lại.",
            file=sys.stderr,
        )
        return False
    return editor_available(project)


def editor_for_preview(settings: dict, project: Path, host: str) -> Editor | None:
    if not _loopback(host):
        print(
            f"Trình soạn bài chỉ chạy khi xem trước trên chính máy này (--host 127.0.0.1), "
            f"không bật trên {host}.",
            file=sys.stderr,
        )
        return None
    if not editor_available(project) and not install_decap(project):
        print(how_to_enable_editor(), file=sys.stderr)
    # Without Decap the page at /quan-tri/ explains how to turn the editor on.
    return Editor(settings, Path(settings["PATH"]), project)
