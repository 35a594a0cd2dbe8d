"""A save through the editor is analysed once: the preview's worker trusts the
editor's check of the same bytes (wardtools/analysis.py), over the real
preview server."""

from __future__ import annotations

import json
from pathlib import Path

from tests.editorkit import preview_server
from tests.sitekit import copy_sample_content
from wardtools.analysis import COUNT_VARIABLE

POST = "content/posts/2023/ra-quan-chu-nhat-xanh/index.md"
PAGE = "ra-quan-ngay-chu-nhat-xanh-don-ve-sinh-kenh-rach/"


def _save(preview, raw: str) -> None:
    status, answer = preview.post(
        {
            "action": "persistEntry",
            "params": {"dataFiles": [{"path": POST, "raw": raw}], "assets": []},
        }
    )
    assert status == 200, answer


def _analyses(log: Path) -> int:
    return len(log.read_text().splitlines()) if log.exists() else 0


def test_one_save_is_analysed_once_whatever_the_preview_rebuilds(tmp_path, monkeypatch):
    log = tmp_path / "analyses.log"
    monkeypatch.setenv(COUNT_VARIABLE, str(log))  # the server and its worker inherit it
    content = copy_sample_content(tmp_path / "content")
    with preview_server(tmp_path, content) as preview:
        assert _analyses(log) >= 1  # the first build checked the site
        _, entry = preview.post({"action": "getEntry", "params": {"path": POST}})
        original = entry["data"]

        # A body edit (the worker's in-memory path).
        log.unlink()
        _save(preview, original + "\nCâu mới thêm vào thân bài.\n")
        preview.wait_for(PAGE, lambda html: "Câu mới thêm vào thân bài." in html)
        assert _analyses(log) == 1

        # A title edit (lists change: the lists from memory, then a full build).
        log.unlink()
        edited = original.replace("dọn vệ sinh kênh rạch", "vớt rác lần hai")
        assert edited != original
        _save(preview, edited)
        preview.wait_for("/", lambda html: "vớt rác lần hai" in html)
        preview.wait_for(
            "__wardtools/status", lambda text: not json.loads(text)["building"]
        )
        assert _analyses(log) == 1

        # A file changed by hand (not through the editor) is checked by the build.
        log.unlink()
        path = content / POST.removeprefix("content/")
        path.write_text(
            path.read_text(encoding="utf-8") + "\nSửa tay.\n", encoding="utf-8"
        )
        preview.wait_for(PAGE, lambda html: "Sửa tay." in html)
        assert _analyses(log) == 1
