"""Rating the information (Decree 224/2026/NĐ-CP Art. 10.3.b) in form mode: the built
page's form posts to the ward's form server (WARD_COMMENTS["form_action"]) with
the rating, the page and its title, without JavaScript and through the page's own
Content-Security-Policy; a local HTTP server stands for the ward's form server."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import parse_qs

import pytest

from tests.browserkit import serve_directory
from tests.sitekit import copy_sample_content, run_build

ARTICLE = "tuyen-truyen-phong-chay-chua-chay-tai-cac-khu-nha-tro/"
TITLE = "Tuyên truyền phòng cháy, chữa cháy tại các khu nhà trọ"
PROCEDURES = "thu-tuc-hanh-chinh/ho-tich/"


@contextmanager
def form_server() -> Iterator[tuple[str, list[dict[str, list[str]]]]]:
    """A form server on 127.0.0.1: yields its address and the forms it received."""
    received: list[dict[str, list[str]]] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8")
            received.append(
                {
                    **parse_qs(body, keep_blank_values=True),
                    "_type": [self.headers.get("Content-Type", "")],
                }
            )
            page = "<!doctype html><title>Đã nhận</title><p>Cảm ơn bạn đã đánh giá.</p>"
            data = page.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/danh-gia", received
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def form_site(tmp_path_factory):
    """The sample built in form mode, with the form server it posts to."""
    root = tmp_path_factory.mktemp("rating-form")
    content = copy_sample_content(root / "content")
    with form_server() as (action, received):
        build = run_build(
            content,
            root / "output",
            overrides={"WARD_COMMENTS": {"mode": "form", "form_action": action}},
        )
        assert build.ok, build.log
        yield build, action, received


@pytest.mark.parametrize(
    ("page", "title"),
    [(ARTICLE, TITLE), (PROCEDURES, "Thủ tục hành chính lĩnh vực Hộ tịch")],
)
def test_rating_form_in_form_mode_posts_to_the_form_server(form_site, page, title):
    build, action, _ = form_site
    soup = build.html(page)
    form = soup.select_one("form.rating")
    assert form["action"] == action and form["method"] == "post"
    hidden = {i["name"]: i["value"] for i in form.select('input[type="hidden"]')}
    assert hidden == {"kind": "danh-gia", "url": f"/{page}", "title": title}
    answers = form.select('input[type="radio"][name="rating"]')
    assert [a["value"] for a in answers] == ["Có", "Một phần", "Không"]
    assert answers[0].has_attr("required")
    # No personal data asked: no name, e-mail, phone or free text.
    assert not form.select(
        "input[type=text], input[type=email], input:not([type]), textarea"
    )
    # The page's own policy lets the form reach the ward's form server.
    csp = soup.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert f"form-action 'self' mailto: {action}" in csp


@pytest.mark.browser
def test_rating_is_sent_without_javascript(form_site, browser):
    build, action, received = form_site
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        with serve_directory(build.output) as base:
            tab.goto(f"{base}/{ARTICLE}")
            form = tab.locator("form.rating")
            # No answer chosen: the browser asks for one and nothing is sent.
            form.get_by_role("button", name="Gửi đánh giá").click()
            assert received == []
            form.get_by_label("Một phần").check()
            with tab.expect_navigation(url=action, timeout=60_000):
                form.get_by_role("button", name="Gửi đánh giá").click()
            assert "Cảm ơn bạn đã đánh giá." in tab.content()
    finally:
        context.close()
    [sent] = received
    assert sent["_type"] == ["application/x-www-form-urlencoded"]
    assert {k: v for k, v in sent.items() if k != "_type"} == {
        "kind": ["danh-gia"],
        "url": [f"/{ARTICLE}"],
        "title": [TITLE],
        "rating": ["Một phần"],
    }
