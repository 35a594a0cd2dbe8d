"""Pagefind indexes pages while the build writes them: the same index as the CLI."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ward_search.indexer import build_index
from ward_search.live import LiveIndex, page_url
from ward_search.stable import MAGIC

from tests.sitekit import PROJECT, copy_sample_content, run_build
from ward_core.urls import ROOT_MARKER


def _page(title: str, text: str, extra: str = "") -> str:
    return (
        f'<html lang="vi"><body><article data-pagefind-body><h1>{title}</h1>'
        f"<p>{text}</p>{extra}</article></body></html>"
    )


def _fragments(site: Path) -> dict[str, bytes]:
    """Pagefind's per-page records, named after their content: order-free."""
    folder = site / "pagefind" / "fragment"
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def _urls(site: Path) -> list[str]:
    return sorted(
        json.loads(gzip.decompress(data)[len(MAGIC) :])["url"]
        for data in _fragments(site).values()
    )


def _same_as_cli(site: Path, tmp_path: Path) -> None:
    """The CLI over a copy of the finished site gives the same records."""
    reference = tmp_path / "cli"
    shutil.copytree(site, reference, ignore=shutil.ignore_patterns("pagefind"))
    build_index(reference)
    assert _fragments(site) == _fragments(reference)
    assert _urls(site) == _urls(reference)


@pytest.mark.parametrize(
    ("relative", "url"),
    [
        ("index.html", "/"),
        ("tin-tuc/index.html", "/tin-tuc/"),
        ("a/b/index.html", "/a/b/"),
        ("404.html", "/404.html"),
        ("van-ban/mau.html", "/van-ban/mau.html"),
    ],
)
def test_page_url_is_the_one_pagefind_gives_a_file(relative, url):
    assert page_url(relative) == url


def test_pages_written_late_changed_or_unannounced_end_up_as_on_disk(tmp_path):
    site = tmp_path / "site"
    (site / "bai-mot").mkdir(parents=True)
    (site / "bai-hai").mkdir()
    live = LiveIndex(site)
    try:
        first = site / "bai-mot" / "index.html"
        first.write_text(_page("Bài một", "Đường Trần Hưng Đạo"), encoding="utf-8")
        live.page_written(first)
        second = site / "bai-hai" / "index.html"
        second.write_text(_page("Bài hai", "bản nháp cũ"), encoding="utf-8")
        live.page_written(second)
        (site / "style.css").write_text("body{}", encoding="utf-8")
        live.page_written(site / "style.css")  # not a page: ignored, as by the CLI
        # After the writer: a plugin rewrites a page and writes another unannounced.
        time.sleep(0.01)
        second.write_text(_page("Bài hai", "bản cuối cùng"), encoding="utf-8")
        (site / "cu").mkdir()
        (site / "cu" / "index.html").write_text(
            _page("Trang cũ", "địa chỉ cũ của cổng thông tin"), encoding="utf-8"
        )
        (site / "chuyen-huong.html").write_text(
            '<html><head><meta http-equiv="refresh" content="0; url=/bai-mot/">'
            "</head><body>Chuyển tới bài một</body></html>",
            encoding="utf-8",
        )
        live.finish()
    finally:
        live.stop()
    assert _urls(site) == ["/bai-hai/", "/bai-mot/", "/cu/"]
    texts = b"".join(gzip.decompress(data) for data in _fragments(site).values())
    assert "bản cuối cùng".encode() in texts
    assert "bản nháp".encode() not in texts
    _same_as_cli(site, tmp_path)


def test_a_page_removed_after_it_was_sent_is_not_indexed(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    live = LiveIndex(site)
    try:
        for name in ("giu", "xoa"):
            (site / f"{name}.html").write_text(
                _page(name, f"nội dung {name}"), encoding="utf-8"
            )
            live.page_written(site / f"{name}.html")
        (site / "xoa.html").unlink()
        live.finish()
    finally:
        live.stop()
    assert _urls(site) == ["/giu.html"]
    _same_as_cli(site, tmp_path)


@pytest.mark.parametrize("with_body", [True, False])
def test_pages_without_a_body_are_held_back_only_while_another_has_one(
    tmp_path, with_body
):
    """Pagefind drops pages without data-pagefind-body only if some page has one;
    a page that merely mentions the attribute in its text has none."""
    site = tmp_path / "site"
    site.mkdir()
    pages = {
        "danh-sach.html": "<html><body><h1>Danh sách</h1><p>Tin tức phường</p></body></html>",
        "huong-dan.html": (
            "<html><body><h1>Hướng dẫn</h1><p>Thuộc tính "
            "<code>&lt;article data-pagefind-body&gt;</code> đánh dấu bài.</p></body></html>"
        ),
    }
    if with_body:
        pages["bai.html"] = _page("Bài", "họp tổ dân phố")
    live = LiveIndex(site)
    try:
        for name, html in pages.items():
            (site / name).write_text(html, encoding="utf-8")
            live.page_written(site / name)
        live.finish()
    finally:
        live.stop()
    expected = ["/bai.html"] if with_body else ["/danh-sach.html", "/huong-dan.html"]
    assert _urls(site) == expected
    _same_as_cli(site, tmp_path)


def test_relative_addresses_are_indexed_as_they_end_up_on_disk(tmp_path):
    site = tmp_path / "site"
    (site / "bai").mkdir(parents=True)
    page = site / "bai" / "index.html"
    photo = f'<img src="{ROOT_MARKER}/anh/cho.jpg" alt="Chợ phường">'
    page.write_text(_page("Chợ", "họp chợ", photo), encoding="utf-8")
    live = LiveIndex(site, resolve_root=True)
    try:
        live.page_written(page)
        # What ward_site does at the end of a relative build.
        time.sleep(0.01)
        page.write_text(
            page.read_text(encoding="utf-8").replace(ROOT_MARKER, ".."),
            encoding="utf-8",
        )
        live.finish()
    finally:
        live.stop()
    texts = b"".join(gzip.decompress(data) for data in _fragments(site).values())
    assert b"../anh/cho.jpg" in texts and ROOT_MARKER.encode() not in texts
    _same_as_cli(site, tmp_path)


def test_the_sample_site_index_is_the_one_the_cli_gives(sample_build, tmp_path):
    """Redirects, document-number pages and the 404 page are written by plugins
    without telling Pelican: they must count exactly as the CLI counts them."""
    _same_as_cli(sample_build.output, tmp_path)


# --- a broken Pagefind fails the build, in Vietnamese, and leaves nothing running ----

FAKE_PAGEFIND = """\
#!{python}
# A Pagefind that answers like the real one, then dies half-way through the pages.
import base64, json, os, sys
open({pid_file!r}, "w").write(str(os.getpid()))
buffer, pages = b"", 0
while chunk := os.read(0, 65536):
    buffer += chunk
    while b"," in buffer:
        raw, buffer = buffer.split(b",", 1)
        request = json.loads(base64.b64decode(raw))
        kind = request["payload"]["type"]
        if kind == "AddFile":
            pages += 1
            if pages == 3:
                sys.stderr.write("thread 'main' panicked: out of memory\\n")
                sys.exit(101)
        reply = {{"type": "NewIndex", "index_id": 0}} if kind == "NewIndex" else {{
            "type": "IndexedFile", "page_word_count": 1, "page_url": "/", "page_meta": {{}}
        }}
        message = {{"message_id": request["message_id"], "payload": reply}}
        os.write(1, base64.b64encode(json.dumps(message).encode()) + b",")
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return status.exists() and status.read_text().split(")")[-1].split()[0] != "Z"


@pytest.mark.parametrize("broken", ["missing", "dies"])
def test_a_broken_pagefind_fails_the_build_and_stops(tmp_path, broken):
    content = copy_sample_content(tmp_path / "content")
    output = tmp_path / "output"
    pid_file = tmp_path / "pagefind.pid"
    binary = tmp_path / "pagefind"
    if broken == "dies":
        binary.write_text(
            FAKE_PAGEFIND.format(python=sys.executable, pid_file=str(pid_file)),
            encoding="utf-8",
        )
        binary.chmod(binary.stat().st_mode | stat.S_IXUSR)
    build = run_build(content, output, env={"PAGEFIND_BINARY_PATH": str(binary)})
    assert not build.ok
    assert "Tìm kiếm: Pagefind không tạo được chỉ mục tìm kiếm" in build.log
    assert "make bootstrap" in build.log
    assert "Traceback" not in build.log
    assert not output.exists()  # a failed build publishes nothing
    if broken == "dies":
        assert "out of memory" in build.log
        assert not _alive(int(pid_file.read_text()))


# Appended to the scripts below: the build's answer and this process's
# children left running (a Pagefind that was not stopped).
CHILDREN_REPORT = """\
me = str(os.getpid())

def parent_of(pid):
    try:  # any process on the machine may end between listdir and the read
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1]
    except OSError:
        return None

children = [pid for pid in os.listdir("/proc") if pid.isdigit() and parent_of(pid) == me]
print(json.dumps({"ok": report.ok, "errors": report.errors, "children": children}))
"""


IN_PROCESS_BUILD = """\
import json, os, sys
from pathlib import Path
from wardtools.build import read_site_settings, run_site
overrides = json.loads(sys.argv[1])
settings = read_site_settings(Path("pelicanconf.py"), overrides)
report = run_site(settings, Path(sys.argv[2]))
"""
IN_PROCESS_BUILD += CHILDREN_REPORT


def test_pagefind_is_stopped_when_a_build_fails_half_way(tmp_path):
    """A template error stops Pelican before `finalized`. In a process that goes
    on (the preview worker), Pagefind, started with the build, must be gone."""
    theme = shutil.copytree(PROJECT / "theme", tmp_path / "theme")
    template = theme / "templates" / "article.html"
    broken = "{{ 1 // (article.title | length * 0) }}"  # fails while writing posts
    template.write_text(
        template.read_text(encoding="utf-8").replace(
            "{% block title %}", "{% block title %}" + broken, 1
        ),
        encoding="utf-8",
    )
    overrides = {
        "PATH": str(copy_sample_content(tmp_path / "content")),
        "THEME": str(theme),
        "CACHE_PATH": str(tmp_path / "cache"),
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            IN_PROCESS_BUILD,
            json.dumps(overrides),
            str(tmp_path / "out"),
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip(), result.stderr
    reply = json.loads(result.stdout.splitlines()[-1])
    assert not reply["ok"]
    assert "ZeroDivisionError" in " ".join(reply["errors"])
    assert reply["children"] == []


def test_after_an_edit_pages_taken_from_the_last_build_are_indexed(tmp_path):
    """`make html` after one edit links unchanged pages from the last build at
    the end; they are announced before they exist in the new site."""
    content = copy_sample_content(tmp_path / "content")
    output = tmp_path / "output"
    assert run_build(content, output).ok
    post = sorted(content.rglob("index.md"))[0]
    post.write_text(
        post.read_text(encoding="utf-8") + "\nĐoạn mới về đường Hùng Vương.\n",
        encoding="utf-8",
    )
    build = run_build(content, output)
    assert build.ok, build.log
    assert "trang không đổi" in build.log  # pages were taken, not written
    _same_as_cli(output, tmp_path)
    texts = b"".join(gzip.decompress(data) for data in _fragments(output).values())
    assert "Đoạn mới về đường Hùng Vương".encode() in texts


# --- after an edit: Pagefind seeded with the last build's pages ----------------------

POSTS = {
    f"bai-{number}/index.html": _page(
        f"Bài {number}", f"Họp tổ dân phố số {number} về đường Lê Lợi"
    )
    for number in range(1, 6)
}
LISTS = {
    "index.html": "<html><body><h1>Trang chủ</h1><p>Tin mới</p></body></html>",
    "gioi-thieu/index.html": _page("Giới thiệu", "Phường có 12 tổ dân phố"),
}


def _write_site(site: Path, previous: Path | None, pages, seed=None, early_after=""):
    """A build as the writer makes it: pages the same as in `previous` are
    announced first and linked in at the end; `early_after`: the last post.
    Returns the index and the canonical bundle's files."""
    from ward_search.stable import canonicalize

    site.mkdir()
    live = LiveIndex(site, previous=previous, seed=seed)
    taken = []
    try:
        if early_after:  # what the plugin does once Pelican has read the posts
            live.posts_first([name for name in pages if name.startswith("bai-")])
        for relative, html in pages.items():
            path = site / relative
            old = previous / relative if previous else None
            if old and old.is_file() and old.read_text(encoding="utf-8") == html:
                taken.append(relative)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(html, encoding="utf-8")
            live.page_written(path)
            if relative == early_after:
                live.early_bundle()
        for relative in taken:  # what ward_site does at the end
            (site / relative).parent.mkdir(parents=True, exist_ok=True)
            os.link(previous / relative, site / relative)
        live.finish()
    finally:
        live.stop()
    canonicalize(site)
    bundle = site / "pagefind"
    files = {
        path.relative_to(bundle).as_posix(): path.read_bytes()
        for path in sorted(bundle.rglob("*"))
        if path.is_file()
    }
    return live, files


def _edits(pages: dict[str, str], change: str) -> dict[str, str]:
    edited = dict(pages)
    if change == "body":
        edited["bai-3/index.html"] = _page("Bài 3", "Nội dung mới về chợ Bến Thành")
    elif change == "new post first":
        edited = {"bai-6/index.html": _page("Bài 6", "Bài mới nhất"), **edited}
    elif change == "post removed":
        del edited["bai-2/index.html"]
    elif change == "page after the posts":
        edited["gioi-thieu/index.html"] = _page("Giới thiệu", "Phường có 14 tổ")
    elif change == "order":
        first, second = "bai-1/index.html", "bai-2/index.html"
        edited = {second: edited[second], first: edited[first]} | edited
    elif change == "body lost":
        edited["bai-4/index.html"] = "<html><body><p>Đã gỡ</p></body></html>"
    return edited


@pytest.mark.parametrize(
    ("change", "early"),
    [
        ("none", True),
        ("body", True),
        ("new post first", False),
        ("post removed", False),
        ("page after the posts", False),
        ("order", False),
        ("body lost", False),
        ("edited by hand", False),
    ],
)
def test_a_seeded_index_is_the_one_the_build_sends_page_by_page(
    tmp_path, change, early
):
    """Seeded with the last build's pages, Pagefind ends with the very bundle
    (order of pages included) that sending each page as written gives; the
    bundle asked for after the posts is taken only when nothing changed after."""
    pages = POSTS | LISTS
    last_post = list(POSTS)[-1]
    first, _bundle = _write_site(tmp_path / "first", None, pages)
    assert first.state is not None and first.state.body
    assert [name for name, _s, _d in first.state.sent] == [
        *POSTS,
        "gioi-thieu/index.html",
    ]
    previous = tmp_path / "first"
    if change == "edited by hand":  # the last build's page, changed since
        page = previous / "bai-5" / "index.html"
        time.sleep(0.01)
        page.write_text(_page("Bài 5", "sửa tay"), encoding="utf-8")
    edited = _edits(pages, change)
    plain, expected = _write_site(tmp_path / "plain", previous, edited)
    seeded, found = _write_site(
        tmp_path / "seeded",
        previous,
        edited,
        seed=first.state,
        early_after=last_post,
    )
    assert found == expected
    assert _holds(seeded.state) == _holds(plain.state)
    assert seeded.early_taken is early


def _holds(state):
    """A state without its files' stamps (each build writes its own files)."""
    return [(name, digest) for name, _s, digest in state.sent], sorted(state.held)


EARLY_START_BUILD = """\
import json, os, sys
from pathlib import Path
from wardtools.build import build_site
overrides = json.loads(sys.argv[1])
report = build_site(Path("pelicanconf.py"), Path(sys.argv[2]), overrides)
"""
EARLY_START_BUILD += CHILDREN_REPORT


def test_pagefind_started_before_the_checks_stops_when_they_fail(tmp_path):
    """After a good build, the next one starts Pagefind before its checks: a
    check error (nothing built) must not leave it running in the process."""
    content = copy_sample_content(tmp_path / "content")
    output = tmp_path / "output"
    overrides = {"PATH": str(content), "CACHE_PATH": str(tmp_path / "cache")}

    def build() -> dict:
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                EARLY_START_BUILD,
                json.dumps(overrides),
                str(output),
            ],
            cwd=PROJECT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.stdout.strip(), result.stderr
        return json.loads(result.stdout.splitlines()[-1])

    assert build()["ok"]
    post = sorted(content.rglob("index.md"))[0]
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("title:", "tieu-de-sai:", 1), encoding="utf-8")
    reply = build()
    assert not reply["ok"] and reply["errors"]
    assert reply["children"] == []
