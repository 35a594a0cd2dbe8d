"""Pages a preview rebuild writes into the folder being served are replaced
whole (ward_core.atomic): a reader sees the old page until the new one is
complete; a failed write leaves the old page and no stray file."""

from __future__ import annotations

import os

import pytest

from ward_core.atomic import AtomicTextFile, write_bytes_atomically


def test_the_old_page_is_read_until_the_new_one_is_complete(tmp_path):
    page = tmp_path / "index.html"
    page.write_text("<p>cũ</p>", encoding="utf-8")
    with AtomicTextFile(page, "utf-8") as stream:
        stream.write("<p>mới, phần đầu")
        assert page.read_text(encoding="utf-8") == "<p>cũ</p>"
        stream.write("</p>")
    assert page.read_text(encoding="utf-8") == "<p>mới, phần đầu</p>"
    assert os.listdir(tmp_path) == ["index.html"]


def test_a_failed_write_keeps_the_old_page(tmp_path):
    page = tmp_path / "index.html"
    page.write_text("<p>cũ</p>", encoding="utf-8")
    with pytest.raises(RuntimeError), AtomicTextFile(page, "utf-8") as stream:
        stream.write("<p>nửa")
        raise RuntimeError("template error")
    assert page.read_text(encoding="utf-8") == "<p>cũ</p>"
    assert os.listdir(tmp_path) == ["index.html"]


def test_a_hard_linked_file_is_replaced_not_written_through(tmp_path):
    cached = tmp_path / "cache.css"
    cached.write_bytes(b"a { color: red }")
    served = tmp_path / "site.css"
    os.link(cached, served)
    write_bytes_atomically(served, b"a{color:red}")
    assert served.read_bytes() == b"a{color:red}"
    assert cached.read_bytes() == b"a { color: red }"
