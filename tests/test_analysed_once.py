"""A save through the editor is analysed once: the preview's worker trusts the
editor's check of the same bytes (wardtools/analysis.py); a save that changed
only a body is checked from the last analysis, reading that file and not the
site (wardtools/check.py, analyse_edit), by the editor and by the worker;
over the real preview server."""

from __future__ import annotations

import json
from collections import Counter
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


def _analyses(log: Path) -> Counter:
    """How many analyses of each kind ran: "site" (every source read and
    checked) and "edit" (a body edit analysed from the last analysis)."""
    lines = log.read_text().splitlines() if log.exists() else []
    return Counter(line.split()[1] for line in lines)


def test_one_save_is_analysed_once_whatever_the_preview_rebuilds(tmp_path, monkeypatch):
    log = tmp_path / "analyses.log"
    monkeypatch.setenv(COUNT_VARIABLE, str(log))  # the server and its worker inherit it
    content = copy_sample_content(tmp_path / "content")
    with preview_server(tmp_path, content) as preview:
        assert _analyses(log)["site"] >= 1  # the first build checked the site
        _, entry = preview.post({"action": "getEntry", "params": {"path": POST}})
        original = entry["data"]

        # A body edit (the worker's in-memory path); the editor writes the
        # header its own way on the first save.
        log.unlink()
        _save(preview, original + "\nCâu mới thêm vào thân bài.\n")
        preview.wait_for(PAGE, lambda html: "Câu mới thêm vào thân bài." in html)
        assert _analyses(log) == {"site": 1}

        # Another: the site is not read again at all. The editor checks the
        # new body from its analysis of the last save, the worker from its
        # own last analysis; each reads the one file.
        log.unlink()
        _, entry = preview.post({"action": "getEntry", "params": {"path": POST}})
        _save(preview, entry["data"] + "\nCâu thứ hai.\n")
        preview.wait_for(PAGE, lambda html: "Câu thứ hai." in html)
        assert _analyses(log) == {"edit": 2}

        # A title edit (lists change: the lists from memory, then a full build).
        log.unlink()
        edited = original.replace("dọn vệ sinh kênh rạch", "vớt rác lần hai")
        assert edited != original
        _save(preview, edited)
        preview.wait_for("/", lambda html: "vớt rác lần hai" in html)
        preview.wait_for(
            "__wardtools/status", lambda text: not json.loads(text)["building"]
        )
        assert _analyses(log) == {"site": 1}

        # A body changed by hand (not through the editor) is checked by the
        # worker, from its last analysis (the title edit's full build).
        log.unlink()
        path = content / POST.removeprefix("content/")
        path.write_text(
            path.read_text(encoding="utf-8") + "\nSửa tay.\n", encoding="utf-8"
        )
        preview.wait_for(PAGE, lambda html: "Sửa tay." in html)
        assert _analyses(log) == {"edit": 1}

        # A header changed by hand: the whole site is analysed for the lists
        # shown at once, and again by the full build that follows them (a hand
        # edit leaves no editor's findings to take).
        log.unlink()
        path.write_text(
            path.read_text(encoding="utf-8").replace("vớt rác lần hai", "lần ba"),
            encoding="utf-8",
        )
        preview.wait_for("/", lambda html: "lần ba" in html)
        preview.wait_for(
            "__wardtools/status", lambda text: not json.loads(text)["building"]
        )
        assert _analyses(log) == {"site": 2}

        # The editor heard of those edits (the preview's watcher): its next
        # save reads the site again.
        log.unlink()
        _, entry = preview.post({"action": "getEntry", "params": {"path": POST}})
        _save(preview, entry["data"] + "\nCâu thứ ba.\n")
        preview.wait_for(PAGE, lambda html: "Câu thứ ba." in html)
        assert _analyses(log) == {"site": 1, "edit": 1}
