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
from ward_core.analysis_log import COUNT_VARIABLE

POST = "content/posts/2023/ra-quan-chu-nhat-xanh/index.md"
PAGE = "ra-quan-ngay-chu-nhat-xanh-don-ve-sinh-kenh-rach/"
# The plugins whose checker parses a data file of the sample site (it has
# no notices and no redirects).
DATA_FILE_PLUGINS = {
    "ward_budget",
    "ward_comments",
    "ward_intro",
    "ward_leaders",
    "ward_links",
    "ward_map",
    "ward_procedures",
    "ward_procurement",
    "ward_qa",
    "ward_schedules",
}


def _save(preview, raw: str) -> None:
    status, answer = preview.post(
        {
            "action": "persistEntry",
            "params": {"dataFiles": [{"path": POST, "raw": raw}], "assets": []},
        }
    )
    assert status == 200, answer


def _lines(log: Path) -> list[list[str]]:
    return (
        [line.split(" ", 2) for line in log.read_text().splitlines()]
        if log.exists()
        else []
    )


def _analyses(log: Path) -> Counter:
    """How many analyses of each kind ran: "site" (every source read and
    checked) and "edit" (a body edit analysed from the last analysis)."""
    return Counter(scope for _, scope, _ in _lines(log) if scope in ("site", "edit"))


def _reads(log: Path) -> Counter:
    """How often each process parsed each post or page: (process, path)."""
    return Counter((pid, path) for pid, scope, path in _lines(log) if scope == "read")


def test_one_save_is_analysed_once_whatever_the_preview_rebuilds(tmp_path, monkeypatch):
    log = tmp_path / "analyses.log"
    monkeypatch.setenv(COUNT_VARIABLE, str(log))  # the server and its worker inherit it
    content = copy_sample_content(tmp_path / "content")
    posts = len(list(content.rglob("*.md")))
    with preview_server(tmp_path, content) as preview:
        assert _analyses(log)["site"] >= 1  # the first build checked the site
        # Its checks and Pelican's reader parsed each post once (the reader
        # takes the file the checks read, from the build session).
        first = _reads(log)
        assert max(first.values()) == 1, first.most_common(3)
        assert len({path for _, path in first}) == posts
        # And each data file, gallery and post's links once: the generators
        # and the posts' views take the checkers' models from the build
        # session (BuildSession.fact, file_fact).
        parses = Counter(
            (pid, what) for pid, scope, what in _lines(log) if scope == "parse"
        )
        assert max(parses.values()) == 1, parses.most_common(3)
        plugins = {what.split()[0] for _, what in parses}
        assert plugins == DATA_FILE_PLUGINS | {"ward_gallery"}
        _, entry = preview.post({"action": "getEntry", "params": {"path": POST}})
        original = entry["data"]

        # A body edit (the worker's in-memory path); the editor writes the
        # header its own way on the first save.
        log.unlink()
        _save(preview, original + "\nCâu mới thêm vào thân bài.\n")
        preview.wait_for(PAGE, lambda html: "Câu mới thêm vào thân bài." in html)
        assert _analyses(log) == {"site": 1}
        # The worker's whole analysis took every other post from its last one
        # (ward_core.sources.load_sources: known); the editor had none yet.
        by_process = Counter(pid for pid, _ in _reads(log))
        assert sorted(by_process.values()) == [1, posts], by_process

        # Another: the site is not read again at all. The editor checks the
        # new body from its analysis of the last save, the worker from its
        # own last analysis; each reads the one file.
        log.unlink()
        _, entry = preview.post({"action": "getEntry", "params": {"path": POST}})
        _save(preview, entry["data"] + "\nCâu thứ hai.\n")
        preview.wait_for(PAGE, lambda html: "Câu thứ hai." in html)
        assert _analyses(log) == {"edit": 2}
        assert {path for _, path in _reads(log)} == {str(content.parent / POST)}

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
        # Only the post, once per version and process: the editor parsed the
        # file on disk (its address) and the proposed text; the worker the
        # saved file, once: its lists path read it, and Pelican's reader and
        # the full build took it from there.
        reads = _reads(log)
        assert {path for _, path in reads} == {str(content.parent / POST)}
        assert sorted(reads.values()) == [1, 2], reads

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
        assert list(_reads(log).values()) == [1]  # the worker, the post

        # The editor heard of those edits (the preview's watcher): its next
        # save reads the site again.
        log.unlink()
        _, entry = preview.post({"action": "getEntry", "params": {"path": POST}})
        _save(preview, entry["data"] + "\nCâu thứ ba.\n")
        preview.wait_for(PAGE, lambda html: "Câu thứ ba." in html)
        assert _analyses(log) == {"site": 1, "edit": 1}
