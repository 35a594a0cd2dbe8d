"""No edit lost, delete recoverable: the editor's protocol on the real preview
server (versions, the trash, withdrawn addresses), with the rebuilt pages."""

from __future__ import annotations

import base64
import hashlib
import io
import shutil
import time

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from ward_redirects.withdrawn import parse_withdrawn

from tests.editorkit import Preview, preview_server
from tests.sitekit import PROJECT, copy_sample_content
from ward_core.sitesettings import read_site_settings
from wardtools.addresses import follow_moved_addresses

POST = "content/posts/2023/ra-quan-chu-nhat-xanh/index.md"
TALK = "content/posts/2023/doi-thoai-chinh-trang-do-thi/index.md"
TALK_SLUG = "chu-tich-ubnd-phuong-doi-thoai-voi-nhan-dan-ve-chinh-trang-do-thi-nam-2023"


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> Preview:
    root = tmp_path_factory.mktemp("safety")
    content = copy_sample_content(root / "content")
    # The old portal's address of a post that will be withdrawn.
    (content / "data" / "chuyen-huong.yml").write_text(
        f"- from: /tin-tuc/doi-thoai-2023.html\n  to: {TALK_SLUG}\n", encoding="utf-8"
    )
    with preview_server(root, content) as server:
        yield server


def disk(preview: Preview, api_path: str):
    return preview.content / api_path.removeprefix("content/")


def version(preview: Preview, api_path: str) -> str:
    status, entry = preview.post({"action": "getEntry", "params": {"path": api_path}})
    assert status == 200
    return entry["file"]["id"]


def save(preview: Preview, api_path: str, raw: str, versions=None, **extra):
    params = {"dataFiles": [{"path": api_path, "raw": raw}], **extra}
    if versions is not None:
        params["versions"] = versions
    return preview.post({"action": "persistEntry", "params": params})


def tree(folder) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def jpeg(color=(30, 120, 200)) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), color).save(buffer, "JPEG")
    return base64.b64encode(buffer.getvalue()).decode()


def test_a_save_from_an_old_version_is_refused_and_says_what_changed(preview):
    path = disk(preview, POST)
    opened = version(preview, POST)
    raw = path.read_text(encoding="utf-8")
    # Someone else (a hand edit, another tab) changes the title meanwhile.
    path.write_text(raw.replace("dọn vệ sinh kênh rạch", "vớt rác kênh"), "utf-8")
    theirs = path.read_bytes()
    mine = raw.replace("Hơn 150 đoàn viên", "Gần 160 đoàn viên")
    status, answer = save(preview, POST, mine, {POST: opened})
    assert status == 409, answer
    assert '“Ra quân "Ngày Chủ nhật xanh" vớt rác kênh” đã' in answer["error"]
    assert "content/" not in answer["error"]  # the title names it, not a path
    assert "đã được sửa lúc" in answer["error"]
    assert "Phần đã đổi: Tiêu đề." in answer["error"]
    assert "Tải lại bài" in answer["error"]
    # The officer's own change comes back, to be put in again after the reload.
    assert "Phần bạn đã gõ, chưa lưu" in answer["error"]
    kept = {field["label"]: field["value"] for field in answer["mine"]}
    assert list(kept) == ["Tóm tắt"], kept  # only what the officer changed
    assert kept["Tóm tắt"].startswith("Gần 160 đoàn viên")
    assert path.read_bytes() == theirs
    # Reloaded: the newest version is saved on top of the other edit.
    current = version(preview, POST)
    assert current == hashlib.sha256(theirs).hexdigest()
    mine = theirs.decode().replace("Hơn 150 đoàn viên", "Gần 160 đoàn viên")
    status, answer = save(preview, POST, mine, {POST: current})
    assert status == 200, answer
    text = path.read_text(encoding="utf-8")
    assert "vớt rác kênh" in text and "Gần 160 đoàn viên" in text
    assert answer["versions"] == {POST: hashlib.sha256(path.read_bytes()).hexdigest()}
    # The version the save answered is the one the next save starts from.
    status, _ = save(
        preview, POST, text.replace("Gần 160", "Khoảng 160"), answer["versions"]
    )
    assert status == 200


def test_a_new_entry_never_overwrites_one_that_exists(preview):
    path = disk(preview, POST)
    before = path.read_bytes()
    raw = "---\ntitle: Bài trùng tên\ndate: 01/06/2024\n---\n\nNội dung.\n"
    status, answer = save(preview, POST, raw, options={"newEntry": True})
    assert status == 409, answer
    assert "không ghi đè" in answer["error"]
    assert path.read_bytes() == before


def test_deleting_or_replacing_a_changed_file_is_refused(preview):
    path = disk(preview, POST)
    opened = version(preview, POST)
    path.write_text(path.read_text(encoding="utf-8") + "\nThêm tay.\n", "utf-8")
    status, answer = preview.post(
        {
            "action": "deleteFiles",
            "params": {"paths": [POST], "versions": {POST: opened}},
        }
    )
    assert status == 409 and "đã được sửa lúc" in answer["error"], answer
    assert path.is_file()
    photo = POST.replace("index.md", "vot-rac-kenh.jpg")
    before = disk(preview, photo).read_bytes()
    status, answer = preview.post(
        {
            "action": "persistMedia",
            "params": {
                "asset": {"path": photo, "content": jpeg(), "encoding": "base64"},
                "versions": {photo: "0" * 64},
            },
        }
    )
    assert status == 409, answer
    assert disk(preview, photo).read_bytes() == before


def test_a_save_of_an_entry_deleted_elsewhere_is_refused(preview):
    raw = "---\ntitle: Lịch trực Tết\ndate: 01/02/2024\n---\n\nNội dung.\n"
    api = "content/posts/2024/lich-truc-tet/index.md"
    status, answer = save(preview, api, raw, options={"newEntry": True})
    assert status == 200, answer
    opened = answer["versions"][api]
    status, _ = preview.post({"action": "deleteFile", "params": {"path": api}})
    assert status == 200
    status, answer = save(preview, api, raw, {api: opened})
    assert status == 409 and "đã bị xóa" in answer["error"], answer
    assert not disk(preview, api).exists()


def wait_gone(preview: Preview, path: str, timeout: float = 120) -> None:
    """Until the rebuilt preview answers 404 for `path`."""
    deadline = time.monotonic() + timeout
    while preview.get(path)[0] != 404:
        assert time.monotonic() < deadline, f"{path} is still served"
        time.sleep(0.3)


def trash(preview: Preview) -> list[dict]:
    status, items = preview.post({"action": "trashList"})
    assert status == 200
    return items


def test_a_deleted_draft_goes_to_the_trash_with_its_photos_and_comes_back(preview):
    folder = "content/posts/2024/hop-to-dan-pho-5/"
    raw = (
        "---\ntitle: Họp tổ dân phố 5\ndate: 02/03/2024 19:00\nstatus: bản nháp\n"
        "gallery:\n  - src: img-20260120-083015.jpg\n    caption: Quang cảnh buổi họp\n"
        "---\n\nNội dung.\n"
    )
    photo = {
        "path": folder + "img-20260120-083015.jpg",
        "content": jpeg(),
        "encoding": "base64",
    }
    status, answer = save(
        preview, folder + "index.md", raw, assets=[photo], options={"newEntry": True}
    )
    assert status == 200, answer
    post = disk(preview, folder + "index.md").parent
    before = tree(post)
    preview.wait_for("drafts/hop-to-dan-pho-5.html", lambda h: "Quang cảnh" in h)

    status, answer = preview.post(
        {"action": "deleteFiles", "params": {"paths": [folder + "index.md"]}}
    )
    assert status == 200, answer
    assert not post.exists() and post.parent.is_dir()  # 2024/ keeps its other posts
    [item] = [i for i in trash(preview) if i["slug"] == "hop-to-dan-pho-5"]
    assert item["title"] == "Họp tổ dân phố 5" and item["kind"] == "bài viết"
    assert not item["published"]
    kept = (
        preview.content
        / ".thung-rac"
        / item["id"]
        / "tep"
        / "posts/2024/hop-to-dan-pho-5"
    )
    assert tree(kept) == before
    assert not (preview.content / "data/bai-da-go.yml").exists()  # a draft: no page
    wait_gone(preview, "drafts/hop-to-dan-pho-5.html")

    status, answer = preview.post(
        {"action": "trashRestore", "params": {"id": item["id"]}}
    )
    assert status == 200, answer
    assert tree(post) == before
    assert item["id"] not in {i["id"] for i in trash(preview)}
    preview.wait_for("drafts/hop-to-dan-pho-5.html", lambda h: "Quang cảnh" in h)


def test_a_deleted_published_post_shows_it_was_withdrawn_until_restored(preview):
    post = disk(preview, TALK).parent
    comments = preview.content / "comments" / f"{TALK_SLUG}.yml"
    before, comments_before = tree(post), comments.read_bytes()
    preview.wait_for(f"{TALK_SLUG}/", lambda h: "Chủ tịch UBND phường đối thoại" in h)

    status, answer = preview.post(
        {"action": "deleteFiles", "params": {"paths": [TALK], "versions": {}}}
    )
    assert status == 200, answer
    assert not post.exists() and not comments.exists()
    [item] = [i for i in trash(preview) if i["slug"] == TALK_SLUG]
    assert item["published"] and f"comments/{TALK_SLUG}.yml" in item["files"]
    ledger = (preview.content / "data/bai-da-go.yml").read_text(encoding="utf-8")
    assert f'slug: "{TALK_SLUG}"' in ledger

    page = preview.wait_for(f"{TALK_SLUG}/", lambda h: "gỡ xuống" in h)
    soup = BeautifulSoup(page, "html.parser")
    said = soup.select_one("main").get_text(" ", strip=True)
    assert "Bài viết này đã được gỡ xuống ngày" in said
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.select_one("main a[href$='/']") is not None  # back to the home page
    assert "data-pagefind-body" not in page
    assert TALK_SLUG not in preview.wait_for("sitemap.xml", lambda h: True)
    assert "Chủ tịch UBND phường đối thoại" not in preview.wait_for("/", lambda h: True)
    # Its old portal address still leads somewhere: the withdrawn page.
    old = preview.wait_for("tin-tuc/doi-thoai-2023.html", lambda h: True)
    assert f'url=/{TALK_SLUG}/"' in old

    status, answer = preview.post(
        {"action": "trashRestore", "params": {"id": item["id"]}}
    )
    assert status == 200, answer
    assert tree(post) == before and comments.read_bytes() == comments_before
    assert TALK_SLUG not in (preview.content / "data/bai-da-go.yml").read_text("utf-8")
    preview.wait_for(f"{TALK_SLUG}/", lambda h: "gỡ xuống" not in h and "<article" in h)


def test_restore_never_overwrites_and_unknown_items_are_refused(preview):
    api = "content/pages/gioi-thieu-tam.md"
    raw = "---\ntitle: Giới thiệu tạm\n---\n\nBản một.\n"
    assert save(preview, api, raw, options={"newEntry": True})[0] == 200
    assert preview.post({"action": "deleteFile", "params": {"path": api}})[0] == 200
    [item] = [i for i in trash(preview) if i["title"] == "Giới thiệu tạm"]
    assert item["kind"] == "trang"
    again = raw.replace("Bản một", "Bản hai")
    assert save(preview, api, again, options={"newEntry": True})[0] == 200
    status, answer = preview.post(
        {"action": "trashRestore", "params": {"id": item["id"]}}
    )
    assert status == 409 and "đã có tệp khác ở chỗ cũ" in answer["error"], answer
    assert "Bản hai" in disk(preview, api).read_text(encoding="utf-8")
    for bad in ("../../etc", "khong-co", 7):
        status, answer = preview.post({"action": "trashRestore", "params": {"id": bad}})
        assert status in (400, 409) and answer["error"], answer
    # The trash is out of the editor's reach as content (a hidden folder).
    status, _ = preview.post(
        {
            "action": "getEntry",
            "params": {"path": f"content/.thung-rac/{item['id']}/muc.json"},
        }
    )
    assert status == 400


def test_an_unreadable_post_is_deleted_without_a_withdrawn_page(preview):
    folder = preview.content / "posts/2024/bai-hong"
    folder.mkdir()
    (folder / "index.md").write_text("---\ntitle: [hỏng\n---\nabc\n", "utf-8")
    withdrawn = preview.content / "data/bai-da-go.yml"
    before = withdrawn.read_bytes() if withdrawn.exists() else b""
    api = "content/posts/2024/bai-hong/index.md"
    status, answer = preview.post({"action": "deleteFile", "params": {"path": api}})
    assert status == 200, answer
    [item] = [
        i for i in trash(preview) if i["files"] == ["posts/2024/bai-hong/index.md"]
    ]
    assert item["title"] == "bai-hong" and not item["published"] and not item["slug"]
    assert (withdrawn.read_bytes() if withdrawn.exists() else b"") == before


def test_the_trash_page_is_served(preview):
    status, body = preview.get("quan-tri/thung-rac/")
    assert status == 200
    html = body.decode("utf-8")
    assert "<h1>Thùng rác</h1>" in html and "thung-rac.js" in html


def test_publish_records_a_published_post_deleted_by_hand(tmp_path):
    """Deleted outside the editor (no trash): `make publish` still gives its
    address a withdrawn page, from the address ledger."""
    content = copy_sample_content(tmp_path / "content")
    settings = read_site_settings(PROJECT / "pelicanconf.py", {"PATH": str(content)})
    assert follow_moved_addresses(settings, content) == []  # the ledger is written
    withdrawn = content / "data" / "bai-da-go.yml"
    assert not withdrawn.exists()
    shutil.rmtree(content / "posts/2023/ra-quan-chu-nhat-xanh")
    [notice] = follow_moved_addresses(settings, content)
    assert "/ra-quan-ngay-chu-nhat-xanh-don-ve-sinh-kenh-rach/" in notice
    assert "gỡ xuống" in notice
    [entry] = parse_withdrawn(withdrawn.read_text(encoding="utf-8"))
    assert entry.slug == "ra-quan-ngay-chu-nhat-xanh-don-ve-sinh-kenh-rach"
    assert follow_moved_addresses(settings, content) == []  # recorded once
