"""The preview in a real browser: a failed rebuild shows its problems over the
page (file, line, what to fix), the served page stays as it was, and the page
comes back when the post is fixed."""

from __future__ import annotations

import time
import urllib.request

import pytest

from tests.previewkit import preview_server
from tests.sitekit import copy_sample_content

POST = "posts/2023/ra-quan-chu-nhat-xanh/index.md"
URL = "ra-quan-ngay-chu-nhat-xanh-don-ve-sinh-kenh-rach/"


def _wait_http(url: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} never answered")


@pytest.mark.browser
def test_failed_rebuild_shows_problems_over_the_page(tmp_path, page):
    content = copy_sample_content(tmp_path / "content")
    preview_folder = tmp_path / "preview"
    with preview_server(content, tmp_path) as preview:
        base = preview.base
        _wait_http(base + URL)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base + URL)
        overlay = page.locator("#ward-preview-problems")
        # The sample site's notes (an official spelled two ways; budget periods
        # due, which depend on the day): shown, not blocking.
        overlay.wait_for(timeout=10_000)
        assert "Lưu ý trước khi đăng (" in overlay.inner_text()
        assert "Nên thống nhất một cách viết" in overlay.inner_text()
        served = (preview_folder / URL / "index.html").read_bytes()

        post = content / POST
        good = post.read_text()
        post.write_text(good.replace("date: 2023-07-09 06:30", "date: 31/02/2023"))
        page.get_by_text("1 lỗi cần sửa").wait_for(timeout=60_000)
        text = overlay.inner_text()
        assert "1 lỗi cần sửa" in text
        assert "ra-quan-chu-nhat-xanh/index.md:3" in text and "không có thật" in text
        assert (preview_folder / URL / "index.html").read_bytes() == served

        post.write_text(good + "\nĐoạn đã sửa xong.\n")
        page.get_by_text("Đoạn đã sửa xong.").wait_for(timeout=60_000)
        overlay.wait_for(timeout=10_000)
        assert "lỗi" not in overlay.inner_text()
        assert errors == []
    log = preview.log
    assert "Traceback" not in log and "BrokenPipeError" not in log
