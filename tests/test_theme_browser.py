"""The theme in headless Chromium: no third-party requests, phone widths, layout
shift, accessibility (axe-core), print, share, and serving from a sub-path."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest

from tests.browserkit import free_port, serve_directory
from tests.sitekit import PROJECT, copy_sample_content, run_build
from tests.test_theme import ARTICLE, PAGES

pytestmark = pytest.mark.browser

AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"


def test_no_request_leaves_the_site(sample_build, page):
    with serve_directory(sample_build.output) as base:
        origin = urlsplit(base).netloc
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        for path in (
            "/",
            f"/{ARTICLE}",
            "/tim-kiem/?q=hoi+nghi",
            "/can-bo/pham-thanh-hoa/",
        ):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
        page.locator("a.photo-link").count()  # the lightbox images load on demand only
    foreign = [url for url in requests if urlsplit(url).netloc not in (origin, "")]
    assert foreign == []
    assert len(requests) > 10


@pytest.mark.parametrize(
    "name", ["home", "article", "category", "official", "document", "404"]
)
def test_no_horizontal_scroll_at_320px(sample_build, browser, name):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    with serve_directory(sample_build.output) as base:
        tab.goto(f"{base}/{PAGES[name].replace('index.html', '')}")
        tab.wait_for_load_state("networkidle")
        widths = tab.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
    context.close()
    assert widths[0] <= widths[1], widths


def test_images_cause_no_layout_shift(sample_build, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.add_init_script(
        """
        window.__shift = 0;
        new PerformanceObserver(list => {
          for (const entry of list.getEntries()) {
            if (!entry.hadRecentInput) window.__shift += entry.value;
          }
        }).observe({type: "layout-shift", buffered: true});
        """
    )
    with serve_directory(sample_build.output) as base:
        for path in (
            "/",
            f"/{ARTICLE}",
            "/ra-quan-ngay-chu-nhat-xanh-don-ve-sinh-kenh-rach/",
            "/tim-kiem/?q=h%E1%BB%99i+ngh%E1%BB%8B",  # results arrive after load
        ):
            tab.goto(base + path)
            tab.wait_for_load_state("networkidle")
            tab.mouse.wheel(0, 4000)  # bring the lazy photos in
            tab.wait_for_timeout(300)
            shift = tab.evaluate("() => window.__shift")
            assert shift < 0.01, (path, shift)
    context.close()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_axe_finds_no_wcag_violations(sample_build, browser, name):
    assert AXE.is_file(), "run: npm ci (make bootstrap-dev)"
    # axe is injected as an inline script, which our own CSP forbids: bypass it here.
    context = browser.new_context(
        bypass_csp=True, viewport={"width": 1280, "height": 900}
    )
    tab = context.new_page()
    with serve_directory(sample_build.output) as base:
        tab.goto(f"{base}/{PAGES[name].replace('index.html', '')}")
        tab.add_script_tag(path=str(AXE))
        result = tab.evaluate(
            """async () => {
              const r = await axe.run(document, {runOnly: {type: "tag",
                values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}});
              return r.violations.map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "));
            }"""
        )
    context.close()
    assert result == []


def test_dark_scheme_changes_colours(sample_build, browser):
    colours = []
    with serve_directory(sample_build.output) as base:
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme)
            tab = context.new_page()
            tab.goto(base + "/")
            colours.append(
                tab.evaluate("() => getComputedStyle(document.body).backgroundColor")
            )
            context.close()
    assert colours[0] == "rgb(255, 255, 255)" and colours[1] != colours[0]


def test_print_hides_menus_and_keeps_captions(sample_build, page):
    with serve_directory(sample_build.output) as base:
        page.goto(f"{base}/{ARTICLE}")
        assert page.locator(".print-button").is_visible()
        page.emulate_media(media="print")
        for selector in (
            ".main-nav",
            ".links-sidebar",
            ".share",
            ".comment-stub",
            ".search-box",
        ):
            assert not page.locator(selector).is_visible(), selector
        assert page.locator("section.gallery figcaption").first.is_visible()
        after = page.evaluate(
            """() => getComputedStyle(document.querySelector('.post-meta a'), '::after').content"""
        )
        assert "/van-ban/2023/118-kh-ubnd/" in after


def test_share_buttons(sample_build, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    with serve_directory(sample_build.output) as base:
        tab.goto(f"{base}/{ARTICLE}")
        copy = tab.locator("button.share-copy")
        assert copy.is_visible()
        copy.click()
        tab.wait_for_function(
            "() => document.querySelector('.share-status').textContent"
        )
        assert tab.locator(".share-status").inner_text() == "Đã sao chép liên kết."
        assert tab.evaluate("() => navigator.clipboard.readText()").endswith(ARTICLE)
        has_share = tab.evaluate("() => 'share' in navigator")
        assert tab.locator("button.share-native").is_visible() == has_share
    context.close()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and name in ("href", "src"):
                self.found.append(value)
            if value and name == "srcset":
                self.found += [part.strip().split()[0] for part in value.split(",")]


@pytest.mark.parametrize(
    ("prefix", "with_address"),
    [("/phuong", True), ("/ban-sao/bat-ky", False)],
    ids=["with SITEURL", "copied anywhere without SITEURL"],
)
def test_site_served_from_a_sub_path_has_no_broken_link(tmp_path, prefix, with_address):
    port = free_port()
    site = f"http://127.0.0.1:{port}{prefix}"
    content = copy_sample_content(tmp_path / "content")
    build = run_build(
        content,
        tmp_path / "output",
        settings="publishconf.py",
        env={"SITEURL": site if with_address else ""},
    )
    assert build.ok, build.log
    if not with_address:
        # No absolute address: relative links, and nothing that needs one.
        home = build.html("index.html")
        assert home.find("link", rel="canonical") is None
        assert not (build.output / "sitemap.xml").exists()
        assert not (build.output / "feeds").exists()
        assert "__ward_site_root__" not in "".join(
            p.read_text() for p in build.output.rglob("*.html")
        )
    broken, seen, queue = [], set(), [site + "/"]
    with serve_directory(build.output, prefix=prefix, port=port):
        while queue:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            try:
                with urlopen(url, timeout=10) as response:
                    body = response.read()
                    kind = response.headers.get("Content-Type", "")
            except OSError as exc:
                broken.append(f"{url}: {exc}")
                continue
            if "html" not in kind:
                continue
            parser = _Links()
            parser.feed(body.decode("utf-8"))
            for link in parser.found:
                absolute = urljoin(url, link).split("#", 1)[0]
                parts = urlsplit(absolute)
                if (
                    parts.scheme in ("http", "https")
                    and parts.netloc == f"127.0.0.1:{port}"
                ):
                    assert parts.path.startswith(prefix + "/"), (url, link)
                    queue.append(absolute)
    assert broken == []
    assert len(seen) > 60
    assert any(re.search(r"/anh/.+\.webp$", url) for url in seen)


def test_site_works_under_its_content_security_policy(sample_build, browser):
    """Every page carries a CSP allowing only same-origin scripts, styles and
    images: the gallery, search, share and comment form must work under it."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    console: list[str] = []
    tab.on("console", lambda message: console.append(message.text))
    tab.on("pageerror", lambda error: console.append(str(error)))
    with serve_directory(sample_build.output) as base:
        tab.goto(f"{base}/ra-quan-ngay-chu-nhat-xanh-don-ve-sinh-kenh-rach/")
        policy = tab.get_attribute(
            'meta[http-equiv="Content-Security-Policy"]', "content"
        )
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        tab.locator("a.photo-link").first.click()
        assert tab.locator("dialog.lightbox").evaluate("d => d.open")
        tab.keyboard.press("Escape")
        tab.locator("button.share-copy").click()
        tab.wait_for_function(
            "() => document.querySelector('.share-status').textContent"
        )
        tab.fill("#binh-luan-ten", "Nguyễn Văn A")
        tab.fill("#binh-luan-noi-dung", "Góp ý")
        tab.click("form.comment-form button")
        assert tab.get_attribute("form.comment-form", "data-opened").startswith(
            "mailto:"
        )
        tab.goto(f"{base}/tim-kiem/?q=duong")
        tab.wait_for_function(
            "() => document.body.getAttribute('data-search-done') === 'duong'"
        )
        assert tab.locator(".search-title").count() >= 1
    context.close()
    violations = [
        m for m in console if "Content Security Policy" in m or "Refused" in m
    ]
    assert violations == []
    assert not [m for m in console if "Error" in m], console
