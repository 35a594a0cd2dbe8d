"""The plugins' checkers, unit-tested in-process; and the guarantee that the build,
`make check` and the editor's save report the same problems."""

from __future__ import annotations

import ast
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.checkkit import errors_of, problems_of
from tests.sitekit import PROJECT, run_build, write_post

POST = "---\ntitle: {title}\ndate: 2024-05-0{day} 08:00\ncategory: Tin hoạt động\n{extra}---\nNội dung.\n"


def _one_post(content: Path, extra: str = "") -> Path:
    return write_post(
        content, "posts/x.md", POST.format(title="Bài thử", day=1, extra=extra)
    )


# --- comments -----------------------------------------------------------------

BAD_COMMENT_FILES = [
    ("bai-thu.yml", "- author: A\n  date: 01/05/2024\n  text: [x\n", 3, "cú pháp YAML"),
    ("bai-thu.yml", "author: A\n", 1, "danh sách bình luận"),
    ("bai-thu.yml", "- date: 01/05/2024\n  text: B\n", 1, "thiếu người gửi"),
    ("bai-thu.yml", "- author: A\n  date: 01/05/2024\n", 1, "thiếu nội dung"),
    ("bai-thu.yml", "- author: A\n  date: 01/05/2099\n  text: B\n", 2, "ở tương lai"),
    ("bai-thu.yml", "- author: A\n  date: 32/05/2024\n  text: B\n", 2, "không có thật"),
    (
        "bai-thu.yml",
        "- author: A\n  date: 01/05/2024\n  text: B\n  email: x\n",
        4,
        'không có trường "email"',
    ),
    (
        "bai-thu.yml",
        "- author: A\n  date: 01/05/2024\n  text: B\n  reply:\n    text: C\n    date: 02/05/2024\n",
        5,
        "trả lời của phường thiếu người gửi",
    ),
    (
        "khong-co-bai.yml",
        "- author: A\n  date: 01/05/2024\n  text: B\n",
        None,
        'slug) "khong-co-bai"',
    ),
    (
        "bai-thu.yml",
        "- author: A\n  date: 01/05/2024\n  text: B\n".encode("cp1258").decode(
            "latin-1"
        )
        + "\u00ff",
        None,
        None,
    ),
]


@pytest.mark.parametrize(("name", "text", "line", "fragment"), BAD_COMMENT_FILES[:-1])
def test_comment_file_checker(tmp_path, name, text, line, fragment):
    content = tmp_path / "content"
    _one_post(content)
    (content / "comments").mkdir()
    (content / "comments" / name).write_text(text, encoding="utf-8")
    errors = errors_of(content, overrides={"BUILD_DATE": "2024-06-01"})
    where = f"comments/{name}:{line}:" if line else f"comments/{name}:"
    rows = [row for row in errors if where in row]
    assert rows and fragment in rows[0], errors


def test_comment_file_in_another_encoding_names_the_file(tmp_path):
    content = tmp_path / "content"
    _one_post(content)
    (content / "comments").mkdir()
    (content / "comments" / "bai-thu.yml").write_bytes(
        "- author: Trần Thị Lan\n  date: 01/05/2024\n  text: Đường ngập\n".encode(
            "utf-16"
        )
    )
    errors = errors_of(content)
    assert any("comments/bai-thu.yml" in e and "UTF-8" in e for e in errors), errors


@pytest.mark.parametrize(
    ("value", "ok"), [("open", True), ("closed", True), ("hidden", True), ("mo", False)]
)
def test_comments_mode_of_a_post(tmp_path, value, ok):
    content = tmp_path / "content"
    _one_post(content, f"comments: {value}\n")
    errors = errors_of(content)
    assert (errors == []) is ok, errors
    if not ok:
        assert 'x.md:5: trường "comments": "mo" không hợp lệ' in errors[0]


# --- links ----------------------------------------------------------------------

BAD_LINKS = [
    (
        "- title: A\n  links:\n    - title: X\n      url: ftp://a.vn\n",
        4,
        "chỉ nhận http",
    ),
    ("- title: A\n  links:\n    - url: https://a.vn\n", 3, "thiếu title"),
    (
        "- title: A\n  links:\n    - title: X\n      url: https://a.vn\n"
        "    - title: Y\n      url: https://a.vn\n",
        6,
        "đã có ở dòng 4",
    ),
    (
        "- title: A\n  links:\n    - title: X\n      url: https://a.vn\n      image: data/khong.png\n",
        5,
        "không tìm thấy ảnh",
    ),
    (
        "- title: A\n  links:\n    - title: X\n      url: https://a.vn\n      valid_from: 31/02/2024\n",
        5,
        "không có thật",
    ),
    (
        "- title: A\n  links:\n    - title: X\n      url: https://a.vn\n      mau: do\n",
        5,
        'không có trường "mau"',
    ),
    (
        '- title: A\n  links:\n    - title: X\n      url: "https://"\n',
        4,
        "thiếu tên miền",
    ),
    ("- title: A\n  links:\n    - title: X\n      url: https:\n", 4, "dấu ngoặc kép"),
    ("- title: A\n  links: [\n", 3, "chưa được đóng"),
]


@pytest.mark.parametrize(("text", "line", "fragment"), BAD_LINKS)
def test_links_file_checker(tmp_path, text, line, fragment):
    content = tmp_path / "content"
    _one_post(content)
    (content / "data").mkdir()
    (content / "data" / "links.yml").write_text(text, encoding="utf-8")
    errors = errors_of(content)
    rows = [r for r in errors if f"data/links.yml:{line}:" in r]
    assert rows and fragment in rows[0], errors


def test_post_links_checker(tmp_path):
    content = tmp_path / "content"
    _one_post(content, "links:\n  - title: X\n    url: data:text/html,hi\n")
    errors = errors_of(content)
    assert len(errors) == 1
    assert 'posts/x.md:7: trường "links":' in errors[0] and "chỉ nhận http" in errors[0]


@pytest.mark.parametrize(
    ("day", "shown"),
    [
        (dt.date(2024, 2, 29), []),
        (dt.date(2024, 3, 1), ["Tiêm chủng"]),
        (dt.date(2024, 3, 31), ["Tiêm chủng"]),
        (dt.date(2024, 4, 1), []),
        (dt.date(2024, 5, 1), ["Hiến máu"]),
        (dt.date(2030, 1, 1), ["Hiến máu"]),
    ],
)
def test_campaign_windows(day, shown):
    from ward_links.model import parse_links_file

    parsed = parse_links_file(
        "- title: Chiến dịch\n  links:\n"
        "    - title: Tiêm chủng\n      url: https://a.vn\n"
        "      valid_from: 01/03/2024\n      valid_until: 31/03/2024\n"
        "    - title: Hiến máu\n      url: https://b.vn\n      valid_from: 01/05/2024\n",
        Path("/nonexistent"),
    )
    assert parsed.problems == []
    links = parsed.groups[0].links
    assert [link.title for link in links if link.active_on(day)] == shown


# --- gallery ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src", "fragment"),
    [
        ("../../../outside.jpg", "nằm ngoài thư mục content/"),
        ("https://example.com/a.jpg", "địa chỉ trên mạng"),
        ("khong-co.jpg", 'không tìm thấy ảnh "khong-co.jpg"'),
    ],
)
def test_gallery_paths_checker(tmp_path, src, fragment):
    content = tmp_path / "content"
    Image.new("RGB", (20, 10)).save(tmp_path / "outside.jpg")
    write_post(
        content,
        "posts/a/index.md",
        f"---\ntitle: A\ndate: 2024-01-01\ngallery:\n  - src: {src}\n---\nB.\n",
    )
    errors = errors_of(content)
    assert len(errors) == 1
    assert "posts/a/index.md:5:" in errors[0] and fragment in errors[0], errors


def test_missing_caption_is_a_note_not_an_error(tmp_path):
    content = tmp_path / "content"
    post = write_post(
        content,
        "posts/a/index.md",
        "---\ntitle: A\ndate: 2024-01-01\ncategory: Tin\ngallery:\n  - src: a.jpg\n---\nB.\n",
    )
    Image.new("RGB", (20, 10)).save(post.parent / "a.jpg")
    problems = problems_of(content)
    assert [(p.error, p.line) for p in problems] == [(False, 6)]
    assert 'ảnh "a.jpg" chưa có chú thích' in problems[0].message


# --- slugs -----------------------------------------------------------------------


def test_slug_collision_and_reserved_folder(tmp_path):
    content = tmp_path / "content"
    write_post(
        content, "posts/a.md", "---\ntitle: Thông báo\ndate: 2024-01-01\n---\nA\n"
    )
    write_post(
        content, "posts/b.md", "---\ntitle: Thông bào\ndate: 2024-01-02\n---\nB\n"
    )
    write_post(content, "posts/c.md", "---\ntitle: Can bo\ndate: 2024-01-03\n---\nC\n")
    errors = errors_of(content)
    assert any(
        "posts/a.md và" in e and "posts/b.md" in e and "slug: thong-bao-2" in e
        for e in errors
    )
    assert any("posts/c.md" in e and "(can-bo/)" in e for e in errors), errors
    # A draft is written elsewhere: no collision with the published post.
    write_post(
        content,
        "posts/b.md",
        "---\ntitle: Thông bào\ndate: 2024-01-02\nstatus: draft\n---\nB\n",
    )
    assert not any("posts/b.md" in e for e in errors_of(content))


# --- the editor's save: proposed texts --------------------------------------------


def test_proposed_text_is_checked_as_if_written(tmp_path):
    content = tmp_path / "content"
    _one_post(content)
    new = content / "posts" / "2024" / "moi" / "index.md"
    bad = "---\ntitle: Bài mới\ndate: 31/02/2024\n---\nA\n"
    errors = errors_of(content, proposed={new: bad})
    assert any("moi/index.md:3:" in e and "không có thật" in e for e in errors), errors
    assert not new.exists()
    # A proposed comments file for a proposed post is checked against its slug.
    good = "---\ntitle: Bài mới\ndate: 28/02/2024\n---\nA\n"
    comments = content / "comments" / "bai-moi.yml"
    assert (
        errors_of(
            content,
            proposed={
                new: good,
                comments: "- author: A\n  date: 01/03/2024\n  text: B\n",
            },
        )
        == []
    )


# --- settings -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("module", "cls", "key"),
    [
        ("ward_gallery.settings", "GallerySettings", "WARD_GALLERY"),
        ("ward_comments.stub", "CommentSettings", "WARD_COMMENTS"),
        ("ward_links.settings", "LinksSettings", "WARD_LINKS"),
        ("ward_leaders.settings", "LeadersSettings", "WARD_LEADERS"),
        ("ward_procedures.settings", "ProceduresSettings", "WARD_PROCEDURES"),
        ("ward_intro.settings", "IntroSettings", "WARD_INTRO"),
        ("ward_portal.settings", "PortalSettings", "WARD_PORTAL"),
        ("ward_map.settings", "MapSettings", "WARD_MAP"),
        ("ward_search.settings", "SearchSettings", "WARD_SEARCH"),
        ("ward_minify.settings", "MinifySettings", "WARD_MINIFY"),
        ("ward_precompress.settings", "PrecompressSettings", "WARD_PRECOMPRESS"),
        ("ward_frontmatter.settings", "IndexSettings", "WARD_INDEXES"),
        ("ward_frontmatter.settings", "DocumentSettings", "WARD_DOCUMENTS"),
        ("ward_sitemap.settings", "SitemapSettings", "WARD_SITEMAP"),
    ],
)
def test_every_plugin_setting_rejects_unknown_keys(module, cls, key):
    import importlib

    from ward_core.problems import SiteError

    settings_class = getattr(importlib.import_module(module), cls)
    base = {"CACHE_PATH": ".cache", "WARD": {"name": "P", "email": "a@b.vn"}}
    settings_class.from_settings(base)  # the defaults are valid
    with pytest.raises(SiteError) as caught:
        settings_class.from_settings({**base, key: {"widht": 3}})
    message = caught.value.officer_message
    assert "pelicanconf.py" in message and key in message and "widht" in message


def test_wrong_type_of_setting_is_named():
    from ward_gallery.settings import GallerySettings

    from ward_core.problems import SiteError

    with pytest.raises(SiteError, match=r'WARD_GALLERY\["workers"\] phải là một số'):
        GallerySettings.from_settings(
            {"CACHE_PATH": ".c", "WARD_GALLERY": {"workers": "2"}}
        )


def test_ward_identity_rejects_unknown_keys():
    from ward_core.identity import WardIdentity
    from ward_core.problems import SiteError

    with pytest.raises(SiteError, match="sdt"):
        WardIdentity.from_settings({"name": "P", "sdt": "1"})


# --- the seams --------------------------------------------------------------------------


def test_plugins_import_the_core_and_never_each_other():
    offending = []
    for path in sorted((PROJECT / "plugins").glob("ward_*/*.py")):
        own = path.parent.name
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top.startswith("ward_") and top not in (own, "ward_core"):
                    offending.append(f"{path.relative_to(PROJECT)} imports {name}")
    assert offending == []


BROKEN_SITE = {
    "posts/a.md": "---\ntitle: A\ndate: 31/02/2024\nofficials: Ông B\n---\nA\n",
    "posts/b.md": '---\ntitle: "B\ndate: 2024-01-01\n---\nB\n',
    "posts/c/index.md": "---\ntitle: C\ndate: 2024-01-01\ngallery:\n  - src: khong.jpg\n---\nC\n",
    "posts/d.md": "---\ntitle: C\ndate: 2024-01-02\ncomments: mo\n---\nD\n",
    "posts/e.md": "---\ntitle: E\ndate: 2024-01-03\nlinks:\n  - title: X\n    url: ftp://x\n---\nE\n",
    "posts/f.md": "---\ntitle: Văn bản\ndate: 2024-01-04\nmau: do\n---\nF\n",
    "comments/khong-co.yml": "- author: A\n  date: 01/01/2024\n  text: B\n",
    "data/links.yml": "- title: A\n  links:\n    - title: X\n",
    "posts/g.md": "Bài dán vào không có phần đầu.\n",
    "posts/h.md": "\n---\ntitle: H\ndate: 2024-01-05\n---\nH\n",
}


def _problem_rows(output: str, prefix: str) -> set[str]:
    rows = set()
    for line in output.splitlines():
        match = re.match(prefix, line.strip())
        if match:
            rows.add(line.strip()[match.end() :].strip())
    return rows


def test_check_and_build_report_the_same_problems(tmp_path):
    content = tmp_path / "content"
    for relative, text in BROKEN_SITE.items():
        write_post(content, relative, text)
    check = subprocess.run(
        [sys.executable, "-m", "wardtools", "check", "--content", str(content)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
    )
    assert check.returncode == 1
    build = run_build(content, tmp_path / "out")
    assert build.returncode == 1
    from_check = _problem_rows(check.stdout, r"LỖI\s")
    from_build = _problem_rows(build.log, r"\d+\.\s")
    assert len(from_check) >= len(BROKEN_SITE), check.stdout
    assert from_check == from_build
    # One Vietnamese summary that counts the problems; nothing from Pelican in English.
    assert f"XÂY DỰNG THẤT BẠI: {len(from_build)} lỗi cần sửa" in build.log
    assert "Done:" not in build.log and "Processed" not in build.log
    assert "Traceback" not in check.stdout + check.stderr + build.log
    assert not (tmp_path / "out").exists()
