"""The "Liên kết" sidebar, per-post links, validation, and linkcheck on a local server."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PIL import Image

from tests.sitekit import PROJECT, run_build, write_post

LINKS = """
- title: Dịch vụ công
  links:
    - title: Cổng Dịch vụ công quốc gia
      url: https://dichvucong.gov.vn
      image: data/banners/dvc.png
    - title: Cổng thành phố
      url: https://cantho.gov.vn
      new_tab: true
- title: Chiến dịch
  links:
    - title: Tiêm chủng tháng 3
      url: https://tiemchung.phuong.test
      valid_from: 01/03/2024
      valid_until: 31/03/2024
    - title: Hiến máu tháng 5
      url: https://hienmau.phuong.test
      valid_from: 01/05/2024
- title: Liên hệ
  links:
    - title: Gọi đường dây nóng
      url: tel:02923820115
      description: Trực 24/7
"""


def _content(root: Path, links: str = LINKS, post_links: bool = True) -> Path:
    content = root / "content"
    related = (
        "links:\n  - title: Văn bản gốc\n    url: https://vanban.phuong.test/1\n"
        "    description: bản PDF\n"
        if post_links
        else ""
    )
    write_post(
        content,
        "posts/a.md",
        "---\ntitle: Bài có liên kết\ndate: 2024-03-10\nofficials:\n  - Ông A Văn B – Chủ tịch\n"
        f"plan: 1/KH-UBND\n{related}---\nNội dung.\n",
    )
    write_post(content, "pages/gioi-thieu.md", "---\ntitle: Giới thiệu\n---\nTrang.\n")
    (content / "data" / "banners").mkdir(parents=True)
    Image.new("RGB", (800, 200), (10, 60, 140)).save(
        content / "data" / "banners" / "dvc.png"
    )
    (content / "data" / "links.yml").write_text(links, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def links_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("links")
    build = run_build(
        _content(root), root / "output", overrides={"BUILD_DATE": "2024-03-15"}
    )
    assert build.ok, build.log
    return build


def test_sidebar_groups_order_and_attributes(links_site):
    aside = links_site.html("index.html").select_one("aside#lien-ket")
    assert aside.h2.get_text() == "Liên kết"
    groups = [
        (s.h3.get_text(), [a["href"] for a in s.select("a")])
        for s in aside.select("section")
    ]
    assert groups == [
        ("Dịch vụ công", ["https://dichvucong.gov.vn", "https://cantho.gov.vn"]),
        ("Chiến dịch", ["https://tiemchung.phuong.test"]),
        ("Liên hệ", ["tel:02923820115"]),
    ]
    first, second = aside.select("section")[0].select("a")
    assert first["rel"] == ["noopener", "noreferrer"] and "target" not in first.attrs
    assert second["target"] == "_blank"
    tel = aside.select_one('a[href^="tel:"]')
    assert "rel" not in tel.attrs
    assert aside.select_one(".link-description").get_text() == "Trực 24/7"


def test_banner_is_processed_with_its_size(links_site):
    img = links_site.html("index.html").select_one("aside#lien-ket img")
    assert img["alt"] == "Cổng Dịch vụ công quốc gia"
    assert (img["width"], img["height"]) == ("640", "160")
    assert [c.split()[1] for c in img["srcset"].split(", ")] == ["320w", "640w"]
    assert (links_site.output / img["src"].lstrip("/")).is_file()


# Every window edge is unit-tested in tests/test_checkers.py; one build shows
# that the sidebar follows the build date.
@pytest.mark.parametrize(
    ("build_date", "shown"),
    [("2024-03-01", ["Tiêm chủng tháng 3"]), ("2030-01-01", ["Hiến máu tháng 5"])],
)
def test_campaign_links_appear_and_disappear(tmp_path, build_date, shown):
    build = run_build(
        _content(tmp_path), tmp_path / "out", overrides={"BUILD_DATE": build_date}
    )
    assert build.ok, build.log
    aside = build.html("index.html").select_one("aside#lien-ket")
    titles = [a.get_text() for a in aside.select("section a")]
    campaign = [t for t in titles if "tháng" in t]
    assert campaign == shown


def test_sidebar_on_every_page_type(links_site):
    for page in (
        "index.html",
        "bai-co-lien-ket/",
        "trang/gioi-thieu/",
        "chuyen-muc/tin-tuc/",
        "luu-tru/",
        "luu-tru/2024/",
        "can-bo/",
        "can-bo/a-van-b/",
        "van-ban/1-kh-ubnd/",
        "404.html",
    ):
        assert links_site.html(page).select_one("aside#lien-ket") is not None, page


def test_post_links(links_site):
    section = links_site.html("bai-co-lien-ket/").select_one("section.related-links")
    link = section.a
    assert (link["href"], link.get_text()) == (
        "https://vanban.phuong.test/1",
        "Văn bản gốc",
    )
    assert "bản PDF" in section.get_text()


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _answer(self):
        if self.path == "/tot":
            self.send_response(200)
            self.end_headers()
        elif self.path == "/chuyen":
            self.send_response(301)
            self.send_header("Location", "/tot")
            self.end_headers()
        elif self.path == "/vong":
            self.send_response(302)
            self.send_header("Location", "/vong")
            self.end_headers()
        elif self.path == "/cham":
            time.sleep(6)
            self.send_response(200)
            self.end_headers()
        elif self.path == "/chi-get" and self.command == "HEAD":
            self.send_response(405)
            self.end_headers()
        elif self.path == "/chi-get":
            self.send_response(200)
            self.end_headers()
        else:
            self.send_response(404)
            self.end_headers()

    do_HEAD = _answer  # noqa: N815 - http.server's naming
    do_GET = _answer  # noqa: N815


@pytest.fixture
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def _linkcheck(content: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "wardtools",
            "linkcheck",
            "--content",
            str(content),
            *extra,
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_linkcheck_against_a_local_server(tmp_path, local_server):
    base = local_server
    links = "- title: Nhóm\n  links:\n" + "".join(
        f"    - title: {name}\n      url: {base}/{name}\n"
        for name in ("tot", "chuyen", "vong", "cham", "mat", "chi-get")
    )
    content = _content(tmp_path, links, post_links=False)  # never leave 127.0.0.1
    write_post(
        content,
        "posts/c.md",
        f"---\ntitle: C\ndate: 2024-01-01\n---\nXem [đây]({base}/mat-2).\n",
    )
    started = time.monotonic()
    # A 3 s limit per link: the slow link (6 s) is past it, a redirect on a
    # loaded machine is not (with 1 s, CI once timed out the 301).
    result = _linkcheck(content, "--timeout", "3", "--max-time", "30")
    assert time.monotonic() - started < 20  # in parallel, with a per-link limit
    broken = {
        line.split()[1]
        for line in result.stdout.splitlines()
        if line.startswith("HỎNG")
    }
    assert broken == {f"{base}/vong", f"{base}/cham", f"{base}/mat", f"{base}/mat-2"}
    assert "redirect loop" in result.stdout
    assert "HTTP 404" in result.stdout
    assert "quá 3 giây" in result.stdout
    assert "posts/c.md:5" in result.stdout
    assert "data/links.yml:" in result.stdout
    assert result.returncode == 1


def test_linkcheck_without_network_marks_nothing_broken(tmp_path):
    probe = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    port = probe.server_port
    probe.server_close()  # nothing listens there any more: every connection is refused
    links = f"- title: Nhóm\n  links:\n    - title: A\n      url: http://127.0.0.1:{port}/a\n"
    content = _content(tmp_path, links, post_links=False)
    result = _linkcheck(content, "--timeout", "2")
    assert result.returncode == 0
    assert "Không có kết nối mạng" in result.stdout
    assert "HỎNG" not in result.stdout
