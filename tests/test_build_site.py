"""The sample site builds, and a failed build never touches the published output."""

from __future__ import annotations

import shutil

import pytest

from tests.dockit import make_pdf
from tests.sitekit import (
    PROJECT,
    copy_sample_content,
    leftovers_beside,
    run_build,
    tree_digest,
    write_post,
)
from ward_core.slugs import shorten_slug

DIALOGUE_SLUG = (
    "chu-tich-ubnd-phuong-doi-thoai-voi-nhan-dan-ve-chinh-trang-do-thi-nam-2023"
)


def test_sample_site_has_home_articles_pages_and_archives(sample_build):
    out = sample_build.output
    for relative in (
        "index.html",
        "404.html",
        f"{DIALOGUE_SLUG}/index.html",
        "trang/gioi-thieu/index.html",
        "trang/lien-he/index.html",
        "chuyen-muc/thong-bao/index.html",
        "chuyen-muc/tin-hoat-dong/index.html",
        "chuyen-muc/tuyen-truyen/index.html",
        "the/moi-truong/index.html",
        "luu-tru/index.html",
        "luu-tru/2023/index.html",
        "luu-tru/2024/02/index.html",
        "theme/css/site.css",
        "robots.txt",
    ):
        assert (out / relative).is_file(), relative

    home = sample_build.html("index.html")
    assert home.html["lang"] == "vi"
    titles = [
        a.get_text(strip=True) for a in home.select(".featured-title a, .card-title a")
    ]
    assert len(titles) >= 6
    # Newest first.
    assert titles[0].startswith("Tuyên truyền phòng cháy")


def test_article_page_shows_vietnamese_date_under_c_locale(sample_build):
    page = sample_build.html(f"{DIALOGUE_SLUG}/")
    assert page.h1.get_text(strip=True).startswith("Chủ tịch UBND phường đối thoại")
    assert page.select_one("article time").get_text() == "Thứ Năm, 18/05/2023 19:00"
    # A date without a time of day shows no "00:00".
    notice = sample_build.html(
        "thong-bao-lich-tiep-cong-dan-cua-lanh-dao-ubnd-phuong-thang-6-2023/"
    )
    assert notice.select_one("article time").get_text() == "Thứ Hai, 29/05/2023"


def test_site_identity_comes_from_settings(tmp_path, empty_content):
    write_post(
        empty_content,
        "posts/a.md",
        """
        ---
        title: Bài thử
        date: 2024-01-02
        ---
        Nội dung.
        """,
    )
    ward = {
        "name": "Phường Đông Xuyên",
        "province": "Tỉnh An Giang",
        "phone": "0296 111 222",
        "email": "ubnd@dongxuyen.phuong.test",
        "hours": "Sáng 7:00–11:00",
    }
    build = run_build(
        empty_content,
        tmp_path / "out",
        overrides={"WARD": ward, "SITENAME": "Cổng thông tin Phường Đông Xuyên"},
    )
    assert build.ok, build.log
    home = build.html("index.html")
    assert home.select_one(".brand-name").get_text() == "Phường Đông Xuyên"
    assert home.select_one(".brand-region").get_text() == "Tỉnh An Giang"
    footer = home.select_one(".site-footer").get_text(" ", strip=True)
    assert "0296 111 222" in footer and "Sáng 7:00–11:00" in footer
    assert "Hòa Thuận" not in home.decode()


@pytest.mark.parametrize(
    ("ward", "expected"),
    [
        (
            {"nam": "Phường X"},
            'không có trường "nam" trong WARD. Có phải ý bạn là "name"?',
        ),
        # A settings file from before the two-tier reform says what to write instead.
        (
            {"name": "Phường X", "district": "Quận 3"},
            'ghi tỉnh/thành phố ở "province"',
        ),
    ],
)
def test_bad_ward_setting_fails_with_clear_message(
    tmp_path, empty_content, ward, expected
):
    build = run_build(empty_content, tmp_path / "out", overrides={"WARD": ward})
    assert not build.ok
    assert expected in build.log
    assert "Traceback" not in build.log


def test_slugs_are_ascii_with_d_and_slash_to_dash(tmp_path, empty_content):
    write_post(
        empty_content,
        "posts/duong.md",
        """
        ---
        title: Đường Đỗ Xuân Hợp thực hiện 342/KH-UBND
        date: 2024-01-02
        ---
        Nội dung.
        """,
    )
    build = run_build(empty_content, tmp_path / "out")
    assert build.ok, build.log
    assert (
        build.output / "duong-do-xuan-hop-thuc-hien-342-kh-ubnd" / "index.html"
    ).is_file()


def test_posts_as_folders_and_single_files_at_any_depth(tmp_path, empty_content):
    body = "---\ntitle: {t}\ndate: 2024-01-0{d}\n---\nNội dung {t}.\n"
    write_post(empty_content, "posts/mot.md", body.format(t="Một", d=1))
    write_post(empty_content, "posts/2024/01/hai/index.md", body.format(t="Hai", d=2))
    write_post(empty_content, "posts/a/b/c/d/ba.md", body.format(t="Ba", d=3))
    build = run_build(empty_content, tmp_path / "out")
    assert build.ok, build.log
    for slug in ("mot", "hai", "ba"):
        assert (build.output / slug / "index.html").is_file()


def test_broken_post_fails_build_and_keeps_previous_output(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    output = tmp_path / "output"
    first = run_build(content, output)
    assert first.ok, first.log
    before = tree_digest(output)
    assert len(before) > 20

    write_post(
        content,
        "posts/2024/hong.md",
        """
        ---
        title: Bài có ngày sai
        date: 2024-13-45
        ---
        Nội dung.
        """,
    )
    second = run_build(content, output)
    assert second.returncode == 1
    assert "hong.md" in second.log
    assert "XÂY DỰNG THẤT BẠI" in second.log
    assert "không bị thay đổi" in second.log
    assert tree_digest(output) == before
    # No staging folders are left behind.
    assert leftovers_beside(output) == []


def test_successful_rebuild_replaces_output_completely(tmp_path, empty_content):
    output = tmp_path / "output"
    post = "---\ntitle: {t}\ndate: 2024-01-01\n---\nNội dung.\n"
    write_post(empty_content, "posts/cu.md", post.format(t="Bài cũ"))
    assert run_build(empty_content, output).ok
    assert (output / "bai-cu" / "index.html").is_file()

    (empty_content / "posts" / "cu.md").unlink()
    write_post(empty_content, "posts/moi.md", post.format(t="Bài mới"))
    assert run_build(empty_content, output).ok
    assert (output / "bai-moi" / "index.html").is_file()
    assert not (output / "bai-cu").exists()


def test_slug_collision_names_both_files_and_the_fix(tmp_path, empty_content):
    post = "---\ntitle: {t}\ndate: 2024-01-0{d}\n---\nNội dung.\n"
    write_post(empty_content, "posts/a/thong-bao.md", post.format(t="Thông báo", d=1))
    write_post(empty_content, "posts/b/thong-bao.md", post.format(t="Thông bào", d=2))
    build = run_build(empty_content, tmp_path / "out")
    assert build.returncode == 1
    assert "posts/a/thong-bao.md" in build.log
    assert "posts/b/thong-bao.md" in build.log
    assert "thong-bao/index.html" in build.log
    assert "slug:" in build.log
    assert "Traceback" not in build.log
    assert "FileOverwriteFailedError" not in build.log
    assert not (tmp_path / "out").exists()


def test_post_slug_may_not_take_a_site_folder(tmp_path, empty_content):
    write_post(
        empty_content,
        "posts/x.md",
        "---\ntitle: Chuyên mục\ndate: 2024-01-01\n---\nNội dung.\n",
    )
    build = run_build(empty_content, tmp_path / "out")
    assert build.returncode == 1
    assert 'slug "chuyen-muc"' in build.log


def test_missing_plugin_fails_the_build(tmp_path, empty_content):
    build = run_build(
        empty_content,
        tmp_path / "out",
        overrides={"PLUGINS": ["ward_site", "ward_plugin_that_does_not_exist"]},
    )
    assert build.returncode == 1
    assert "ward_plugin_that_does_not_exist" in build.log


def test_template_error_fails_the_build(tmp_path, empty_content):
    theme = tmp_path / "theme"
    shutil.copytree(PROJECT / "theme", theme)
    (theme / "templates" / "article.html").write_text(
        "{% extends 'base.html' %}{% block content %}{{ article.title | nosuchfilter }}"
        "{% endblock %}"
    )
    write_post(
        empty_content, "posts/x.md", "---\ntitle: X\ndate: 2024-01-01\n---\nNội dung.\n"
    )
    build = run_build(empty_content, tmp_path / "out", overrides={"THEME": str(theme)})
    assert build.returncode == 1
    assert "nosuchfilter" in build.log
    assert "Traceback" not in build.log


def test_publish_build_has_absolute_urls_and_feeds_and_no_drafts(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    write_post(
        content,
        "posts/nhap/index.md",
        "---\ntitle: Bản nháp\ndate: 2024-05-01\nstatus: draft\n"
        "documents:\n  - number: 45/KH-UBND\n    file: ke-hoach-nhap.pdf\n"
        "attachments:\n  - file: mau-don-nhap.pdf\n---\nChưa xong.\n",
    )
    for name in ("ke-hoach-nhap.pdf", "mau-don-nhap.pdf"):
        make_pdf(content / "posts" / "nhap" / name, [["Dự thảo"]])
    build = run_build(
        content,
        tmp_path / "out",
        settings="publishconf.py",
        env={"SITEURL": "https://phuong.phuong.test/tin"},
    )
    assert build.ok, build.log
    home = build.html("index.html")
    css = home.find("link", rel="stylesheet")["href"]
    assert css.startswith("https://phuong.phuong.test/tin/theme/css/site.css?v=")
    assert (build.output / "feeds" / "tat-ca.atom.xml").is_file()
    assert not (build.output / "drafts").exists()
    assert not list(build.output.rglob("*nhap*.pdf"))  # nor the draft's files
    assert "Bản nháp" not in (build.output / "feeds" / "tat-ca.atom.xml").read_text()


def test_unchanged_site_is_not_rebuilt_but_a_damaged_output_is(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    output = tmp_path / "output"
    assert run_build(content, output).ok
    again = run_build(content, output)
    assert again.ok and "Không có gì thay đổi" in again.log
    (output / "404.html").unlink()  # someone damaged the published site
    repaired = run_build(content, output)
    assert repaired.ok and "Không có gì thay đổi" not in repaired.log
    assert (output / "404.html").is_file()
    post = content / "posts" / "2024" / "trao-qua-tet-ho-ngheo.md"
    post.write_text(post.read_text() + "\nThêm một câu.\n")
    edited = run_build(content, output)
    assert "Không có gì thay đổi" not in edited.log
    assert (
        "Thêm một câu."
        in (
            output / "trao-120-phan-qua-tet-cho-ho-ngheo-ho-can-ngheo" / "index.html"
        ).read_text()
    )


def test_publish_after_a_preview_build_is_not_skipped(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    output = tmp_path / "output"
    assert run_build(content, output).ok
    published = run_build(
        content,
        output,
        settings="publishconf.py",
        env={"SITEURL": "https://p.phuong.test"},
    )
    assert published.ok and "Không có gì thay đổi" not in published.log
    assert (output / "feeds" / "tat-ca.atom.xml").is_file()
    again = run_build(
        content,
        output,
        settings="publishconf.py",
        env={"SITEURL": "https://khac.phuong.test"},
    )
    assert "Không có gì thay đổi" not in again.log  # another SITEURL is another site


def test_publishing_to_an_example_address_is_refused(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    build = run_build(
        content,
        tmp_path / "out",
        settings="publishconf.py",
        env={"SITEURL": "https://hoathuan.example.gov.vn"},
    )
    assert build.returncode == 1
    assert "publishconf.py" in build.log and "là địa chỉ mẫu" in build.log
    assert not (tmp_path / "out").exists()


def test_a_moved_address_keeps_working_and_its_comments_follow(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    env = {"SITEURL": "https://phuong.test"}
    out = tmp_path / "out"
    assert run_build(content, out, settings="publishconf.py", env=env).ok
    ledger = (content / "data" / "dia-chi-da-dang.yml").read_text(encoding="utf-8")
    old = "chu-tich-ubnd-phuong-doi-thoai-voi-nhan-dan-ve-chinh-trang-do-thi-nam-2023"
    assert f'"posts/2023/doi-thoai-chinh-trang-do-thi/index.md": {old}' in ledger

    post = content / "posts" / "2023" / "doi-thoai-chinh-trang-do-thi" / "index.md"
    post.write_text(
        post.read_text(encoding="utf-8").replace(
            "title: ", "title: Đối thoại với nhân dân – ", 1
        ),
        encoding="utf-8",
    )
    # The preview says why the comments no longer find their post, and how to fix it.
    preview = run_build(content, tmp_path / "preview")
    assert preview.returncode == 1
    assert f'"slug: {old}"' in preview.log and "trước đây được đăng" in preview.log

    published = run_build(content, out, settings="publishconf.py", env=env)
    assert published.ok, published.log
    assert (
        "địa chỉ bài đổi từ" in published.log
        and "Tệp bình luận đã đổi tên" in published.log
    )
    # 96 characters: capped at 80 (cut at a word, plus a hash) like every long title.
    new = shorten_slug("doi-thoai-voi-nhan-dan-" + old)
    assert len(new) <= 80 and new.startswith("doi-thoai-voi-nhan-dan-chu-tich")
    assert (content / "comments" / f"{new}.yml").is_file()
    assert not (content / "comments" / f"{old}.yml").exists()
    page = published.html(f"{new}/")
    assert page.select("#binh-luan li, .comment")  # the comments moved with the post
    redirect = published.html(f"{old}/")
    refresh = redirect.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh and f"https://phuong.test/{new}/" in refresh["content"]
    assert redirect.find("a", href=f"https://phuong.test/{new}/")
    assert f"/{old}/ https://phuong.test/{new}/" in (out / "_redirects").read_text()
    # Publishing again changes nothing more.
    again = run_build(content, out, settings="publishconf.py", env=env)
    assert again.ok and "địa chỉ bài đổi từ" not in again.log


def test_posts_of_the_same_date_are_listed_in_file_order(tmp_path, empty_content):
    """The file system lists a folder in any order (it differs between two
    copies of a folder); lists of posts must not: same-date posts follow their
    file names, so every build of the same files gives the same pages."""
    names = ["e", "b", "f", "a", "d", "c"]  # written in this order
    for name in names:
        write_post(
            empty_content,
            f"posts/{name}.md",
            f"---\ntitle: Tin {name.upper()}\ndate: 2024-03-01 08:00\n---\nNội dung.\n",
        )
    built = run_build(empty_content, tmp_path / "output")
    assert built.ok, built.log
    titles = [
        a.get_text(strip=True) for a in built.html("index.html").select("h2 a, h3 a")
    ]
    listed = [t for t in titles if t.startswith("Tin ")]
    # Newest first, ties by file: Pelican sorts dates descending, stable.
    assert listed == [f"Tin {n.upper()}" for n in sorted(names)], listed
