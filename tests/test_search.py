"""Search: Pagefind's real pagefind.js in Chromium against the built index."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.browserkit import free_port, serve_directory
from tests.sitekit import copy_sample_content, run_build, write_post
from ward_core.folding import fold, folded_words

A = "chu-tich-ubnd-phuong-doi-thoai-voi-nhan-dan-ve-chinh-trang-do-thi-nam-2023"
B = "ra-quan-ngay-chu-nhat-xanh-don-ve-sinh-kenh-rach"
C = "thong-bao-lich-tiep-cong-dan-cua-lanh-dao-ubnd-phuong-thang-6-2023"
D = "duong-day-nong-tiep-nhan-phan-anh-ve-trat-tu-do-thi"
E = "tuyen-truyen-phong-chay-chua-chay-tai-cac-khu-nha-tro"
F = "trao-120-phan-qua-tet-cho-ho-ngheo-ho-can-ngheo"
G = "thong-bao-lich-thu-gom-rac-thai-dip-tet-nguyen-dan-giap-thin-2024"

# (query, the first result, every post that must be found; None: must find nothing)
QUERIES = [
    ("hội nghị đối thoại", A, {A}),
    ("hoi nghi doi thoai", A, {A}),
    ("đối thoại", A, {A}),
    ("doi thoai", A, {A}),
    ("đường dây nóng", D, {D}),
    ("duong day nong", D, {D}),
    ("duong", None, {D, G}),
    ("Nguyễn Văn Hùng", A, {A, F}),
    ("nguyen van hung", A, {A, F}),
    ("Trần Quốc Bảo", E, {E}),
    ("tran quoc bao", E, {E}),
    ("Võ Minh Tâm", B, {B}),
    ("vo minh tam", B, {B}),
    ("Phạm Thanh Hoà", B, {A, B}),
    ("pham thanh hoa", None, {A, B}),
    ("118/KH-UBND", A, {A}),
    ("118/kh-ubnd", A, {A}),
    ("26/2023/NĐ-CP", A, {A}),
    ("26/2023/ND-CP", A, {A}),
    ("136/2020/ND-CP", E, {E}),
    ("04/2023/NQ-HDND", A, {A}),
    ("42/2013/QH13", C, {C}),
    ("phong chay chua chay", E, {E}),
    ("bình chữa cháy", E, {E}),
    # The reception schedule's page (issue 29's sample) first, the old notice too.
    ("tiep cong dan", "tiep-cong-dan", {C, "tiep-cong-dan"}),
    ("Đoàn Thanh niên", B, {B}),
    ("doan thanh nien", B, {B}),
    ("hẻm 51", A, {A}),
    ("kenh rach", B, {B}),
    ("xyzabc", None, None),
    ("đấu thầu xây dựng cầu cảng", None, None),
]


def _search(page, base: str, query: str) -> list[str]:
    page.goto(f"{base}/tim-kiem/?q={quote(query)}")
    page.wait_for_function(
        "q => document.body.getAttribute('data-search-done') === q",
        arg=query,
        timeout=15000,
    )
    hrefs = page.eval_on_selector_all(".search-title a", "els => els.map(e => e.href)")
    return [href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Đường", "duong"),
        ("ĐỖ", "do"),
        ("34/2021/NĐ-CP", "34/2021/nd-cp"),
        ("hội", "hoi"),
    ],
)
def test_fold(word, expected):
    assert fold(word) == expected


def test_folded_words_only_for_words_with_d_bar():
    words = folded_words(["Sửa Đường Đỗ Xuân Hợp theo 34/2021/NĐ-CP và 342/KH-UBND"])
    assert words == ["34/2021/nd-cp", "do", "duong", "nd", "nd-cp"]


@pytest.mark.browser
def test_query_table(sample_build, page):
    failures = []
    with serve_directory(sample_build.output) as base:
        for query, first, expected in QUERIES:
            found = _search(page, base, query)
            if expected is None:
                if found:
                    failures.append(f"{query!r} should miss, found {found}")
                continue
            if not expected <= set(found):
                failures.append(
                    f"{query!r}: missing {expected - set(found)} in {found}"
                )
            if first and (not found or found[0] != first):
                failures.append(f"{query!r}: first {found[:1]}, expected {first}")
    assert failures == []
    assert len(QUERIES) >= 20


@pytest.mark.browser
def test_excerpts_show_real_text_never_the_folded_words(sample_build, page):
    with serve_directory(sample_build.output) as base:
        _search(page, base, "duong")
        excerpts = page.locator(".search-excerpt").all_inner_texts()
        marks = page.locator(".search-excerpt mark").all_inner_texts()
    assert excerpts and all("duong" not in text.lower().split() for text in excerpts)
    assert "Đường" in marks or "đường" in marks


@pytest.fixture(scope="module")
def ranking_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("ranking")
    content = root / "content"
    post = "---\ntitle: {t}\ndate: 2024-01-0{d}\ncategory: {c}\n---\n{b}\n"
    write_post(
        content,
        "posts/a.md",
        post.format(
            t="Hồi nghi về hợp đồng thuê", d=1, c="Thông báo", b="Bà con còn hồi nghi."
        ),
    )
    write_post(
        content,
        "posts/b.md",
        post.format(
            t="Kết quả năm",
            d=2,
            c="Tin hoạt động",
            b="Phường tổ chức hội nghị tổng kết năm.",
        ),
    )
    write_post(
        content,
        "posts/c.md",
        post.format(
            t="Tuyên dương học sinh",
            d=3,
            c="Tin hoạt động",
            b="Tuyên dương 20 học sinh giỏi.",
        ),
    )
    write_post(
        content,
        "posts/d.md",
        post.format(
            t="Sửa mặt đường hẻm 9",
            d=4,
            c="Thông báo",
            b="Thi công mặt đường trong tháng 5.",
        ),
    )
    (content / "pages").mkdir()
    build = run_build(content, root / "output")
    assert build.ok, build.log
    return build


@pytest.mark.browser
def test_exact_diacritics_rank_first(ranking_site, page):
    with serve_directory(ranking_site.output) as base:
        assert _search(page, base, "hội nghị")[0] == "ket-qua-nam"
        assert _search(page, base, "hồi nghi")[0] == "hoi-nghi-ve-hop-dong-thue"
        assert _search(page, base, "đường") == ["sua-mat-duong-hem-9"]
        assert _search(page, base, "dương")[0] == "tuyen-duong-hoc-sinh"
        assert set(_search(page, base, "duong")) == {
            "sua-mat-duong-hem-9",
            "tuyen-duong-hoc-sinh",
        }


@pytest.mark.browser
def test_filters_by_category_and_year(sample_build, page):
    with serve_directory(sample_build.output) as base:
        everything = _search(page, base, "phường")
        assert {A, F} <= set(everything)
        page.select_option("#loc-chuyen-muc", "Tin hoạt động")
        page.wait_for_timeout(500)
        page.wait_for_function(
            "() => document.body.getAttribute('data-search-done') === 'phường'"
        )
        titles = page.eval_on_selector_all(
            ".search-title a", "els => els.map(e => e.href)"
        )
        slugs = {t.rstrip("/").rsplit("/", 1)[-1] for t in titles}
        assert slugs == {A, F}
        page.select_option("#loc-nam", "2024")
        page.wait_for_timeout(500)
        titles = page.eval_on_selector_all(
            ".search-title a", "els => els.map(e => e.href)"
        )
        assert [t.rstrip("/").rsplit("/", 1)[-1] for t in titles] == [F]
        years = page.eval_on_selector_all(
            "#loc-nam option", "els => els.map(e => e.value)"
        )
        assert years == ["", "2024", "2023"]


@pytest.mark.browser
def test_header_box_leads_to_results(sample_build, page):
    with serve_directory(sample_build.output) as base:
        page.goto(f"{base}/")
        page.fill("#o-tim-kiem", "đối thoại")
        page.press("#o-tim-kiem", "Enter")
        page.wait_for_url("**/tim-kiem/?q=*")
        page.wait_for_function(
            "() => document.body.getAttribute('data-search-done') === 'đối thoại'"
        )
        assert (
            page.locator("#tinh-trang").inner_text()
            == "Tìm thấy 1 bài cho “đối thoại”."
        )
        link = page.locator(".search-title a").first
        assert link.inner_text().startswith("Chủ tịch UBND phường đối thoại")
        link.click()
        page.wait_for_url(f"**/{A}/")


@pytest.mark.browser
def test_search_from_a_sub_path(tmp_path, page):
    port = free_port()
    content = copy_sample_content(tmp_path / "content")
    build = run_build(
        content,
        tmp_path / "output",
        settings="publishconf.py",
        env={"SITEURL": f"http://127.0.0.1:{port}/phuong"},
    )
    assert build.ok, build.log
    with serve_directory(build.output, prefix="/phuong", port=port) as base:
        page.goto(f"{base}/tim-kiem/?q=duong")
        page.wait_for_function(
            "() => document.body.getAttribute('data-search-done') === 'duong'"
        )
        hrefs = page.eval_on_selector_all(
            ".search-title a", "els => els.map(e => e.href)"
        )
    assert hrefs and all(
        h.startswith(f"http://127.0.0.1:{port}/phuong/") for h in hrefs
    )


def test_only_articles_are_indexed(sample_build):
    import json

    entry = json.loads(
        (sample_build.output / "pagefind" / "pagefind-entry.json").read_text()
    )
    pages = sum(language["page_count"] for language in entry["languages"].values())
    # The seven sample posts, the three fields of procedures (searched by name,
    # issue 28), the introduction, organisation and contact pages, and the
    # sample's weekly pages (issue 29: two weeks, the reception schedule, four
    # fields of questions, budget 2026, one procurement kind); no lists or 404.
    assert pages == 7 + 3 + 3 + 9


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "marked"),
    [("118", "118"), ("26/2023", "26/2023"), ("2013", "2013"), ("nd-cp", "NĐ-CP")],
)
def test_part_of_a_document_number_is_highlighted(sample_build, page, query, marked):
    with serve_directory(sample_build.output) as base:
        assert _search(page, base, query)
        marks = page.locator(".search-excerpt mark").all_inner_texts()
        whole = page.locator(".search-excerpt").first.inner_text()
    assert marked in marks, (marks, whole)
    assert all(len(m) <= len(marked) for m in marks)  # the part, not the number


@pytest.mark.browser
def test_a_query_typed_before_the_index_loads_waits_for_it(sample_build, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    cdp = context.new_cdp_session(tab)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 800,
            "downloadThroughput": 60 * 1024,
            "uploadThroughput": 60 * 1024,
        },
    )
    with serve_directory(sample_build.output) as base:
        tab.goto(f"{base}/tim-kiem/", wait_until="domcontentloaded")
        tab.locator("#tu-khoa").press_sequentially("đối thoại", delay=20)
        tab.wait_for_timeout(400)  # past the typing debounce, index not there yet
        status_while_loading = tab.locator("#tinh-trang").inner_text()
        tab.wait_for_function(
            "() => document.body.getAttribute('data-search-done') === 'đối thoại'",
            timeout=30000,
        )
        found = tab.locator(".search-title a").count()
    context.close()
    assert errors == []
    assert status_while_loading == "Đang tải bộ tìm kiếm…"
    assert found == 1


def test_search_landmarks_have_distinct_names(sample_build):
    for page in ("index.html", "tim-kiem/"):
        soup = sample_build.html(page)
        names = [form.get("aria-label", "") for form in soup.select('[role="search"]')]
        assert all(names) and len(set(names)) == len(names), (page, names)
    assert len(sample_build.html("tim-kiem/").select('[role="search"]')) == 2


def test_only_article_text_is_indexed_without_page_furniture(sample_build):
    soup = sample_build.html(A + "/")
    body = soup.select_one("[data-pagefind-body]")
    for selector in (".post-category", ".post-tags", ".share", "#binh-luan"):
        element = body.select_one(selector)
        assert element is not None, selector
        assert element.find_parent(attrs={"data-pagefind-ignore": True}) or (
            element.has_attr("data-pagefind-ignore")
        ), selector
    meta_time = body.select_one(".post-meta time").find_parent("div")
    assert meta_time.has_attr("data-pagefind-ignore")


@pytest.mark.browser
def test_index_holds_the_text_and_keeps_the_filters(sample_build, page):
    with serve_directory(sample_build.output) as base:
        page.goto(f"{base}/tim-kiem/")
        pages = page.evaluate(
            """async () => {
              const pf = await import('/pagefind/pagefind.js');
              await pf.options({baseUrl: '/'});
              const search = await pf.search('phường');
              return Promise.all(search.results.map(r => r.data()));
            }"""
        )
    for data in pages:
        assert "Thẻ:" not in data["content"], data["url"]
        assert "Chia sẻ" not in data["content"], data["url"]
    # The posts (not the sample's schedules, questions, budget: issue 29).
    not_posts = (
        "/lich/",
        "/hoi-dap/",
        "/ngan-sach/",
        "/cong-khai/",
        "/thu-tuc",
        "/trang/",
    )
    posts = [data for data in pages if not data["url"].startswith(not_posts)]
    assert len(posts) == 7
    for data in posts:
        assert data["filters"]["category"] and data["filters"]["year"], data["url"]
        assert data["meta"]["category"] and data["meta"]["date"], data["url"]
