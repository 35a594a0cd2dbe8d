"""`ward serve` answers at once from the last good preview and brings it up to
date in the background, over real HTTP against the real server. The order is
made by the build lock (wardtools/publish_swap.py), which the test holds so the
server's first build waits: the old page must be served while it waits, the
new one after. Never by timings."""

from __future__ import annotations

import contextlib
import json

import pytest

from tests import previewkit
from tests.editorkit import Preview
from tests.sitekit import copy_sample_content, run_build
from wardtools.publish_swap import build_lock

POST = "posts/2023/ra-quan-chu-nhat-xanh/index.md"
PAGE = "ra-quan-ngay-chu-nhat-xanh-don-ve-sinh-kenh-rach/"
# The summary, shown on the home page (a title edit would move the post's address).
OLD = "Hơn 150 đoàn viên"
NEW = "Hơn 200 đoàn viên"


def _earlier_preview(tmp_path):
    """The sample site with a preview built yesterday, then a post edited by hand
    while the preview was off."""
    content = copy_sample_content(tmp_path / "content")
    built = run_build(content, tmp_path / "preview")
    assert built.ok, built.log
    return content


def _state(preview: Preview) -> dict:
    status, body = preview.get("__wardtools/status")
    assert status == 200
    return json.loads(body)


@pytest.mark.browser
def test_the_earlier_preview_is_served_while_the_new_one_is_built(tmp_path, page):
    content = _earlier_preview(tmp_path)
    post = content / POST
    original = post.read_text(encoding="utf-8")
    assert OLD in original
    post.write_text(original.replace(OLD, NEW), encoding="utf-8")
    held = contextlib.ExitStack()
    held.enter_context(build_lock(tmp_path / "preview"))  # the server's build waits
    try:
        with previewkit.preview_server(content, tmp_path) as server:
            preview = Preview(server.base, content, tmp_path / "preview")
            home = preview.wait_for("/", lambda html: "</html>" in html)
            assert OLD in home and NEW not in home  # the earlier preview, at once
            state = _state(preview)
            assert state["building"] and state["ok"], state

            # The banner says the page is being brought up to date.
            page.goto(preview.base)
            overlay = page.locator("#ward-preview-problems")
            overlay.get_by_text("Đang cập nhật bản xem trước").wait_for(timeout=30_000)
            assert "tự tải lại" in overlay.inner_text()

            # The editor works meanwhile, and a save made now is not lost.
            status, html = preview.get("quan-tri/")
            assert status == 200 and b"<html" in html
            status, entry = preview.post(
                {"action": "getEntry", "params": {"path": "content/" + POST}}
            )
            assert status == 200, entry
            saved = entry["data"] + "\nCâu lưu trong lúc đang cập nhật.\n"
            status, answer = preview.post(
                {
                    "action": "persistEntry",
                    "params": {
                        "dataFiles": [{"path": "content/" + POST, "raw": saved}],
                        "assets": [],
                    },
                }
            )
            assert status == 200, answer
            assert OLD in preview.get("/")[1].decode()  # still the earlier site

            held.close()  # the build may run now
            # The open page reloads itself with the new title.
            page.get_by_text(NEW).first.wait_for(timeout=120_000)
            preview.wait_for("/", lambda html: NEW in html and OLD not in html)
            preview.wait_for(
                PAGE, lambda html: "Câu lưu trong lúc đang cập nhật." in html
            )
            state = _state(preview)
            assert state["ok"] and not state["errors"], state
    finally:
        held.close()
    assert "Traceback" not in server.log
    assert "Đang hiện bản xem trước lần trước" in server.log


def test_a_broken_source_at_start_keeps_the_earlier_preview(tmp_path):
    content = _earlier_preview(tmp_path)
    served = (tmp_path / "preview" / PAGE / "index.html").read_bytes()
    post = content / POST
    post.write_text(
        post.read_text(encoding="utf-8").replace(
            "date: 2023-07-09 06:30", "date: 31/02/2023"
        ),
        encoding="utf-8",
    )
    with previewkit.preview_server(content, tmp_path) as server:
        preview = Preview(server.base, content, tmp_path / "preview")
        preview.wait_for("/", lambda html: "</html>" in html)
        # Building from before the server listens, until the first build ends.
        preview.wait_for(
            "__wardtools/status", lambda text: not json.loads(text)["building"]
        )
        first = _state(preview)
        assert not first["ok"], first
        problems = "\n".join(first["errors"])
        assert "ra-quan-chu-nhat-xanh/index.md:3" in problems
        assert "không có thật" in problems
        # The earlier page is still served, whole.
        status, body = preview.get(PAGE)
        assert status == 200 and "Ngày Chủ nhật xanh" in body.decode()
        assert (tmp_path / "preview" / PAGE / "index.html").read_bytes() == served
    assert "Traceback" not in server.log
    assert "vẫn là bản lần trước" in server.log
