"""Importing an old portal: three saved-page layouts, a WordPress export, bad files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.photos import save_photo
from tests.sitekit import PROJECT, run_build

REFERENCE = PROJECT.parent / "shared" / "reference" / "old-portal-post.txt"

WORDPRESS_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Ra quân làm sạch bờ kênh Xáng – Phường Hòa Thuận</title>
<link rel="canonical" href="https://phuonghoathuan.phuong.test/ra-quan-lam-sach-bo-kenh-xang/">
<meta property="article:section" content="Môi trường">
</head><body>
<nav class="menu"><a href="/">Trang chủ</a><a href="/tin-tuc">Tin tức</a></nav>
<article>
<h1 class="entry-title">Ra quân làm sạch bờ kênh Xáng</h1>
<div class="entry-meta"><time class="entry-date" datetime="2022-08-14T06:45:00+07:00">14/08/2022</time>
<span class="cat-links"><a href="/chuyen-muc/moi-truong" rel="category tag">Môi trường</a></span></div>
<div class="entry-content">
<p>Sáng 14/8, hơn <strong>200 người</strong> cùng dọn rác dọc bờ kênh, theo <em>Kế hoạch số 88/KH-UBND ngày 01/08/2022</em> của UBND phường.</p>
<figure class="wp-caption"><img src="ra-quan_files/don-rac.jpg" alt="x"><figcaption>Thanh niên dọn rác bờ kênh Xáng</figcaption></figure>
<p>Kết quả thu gom:</p>
<table><thead><tr><th>Khu vực</th><th>Khối lượng</th></tr></thead>
<tbody><tr><td>Khu vực 1</td><td>1,2 tấn</td></tr><tr><td>Khu vực 2</td><td>0,8 tấn</td></tr></tbody></table>
<ul><li>Vớt rác trên kênh</li><li>Phát quang bờ kênh</li></ul>
<p>Xem thêm <a href="https://cantho.gov.vn/moi-truong">tin của thành phố</a>. Ông Võ Minh Tâm – Bí thư Đoàn phường chủ trì lễ ra quân.</p>
<div class="sharedaddy"><h3>Chia sẻ:</h3><a href="https://facebook.com/share">Facebook</a></div>
<p class="post-views">Lượt xem: 1.234</p>
</div></article>
<section id="comments"><h2>Bình luận</h2><p>Chưa có bình luận.</p></section>
<aside class="sidebar"><h2>LIÊN KẾT</h2><a href="https://dichvucong.gov.vn">DVC</a></aside>
</body></html>"""

PORTAL_PAGE = """<html><head><meta charset="utf-8"><title>Cổng TTĐT phường | Tiếp xúc cử tri</title></head>
<body><div class="header">CỔNG THÔNG TIN ĐIỆN TỬ PHƯỜNG</div>
<div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="/tin-hoat-dong">Tin hoạt động</a></div>
<div class="news-detail">
<h1 class="news-title">Tiếp xúc cử tri trước kỳ họp HĐND</h1>
<div class="news-date">Ngày đăng: 05/12/2023 - 14:00</div>
<p>Chiều 5/12, đại biểu HĐND quận tiếp xúc cử tri phường tại Nhà văn hóa khu vực 2.
Bà Lê Thị Mai – Chủ tịch Ủy ban MTTQ Việt Nam phường chủ trì buổi tiếp xúc.</p>
<p style="text-align:center"><img src="images/tiep-xuc.JPG"></p>
<p style="text-align:center"><em>Cử tri khu vực 2 nêu ý kiến về trật tự đô thị</em></p>
<p>Các ý kiến được tổng hợp gửi kỳ họp theo Công văn số 249/HĐND-VP.</p>
<p><img src="images/khong-ton-tai.jpg"></p>
<div class="view-count">Lượt xem: 88</div>
<a href="#top">Về đầu trang</a>
</div></body></html>"""


BARE_TITLE = "Hội nghị đối thoại giữa lãnh đạo phường và Nhân dân khu vực 3"
BARE_BODY = [
    "Thực hiện Kế hoạch số 57/KH-UBND ngày 3 tháng 3 năm 2024 của Ủy ban nhân dân phường, "
    "tối ngày 14 tháng 3 năm 2024, tại Nhà văn hóa khu vực 3, phường tổ chức hội nghị đối "
    "thoại do Ông Huỳnh Văn Sang – Phó Bí thư Đảng ủy, Chủ tịch UBND phường chủ trì. Tham "
    "dự có ông Lý Minh Khoa – Phó Chủ tịch UBND phường, Bà Tạ Thị Ngọc Ánh – Chủ tịch Hội "
    "Liên hiệp Phụ nữ phường và 75 người dân.",
    "Hội nghị được tổ chức theo Nghị định số 59/2023/NĐ-CP về thực hiện dân chủ ở cơ sở.",
    "Người dân nêu 6 ý kiến về thoát nước, chiếu sáng và trật tự lòng đường.",
]
BARE_CAPTIONS = [
    "Ông Huỳnh Văn Sang phát biểu khai mạc hội nghị",
    "Người dân nêu ý kiến tại hội nghị",
    "Người dân nêu ý kiến tại hội nghị",
    "Ông Lý Minh Khoa trả lời ý kiến về thoát nước",
    "Toàn cảnh hội nghị",
]


def _bare_page() -> str:
    """The layout of the reference post: text, then each photo followed by its
    caption as a separate paragraph, then the portal's own blocks."""
    photos = "".join(
        f'<p><img src="anh/anh-{i}.jpg"></p><p>{caption}</p>'
        for i, caption in enumerate(BARE_CAPTIONS)
    )
    paragraphs = "".join(f"<p>{p}</p>" for p in BARE_BODY)
    return (
        f"<html><head><meta charset='utf-8'><title>{BARE_TITLE}</title></head><body>"
        f"<div id='main'><h1>{BARE_TITLE}</h1><p class='date'>14/03/2024</p>{paragraphs}"
        f"{photos}<p>Bình luận</p><p>LIÊN KẾT</p><p>return to top</p></div></body></html>"
    )


WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Phường cũ</title>
<item><title>Thông báo lịch cắt điện khu vực 4</title>
<link>https://cu.phuong.test/thong-bao-cat-dien-kv4/</link>
<wp:post_name>thong-bao-cat-dien-kv4</wp:post_name>
<wp:post_date>2021-03-02 08:15:00</wp:post_date><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>
<category domain="category" nicename="thong-bao"><![CDATA[Thông báo]]></category>
<content:encoded><![CDATA[Điện lực thông báo tạm ngừng cấp điện khu vực 4 ngày 05/3/2021.

[caption id="attachment_9" align="aligncenter"]<img src="https://cu.phuong.test/wp-content/uploads/2021/03/tram-dien.jpg" /> Trạm biến áp khu vực 4[/caption]

Theo Quyết định số 25/QĐ-UBND ngày 20/02/2021.]]></content:encoded>
</item>
<item><title>Bản nháp chưa đăng</title><wp:post_name>ban-nhap</wp:post_name>
<wp:post_date>2021-04-01 09:00:00</wp:post_date><wp:status>draft</wp:status>
<wp:post_type>post</wp:post_type><content:encoded><![CDATA[<p>Nội dung nháp.</p>]]></content:encoded></item>
<item><title>Ảnh đính kèm</title><wp:post_type>attachment</wp:post_type></item>
</channel></rss>"""


def _old_portal(root: Path) -> Path:
    source = root / "cong-cu"
    (source / "ra-quan_files").mkdir(parents=True)
    (source / "ra-quan.html").write_text(WORDPRESS_PAGE, encoding="utf-8")
    save_photo(source / "ra-quan_files" / "don-rac.jpg", 800, 600, seed=1)
    (source / "tiep-xuc-cu-tri.html").write_text(PORTAL_PAGE, encoding="utf-8")
    save_photo(source / "images" / "tiep-xuc.JPG", 800, 600, seed=2)
    (source / "hoi-nghi-doi-thoai.html").write_text(_bare_page(), encoding="utf-8")
    for index in range(5):
        save_photo(source / "anh" / f"anh-{index}.jpg", 640, 480, seed=10 + index)
    (source / "wordpress.xml").write_text(WXR, encoding="utf-8")
    save_photo(source / "uploads" / "2021" / "03" / "tram-dien.jpg", 640, 480, seed=20)
    (source / "tai-lieu.html").write_bytes(b"%PDF-1.4\x00\x01binary")
    (source / "khong-tieu-de.html").write_text("<html><body><p>x</p></body></html>")
    return source


def _import(content: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wardtools", "import", "--content", str(content), *args],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ},
    )


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    root = tmp_path_factory.mktemp("import")
    source = _old_portal(root)
    content = root / "content"
    (content / "pages").mkdir(parents=True)
    result = _import(content, str(source))
    return root, source, content, result


def test_import_reports_and_summarises(imported):
    _, _, _, result = imported
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "tai-lieu.html: tệp này không phải trang HTML" in out
    assert "khong-tieu-de.html: trang không có tiêu đề" in out
    assert 'ảnh "images/khong-ton-tai.jpg" không có trong thư mục đã lưu' in out
    assert "Tổng kết: 5 bài mới, 0 cập nhật, 0 không đổi, 0 bỏ qua, 2 lỗi." in out
    assert "Traceback" not in out + result.stderr


def test_imported_site_builds_with_titles_dates_bodies_and_galleries(
    imported, tmp_path
):
    _, _, content, _ = imported
    build = run_build(content, tmp_path / "out")
    assert build.ok, build.log

    wp = build.html("ra-quan-lam-sach-bo-kenh-xang/")  # the old slug is kept
    assert wp.h1.get_text() == "Ra quân làm sạch bờ kênh Xáng"
    assert "14/08/2022 06:45" in wp.select_one("article time").get_text()
    assert wp.select_one(".post-category").get_text(strip=True) == "Môi trường"
    body = wp.select_one(".post-body")
    assert body.find("strong").get_text() == "200 người"
    assert body.find("table").find_all("td")[1].get_text() == "1,2 tấn"
    assert [li.get_text() for li in body.select("ul li")] == [
        "Vớt rác trên kênh",
        "Phát quang bờ kênh",
    ]
    assert body.find("a", href="https://cantho.gov.vn/moi-truong") is not None
    text = body.get_text(" ")
    for boilerplate in (
        "Chia sẻ",
        "Lượt xem",
        "Facebook",
        "Chưa có bình luận",
        "LIÊN KẾT",
    ):
        assert boilerplate not in text
    figures = wp.select("section.gallery figcaption")
    assert [f.get_text() for f in figures] == ["Thanh niên dọn rác bờ kênh Xáng"]
    plan = wp.select_one(".post-meta a[href*='van-ban']")
    assert plan.get_text() == "Kế hoạch số 88/KH-UBND ngày 01/08/2022"
    assert "Võ Minh Tâm" in wp.select_one(".officials").get_text()

    portal = build.html("tiep-xuc-cu-tri/")
    assert portal.h1.get_text() == "Tiếp xúc cử tri trước kỳ họp HĐND"
    assert "05/12/2023 14:00" in portal.select_one("article time").get_text()
    assert portal.select_one(".post-category").get_text(strip=True) == "Tin hoạt động"
    assert [f.get_text() for f in portal.select("section.gallery figcaption")] == [
        "Cử tri khu vực 2 nêu ý kiến về trật tự đô thị"
    ]
    assert "Về đầu trang" not in portal.select_one(".post-body").get_text()
    officials = portal.select_one(".officials").get_text(" ", strip=True)
    assert "Lê Thị Mai" in officials and "(chủ trì)" in officials
    assert portal.select_one(".post-meta").get_text().count("249/HĐND-VP") == 1

    bare = build.html("hoi-nghi-doi-thoai/")
    captions = [f.get_text() for f in bare.select("section.gallery figcaption")]
    assert (
        len(captions) == 5 and captions[1] == captions[2]
    )  # two photos share a caption
    assert (
        "return to top" not in bare.get_text()
        and "Bình luận" not in bare.select_one(".post-body").get_text()
    )
    meta = bare.select_one(".post-meta").get_text(" ", strip=True)
    assert "Kế hoạch số 57/KH-UBND ngày 03/03/2024" in meta
    assert "Nghị định số 59/2023/NĐ-CP" in meta
    names = [a.get_text() for a in bare.select(".officials a")]
    assert names == ["Huỳnh Văn Sang", "Lý Minh Khoa", "Tạ Thị Ngọc Ánh"]
    assert (
        "Phó Bí thư Đảng ủy, Chủ tịch UBND phường"
        in bare.select(".officials li")[0].get_text()
    )
    assert "(chủ trì)" in bare.select(".officials li")[0].get_text()

    notice = build.html("thong-bao-cat-dien-kv4/")
    assert "02/03/2021 08:15" in notice.select_one("article time").get_text()
    assert [f.get_text() for f in notice.select("section.gallery figcaption")] == [
        "Trạm biến áp khu vực 4"
    ]
    assert (
        "Quyết định số 25/QĐ-UBND ngày 20/02/2021"
        in notice.select_one(".post-meta").get_text()
    )
    assert not (build.output / "ban-nhap").exists()  # the WordPress draft stays a draft


def test_front_matter_marks_extracted_fields_for_review(imported):
    _, _, content, _ = imported
    text = (content / "posts" / "2024" / "hoi-nghi-doi-thoai" / "index.md").read_text()
    assert "# CẦN KIỂM TRA" in text
    assert 'plan: "57/KH-UBND ngày 03/03/2024"' in text


@pytest.mark.skipif(
    not REFERENCE.is_file(), reason="../shared/reference is not beside this clone"
)
def test_proposals_on_the_real_reference_post():
    from wardtools.importer.extract import propose

    proposals = propose(REFERENCE.read_text(encoding="utf-8"))
    assert proposals.plan == "342/KH-UBND ngày 24/04/2023"
    assert proposals.documents == ["Nghị định số 34/2021/NĐ-CP"]
    names = [o.split(" – ")[0] for o in proposals.officials]
    assert names[:4] == [
        "Ông Đỗ Ngọc Lãm",
        "Ông Trần Hữu Cảnh",
        "Ông Lê Tấn Quốc",
        "Bà Nguyễn Thị Tuyết Hằng",
    ]
    assert proposals.officials[0].endswith("(chủ trì)")


def test_import_is_idempotent_and_respects_edits(imported):
    _, source, content, _ = imported
    again = _import(content, str(source))
    assert (
        "Tổng kết: 0 bài mới, 0 cập nhật, 5 không đổi, 0 bỏ qua, 2 lỗi." in again.stdout
    )
    post = content / "posts" / "2022" / "ra-quan-lam-sach-bo-kenh-xang" / "index.md"
    edited = post.read_text().replace("Sáng 14/8", "Sáng ngày 14/8")
    post.write_text(edited)
    third = _import(content, str(source))
    assert "1 bỏ qua" in third.stdout and "đã sửa tay" in third.stdout
    assert post.read_text() == edited
    forced = _import(content, "--force", str(source / "ra-quan.html"))
    assert "cập nhật" in forced.stdout
    assert "Sáng ngày 14/8" not in post.read_text()
