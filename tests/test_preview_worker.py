"""The preview's build worker over its real stdin/stdout protocol: a body edit
takes the fast path (one page rendered from the context in memory, the same
bytes as a full build), a front-matter edit the "lists" path (the post's pages
and lists from memory, then a full build), and a broken edit changes nothing
that is served."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.sitekit import PROJECT, copy_sample_content, run_build, tree_digest

POST = "posts/2023/ra-quan-chu-nhat-xanh/index.md"
PAGE = "ra-quan-ngay-chu-nhat-xanh-don-ve-sinh-kenh-rach/index.html"
FEED = "du-lieu/tin-bai.json"
# The pages that show a post's summary: its own, the home page, its lists'.
LISTED_PAGES = (
    PAGE,
    "index.html",
    "chuyen-muc/tuyen-truyen/index.html",
    "the/moi-truong/index.html",
)


# Both builds compared below must date the site the same way.
REPRODUCIBLE = {"SOURCE_DATE_EPOCH": "1700000000"}


class Worker:
    def __init__(self, content, output, cache) -> None:
        overrides = {"PATH": str(content), "CACHE_PATH": str(cache)}
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "wardtools",
                "worker",
                "-s",
                str(PROJECT / "pelicanconf.py"),
                "-o",
                str(output),
                "--overrides",
                json.dumps(overrides),
            ],
            cwd=PROJECT,
            env={**os.environ, **REPRODUCIBLE},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def reply(self, later: bool = False) -> dict:
        """The next reply; one about the work done after an answer ("mode":
        "later": pages further down lists, the JSON feed) only when ``later``,
        else passed over."""
        while True:
            line = self.process.stdout.readline()
            assert line, self.process.stderr.read()
            reply = json.loads(line)
            if later or reply.get("mode") != "later":
                return reply

    def changed(self, *paths, follow_ups: list | None = None) -> dict:
        """The reply to this request; a full build the worker ran unasked
        meanwhile goes to ``follow_ups`` (when given)."""
        self.process.stdin.write(
            json.dumps({"changed": [str(p) for p in paths]}) + "\n"
        )
        self.process.stdin.flush()
        reply = self.reply()
        while follow_ups is not None and reply.get("follow_up"):
            follow_ups.append(reply)
            reply = self.reply()
        return reply

    def stop(self) -> str:
        self.process.stdin.close()
        self.process.wait(timeout=60)
        return self.process.stderr.read()


def _pages_served(output: Path) -> dict[str, str]:
    """Everything served but the search index, which the worker refreshes in
    the background after each good build (it may still be writing)."""
    return {
        name: digest
        for name, digest in tree_digest(output).items()
        if not name.startswith("pagefind/")
    }


def test_body_edit_renders_one_page_and_title_edit_its_lists_first(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    output = tmp_path / "output"
    worker = Worker(content, output, tmp_path / "cache")
    try:
        first = worker.reply()
        assert first["ok"] and first["mode"] == "full"
        home = output / "index.html"
        home_bytes = home.read_bytes()
        home_stamp = home.stat().st_mtime_ns

        post = content / POST
        post.write_text(post.read_text() + "\nĐoạn bổ sung sau khi sửa.\n")
        reply = worker.changed(post)
        assert reply == {**reply, "ok": True, "mode": "body"}
        assert "Đoạn bổ sung sau khi sửa." in (output / PAGE).read_text()
        assert home.stat().st_mtime_ns == home_stamp  # no other page rewritten

        post.write_text(post.read_text().replace("title: ", "title: Tin mới – ", 1))
        reply = worker.changed(post)
        assert reply == {**reply, "ok": True, "mode": "lists", "more": True}, reply
        # The home page is served with the new title before the full build.
        assert "Tin mới –" in home.read_text()
        assert home.read_bytes() != home_bytes
        follow_up = worker.reply()
        assert follow_up == {**follow_up, "ok": True, "mode": "full"}, follow_up
        assert "Tin mới –" in home.read_text()
        # The search index is made again in the background; until then the
        # last one is served with the new pages, never none.
        assert (output / "pagefind" / "pagefind.js").is_file()

        served = _pages_served(output)
        post.write_text(post.read_text().replace("date: ", "date: 31/02/2023 #", 1))
        reply = worker.changed(post)
        assert not reply["ok"]
        assert _pages_served(output) == served
    finally:
        log = worker.stop()
    assert "Traceback" not in log
    assert "index.md:" in log and "không có thật" in log


def test_fast_paths_render_the_same_bytes_as_a_full_build(tmp_path):
    """The body path renders from objects kept in memory, the lists path from
    posts regrouped in memory: each must give the pages a complete build of the
    same files gives, photos placed in the body and search words too."""
    content = copy_sample_content(tmp_path / "content")
    output = tmp_path / "output"
    worker = Worker(content, output, tmp_path / "cache")
    post = content / POST

    def same_as_full_build(name: str) -> str:
        built = run_build(content, tmp_path / name, env=REPRODUCIBLE)
        assert built.ok, built.log
        page = (output / PAGE).read_text()
        assert page == (tmp_path / name / PAGE).read_text()
        # The province's JSON feed carries every post's text.
        assert (output / FEED).read_bytes() == (tmp_path / name / FEED).read_bytes()
        return page

    try:
        assert worker.reply()["ok"]
        # A new paragraph with a photo in the body: the gallery plugin places
        # it (and the gallery below stops loading eagerly), the search words
        # of the body are folded again.
        post.write_text(
            post.read_text().replace(
                "[gallery]",
                "Đường ven kênh sạch sẽ.\n\n"
                '![Vớt rác](vot-rac-kenh.jpg "Vớt rác trên kênh")\n\n[gallery]',
            )
        )
        reply = worker.changed(post)
        assert reply == {**reply, "ok": True, "mode": "body", "more": True}, reply
        # The feed with every post's text is written right after the answer.
        later = worker.reply(later=True)
        assert later == {**later, "mode": "later", "written": [FEED]}, later
        page = same_as_full_build("full-1")
        assert "Vớt rác trên kênh" in page and "duong" in page

        post.write_text(post.read_text().replace("khu vực 5\n", "khu vực 6\n", 1))
        post.write_text(post.read_text().replace("Hơn 150 đoàn", "Gần 160 đoàn", 1))
        reply = worker.changed(post)
        assert reply == {**reply, "ok": True, "mode": "lists", "more": True}, reply
        # What the lists path served, before its full build swaps the site
        # (taken at once; were the swap first, these are that build's pages).
        served = {name: (output / name).read_bytes() for name in LISTED_PAGES}
        built = run_build(content, tmp_path / "full-2", env=REPRODUCIBLE)
        assert built.ok, built.log
        for name, page in served.items():
            assert page == (tmp_path / "full-2" / name).read_bytes(), name
        assert "Bờ kênh khu vực 6" in served[PAGE].decode()
        assert "Gần 160 đoàn" in served["index.html"].decode()
        assert worker.reply()["mode"] == "full"

        # The next body edit starts from the context of that full build.
        post.write_text(post.read_text() + "\nThêm một câu cuối bài.\n")
        reply = worker.changed(post)
        assert reply == {**reply, "ok": True, "mode": "body"}, reply
        assert worker.reply(later=True)["written"] == [FEED]
        page = same_as_full_build("full-3")
        assert "Bờ kênh khu vực 6" in page and "Thêm một câu cuối bài." in page
    finally:
        log = worker.stop()
    assert "Traceback" not in log


def test_a_page_body_edit_and_a_new_static_link(tmp_path):
    """Pages take the fast path too; a body that starts linking a static file
    does not (the file must be copied by a build)."""
    content = copy_sample_content(tmp_path / "content")
    output = tmp_path / "output"
    page = content / "pages" / "quy-che-trang-tin.md"
    # Long enough that its summary (the first 50 words) ends before the edit.
    page.write_text(page.read_text() + "\n" + "Phường có nhiều hoạt động. " * 20 + "\n")
    worker = Worker(content, output, tmp_path / "cache")
    try:
        assert worker.reply()["ok"]
        page.write_text(page.read_text() + "\nGiờ làm việc mới từ tháng sau.\n")
        reply = worker.changed(page)
        assert reply == {**reply, "ok": True, "mode": "body"}, reply
        built = run_build(content, tmp_path / "full", env=REPRODUCIBLE)
        assert built.ok, built.log
        served = (output / "trang" / "quy-che-trang-tin" / "index.html").read_text()
        assert "Giờ làm việc mới" in served
        assert (
            served
            == (tmp_path / "full" / "trang/quy-che-trang-tin/index.html").read_text()
        )

        (content / "images").mkdir(exist_ok=True)
        (content / "images" / "so-do.txt").write_text("Sơ đồ phường")
        page.write_text(page.read_text() + "\n[Sơ đồ]({static}/images/so-do.txt)\n")
        reply = worker.changed(page)
        assert reply["ok"] and reply["mode"] != "body", reply
        assert (output / "images" / "so-do.txt").is_file()
    finally:
        log = worker.stop()
    assert "Traceback" not in log


SITE = Path("/home/can-bo/.trang-web/phuong")


@pytest.mark.parametrize(
    ("changed", "relevant"),
    [
        ("content/posts/2024/bai/index.md", True),
        ("content/posts/2024/bai/anh-1.jpg", True),
        ("pelicanconf.py", True),
        ("content/posts/.bai.md.swp", False),
        ("content/.git/index", False),
        ("plugins/ward_site/__pycache__/x.pyc", False),
        ("content/posts/Thumbs.db", False),
        ("content/__MACOSX/._anh.jpg", False),
        (".preview/index.html", False),
    ],
)
def test_the_preview_watches_a_site_kept_under_a_hidden_folder(changed, relevant):
    """Only what lies below the watched folders decides: the hidden folder the
    whole site sits in (here ~/.trang-web/) does not hide every change."""
    from wardtools.serve import is_relevant_change

    watched = [SITE / "content", SITE / "plugins", SITE / "pelicanconf.py"]
    assert is_relevant_change(SITE / changed, watched, SITE / ".preview") is relevant


def test_an_editor_save_is_one_batch_at_once_and_the_watcher_echo_is_dropped(
    tmp_path,
):
    """The editor writes a post's photos, checks the post (slow on a big site),
    then writes it: the watcher saw the photos alone before, and the post came
    after its delay. Now the save is handed over as one batch as soon as it is
    written, and the watcher's later report of the same files is dropped; a
    change by hand still comes through the watcher."""
    from wardtools.serve import ChangeWatcher

    content = tmp_path / "content"
    post_dir = content / "posts" / "2026" / "bai-moi"
    post_dir.mkdir(parents=True)
    watcher = ChangeWatcher([content], tmp_path / ".preview")
    watcher.start()
    watcher.wait_ready()
    try:
        photo = post_dir / "IMG_2026_0001.jpg"
        post = post_dir / "index.md"
        with watcher.writing():
            photo.write_bytes(b"\xff\xd8 photo")
            time.sleep(0.3)  # the check of the post, many watcher steps long
            post.write_text("---\ntitle: Bài mới\n---\nThân bài.\n")
            watcher.saved([photo, post])
        batch = watcher.changes.get(timeout=5)
        assert {str(photo.resolve()), str(post.resolve())} <= batch
        time.sleep(0.5)  # the watcher's own report has come by now, and gone
        assert watcher.changes.empty()

        post.write_text(post.read_text() + "Sửa tay.\n")  # a hand edit
        assert watcher.changes.get(timeout=5) == {str(post.resolve())}
    finally:
        watcher.stop.set()


# In a folder of its own, as the editor saves a new post.
NEW_POST = "posts/2023/hop-to-dan-pho-3/index.md"
NEW_TITLE = (
    "Họp tổ dân phố số 3 bàn phương án phòng cháy chữa cháy mùa khô "
    "và vệ sinh môi trường khu dân cư năm 2023"
)
# Two pages each: the home page and the category's (10 posts a page).
LIST_PAGES = (
    "index.html",
    "trang-2/index.html",
    "chuyen-muc/tuyen-truyen/index.html",
    "chuyen-muc/tuyen-truyen/trang-2/index.html",
)


CATEGORY = LIST_PAGES[2]


def _with_monthly_posts(content: Path) -> Path:
    """A post a month in 2023 beside the sample's: its lists take two pages."""
    for month in range(1, 13):
        (content / f"posts/2023/tin-thang-{month}.md").write_text(
            f"---\ntitle: Tin tuyên truyền tháng {month}\n"
            f"date: 2023-{month:02}-05 08:00\ncategory: Tuyên truyền\n---\n\nTin.\n",
            encoding="utf-8",
        )
    return content


def test_new_post_approval_title_and_deletion_take_the_lists_path(tmp_path):
    """Each is served on the lists from memory first, only their changed pages
    rendered, exactly as the full build that follows writes them."""
    content = _with_monthly_posts(copy_sample_content(tmp_path / "content"))
    output = tmp_path / "output"
    worker = Worker(content, output, tmp_path / "cache")
    post = content / NEW_POST
    first_answers: list[set[str]] = []  # what each save's answer wrote of LIST_PAGES

    def saved(text: str | None) -> dict[str, bytes]:
        new = not post.exists()
        if text is None:
            post.unlink()
            post.parent.rmdir()
        else:
            post.parent.mkdir(exist_ok=True)
            post.write_text(text, encoding="utf-8")
        # The file watcher reports a post's folder with its file, or alone (a
        # folder made or removed whole; its file may come in the next batch).
        alone = new or text is None
        reply = worker.changed(*([post.parent] if alone else [post.parent, post]))
        assert reply == {**reply, "ok": True, "mode": "lists", "more": True}, reply
        rewritten = set(reply["written"]) & set(LIST_PAGES)
        first_answers.append(set(rewritten))
        # Taken at once: the full build that follows swaps the site seconds
        # later (were it first, these would be its pages, equal below).
        shown = {name: (output / name).read_bytes() for name in LIST_PAGES}
        follow_up = worker.reply(later=True)
        if follow_up["mode"] == "later":
            # Pages only shifted come right after the answer, never in it.
            later = set(follow_up["written"]) & set(LIST_PAGES)
            assert not later & rewritten - {"index.html", CATEGORY}
            rewritten |= later
            shown = {name: (output / name).read_bytes() for name in LIST_PAGES}
            follow_up = worker.reply()
        assert follow_up == {**follow_up, "ok": True, "mode": "full"}, follow_up
        for name in LIST_PAGES:
            assert (output / name).read_bytes() == shown[name], name
        return {name: page for name, page in shown.items() if name in rewritten}

    draft = (
        f"---\ntitle: {NEW_TITLE}\ndate: 2023-11-10 08:00\n"
        "category: Tuyên truyền\nstatus: draft\n---\n\nTổ dân phố số 3 họp.\n"
    )
    approved = draft.replace("status: draft\n", "")
    try:
        assert worker.reply()["ok"]
        empty = content / "posts" / "2023" / "thu-muc-moi"
        empty.mkdir()
        reply = worker.changed(empty)
        assert reply == {**reply, "ok": True, "mode": "none", "written": []}, reply
        assert not any(NEW_TITLE.encode() in page for page in saved(draft).values())
        # Approved: first on page 1, every post after it one place on.
        rewritten = saved(approved)
        assert set(rewritten) == set(LIST_PAGES)
        # The officer's pages at once, the second pages right after.
        assert first_answers[-1] == {"index.html", CATEGORY}
        assert NEW_TITLE.encode() in rewritten["index.html"]
        # A new title: only the first pages show the post.
        rewritten = saved(approved.replace("số 3", "số 3 (khu phố 2)"))
        assert set(rewritten) == {LIST_PAGES[0], LIST_PAGES[2]}
        assert "số 3 (khu phố 2)".encode() in rewritten["index.html"]
        assert "số 3 (khu phố 2)".encode() not in saved(None)["index.html"]
    finally:
        log = worker.stop()
    assert "Traceback" not in log


def test_edits_in_a_row_stay_in_memory_until_the_officer_pauses(tmp_path):
    """A second title edit right after the first is rendered from memory too;
    the full build for the other pages runs once, when no save came for a
    while, and is sent unasked."""
    content = copy_sample_content(tmp_path / "content")
    output = tmp_path / "output"
    worker = Worker(content, output, tmp_path / "cache")
    post = content / POST
    follow_ups: list[dict] = []
    try:
        assert worker.reply()["ok"]
        for title in ("Tin sửa lần một – ", "Tin sửa lần hai – "):
            post.write_text(post.read_text().replace("title: ", f"title: {title}", 1))
            reply = worker.changed(post, follow_ups=follow_ups)
            assert reply == {**reply, "ok": True, "mode": "lists", "more": True}
            assert title in (output / "index.html").read_text(encoding="utf-8")
        follow_up = worker.reply()
        assert follow_up == {**follow_up, "ok": True, "mode": "full", "follow_up": True}
        post.write_text(post.read_text() + "\nMột câu thêm.\n")
        reply = worker.changed(post, follow_ups=follow_ups)
        # More: the JSON feed, written once the page is served.
        assert reply == {**reply, "ok": True, "mode": "body", "more": True}, reply
        later = worker.reply(later=True)
        assert later == {**later, "mode": "later", "more": False}, later
    finally:
        log = worker.stop()
    assert "Traceback" not in log


def test_a_save_during_the_follow_up_build_is_answered_at_once(tmp_path):
    """The full build that follows edits of lists (15 s and more at 3,000
    posts) is given up when the officer saves again: the save is answered from
    memory at once, nothing of the half-made build is served, and the full
    build runs again at the next pause."""
    content = copy_sample_content(tmp_path / "content")
    output = tmp_path / "output"
    worker = Worker(content, output, tmp_path / "cache")
    post = content / POST
    try:
        assert worker.reply()["ok"]
        post.write_text(post.read_text().replace("Hơn 150 đoàn", "Gần 160 đoàn", 1))
        reply = worker.changed(post)
        assert reply == {**reply, "ok": True, "mode": "lists", "more": True}, reply
        # The follow-up build has started writing its pages.
        deadline = time.monotonic() + 120
        while not any(tmp_path.glob(".output-staging-*/**/*.html")):
            assert time.monotonic() < deadline, "no follow-up build"
            time.sleep(0.01)
        post.write_text(post.read_text() + "\nMột câu thêm.\n")
        reply = worker.changed(post)  # the next reply: this save's, not the build's
        assert reply == {**reply, "ok": True, "mode": "body", "more": True}, reply
        assert "Một câu thêm." in (output / PAGE).read_text(encoding="utf-8")
        assert not any(tmp_path.glob(".output-staging-*"))
        follow_up = worker.reply()
        assert follow_up == {**follow_up, "ok": True, "follow_up": True}, follow_up
        built = run_build(content, tmp_path / "built", env=REPRODUCIBLE)
        assert built.ok, built.log
        assert _pages_served(output) == _pages_served(tmp_path / "built")
    finally:
        log = worker.stop()
    assert "Traceback" not in log


def test_lists_edits_in_a_row_serve_what_a_full_build_makes(tmp_path):
    """Found by tools/preview_diff.py. A post made a draft and approved again
    in a row, the full build not run between: the list pages after it move
    and move back, so all of them are as the first full build wrote them (they
    were compared with that build, not with what was served, and page 2 kept
    the draft's order). A page a full build no longer makes is not served: the
    post's own page while it is a draft, its draft page once approved, a
    deleted post's page and its emptied month."""
    content = _with_monthly_posts(copy_sample_content(tmp_path / "content"))
    output = tmp_path / "output"
    worker = Worker(content, output, tmp_path / "cache")
    post = content / "posts/2023/tin-thang-8.md"  # ninth on the home page
    page = "tin-tuyen-truyen-thang-8/index.html"
    follow_ups: list[dict] = []
    try:
        assert worker.reply()["ok"]
        first = _pages_served(output)
        assert {page, *LIST_PAGES} <= set(first)
        original = post.read_text(encoding="utf-8")
        post.write_text(original.replace("---\n", "---\nstatus: draft\n", 1))
        reply = worker.changed(post, follow_ups=follow_ups)
        assert reply == {**reply, "ok": True, "mode": "lists"}, reply
        assert not (output / page).exists()
        drafts = {name for name in _pages_served(output) if name.startswith("drafts/")}
        assert drafts  # the leader reads it there

        post.write_text(original)
        reply = worker.changed(post, follow_ups=follow_ups)
        assert reply == {**reply, "ok": True, "mode": "lists"}, reply
        # The pages only shifted come right after the answer.
        assert worker.reply(later=True)["mode"] == "later"
        served = _pages_served(output)
        if not follow_ups:  # (a full build between would hide nothing)
            assert served == first

        month = content / "posts/2023/tin-thang-1.md"
        month.unlink()
        reply = worker.changed(month, follow_ups=follow_ups)
        assert reply == {**reply, "ok": True, "mode": "lists"}, reply
        assert not (output / "tin-tuyen-truyen-thang-1/index.html").exists()
        assert not (output / "luu-tru/2023/01/index.html").exists()
    finally:
        log = worker.stop()
    assert "Traceback" not in log


def test_a_category_left_with_no_post_is_a_full_build(tmp_path):
    """Found by tools/preview_diff.py: the last post of a category moved to
    another one takes the category out of every page's menu, which the lists
    path does not render: a full build does."""
    content = copy_sample_content(tmp_path / "content")
    post = content / "posts/2023/tin-rieng.md"
    post.write_text(
        "---\ntitle: Tin của chuyên mục riêng\ndate: 2023-06-01 08:00\n"
        "category: Chuyên mục riêng\n---\n\nTin.\n",
        encoding="utf-8",
    )
    output = tmp_path / "output"
    worker = Worker(content, output, tmp_path / "cache")
    try:
        assert worker.reply()["ok"]
        menu_link = "chuyen-muc/chuyen-muc-rieng/"
        assert menu_link in (output / PAGE).read_text(encoding="utf-8")
        post.write_text(
            post.read_text(encoding="utf-8").replace("Chuyên mục riêng", "Tuyên truyền")
        )
        reply = worker.changed(post)
        assert reply == {**reply, "ok": True, "mode": "full"}, reply
        assert menu_link not in (output / PAGE).read_text(encoding="utf-8")
        assert not (output / menu_link / "index.html").exists()
    finally:
        log = worker.stop()
    assert "Traceback" not in log
