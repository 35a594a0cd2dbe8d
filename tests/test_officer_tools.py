"""The officer's commands end to end on a temporary copy of the site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest

from bench.photos import save_photo
from tests.previewkit import preview_server
from tests.sitekit import (
    PROJECT,
    copy_sample_content,
    run_build,
    tree_digest,
    write_post,
)


def tool(
    *args: str, stdin: str | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wardtools", *args],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@pytest.mark.parametrize(
    "command",
    [
        "build",
        "publish",
        "serve",
        "new",
        "photos",
        "check",
        "comment",
        "linkcheck",
        "deploy",
        "import",
    ],
)
def test_help_is_in_vietnamese(command):
    result = tool(command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("cách dùng:")
    assert (
        "tùy chọn" in result.stdout and "hiện hướng dẫn này rồi thoát" in result.stdout
    )
    assert "usage:" not in result.stdout and "show this help" not in result.stdout


def test_make_photos_takes_names_with_spaces_and_folders(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    phone = tmp_path / "Ảnh Zalo"
    save_photo(phone / "Ảnh hội nghị 2.jpg", 640, 480, seed=8)
    save_photo(phone / "IMG 0003.jpg", 640, 480, seed=9)
    (phone / "._Ảnh hội nghị 2.jpg").write_bytes(b"\x00\x05\x16\x07")  # Mac litter
    slug = "thong-bao-lich-tiep-cong-dan-cua-lanh-dao-ubnd-phuong-thang-6-2023"
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "photos",
            f"POST={slug}",
            f"FILES={phone / 'Ảnh hội nghị 2.jpg'}",
            f"CONTENT={content}",
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    folder = content / "posts" / "2023" / "thong-bao-lich-tiep-cong-dan"
    assert (folder / "anh-hoi-nghi-2.jpg").is_file()
    # A whole folder: the photo already added is recognised, the litter ignored.
    again = tool("photos", "--content", str(content), slug, str(phone))
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        "anh-hoi-nghi-2.jpg",
        "img-0003.jpg",
        "index.md",
    ]
    assert "trùng với ảnh anh-hoi-nghi-2.jpg" in again.stderr


@pytest.mark.parametrize(
    "name",
    [
        "Kế hoạch ra quân 8-3.docx",
        "Kế hoạch (bản cuối) của 'Đoàn phường' $HOME.docx",
    ],
)
def test_make_import_takes_a_name_as_given(tmp_path, name):
    """make passes SRC as one word: spaces, parentheses, apostrophes and a `$`
    reach the importer untouched (the name used to be split at spaces)."""
    from tests.dockit import make_docx

    content = copy_sample_content(tmp_path / "content")
    source = make_docx(
        tmp_path / "lưu trữ" / name,
        ["Đoàn phường ra quân hưởng ứng ngày Quốc tế Phụ nữ 8-3", "Nội dung."],
        [["Hoạt động", "Số người"], ["Ra quân", "40"]],
    )
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "import",
            f"SRC={source}",
            f"CONTENT={content}",
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    written = [
        path
        for path in (content / "posts").rglob("index.md")
        if "ra-quan-huong-ung" in str(path)
    ]
    assert len(written) == 1, result.stdout + result.stderr
    assert "Đoàn phường ra quân" in written[0].read_text(encoding="utf-8")


def test_new_post_then_build(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    result = tool(
        "new",
        "--content",
        str(content),
        "--title",
        "Hội nghị tổng kết năm 2024: thành tích & hạn chế",
        "--date",
        "28/12/2024 08:00",
        "--category",
        "Tin hoạt động",
        "--plan",
        "201/KH-UBND ngày 01/12/2024",
        "--official",
        "Ông Nguyễn Văn Hùng – Chủ tịch UBND phường (chủ trì)",
        "--official",
        "Bà Lê Thị Mai – Chủ tịch Ủy ban MTTQ Việt Nam phường",
        "--location",
        "Hội trường UBND phường",
    )
    assert result.returncode == 0, result.stderr
    slug = "hoi-nghi-tong-ket-nam-2024-thanh-tich-han-che"
    path = content / "posts" / "2024" / slug / "index.md"
    assert path.is_file()
    assert "Đã tạo" in result.stdout
    build = run_build(content, tmp_path / "out")
    assert build.ok, build.log
    page = build.html(f"{slug}/")
    assert page.h1.get_text() == "Hội nghị tổng kết năm 2024: thành tích & hạn chế"
    assert "(chủ trì)" in page.select_one(".officials").get_text()
    assert f"\nslug: {slug}\n" in path.read_text()  # the address is fixed
    # Still make new's placeholder text: previewed (marked), never published.
    assert "chữ mẫu" in build.log
    check = tool("check", "--content", str(content))
    assert check.returncode == 1 and "vẫn là chữ mẫu của make new" in check.stdout
    assert f"{slug}/index.md:" in check.stdout
    published = run_build(
        content,
        tmp_path / "pub",
        settings="publishconf.py",
        env={"SITEURL": "https://p.vn"},
    )
    assert published.returncode == 1 and "chữ mẫu" in published.log

    again = tool(
        "new",
        "--content",
        str(content),
        "--title",
        "Hội nghị tổng kết năm 2024: thành tích & hạn chế",
    )
    assert again.returncode == 1
    assert f'đã có bài với địa chỉ "{slug}"' in again.stderr
    bad = tool(
        "new", "--content", str(content), "--title", "Bài X", "--date", "31/02/2024"
    )
    assert bad.returncode == 1 and "không có thật" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_new_post_asks_questions(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    # Piped answers: the command takes options; without --title it refuses clearly.
    result = tool("new", "--content", str(content), stdin="")
    assert result.returncode == 1 and "thiếu tiêu đề" in result.stderr


def test_photos_command(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    phone = tmp_path / "dien-thoai"
    save_photo(phone / "IMG 2024 Đêm hội.JPEG", 1200, 900, seed=5)
    save_photo(phone / "IMG_0002.jpg", 1200, 900, seed=6)
    shutil.copy(phone / "IMG_0002.jpg", phone / "ban sao.jpg")  # a duplicate
    (phone / "ghi-chu.txt").write_text("không phải ảnh")
    slug = "thong-bao-lich-tiep-cong-dan-cua-lanh-dao-ubnd-phuong-thang-6-2023"
    result = tool(
        "photos",
        "--content",
        str(content),
        slug,
        str(phone / "IMG 2024 Đêm hội.JPEG"),
        str(phone / "IMG_0002.jpg"),
        str(phone / "ban sao.jpg"),
        str(phone / "ghi-chu.txt"),
    )
    assert result.returncode == 0, result.stderr
    folder = content / "posts" / "2023" / "thong-bao-lich-tiep-cong-dan"
    assert (folder / "index.md").is_file()  # the single-file post became a folder
    assert not (content / "posts" / "2023" / "thong-bao-lich-tiep-cong-dan.md").exists()
    assert sorted(p.name for p in folder.iterdir()) == [
        "img-0002.jpg",
        "img-2024-dem-hoi.jpg",
        "index.md",
    ]
    assert "trùng với ảnh img-0002.jpg" in result.stderr
    assert "không phải ảnh" in result.stderr
    text = (folder / "index.md").read_text()
    assert text.count("# TODO: viết chú thích ảnh") == 2
    # The preview builds with a note; make check and make publish refuse.
    check = tool("check", "--content", str(content))
    assert check.returncode == 1, check.stdout
    assert 'ảnh "img-2024-dem-hoi.jpg" chưa có chú thích' in check.stdout
    assert "Trang chính thức không đăng ảnh thiếu chú thích" in check.stdout
    published = run_build(
        content,
        tmp_path / "pub",
        settings="publishconf.py",
        env={"SITEURL": "https://p.vn"},
    )
    assert published.returncode == 1 and "chưa có chú thích" in published.log
    assert not (tmp_path / "pub").exists()
    build = run_build(content, tmp_path / "out")
    assert build.ok, build.log
    assert "chưa có chú thích" in build.log
    assert len(build.html(f"{slug}/").select("section.gallery figure")) == 2

    # Adding more photos appends to the existing gallery.
    save_photo(phone / "them.jpg", 800, 600, seed=7)
    more = tool("photos", "--content", str(content), slug, str(phone / "them.jpg"))
    assert more.returncode == 0, more.stderr
    build = run_build(content, tmp_path / "out")
    assert build.ok, build.log
    assert len(build.html(f"{slug}/").select("section.gallery figure")) == 3


def test_check_good_and_bad_content(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    good = tool("check", "--content", str(content))
    assert good.returncode == 0, good.stdout
    assert "Nội dung hợp lệ" in good.stdout
    assert (
        "Phạm Thanh Hoà, Phạm Thanh Hòa" in good.stdout
    )  # spelled two ways: a warning

    write_post(
        content,
        "posts/x/bad.md",
        "---\ntitle: Thông báo\ndate: 31/02/2024\nofficals: []\n---\nA\n",
    )
    write_post(
        content,
        "posts/x/thong-bao.md",
        "---\ntitle: Thông báo\ndate: 2024-02-01\n---\nB\n",
    )
    write_post(
        content,
        "posts/x/thong-bao-2.md",
        "---\ntitle: Thông bào\ndate: 2024-02-02\n---\nC\n",
    )
    write_post(
        content,
        "posts/x/anh.md",
        "---\ntitle: Ảnh\ndate: 2024-02-03\ncategory: A\ngallery:\n  - src: khong-co.jpg\n"
        "officials:\n  - Ông Nguyễn Văn Hưng – Cán bộ\n---\nD\n",
    )
    (content / "comments" / "bai-khong-co.yml").write_text(
        "- author: A\n  date: 01/01/2024\n  text: B\n"
    )
    (content / "data" / "links.yml").write_text(
        "- title: A\n  links:\n    - title: B\n      url: javascript:x\n"
    )
    result = tool("check", "--content", str(content))
    assert result.returncode == 1
    out = result.stdout
    for fragment in (
        'posts/x/bad.md:3: trường "date"',
        'posts/x/bad.md:4: trường "officals"',
        "Trùng địa chỉ bài viết",
        '(slug "thong-bao")',
        'posts/x/anh.md:6: trường "gallery": không tìm thấy ảnh',
        'comments/bai-khong-co.yml: không có bài viết nào có địa chỉ (slug) "bai-khong-co"',
        "data/links.yml:4:",
        "bài chưa có chuyên mục",
        '"Nguyễn Văn Hùng" và "Nguyễn Văn Hưng" chỉ khác một chữ',
        "Sửa các lỗi rồi chạy lại make check",
    ):
        assert fragment in out, fragment
    assert "Traceback" not in out + result.stderr


def test_deploy_with_rsync_to_a_local_folder(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    output = tmp_path / "output"
    build = run_build(
        content, output, settings="publishconf.py", env={"SITEURL": "https://x.vn"}
    )
    assert build.ok, build.log
    assert (output / "index.html.gz").is_file() and (output / "index.html.br").is_file()
    target = tmp_path / "may-chu"
    target.mkdir()
    (target / "cu.html").write_text("trang cũ")  # removed by --delete
    result = tool("deploy", "-o", str(output), env={"DEPLOY_TARGET": str(target)})
    assert result.returncode == 0, result.stderr
    assert "Đã đăng xong" in result.stdout
    assert tree_digest(target) == tree_digest(output)
    nothing = tool("deploy", "-o", str(output), env={"DEPLOY_TARGET": ""})
    assert nothing.returncode == 1 and "DEPLOY_TARGET" in nothing.stderr


def _wait_for(url: str, predicate, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
                if predicate(last):
                    return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {url}; last page: {last[:200]}")


def test_serve_rebuilds_on_data_file_and_plugin_changes(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    plugins = tmp_path / "plugins"
    (plugins / "ward_test_banner").mkdir(parents=True)
    plugin = plugins / "ward_test_banner" / "__init__.py"
    plugin.write_text(
        "from pelican import signals\n\n"
        "def stamp(generator):\n    generator.context['SITENAME'] = 'Phiên bản 1'\n\n"
        "def register():\n    signals.generator_init.connect(stamp)\n"
    )
    from pelican.settings import read_settings

    plugin_list = [
        *read_settings(str(PROJECT / "pelicanconf.py"))["PLUGINS"],
        "ward_test_banner",
    ]
    overrides = {
        "PLUGIN_PATHS": [str(PROJECT / "plugins"), str(plugins)],
        "PLUGINS": plugin_list,
    }
    with preview_server(content, tmp_path, overrides) as preview:
        base = preview.base
        page = _wait_for(base, lambda html: "Phiên bản 1" in html)
        assert "/__wardtools/livereload.js" in page  # the browser reloads itself
        links = content / "data" / "links.yml"
        links.write_text(
            links.read_text().replace(
                "Cổng Dịch vụ công quốc gia", "Dịch vụ công trực tuyến"
            )
        )
        _wait_for(base, lambda html: "Dịch vụ công trực tuyến" in html)
        plugin.write_text(plugin.read_text().replace("Phiên bản 1", "Phiên bản 2"))
        _wait_for(base, lambda html: "Phiên bản 2" in html)
        # An edit to one post's body: the fast path writes that page only.
        # A post with photos: their files are already in the preview, linked to the cache.
        post = content / "posts" / "2023" / "ra-quan-chu-nhat-xanh" / "index.md"
        post.write_text(post.read_text() + "\nĐoạn bổ sung sau khi sửa.\n")
        url = base + "ra-quan-ngay-chu-nhat-xanh-don-ve-sinh-kenh-rach/"
        _wait_for(url, lambda html: "Đoạn bổ sung sau khi sửa." in html)
    log = preview.log
    assert "THẤT BẠI" not in log and "Traceback" not in log, log
