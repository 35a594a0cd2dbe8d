"""Hosted mode: the editor bundled into a built site with a Git forge backend."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from tests.browserkit import serve_directory
from tests.editorkit import axe_violations
from tests.sitekit import PROJECT
from tests.test_editor_browser import save
from wardtools.content_index import load_settings
from wardtools.editor.web import site_categories

pytestmark = pytest.mark.skipif(
    not (PROJECT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").is_file(),
    reason="decap-cms is not installed (npm ci)",
)


def bundle(output, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wardtools", "editor-bundle", str(output), *args],
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )


def test_hosted_editor_loads_its_forge_login_and_nothing_from_elsewhere(
    tmp_path, browser
):
    output = tmp_path / "output"
    result = bundle(
        output, "--backend", "gitlab", "--repo", "phuong/trang-tin", "--app-id", "abc"
    )
    assert result.returncode == 0, result.stderr
    editor = output / "quan-tri"
    config = yaml.safe_load((editor / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {
        "name": "gitlab",
        "repo": "phuong/trang-tin",
        "branch": "main",
        "auth_type": "pkce",
        "app_id": "abc",
    }
    # Links and comments too, through editor-hosted.js's list formats; the weekly
    # sections (issue 29) as they are, checked by CI; not the comment queue.
    names = [c["name"] for c in config["collections"]]
    weekly = ["lich-cong-tac", "lich-tiep-cong-dan", "hoi-dap", "ngan-sach"]
    weekly += ["thong-bao-chung", "dau-thau-dau-tu"]
    # The introduction file (issue 28) is such a mapping file too.
    assert names == ["posts", "pages", "comments", *weekly, "gioi-thieu", "data"]
    budget = config["collections"][names.index("ngan-sach")]["files"][0]
    upload = budget["fields"][0]["fields"][1]["fields"][3]
    assert (upload["widget"], upload["media_folder"]) == (
        "file",
        "/content/data/ngan-sach",
    )
    comments = config["collections"][2]
    assert comments["format"] == "ward-comments" and comments["create"] is True
    chosen = next(f for f in comments["fields"] if f["name"] == "post")
    assert {
        "label": "Tuyên truyền phòng cháy, chữa cháy tại các khu nhà trọ",
        "value": "tuyen-truyen-phong-chay-chua-chay-tai-cac-khu-nha-tro",
    } in chosen["options"]
    [links] = config["collections"][-1]["files"]  # the other data files stay local
    assert (links["file"], links["format"]) == ("content/data/links.yml", "ward-links")
    assert (editor / "js-yaml.min.js").is_file()
    posts = config["collections"][0]
    status = next(f for f in posts["fields"] if f["name"] == "status")
    # The form's words, as locally; editor-hosted.js writes Pelican's.
    assert [o["value"] for o in status["options"]] == ["bản nháp", "đã duyệt"]
    # The categories come from the site (no "No options" there).
    category = next(f for f in posts["fields"] if f["name"] == "category")
    assert category["options"] == site_categories(
        load_settings(PROJECT / "pelicanconf.py"), PROJECT / "content"
    )
    assert "Tin hoạt động" in category["options"]
    assert not list(editor.rglob("*.map"))

    with serve_directory(output) as base:
        context = browser.new_context()
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(base + "/quan-tri/")
        page.get_by_role("button", name="GitLab").wait_for()
        assert "Config" not in page.inner_text("body")
        assert all(url.startswith(base) for url in requests), requests
        assert axe_violations(page) == []
        round_trip_lists_in_the_browser(page)
        context.close()


def round_trip_lists_in_the_browser(page) -> None:
    """The hosted formats read the site's list files and write them back as lists
    the build reads the same; a first comment with an empty reply is a list too."""
    import datetime as dt

    from ward_comments.model import parse_comments
    from ward_links.model import parse_links_file

    content = PROJECT / "content"
    [comments_file] = sorted((content / "comments").glob("*.yml"))
    text = comments_file.read_text(encoding="utf-8")
    written = page.evaluate(
        "t => { const f = window.wardListFormats['ward-comments'];"
        " const data = f.fromFile(t); return [data.comments.length, f.toFile(data)]; }",
        text,
    )
    now = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    before, after = parse_comments(text, now), parse_comments(written[1], now)
    assert written[0] == len(before.comments) > 0
    assert after.problems == [] and after.comments == before.comments
    first = page.evaluate(
        """() => window.wardListFormats['ward-comments'].toFile({post: 'bai', comments: [
             {author: 'Nguyễn Văn An', date: '10/07/2023 09:00', text: 'Dòng một\\nDòng hai',
              area: '', reply: {author: '', role: '', date: '', text: ''}}]})"""
    )
    [comment] = parse_comments(first, now).comments
    assert (comment.author, comment.reply, comment.area) == ("Nguyễn Văn An", None, "")
    links = (content / "data" / "links.yml").read_text(encoding="utf-8")
    again = page.evaluate(
        "t => { const f = window.wardListFormats['ward-links'];"
        " return f.toFile(f.fromFile(t)); }",
        links,
    )
    original, rewritten = (
        parse_links_file(links, content),
        parse_links_file(again, content),
    )
    assert rewritten.problems == original.problems == []

    def without_lines(parsed):
        import dataclasses

        return [
            (g.title, [dataclasses.replace(link, line=0) for link in g.links])
            for g in parsed.groups
        ]

    assert without_lines(rewritten) == without_lines(original)
    assert len(original.groups) > 1


def test_page_without_node_is_accessible(browser):
    from wardtools.editor.web import STATIC

    with serve_directory(STATIC) as base:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "/no-node.html")
        assert "winget install" in page.inner_text("main")
        assert axe_violations(page) == []
        context.close()


def test_forges_that_need_an_app_id_say_so_in_vietnamese(tmp_path):
    result = bundle(tmp_path, "--backend", "gitea", "--repo", "a/b")
    assert result.returncode == 1
    assert "cần --app-id" in result.stderr
    assert not (tmp_path / "quan-tri").exists()


# Posts of one year whose dates, written dd/mm/yyyy, sort wrongly as text and
# whose folders are in neither date order nor its reverse.
EXTRA_POSTS = {
    "a-hop-dan-pho": (
        "Họp dân phố khu vực 2 về an toàn giao thông",
        "05/03/2024 08:00",
    ),
    "b-tong-ket-nam": ("Tổng kết công tác năm 2024 của phường", "10/11/2024 14:00"),
    "c-chuc-tet": (
        "Lãnh đạo phường thăm, chúc Tết các gia đình chính sách",
        "20/01/2024",
    ),
}


def forge_files() -> dict:
    """Decap's test-repo backend reads window.repoFiles: a folder collection's
    list under its folder as one key, one entry under its path split by "/"."""
    files: dict = {}

    def put(path: str, text: str, folder: str | None = None) -> None:
        layouts = [path.split("/")]
        if folder:
            layouts.append([folder, *path.removeprefix(folder + "/").split("/")])
        for parts in layouts:
            node = files
            for part in parts[:-1]:
                node = node.setdefault(part, {})
            node[parts[-1]] = {"content": text, "path": path}

    content = PROJECT / "content"
    for post in content.glob("posts/*/*/index.md"):
        put(
            post.relative_to(PROJECT).as_posix(),
            post.read_text("utf-8"),
            "content/posts",
        )
    for slug, (title, date) in EXTRA_POSTS.items():
        text = (
            f"---\n# Ghi chú của người soạn: kiểm tra số liệu trước khi đăng.\n"
            f"title: {title}\ndate: {date}\nslug: {slug}\ncategory: Tin hoạt động\n"
            f"---\n\nNội dung {slug}.\n"
        )
        put(f"content/posts/2024/{slug}/index.md", text, "content/posts")
    links = content / "data" / "links.yml"
    put(links.relative_to(PROJECT).as_posix(), links.read_text("utf-8"))
    return files


def repo_text(page, path: str) -> str:
    """A file the editor saved (test-repo writes it under its split path)."""
    return page.evaluate(
        "path => path.split('/').reduce((node, part) => node[part], window.repoFiles).content",
        path,
    )


def test_hosted_editor_lists_newest_first_and_keeps_comment_lines(tmp_path, browser):
    """The hosted config in the real Decap, on Decap's in-browser test backend
    instead of a forge: the posts list is newest first, a saved links file keeps
    its '#' lines, and the posts format writes back what it read (comment lines
    kept, no sort date)."""
    import json

    from ward_links.model import parse_links_file

    from ward_core.yamltree import parse_yaml_text, split_front_matter
    from wardtools.editor.documents import sort_key

    output = tmp_path / "output"
    result = bundle(output, "--backend", "gitlab", "--repo", "p/t", "--app-id", "a")
    assert result.returncode == 0, result.stderr
    path = output / "quan-tri" / "config.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["backend"] = {"name": "test-repo"}
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")

    with serve_directory(output) as base:
        context = browser.new_context(viewport={"width": 1300, "height": 900})
        page = context.new_page()
        page.add_init_script("window.repoFiles = " + json.dumps(forge_files()))
        page.goto(base + "/quan-tri/")
        page.get_by_role("button", name="Vào trình soạn bài").click()
        page.get_by_role("link", name="bài viết").first.wait_for()
        page.goto(base + "/quan-tri/#/collections/posts")
        page.get_by_text(EXTRA_POSTS["c-chuc-tet"][0], exact=False).wait_for()
        listed = page.inner_text("main")
        newest_first = [
            EXTRA_POSTS["b-tong-ket-nam"][0],
            "Tuyên truyền phòng cháy, chữa cháy tại các khu nhà trọ",  # 14/03/2024
            EXTRA_POSTS["a-hop-dan-pho"][0],
            EXTRA_POSTS["c-chuc-tet"][0],
            'Ra quân "Ngày Chủ nhật xanh" dọn vệ sinh kênh rạch',  # 2023-07-09
            "Chủ tịch UBND phường đối thoại với Nhân dân",  # 2023-05-18
        ]
        places = [listed.index(title) for title in newest_first]
        assert places == sorted(places), listed
        # Each with its status in the officer's words (none written: published).
        assert "· đã duyệt" in listed and "published" not in listed, listed

        # The links file: a group renamed, the file's '#' lines still on top.
        links_path = "content/data/links.yml"
        before = repo_text(page, links_path)
        page.goto(base + "/quan-tri/#/collections/data/entries/links")
        first_group = parse_links_file(before, PROJECT / "content").groups[0].title
        page.get_by_text(first_group, exact=True).first.wait_for()
        page.get_by_role("button", name="Mở ra hoặc thu gọn mục này").first.click()
        field = page.locator("input[id^=title-field]").first
        assert field.input_value() == first_group
        field.fill("Liên kết nhanh")
        save(page)
        page.wait_for_function(
            "p => p.split('/').reduce((n, k) => n[k], window.repoFiles).content"
            ".includes('Liên kết nhanh')",
            arg=links_path,
        )
        after = repo_text(page, links_path)
        comments = [line for line in before.splitlines() if line.startswith("#")]
        assert comments and after.splitlines()[: len(comments)] == comments, after
        old = parse_links_file(before, PROJECT / "content")
        new = parse_links_file(after, PROJECT / "content")
        assert new.problems == [] and new.groups[0].title == "Liên kết nhanh"
        assert [g.title for g in new.groups[1:]] == [g.title for g in old.groups[1:]]

        # Posts: (test-repo cannot open a post in its own folder, so the format
        # itself) every post read and written back says the same to the build,
        # keeps its comment line, and is written without the sort date.
        texts = [
            p.read_text("utf-8")
            for p in (PROJECT / "content").glob("posts/*/*/index.md")
        ]
        texts.append(
            page.evaluate(
                "p => p.split('/').reduce((n, k) => n[k], window.repoFiles).content",
                "content/posts/2024/a-hop-dan-pho/index.md",
            )
        )
        texts.append(texts[-1].replace("category:", "status: draft\ncategory:"))
        for text in texts:
            written = page.evaluate(
                """t => { const f = window.wardListFormats['ward-posts'];
                     const data = f.fromFile(t);
                     data.summary = 'Tóm tắt viết trên trang đặt ở GitLab.';
                     return [data.ngay_sap_xep, f.toFile(data)]; }""",
                text,
            )
            before, after = split_front_matter(text), split_front_matter(written[1])
            old = dict(parse_yaml_text(before.front_matter, before.first_line))
            new = dict(parse_yaml_text(after.front_matter, after.first_line))
            status = old.get("status", "published")  # none written is published
            summary = "Tóm tắt viết trên trang đặt ở GitLab."
            assert new == {**old, "status": status, "summary": summary}
            assert after.body == before.body
            assert written[0] == sort_key(str(old["date"]))[:16]  # as the server's
            comments = [
                x for x in before.front_matter.splitlines() if x.startswith("#")
            ]
            assert after.front_matter.splitlines()[: len(comments)] == comments
            assert "ngay_sap_xep" not in written[1] and "ghi_chu_tep" not in written[1]
        assert "# Ghi chú của người soạn" in written[1]
        assert "\nstatus: draft\n" in written[1]  # the form's "bản nháp" on disk
        context.close()
