"""What citizens see at 360×740 and 1280×900 (issue 22): the compact header and its
menu, headings in order, no sideways scroll at 100% and 200% text, photo credits,
the lightbox's rendition, back-to-top, text size and listening, cover focus."""

from __future__ import annotations

import itertools

import pytest
from PIL import Image

from tests.browserkit import serve_directory
from tests.sitekit import run_build, write_post
from tests.test_theme import ARTICLE, PAGES
from tests.test_theme_browser import AXE

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
SIZES = [pytest.param(PHONE, id="360"), pytest.param(DESKTOP, id="1280")]
PHOTOS = "ra-quan-ngay-chu-nhat-xanh-don-ve-sinh-kenh-rach/"
CREDITED = ARTICLE  # its last photo has "credit: Văn phòng UBND phường"


def _url(base: str, name: str) -> str:
    return f"{base}/{PAGES[name].replace('index.html', '')}"


@pytest.fixture
def tab_at(browser):
    contexts = []

    def open_tab(viewport, **options):
        context = browser.new_context(viewport=viewport, **options)
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


OVERFLOW = """() => [document.documentElement.scrollWidth,
                     document.documentElement.clientWidth]"""


@pytest.mark.browser
@pytest.mark.parametrize("viewport", SIZES)
def test_no_sideways_scroll_at_100_and_200_percent_text(sample_build, tab_at, viewport):
    tab = tab_at(viewport)
    failures = []
    with serve_directory(sample_build.output) as base:
        for name in PAGES:
            tab.goto(_url(base, name))
            for scale in ("100%", "200%"):
                # 200%: what a browser's text-size setting does (WCAG 1.4.4).
                tab.evaluate("s => document.documentElement.style.fontSize = s", scale)
                scroll, client = tab.evaluate(OVERFLOW)
                if scroll > client:
                    failures.append((name, scale, scroll, client))
    assert failures == []


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False])
def test_phone_header_is_compact_and_its_menu_opens(sample_build, tab_at, javascript):
    tab = tab_at(PHONE, java_script_enabled=javascript)
    with serve_directory(sample_build.output) as base:
        for name in ("home", "article", "search", "official"):
            tab.goto(_url(base, name))
            header = tab.locator(".site-header").bounding_box()
            assert header["height"] <= 120, (name, header)
            assert tab.locator("#o-tim-kiem").is_visible(), name
        nav = tab.locator("#menu-chinh")
        assert not nav.is_visible()
        tab.locator(".menu-toggle").click()
        assert nav.is_visible()
        link = tab.get_by_role("link", name="Thông báo", exact=True)
        assert link.is_visible()
        if javascript:
            toggle = tab.locator(".menu-toggle")
            assert toggle.get_attribute("aria-expanded") == "true"
            tab.keyboard.press("Tab")
            tab.keyboard.press("Escape")
            assert not nav.is_visible()
            assert toggle.get_attribute("aria-expanded") == "false"
            toggle.click()
        link.click()
        tab.wait_for_url("**/chuyen-muc/thong-bao/")


@pytest.mark.browser
def test_phone_details_search_filters_footer_mail_and_newer_link(sample_build, tab_at):
    tab = tab_at(PHONE)
    with serve_directory(sample_build.output) as base:
        tab.goto(_url(base, "search"))
        category, year = (
            tab.locator(selector).bounding_box()
            for selector in ("#loc-chuyen-muc", "#loc-nam")
        )
        assert category["y"] == year["y"]  # "Năm" stays beside "Chuyên mục"
        mail = tab.locator(".site-footer a[href^='mailto:']")
        assert mail.evaluate("a => a.getClientRects().length") == 1  # not broken
        tab.goto(f"{base}/{ARTICLE}")
        newer = tab.locator('.post-nav a[rel="next"]').bounding_box()
        main = tab.locator("main").bounding_box()
        assert newer["width"] >= 0.9 * (main["width"] - 32)  # the full column


@pytest.mark.browser
def test_desktop_header_shows_the_menu_in_one_row(sample_build, tab_at):
    tab = tab_at(DESKTOP)
    with serve_directory(sample_build.output) as base:
        tab.goto(_url(base, "home"))
        assert not tab.locator(".menu-toggle").is_visible()
        tops = tab.eval_on_selector_all(
            ".main-nav li a",
            "els => els.filter(e => e.offsetParent).map(e => e.getBoundingClientRect().top)",
        )
        assert len(tops) >= 5 and len(set(tops)) == 1
        assert tab.locator(".site-header").bounding_box()["height"] <= 130


HEADING_SIZES = """() => {
  const levels = {};
  for (const h of document.querySelectorAll('main h1, main h2, main h3, main h4')) {
    if (h.closest('.visually-hidden') || h.classList.contains('visually-hidden')) continue;
    const size = parseFloat(getComputedStyle(h).fontSize);
    (levels[h.tagName] = levels[h.tagName] || []).push(size);
  }
  return levels;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("viewport", SIZES)
def test_heading_sizes_follow_their_levels(sample_build, tab_at, viewport):
    tab = tab_at(viewport)
    problems = []
    with serve_directory(sample_build.output) as base:
        for name in PAGES:
            tab.goto(_url(base, name))
            levels = tab.evaluate(HEADING_SIZES)
            order = [tag for tag in ("H1", "H2", "H3", "H4") if tag in levels]
            for upper, lower in itertools.pairwise(order):
                if max(levels[lower]) > min(levels[upper]):
                    problems.append((name, upper, levels[upper], lower, levels[lower]))
    assert problems == []


@pytest.mark.browser
@pytest.mark.parametrize("viewport", SIZES)
def test_photo_credit_is_apart_from_the_caption(sample_build, tab_at, viewport):
    tab = tab_at(viewport)
    with serve_directory(sample_build.output) as base:
        tab.goto(f"{base}/{CREDITED}")
        figure = tab.locator("figure.photo", has=tab.locator(".photo-credit"))
        caption = figure.locator(".photo-caption")
        credit = figure.locator(".photo-credit")
        assert credit.inner_text() == "Ảnh: Văn phòng UBND phường"
        assert "Ảnh:" not in caption.inner_text()
        figure.scroll_into_view_if_needed()
        assert credit.bounding_box()["y"] >= (
            caption.bounding_box()["y"] + caption.bounding_box()["height"] - 1
        )  # on a line of its own
        figure.locator("a.photo-link").click()
        assert tab.locator(".lightbox-text").inner_text() == caption.inner_text()
        box_credit = tab.locator(".lightbox-credit")
        assert box_credit.inner_text() == "Ảnh: Văn phòng UBND phường"
        text_box = tab.locator(".lightbox-text").bounding_box()
        assert box_credit.bounding_box()["y"] >= text_box["y"] + text_box["height"] - 1


@pytest.mark.browser
@pytest.mark.parametrize("viewport", SIZES)
def test_lightbox_loads_a_rendition_for_the_screen(sample_build, tab_at, viewport):
    tab = tab_at(viewport)
    with serve_directory(sample_build.output) as base:
        tab.goto(f"{base}/{PHOTOS}")
        widths = []
        for index in range(3):
            if index == 0:
                tab.locator("a.photo-link").first.click()
            else:
                tab.keyboard.press("ArrowRight")
            image = tab.locator(".lightbox-image")
            image.evaluate("img => img.decode()")
            source = image.evaluate("img => img.currentSrc")
            widths.append(int(source.rsplit("-", 1)[1].split(".")[0]))
            assert source.endswith(".webp")
    assert all(width <= 2 * viewport["width"] for width in widths), widths
    if viewport is DESKTOP:
        assert max(widths) >= 960  # a big screen still gets a sharp photo


@pytest.mark.browser
@pytest.mark.parametrize("viewport", SIZES)
def test_back_to_top_floats_after_scrolling_a_long_page(sample_build, tab_at, viewport):
    tab = tab_at(viewport)
    with serve_directory(sample_build.output) as base:
        tab.goto(f"{base}/{ARTICLE}")
        button = tab.locator("a.back-to-top")
        assert not button.is_visible()
        tab.mouse.wheel(0, 3 * viewport["height"])
        tab.wait_for_timeout(300)
        if viewport is PHONE:
            # Reading down a phone: the button would cover the text, so it waits
            # until the reader scrolls back up.
            assert not button.is_visible()
            tab.mouse.wheel(0, -200)
        tab.wait_for_function("() => !document.querySelector('.back-to-top').hidden")
        assert button.get_attribute("href") == "#dau-trang"
        box = button.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44  # a finger-sized target
        if viewport is DESKTOP:
            for region in ("main", "#lien-ket"):
                other = tab.locator(region).bounding_box()
                assert box["x"] >= other["x"] + other["width"], region
        # Keyboard: it is a link in the tab order, and it takes the reader up.
        button.focus()
        tab.keyboard.press("Enter")
        tab.wait_for_function("() => window.scrollY < 50")
        tab.wait_for_function("() => document.querySelector('.back-to-top').hidden")
        tab.goto(f"{base}/{PAGES['404'].replace('index.html', '')}")
        tab.mouse.wheel(0, 2000)
        tab.wait_for_timeout(200)
        assert not button.is_visible()  # a short page has no floating button


@pytest.mark.browser
def test_text_size_is_remembered_and_never_scrolls_sideways(sample_build, tab_at):
    tab = tab_at(PHONE)
    size = "() => parseFloat(getComputedStyle(document.querySelector('.post-body p')).fontSize)"
    with serve_directory(sample_build.output) as base:
        tab.goto(f"{base}/{ARTICLE}")
        normal = tab.evaluate(size)
        larger = tab.get_by_role("button", name="Chữ lớn hơn")
        for _ in range(5):
            if larger.is_enabled():
                larger.click()
        assert larger.is_disabled()
        biggest = tab.evaluate(size)
        assert biggest >= 1.5 * normal
        scroll, client = tab.evaluate(OVERFLOW)
        assert scroll <= client
        tab.reload()
        assert tab.evaluate(size) == biggest  # remembered on this device
        tab.get_by_role("button", name="Chữ nhỏ hơn").click()
        assert normal < tab.evaluate(size) < biggest
        tab.goto(f"{base}/{PHOTOS}")
        assert normal < tab.evaluate(size) < biggest  # and on every article


@pytest.mark.browser
def test_listen_button_only_with_a_vietnamese_voice(sample_build, tab_at):
    tab = tab_at(PHONE)
    with serve_directory(sample_build.output) as base:
        tab.goto(f"{base}/{ARTICLE}")
        tab.wait_for_timeout(300)  # voices arrive asynchronously
        has_voice = tab.evaluate(
            """() => speechSynthesis.getVoices().some(v => /^vi\\b|^vi[-_]/i.test(v.lang))"""
        )
        assert tab.locator(".reading-tools").is_visible()
        assert tab.locator("button.listen").is_visible() == has_voice
        assert not tab.locator("button.listen-stop").is_visible()


@pytest.mark.browser
def test_reading_tools_hidden_without_javascript(sample_build, tab_at):
    tab = tab_at(PHONE, java_script_enabled=False)
    with serve_directory(sample_build.output) as base:
        tab.goto(f"{base}/{ARTICLE}")
        assert not tab.locator(".reading-tools").is_visible()
        assert tab.locator("footer a.to-top").is_visible()
        assert not tab.locator("a.back-to-top").is_visible()


@pytest.mark.browser
def test_axe_at_360_with_the_menu_open_and_search_results(sample_build, browser):
    context = browser.new_context(bypass_csp=True, viewport=PHONE)
    tab = context.new_page()
    found = []
    with serve_directory(sample_build.output) as base:
        for path in (f"/{ARTICLE}", "/tim-kiem/?q=h%E1%BB%99i+ngh%E1%BB%8B"):
            tab.goto(base + path)
            if "tim-kiem" in path:
                tab.wait_for_function(
                    "() => document.body.hasAttribute('data-search-done')"
                )
            else:
                tab.locator(".menu-toggle").click()
            tab.add_script_tag(path=str(AXE))
            found += tab.evaluate(
                """async () => {
                  const r = await axe.run(document, {runOnly: {type: "tag",
                    values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}});
                  return r.violations.map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "));
                }"""
            )
    context.close()
    assert found == []


# --- Cover focal point -------------------------------------------------------

POST = "---\ntitle: {title}\ndate: 2024-05-0{day}\ncategory: Tin hoạt động\n{extra}---\nNội dung.\n"


def _photo(path, size, shade=0):
    path.parent.mkdir(parents=True, exist_ok=True)
    # Distinct bytes per post: identical photos share one cache entry, and three
    # workers writing that entry at once can race (reported to the lead).
    Image.new("RGB", size, (120 + shade, 140, 160)).save(path, quality=80)


@pytest.fixture(scope="module")
def cover_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("covers")
    content = root / "content"
    (content / "pages").mkdir(parents=True)
    for day, (slug, size, focus) in enumerate(
        [
            ("ngang", (1600, 1000), ""),
            ("doc", (900, 1200), ""),
            ("doc-tren", (900, 1200), "cover_focus: trên\n"),
            ("doc-phan-tram", (900, 1200), "cover_focus: 34%\n"),
        ],
        1,
    ):
        _photo(content / "posts" / slug / "anh.jpg", size, shade=10 * day)
        write_post(
            content,
            f"posts/{slug}/index.md",
            POST.format(
                title=f"Bài {slug}",
                day=day,
                extra=f"gallery:\n  - src: anh.jpg\n    caption: Ảnh\n{focus}",
            ),
        )
    builds = {}
    for newest in ("ngang", "doc", "doc-tren", "doc-phan-tram"):
        # The featured cover is the newest post's: build once per post on top.
        for other in (content / "posts").iterdir():
            draft = "status: draft\n" if other.name != newest else ""
            text = (other / "index.md").read_text(encoding="utf-8")
            text = text.replace("status: draft\n", "").replace(
                "---\n", "---\n" + draft, 1
            )
            (other / "index.md").write_text(text, encoding="utf-8")
        build = run_build(content, root / f"out-{newest}", cache=root / "cache")
        assert build.ok, build.log
        builds[newest] = build
    return builds


@pytest.mark.parametrize(
    ("newest", "focus_class"),
    [
        ("ngang", None),  # landscape: the middle
        ("doc", "cover-focus-20"),  # portrait: a little above the middle
        ("doc-tren", "cover-focus-0"),
        ("doc-phan-tram", "cover-focus-30"),
    ],
)
def test_featured_cover_focus(cover_site, newest, focus_class):
    cover = cover_site[newest].html("index.html").select_one("a.featured-cover")
    classes = [c for c in cover["class"] if c.startswith("cover-focus-")]
    assert classes == ([focus_class] if focus_class else [])


def test_bad_cover_focus_fails_with_a_vietnamese_message(tmp_path):
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    _photo(content / "posts" / "a" / "anh.jpg", (900, 1200))
    write_post(
        content,
        "posts/a/index.md",
        POST.format(
            title="Bài a",
            day=1,
            extra="gallery:\n  - src: anh.jpg\ncover_focus: giữa trên\n",
        ),
    )
    build = run_build(content, tmp_path / "out")
    assert build.returncode != 0
    assert 'posts/a/index.md:7: trường "cover_focus": "giữa trên" không dùng được' in (
        build.log
    )
    assert "Traceback" not in build.log
    assert not (tmp_path / "out").exists()


def test_make_check_reports_a_bad_cover_focus(tmp_path):
    import subprocess
    import sys

    from tests.sitekit import PROJECT

    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    write_post(
        content,
        "posts/b.md",
        POST.format(title="Bài b", day=2, extra="cover_focus: 120%\n"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "wardtools", "check", "--content", str(content)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert 'posts/b.md:5: trường "cover_focus": "120%" không dùng được' in (
        result.stdout
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("trên", 0),
        ("Giữa", 50),
        ("dưới", 100),
        ("top", 0),
        ("30%", 30),
        ("34%", 30),
        ("35 %", 40),
        ("0", 0),
        ("100%", 100),
        ("", None),
        (None, None),
    ],
)
def test_parse_cover_focus(raw, expected):
    from ward_gallery.spec import parse_cover_focus

    assert parse_cover_focus(raw, 3) == (expected, [])


@pytest.mark.parametrize("raw", ["101%", "-5%", "giữa trên", "50px", ["trên"]])
def test_parse_cover_focus_refuses(raw):
    from ward_gallery.spec import parse_cover_focus

    value, problems = parse_cover_focus(raw, 3)
    assert value is None
    assert [(p.line, p.field) for p in problems] == [(3, "cover_focus")]
    assert "0% (mép trên) đến 100% (mép dưới)" in problems[0].message
