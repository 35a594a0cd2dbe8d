"""Drafts for the leader: "Xem trên trang" for every draft, a draft page that
shows all the published page will, the "Gửi duyệt" file read offline on a
phone, and the automatic address of a long title (issue #26 items 3 and 5)."""

from __future__ import annotations

import io
import unicodedata
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from tests.dockit import make_pdf
from tests.editorkit import Preview, axe_violations, preview_server
from tests.sitekit import PROJECT, copy_sample_content
from ward_core.slugs import (
    MAX_SLUG_LENGTH,
    numbered_slug,
    shorten_slug,
    unique_slug,
)
from ward_core.sources import slug_for
from wardtools.editor.approval import find_browser

LONG_TITLE = (
    "Kế hoạch tổ chức các hoạt động hưởng ứng Tháng hành động vì an toàn thực phẩm "
    "và Ngày Chủ nhật xanh năm 2026 trên địa bàn phường"
)
DRAFT_SLUG = "hoi-nghi-trien-khai-ke-hoach-phong-chong-thien-tai-2026"
DRAFT_TITLE = "Hội nghị triển khai kế hoạch phòng, chống thiên tai năm 2026"
NEW_OFFICIAL = "Nguyễn Thị Thu Hà"
KNOWN_OFFICIAL = "Phạm Thanh Hoà"  # already on a published post of the sample
PHOTO_NAMES = [f"img-20260120-0830{n:02d}.jpg" for n in range(20)]
BANNER = "BẢN NHÁP – chưa đăng, chờ lãnh đạo duyệt"
# The "Gửi duyệt" file with 20 phone photos must stay easy to send over Zalo.
APPROVAL_FILE_LIMIT = 4 * 1024 * 1024


def phone_photo(path: Path, index: int, size=(1600, 1200)) -> None:
    """A photo that compresses like a real one: colour, gradient and grain."""
    noise = Image.effect_noise(size, 60).convert("RGB")
    gradient = Image.linear_gradient("L").resize(size).convert("RGB")
    colour = Image.new(
        "RGB", size, ((index * 37) % 255, (index * 91) % 255, (index * 53) % 255)
    )
    photo = Image.blend(Image.blend(colour, gradient, 0.4), noise, 0.35)
    photo.save(path, "JPEG", quality=90)


def write_draft(content: Path) -> Path:
    folder = content / "posts" / "2026" / DRAFT_SLUG
    folder.mkdir(parents=True)
    for index, name in enumerate(PHOTO_NAMES):
        phone_photo(folder / name, index)
    make_pdf(
        folder / "ke-hoach-45.pdf", [["Kế hoạch 45/KH-UBND phòng chống thiên tai"]]
    )
    gallery = "".join(
        f"  - src: {name}\n    caption: Ảnh hội nghị số {n + 1}\n"
        for n, name in enumerate(PHOTO_NAMES)
    )
    (folder / "index.md").write_text(
        "---\n"
        f"title: {DRAFT_TITLE}\n"
        "date: 20/01/2026 08:30\n"
        f"slug: {DRAFT_SLUG}\n"
        "status: draft\n"
        "category: Tin hoạt động\n"
        "plan: 45/KH-UBND ngày 10/01/2026\n"
        "documents:\n"
        "  - number: 45/KH-UBND\n"
        "    date: 10/01/2026\n"
        "    title: Kế hoạch phòng, chống thiên tai năm 2026\n"
        "    file: ke-hoach-45.pdf\n"
        "officials:\n"
        f"  - Bà {NEW_OFFICIAL} – Phó Chủ tịch UBND phường (chủ trì)\n"
        f"  - Ông {KNOWN_OFFICIAL} – Phó Chủ tịch UBND phường\n"
        "location: Hội trường UBND phường\n"
        f"gallery:\n{gallery}"
        "---\n\nSáng 20/01, UBND phường tổ chức hội nghị triển khai kế hoạch.\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> Preview:
    root = tmp_path_factory.mktemp("drafts")
    content = copy_sample_content(root / "content")
    write_draft(content)
    (content / "pages" / "quy-che-nhap.md").write_text(
        "---\ntitle: Quy chế phát ngôn (dự thảo)\nstatus: draft\n---\n\nDự thảo.\n",
        encoding="utf-8",
    )
    with preview_server(root, content) as server:
        server.wait_for(f"drafts/{DRAFT_SLUG}.html", lambda html: BANNER in html)
        yield server


# --- the shortening rule (pure) ------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        LONG_TITLE,
        "Thông báo " + "rất dài " * 40,
        "Ảnh hội nghị (1) – “Ngày hội Đại đoàn kết” khu phố 3, phường Bến Thành, "
        "Thành phố Hồ Chí Minh năm 2026 tổ chức tại Nhà văn hóa",
        "ngắn",
    ],
)
def test_slug_of_a_title_stays_within_the_limit(title):
    settings = {"SLUG_REGEX_SUBSTITUTIONS": _settings()["SLUG_REGEX_SUBSTITUTIONS"]}
    slug = slug_for(title, settings)
    assert 0 < len(slug) <= MAX_SLUG_LENGTH
    assert slug == slug.strip("-") and "--" not in slug
    assert slug.isascii() and slug == slug.lower()
    assert slug_for(title, settings) == slug  # the same title, the same address


def test_two_long_titles_that_begin_alike_get_two_addresses():
    a = shorten_slug("ke-hoach-" + "to-chuc-hoat-dong-" * 6 + "khu-pho-1")
    b = shorten_slug("ke-hoach-" + "to-chuc-hoat-dong-" * 6 + "khu-pho-2")
    assert a != b and len(a) <= MAX_SLUG_LENGTH and len(b) <= MAX_SLUG_LENGTH


@pytest.mark.parametrize("length", [10, 78, 79, 80])
def test_numbered_slug_stays_within_the_limit(length):
    slug = ("ab-" * 40)[:length].strip("-")
    for number in (2, 10, 999):
        numbered = numbered_slug(slug, number)
        assert len(numbered) <= MAX_SLUG_LENGTH
        assert numbered.endswith(f"-{number}")


def test_unique_slug_numbers_a_taken_address():
    base = shorten_slug("thong-bao-" * 12)
    taken = {base, numbered_slug(base, 2)}
    found = unique_slug(base, taken.__contains__)
    assert found == numbered_slug(base, 3) and len(found) <= MAX_SLUG_LENGTH
    assert unique_slug("tin-moi", set().__contains__) == "tin-moi"
    assert unique_slug("x", lambda _slug: True) is None


def _settings() -> dict:
    from pelican.settings import read_settings

    return read_settings(str(PROJECT / "pelicanconf.py"))


# --- "Xem trên trang" -----------------------------------------------------------


def _final(preview: Preview, path: str) -> tuple[int, str, str]:
    """Follow the editor's link; the status, the page's address and its text."""
    try:
        with urllib.request.urlopen(preview.base + path.lstrip("/"), timeout=60) as r:
            return r.status, r.url, r.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.url, error.read().decode("utf-8", "replace")


@pytest.mark.parametrize(
    ("collection", "slug", "address", "title"),
    [
        (
            "posts",
            f"2026/{DRAFT_SLUG}/index",
            f"/drafts/{DRAFT_SLUG}.html",
            DRAFT_TITLE,
        ),
        (
            "posts",
            "2023/ra-quan-chu-nhat-xanh/index",
            "/ra-quan-ngay-chu-nhat-xanh-don-ve-sinh-kenh-rach/",
            "Ngày Chủ nhật xanh",
        ),
        (
            "pages",
            "quy-che-trang-tin",
            "/trang/quy-che-trang-tin/",
            "Quy chế hoạt động",
        ),
        (
            "pages",
            "quy-che-nhap",
            "/drafts/pages/quy-che-phat-ngon-du-thao.html",
            "Quy chế phát ngôn (dự thảo)",
        ),
    ],
)
def test_view_on_site_opens_drafts_and_published_posts_and_pages(
    preview, collection, slug, address, title
):
    status, answer = preview.post(
        {
            "action": "getDeployPreview",
            "params": {"collection": collection, "slug": slug},
        }
    )
    assert status == 200 and answer == {"url": address, "status": "SUCCESS"}
    status, url, html = _final(preview, f"quan-tri/xem/{collection}/{slug}")
    assert status == 200, html[:300]
    assert url == preview.base.rstrip("/") + address
    assert title in BeautifulSoup(html, "html.parser").h1.get_text()
    is_draft = address.startswith("/drafts/")
    assert (BANNER in html) is is_draft
    soup = BeautifulSoup(html, "html.parser")
    assert bool(soup.find("meta", attrs={"name": "robots", "content": "noindex"})) is (
        is_draft
    )


def test_view_on_site_of_a_missing_entry_says_what_to_do(preview):
    status, _, text = _final(preview, "quan-tri/xem/posts/2026/khong-co/index")
    assert status == 404 and "lưu bài" in text


# --- the draft page --------------------------------------------------------------


def test_draft_page_shows_plan_officials_documents_gallery_and_banner(preview):
    html = (preview.output / "drafts" / f"{DRAFT_SLUG}.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one(".draft-banner").get_text(" ", strip=True).startswith(BANNER)
    assert soup.find("meta", attrs={"name": "robots", "content": "noindex"})
    meta = soup.select_one("dl.post-meta").get_text(" ", strip=True)
    assert "45/KH-UBND" in meta and "Thực hiện" in meta
    assert "Văn bản liên quan" in meta
    officials = [li.get_text(" ", strip=True) for li in soup.select("ul.officials li")]
    assert any(NEW_OFFICIAL in o and "(chủ trì)" in o for o in officials)
    assert any(KNOWN_OFFICIAL in o for o in officials)
    # Names link only to pages that exist: the known official's, not the new one's.
    links = {a.get_text(strip=True): a["href"] for a in soup.select("ul.officials a")}
    assert NEW_OFFICIAL not in links and KNOWN_OFFICIAL in links
    (download,) = soup.select("dl.post-meta a.file-download")
    assert (preview.output / download["href"].lstrip("/")).is_file()
    captions = [f.get_text(strip=True) for f in soup.select(".gallery figcaption")]
    assert captions == [f"Ảnh hội nghị số {n + 1}" for n in range(20)]
    for img in soup.select(".gallery img"):
        assert (preview.output / img["src"].lstrip("/")).is_file()


def test_draft_page_and_banner_pass_axe_on_a_phone(preview, browser):
    # axe is injected as an inline script, which the site's CSP forbids: bypass it.
    context = browser.new_context(
        bypass_csp=True, viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    page.goto(preview.base + f"drafts/{DRAFT_SLUG}.html")
    assert page.locator(".draft-banner").is_visible()
    assert axe_violations(page) == []
    context.close()


# --- "Gửi duyệt" -----------------------------------------------------------------


def test_approval_file_reads_offline_on_a_phone(preview, browser, tmp_path):
    request = urllib.request.Request(
        preview.base + f"quan-tri/gui-duyet/posts/2026/{DRAFT_SLUG}/index"
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        assert response.status == 200
        disposition = response.headers["Content-Disposition"]
        body = response.read()
    assert f'filename="duyet-{DRAFT_SLUG}.html"' in disposition
    size = len(body)
    print(f"approval file: {size} bytes with 20 photos")
    assert size < APPROVAL_FILE_LIMIT
    saved = tmp_path / f"duyet-{DRAFT_SLUG}.html"
    saved.write_bytes(body)

    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True
    )
    # The file itself is the one thing the phone opens; anything else it asks
    # for is recorded and refused, and the network is off anyway.
    attempted: list[str] = []

    def only_the_file(route) -> None:
        if route.request.url == saved.as_uri():
            route.continue_()
        else:
            attempted.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_file)
    context.set_offline(True)
    page = context.new_page()
    page.on(
        "request",
        lambda r: None if r.url == saved.as_uri() else attempted.append(r.url),
    )
    page.goto(saved.as_uri())
    page.wait_for_load_state("load")
    assert BANNER in page.locator(".draft-banner").inner_text()
    assert page.locator("h1").inner_text() == DRAFT_TITLE
    meta = page.locator("dl.post-meta").inner_text()
    assert "45/KH-UBND" in meta and NEW_OFFICIAL in meta and KNOWN_OFFICIAL in meta
    captions = page.locator(".gallery figcaption").all_inner_texts()
    assert captions == [f"Ảnh hội nghị số {n + 1}" for n in range(20)]
    widths = page.eval_on_selector_all(
        ".gallery img",
        "imgs => Promise.all(imgs.map(i => i.decode().then(() => i.naturalWidth, () => 0)))",
    )
    assert len(widths) == 20 and all(w > 0 for w in widths), widths
    # Readable on a 360 px phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator("script").count() == 0
    assert [u for u in attempted if not u.startswith("data:")] == []
    context.close()


@pytest.mark.skipif(
    find_browser() is None, reason="no Chromium, Chrome or Edge to print with"
)
def test_approval_pdf_is_printed_from_the_same_file(preview):
    from pypdf import PdfReader

    address = preview.base + f"quan-tri/gui-duyet-pdf/posts/2026/{DRAFT_SLUG}/index"
    with urllib.request.urlopen(address, timeout=300) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        disposition = response.headers["Content-Disposition"]
        body = response.read()
    assert f'filename="duyet-{DRAFT_SLUG}.pdf"' in disposition
    print(f"approval PDF: {len(body)} bytes")
    reader = PdfReader(io.BytesIO(body))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for expected in ("BẢN NHÁP", "45/KH-UBND", NEW_OFFICIAL, "Ảnh hội nghị số 20"):
        assert expected in text
    images = sum(len(p.images) for p in reader.pages)
    assert images >= 20


def test_approval_file_of_a_draft_page(preview):
    address = preview.base + "quan-tri/gui-duyet/pages/quy-che-nhap"
    with urllib.request.urlopen(address, timeout=120) as response:
        disposition = response.headers["Content-Disposition"]
        html = response.read().decode("utf-8")
    assert 'filename="duyet-quy-che-phat-ngon-du-thao.html"' in disposition
    soup = BeautifulSoup(html, "html.parser")
    assert soup.h1.get_text() == "Quy chế phát ngôn (dự thảo)"
    assert BANNER in soup.select_one(".draft-banner").get_text(" ", strip=True)
    assert not soup.find("script") and not soup.find("link")
    policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert policy["content"].startswith("default-src 'none'")


def test_approval_file_of_a_missing_entry_says_what_to_do(preview):
    status, body = preview.get("quan-tri/gui-duyet/posts/2026/khong-co/index")
    assert status == 404 and "lưu bài" in body.decode("utf-8")


# --- the address of a long title, through the real editor ------------------------


def _api(preview: Preview, action: str, params: dict) -> dict:
    status, answer = preview.post({"action": action, "params": params})
    assert status == 200, answer
    return answer


def test_address_for_a_new_post_is_short_and_free(preview):
    settings = _settings()
    first = _api(preview, "wardAddress", {"collection": "posts", "title": LONG_TITLE})
    assert first["slug"] == slug_for(LONG_TITLE, settings)
    assert len(first["slug"]) <= MAX_SLUG_LENGTH
    # A sample post already has this title's address.
    again = 'Ra quân "Ngày Chủ nhật xanh" dọn vệ sinh kênh rạch'
    taken = _api(preview, "wardAddress", {"collection": "posts", "title": again})
    assert taken["slug"] == "ra-quan-ngay-chu-nhat-xanh-don-ve-sinh-kenh-rach-2"


EDITOR = PROJECT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"


@pytest.mark.skipif(not EDITOR.is_file(), reason="decap-cms is not installed (npm ci)")
def test_long_title_saved_in_the_editor_gets_a_short_address(preview, browser):
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.goto(preview.base + "quan-tri/")
    page.get_by_role("button", name="Vào trình soạn bài").click()
    page.get_by_role("link", name="bài viết").first.wait_for()
    page.goto(preview.base + "quan-tri/#/collections/posts/new")
    page.locator("input[id^=title-field]").fill(LONG_TITLE)
    page.locator("input[id^=date-field]").fill("20/01/2026 08:00")
    address = page.locator("input[id^=slug-field]")
    assert address.get_attribute("readonly") is not None
    page.locator("[data-slate-editor]").click()
    page.keyboard.type("Phường ban hành kế hoạch.")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_role("menuitem", name="Lưu ngay").click()
    page.wait_for_url("**/entries/**")

    expected = slug_for(LONG_TITLE, _settings())
    [post] = list(preview.content.glob(f"posts/*/{expected}/index.md"))
    text = post.read_text(encoding="utf-8")
    assert f"slug: {expected}\n" in text and f"title: {LONG_TITLE}\n" in text
    assert len(expected) <= MAX_SLUG_LENGTH
    # The form shows the address, read-only; no refusal was shown.
    address.wait_for()
    page.wait_for_function(
        "([sel, want]) => document.querySelector(sel)?.value === want",
        arg=["input[id^=slug-field]", expected],
    )
    assert page.get_by_text("Chưa lưu").count() == 0
    # "Gửi duyệt" sits beside "Xem trên trang" and names the draft's file.
    send = page.get_by_role("link", name="Gửi duyệt", exact=True)
    send.wait_for()
    href = send.get_attribute("href")
    year = post.parent.parent.name
    assert href.endswith(f"/quan-tri/gui-duyet/posts/{year}/{expected}/index")
    pdf = page.get_by_role("link", name="Gửi duyệt (PDF)", exact=True)
    assert pdf.get_attribute("href").endswith(
        f"/quan-tri/gui-duyet-pdf/posts/{year}/{expected}/index"
    )
    # Asked at once: the server waits for the rebuild the save started.
    with urllib.request.urlopen(preview.base + href.lstrip("/"), timeout=180) as r:
        assert r.status == 200
        assert f'filename="duyet-{expected}.html"' in r.headers["Content-Disposition"]
        body = r.read().decode("utf-8")
    assert f"<h1>{LONG_TITLE}</h1>" in body and BANNER in body
    context.close()


# --- the approval file's pieces (pure) ----------------------------------------------


@pytest.mark.parametrize(
    ("srcset", "src", "expected"),
    [
        (
            "/a-480.jpg 480w, /a-960.jpg 960w, /a-1600.jpg 1600w",
            "/a-960.jpg",
            "/a-1600.jpg",
        ),
        ("", "/anh.jpg", "/anh.jpg"),
        ("/a-960.jpg 960w, /a-480.jpg 480w", "", "/a-960.jpg"),
    ],
)
def test_the_widest_photo_an_img_offers_is_taken(srcset, src, expected):
    from wardtools.editor.approval import _largest_candidate

    img = BeautifulSoup(f'<img src="{src}" srcset="{srcset}">', "html.parser").img
    assert _largest_candidate(img) == expected


def test_addresses_outside_the_built_site_are_not_read(tmp_path):
    from wardtools.editor.approval import _local_file

    root = tmp_path / "site"
    (root / "2026").mkdir(parents=True)
    (root / "2026" / "anh.jpg").write_bytes(b"x")
    (tmp_path / "secret.jpg").write_bytes(b"x")
    page = root / "drafts" / "bai.html"
    assert _local_file("/2026/anh.jpg?v=1", page, root) == root / "2026" / "anh.jpg"
    assert _local_file("../2026/anh.jpg", page, root) == root / "2026" / "anh.jpg"
    assert _local_file("/../secret.jpg", page, root) is None
    assert _local_file("../../secret.jpg", page, root) is None
    assert _local_file("https://example.com/anh.jpg", page, root) is None
    assert _local_file("/2026/khong-co.jpg", page, root) is None


def test_photos_shrink_until_they_fit_the_budget(tmp_path, monkeypatch):
    from wardtools.editor import approval

    paths = []
    for index in range(3):
        path = tmp_path / f"anh-{index}.jpg"
        phone_photo(path, index)
        paths.append(path)
    roomy = approval._photos_within_budget(paths)
    assert all(max(Image.open(io.BytesIO(d)).size) == 800 for d in roomy.values())
    # A budget the first size cannot meet: the next, smaller sizes are tried.
    monkeypatch.setattr(approval, "PHOTO_BUDGET", sum(map(len, roomy.values())) // 2)
    tight = approval._photos_within_budget(paths)
    assert sum(map(len, tight.values())) <= approval.PHOTO_BUDGET
    assert all(max(Image.open(io.BytesIO(d)).size) < 800 for d in tight.values())


def test_a_new_page_with_a_long_title_is_saved_with_a_short_address(preview):
    # The file name Decap's own slugify gives the title: 128 characters.
    name = (
        "ke-hoach-to-chuc-cac-hoat-dong-huong-ung-thang-hanh-dong-vi-an-toan-thuc-pham"
        "-va-ngay-chu-nhat-xanh-nam-2026-tren-dia-ban-phuong"
    )
    raw = f"---\ntitle: {LONG_TITLE}\n---\n\nNội dung trang.\n"
    status, answer = preview.post(
        {
            "action": "persistEntry",
            "params": {"dataFiles": [{"path": f"content/pages/{name}.md", "raw": raw}]},
        }
    )
    assert status == 200, answer
    text = (preview.content / "pages" / f"{name}.md").read_text(encoding="utf-8")
    slug = next(line[6:] for line in text.splitlines() if line.startswith("slug: "))
    assert len(slug) <= MAX_SLUG_LENGTH and slug == shorten_slug(name)


@pytest.mark.parametrize(
    "variant",
    [
        unicodedata.normalize("NFD", LONG_TITLE),  # typed on a Mac, or from a file name
        LONG_TITLE.replace(" ", "\u00a0", 5),  # no-break spaces pasted from Word
        "  " + LONG_TITLE + " \n",
    ],
)
def test_the_same_title_as_typed_elsewhere_gets_the_same_address(variant):
    settings = {"SLUG_REGEX_SUBSTITUTIONS": _settings()["SLUG_REGEX_SUBSTITUTIONS"]}
    assert slug_for(variant, settings) == slug_for(LONG_TITLE, settings)
