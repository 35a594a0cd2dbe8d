"""Front matter end to end: real sites built, metadata blocks, index pages, JSON-LD."""

from __future__ import annotations

import json

import pytest

from tests.sitekit import run_build, write_post

DIALOGUE = """
---
title: Hội nghị đối thoại với Nhân dân lần 1 năm 2023
date: 27/04/2023 19:30
category: Tin hoạt động
plan: 342/KH-UBND ngày 24/04/2023
documents: [34/2021/NĐ-CP]
officials:
  - Ông Trần Văn Bình – Phó Bí thư Thường trực Đảng uỷ phường
  - name: Đỗ Văn Lâm
    honorific: Ông
    role: Phó Bí thư Đảng uỷ, Chủ tịch UBND phường
    presiding: true
location: Hội trường UBND phường
attendees: 100
---
Nội dung hội nghị.
"""

FOLLOW_UP = """
---
title: Trả lời kiến nghị sau hội nghị đối thoại
date: 2023-05-10
category: Thông báo
plan:
  number: 342/KH-UBND
  date: 24 tháng 4 năm 2023
  title: Tổ chức hội nghị đối thoại năm 2023
documents:
  - Nghị định số 34/2021/NĐ-CP
  - 25/QĐ-TTg ngày 2023-01-05
  - 39-CT/TW
officials:
  - Ông Trần Văn Bình – Bí thư Đảng ủy phường
  - Đ/c Đỗ Văn Lâm – Chủ tịch UBND phường (chủ trì)
---
Nội dung trả lời.
"""

KEY_VALUE = """
Title: Bài viết kiểu cũ
Date: 2023-03-01 08:00
Category: Thông báo

Bài viết dùng phần đầu kiểu "Key: value" của Pelican.
"""


@pytest.fixture(scope="module")
def forms_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("forms")
    content = root / "content"
    write_post(content, "posts/2023/doi-thoai/index.md", DIALOGUE)
    write_post(content, "posts/2023/tra-loi.md", FOLLOW_UP)
    write_post(content, "posts/2023/kieu-cu.md", KEY_VALUE)
    (content / "pages").mkdir()
    build = run_build(content, root / "output")
    assert build.ok, build.log
    return build


def test_metadata_block_on_article(forms_site):
    page = forms_site.html("hoi-nghi-doi-thoai-voi-nhan-dan-lan-1-nam-2023/")
    meta = page.select_one("dl.post-meta")
    fields = {
        dt.get_text(strip=True): dd
        for dt, dd in zip(meta.find_all("dt"), meta.find_all("dd"), strict=True)
    }
    assert fields["Thời gian"].get_text(strip=True) == "Thứ Năm, 27/04/2023 19:30"
    assert fields["Địa điểm"].get_text(strip=True) == "Hội trường UBND phường"
    plan = fields["Thực hiện"].a
    assert plan.get_text() == "Kế hoạch số 342/KH-UBND ngày 24/04/2023"
    assert plan["href"] == "/van-ban/2023/342-kh-ubnd/"
    doc = fields["Văn bản liên quan"].a
    assert doc.get_text() == "Nghị định số 34/2021/NĐ-CP"
    assert doc["href"] == "/van-ban/2021/34-2021-nd-cp/"
    people = fields["Thành phần"].find_all("li")
    assert [li.a.get_text() for li in people] == ["Trần Văn Bình", "Đỗ Văn Lâm"]
    assert people[1].a["href"] == "/can-bo/do-van-lam/"
    assert "(chủ trì)" in people[1].get_text()
    assert "(chủ trì)" not in people[0].get_text()
    assert "Phó Bí thư Đảng uỷ, Chủ tịch UBND phường" in people[1].get_text()
    assert fields["Số người tham dự"].get_text(strip=True) == "100 người"


def test_official_pages(forms_site):
    index = forms_site.html("can-bo/")
    names = [a.get_text() for a in index.select(".term-list a")]
    assert names == ["Trần Văn Bình", "Đỗ Văn Lâm"]  # sorted by given name
    page = forms_site.html("can-bo/do-van-lam/")
    assert page.h1.get_text(strip=True) == "Đ/c Đỗ Văn Lâm"
    assert page.select_one(".lead").get_text() == "Chủ tịch UBND phường"  # latest role
    posts = [a.get_text() for a in page.select(".archive-list a")]
    assert posts == [
        "Trả lời kiến nghị sau hội nghị đối thoại",
        "Hội nghị đối thoại với Nhân dân lần 1 năm 2023",
    ]


def test_document_pages(forms_site):
    page = forms_site.html("van-ban/2023/342-kh-ubnd/")
    assert page.h1.get_text() == "Kế hoạch số 342/KH-UBND ngày 24/04/2023"
    assert page.select_one(".lead").get_text() == "Tổ chức hội nghị đối thoại năm 2023"
    assert len(page.select(".archive-list li")) == 2
    for address, label in [
        ("2021/34-2021-nd-cp", "Nghị định số 34/2021/NĐ-CP"),
        ("2023/25-qd-ttg", "Quyết định số 25/QĐ-TTg ngày 05/01/2023"),
        ("39-ct-tw", "Chỉ thị số 39-CT/TW"),  # never dated: the number's address
    ]:
        assert forms_site.html(f"van-ban/{address}/").h1.get_text() == label
    index = forms_site.html("van-ban/")
    hrefs = {a["href"] for a in index.select(".term-list a")}
    assert hrefs == {
        "/van-ban/2023/342-kh-ubnd/",
        "/van-ban/2021/34-2021-nd-cp/",
        "/van-ban/2023/25-qd-ttg/",
        "/van-ban/39-ct-tw/",
    }


def test_key_value_header_still_works(forms_site):
    page = forms_site.html("bai-viet-kieu-cu/")
    assert page.h1.get_text() == "Bài viết kiểu cũ"
    assert "Thứ Tư, 01/03/2023 08:00" in page.select_one("article").get_text()


def test_jsonld(forms_site):
    page = forms_site.html("hoi-nghi-doi-thoai-voi-nhan-dan-lan-1-nam-2023/")
    data = json.loads(page.find("script", type="application/ld+json").string)
    article, event = data["@graph"]
    assert data["@context"] == "https://schema.org"
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "Hội nghị đối thoại với Nhân dân lần 1 năm 2023"
    assert article["datePublished"] == "2023-04-27T19:30:00+07:00"
    assert article["url"] == "/hoi-nghi-doi-thoai-voi-nhan-dan-lan-1-nam-2023/"
    assert event["@type"] == "Event"
    assert event["location"]["name"] == "Hội trường UBND phường"
    assert event["startDate"] == "2023-04-27T19:30:00+07:00"
    follow_up = forms_site.html("tra-loi-kien-nghi-sau-hoi-nghi-doi-thoai/")
    data = json.loads(follow_up.find("script", type="application/ld+json").string)
    assert [node["@type"] for node in data["@graph"]] == ["NewsArticle"]


def test_sample_site_groups_tone_variants(sample_build):
    page = sample_build.html("can-bo/pham-thanh-hoa/")
    assert len(page.select(".archive-list li")) == 2
    assert not (sample_build.output / "can-bo" / "pham-thanh-hoa-2").exists()


MALFORMED_POSTS = {
    "no-title.md": ("date: 2023-01-01\n", 2, "thiếu tiêu đề"),
    "no-date.md": ("title: Không ngày\n", 2, "thiếu ngày"),
    "bad-date.md": ("title: A1\ndate: 31/02/2023\n", 3, "không có thật"),
    "unknown.md": (
        "title: A2\ndate: 2023-01-01\nnguoi_viet: B\n",
        4,
        'không có trường "nguoi_viet" ở phần đầu bài',
    ),
    "typo.md": ("title: A3\ndate: 2023-01-01\nofficals: []\n", 4, '"officials"'),
    "list-title.md": ("title: [A, B]\ndate: 2023-01-01\n", 2, "một dòng chữ"),
    "bad-plan.md": (
        "title: A4\ndate: 2023-01-01\nplan: kế hoạch 342\n",
        4,
        "viết liền",
    ),
    "plan-date.md": (
        "title: A5\ndate: 2023-01-01\nplan: 1/KH-UBND ngày 99/99/2023\n",
        4,
        "không có thật",
    ),
    "bad-doc.md": (
        "title: A6\ndate: 2023-01-01\ndocuments:\n  - abc\n",
        5,
        "viết liền",
    ),
    "official.md": (
        "title: A7\ndate: 2023-01-01\nofficials:\n  - Ông A\n",
        5,
        "không tách được",
    ),
    "official-map.md": (
        "title: A8\ndate: 2023-01-01\nofficials:\n  - chuc_vu: X\n",
        5,
        "chuc_vu",
    ),
    "attendees.md": ("title: A9\ndate: 2023-01-01\nattendees: nhiều\n", 4, "số người"),
    "slug.md": (
        "title: A10\ndate: 2023-01-01\nslug: Có Dấu\n",
        4,
        "chữ thường không dấu",
    ),
    "status.md": ("title: A11\ndate: 2023-01-01\nstatus: xong\n", 4, "published"),
    "yaml.md": ("title: Lịch: tháng 5\ndate: 2023-01-01\n", 2, "dấu ngoặc kép"),
    "tab.md": ("title: A12\n\tdate: 2023-01-01\n", 3, "Tab"),
    "twice.md": ("title: A13\ntitle: A14\ndate: 2023-01-01\n", 3, "hai lần"),
}


def test_malformed_posts_are_all_reported_and_fail_the_build(tmp_path, empty_content):
    write_post(
        empty_content, "posts/good.md", "---\ntitle: Tốt\ndate: 2023-01-01\n---\nỔn.\n"
    )
    for name, (front, _, _) in MALFORMED_POSTS.items():
        write_post(empty_content, f"posts/bad/{name}", f"---\n{front}---\nNội dung.\n")
    (empty_content / "posts" / "bad" / "unclosed.md").write_text(
        "---\ntitle: A\nNội dung\n"
    )
    build = run_build(empty_content, tmp_path / "out")
    assert build.returncode == 1
    assert "Traceback" not in build.log
    assert f"XÂY DỰNG THẤT BẠI: {len(MALFORMED_POSTS) + 1} lỗi" in build.log
    for name, (_, line, fragment) in MALFORMED_POSTS.items():
        matching = [
            row for row in build.log.splitlines() if f"posts/bad/{name}:{line}:" in row
        ]
        assert matching, f"{name}:{line} not reported"
        assert any(fragment in row for row in matching), (name, matching)
    assert "posts/bad/unclosed.md:1:" in build.log
    assert not (tmp_path / "out").exists()


def test_official_and_document_pages_are_in_the_sitemap(forms_site):
    sitemap = (forms_site.output / "sitemap.xml").read_text()
    for url in (
        "/can-bo/",
        "/can-bo/do-van-lam/",
        "/van-ban/",
        "/van-ban/2023/342-kh-ubnd/",
        "/hoi-nghi-doi-thoai-voi-nhan-dan-lan-1-nam-2023/",
    ):
        assert f"<loc>{url}</loc>" in sitemap
