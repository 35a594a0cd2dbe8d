"""Hosted mode: the editor bundled into a built site with a Git forge backend."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from tests.browserkit import serve_directory
from tests.editorkit import axe_violations
from tests.sitekit import PROJECT
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
    assert [o["value"] for o in status["options"]] == ["draft", "published"]
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
