"""Decap's local backend protocol, served by the real preview server over HTTP."""

from __future__ import annotations

import base64
import hashlib
import http.client
import io
import json
from pathlib import Path

import pytest
import yaml
from PIL import Image

from tests.editorkit import Preview, preview_server
from tests.sitekit import copy_sample_content

POST = "content/posts/2023/ra-quan-chu-nhat-xanh/index.md"


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> Preview:
    root = tmp_path_factory.mktemp("editor")
    content = copy_sample_content(root / "content")
    private = root / "private"
    private.mkdir()
    (private / "secret.txt").write_text("outside content")
    (content / "data" / "outside").symlink_to(private)
    (content / "data" / "leak.yml").symlink_to(private / "secret.txt")
    with preview_server(root, content) as server:
        yield server


def snapshot(content: Path) -> dict[str, str]:
    return {
        str(p.relative_to(content)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(content.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def jpeg_bytes(size=(64, 48), color=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG")
    return buffer.getvalue()


def post_text(title: str, date: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\n\nNội dung bài.\n"


def test_info(preview):
    status, answer = preview.post({"action": "info"})
    assert status == 200
    assert answer["type"] == "local_fs"
    assert answer["publish_modes"] == ["simple"]


def test_entries_by_folder_lists_posts_in_editor_shape(preview):
    status, entries = preview.post(
        {
            "action": "entriesByFolder",
            "params": {"folder": "content/posts", "extension": "md", "depth": 3},
        }
    )
    assert status == 200
    paths = {entry["file"]["path"] for entry in entries}
    assert POST in paths
    _, data = preview.post(
        {
            "action": "entriesByFolder",
            "params": {"folder": "content/data", "extension": "", "depth": 3},
        }
    )
    listed = {entry["file"]["path"] for entry in data}
    assert "content/data/links.yml" in listed
    assert not any("outside" in p or "leak" in p for p in listed)  # symlinks skipped
    entry = next(e for e in entries if e["file"]["path"] == POST)
    disk = (preview.content / POST.removeprefix("content/")).read_bytes()
    assert entry["file"]["id"] == hashlib.sha256(disk).hexdigest()
    # Officials as objects and the date as officers type it, for Decap's widgets.
    assert "date: 09/07/2023 06:30" in entry["data"]
    assert "name: Phạm Thanh Hoà" in entry["data"]
    assert "status: đã duyệt" in entry["data"]  # the officer's word for published


def test_entries_by_files_and_get_entry(preview):
    status, entries = preview.post(
        {
            "action": "entriesByFiles",
            "params": {"files": [{"path": POST}, {"path": "content/posts/none.md"}]},
        }
    )
    assert status == 200
    assert entries[0]["data"].startswith("---\ntitle: Ra quân")
    assert entries[1]["data"] is None
    status, entry = preview.post({"action": "getEntry", "params": {"path": POST}})
    assert status == 200 and entry["file"]["path"] == POST


def test_links_and_comments_are_wrapped_for_the_editor(preview):
    _, entry = preview.post(
        {"action": "getEntry", "params": {"path": "content/data/links.yml"}}
    )
    assert entry["data"].startswith("groups:\n")


@pytest.mark.parametrize(
    "path",
    [
        "content/../pelicanconf.py",
        "/etc/passwd",
        "pelicanconf.py",
        "output/index.html",
        "content/data/outside/secret.txt",
        "content/data/leak.yml",
        "content/.hidden.md",
        "content\\..\\pelicanconf.py",
        "",
    ],
)
def test_paths_outside_content_are_refused(preview, path):
    status, answer = preview.post({"action": "getEntry", "params": {"path": path}})
    assert status == 400
    assert answer["error"].startswith("Không được phép")


def test_writes_outside_content_are_refused_and_nothing_changes(preview):
    before = snapshot(preview.content)
    secret = preview.content.parent / "private" / "secret.txt"
    for payload in (
        {
            "action": "persistEntry",
            "params": {
                "dataFiles": [{"path": "content/../evil.md", "raw": "x"}],
                "assets": [],
            },
        },
        {
            "action": "persistMedia",
            "params": {
                "asset": {
                    "path": "content/data/outside/x.jpg",
                    "content": base64.b64encode(jpeg_bytes()).decode(),
                    "encoding": "base64",
                }
            },
        },
        {"action": "deleteFile", "params": {"path": "content/data/leak.yml"}},
        {"action": "deleteFiles", "params": {"paths": [POST, "content/../secret.txt"]}},
    ):
        status, answer = preview.post(payload)
        assert status == 400, answer
    assert snapshot(preview.content) == before
    assert secret.read_text() == "outside content"
    assert not (preview.content.parent / "evil.md").exists()


def test_malformed_requests_get_json_errors(preview):
    status, answer = preview.post(None, raw=b"{not json")
    assert status == 400 and "JSON" in answer["error"]
    status, answer = preview.post(None, raw=b"[1, 2]")
    assert status == 400
    status, answer = preview.post({"action": "launchRockets"})
    assert status == 422 and "launchRockets" in answer["error"]
    status, answer = preview.post({"action": "getEntry", "params": "x"})
    assert status == 400
    status, answer = preview.post({"action": "getEntry", "params": {}})
    assert status == 400 and "path" in answer["error"]
    status, answer = preview.post(
        {"action": "info"}, headers={"Content-Type": "text/plain"}
    )
    assert status == 415
    status, answer = preview.post(
        {"action": "info"}, headers={"Origin": "https://evil.example"}
    )
    assert status == 403
    status, answer = preview.post({"action": "info"}, headers={"Host": "evil.example"})
    assert status == 403


def test_oversized_body_is_refused_before_reading(preview):
    host, port = preview.base.removeprefix("http://").strip("/").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.putrequest("POST", "/api/v1")
    connection.putheader("Content-Type", "application/json")
    connection.putheader("Content-Length", str(2 * 1024**3))
    connection.endheaders()
    connection.send(b'{"action": "info"')
    response = connection.getresponse()
    assert response.status == 413
    assert "quá lớn" in json.loads(response.read())["error"]


def test_photo_of_30_mb_fits_in_one_request(preview):
    photo = jpeg_bytes() + b"\0" * (30 * 1024 * 1024)  # a JPEG with a long tail
    status, answer = preview.post(
        {
            "action": "persistMedia",
            "params": {
                "asset": {
                    "path": "content/posts/2024/tuyen-truyen-pccc-nha-tro/IMG 0001 Đêm.JPEG",
                    "content": base64.b64encode(photo).decode(),
                    "encoding": "base64",
                }
            },
        }
    )
    assert status == 200, answer
    stored = preview.content / "posts/2024/tuyen-truyen-pccc-nha-tro/img-0001-dem.jpg"
    assert answer["path"].endswith("/img-0001-dem.jpg")  # make photos' clean name
    assert stored.read_bytes() == photo
    assert not list(stored.parent.glob(".*"))  # no temporary file left behind
    status, media = preview.post(
        {
            "action": "getMedia",
            "params": {"mediaFolder": "content/posts/2024/tuyen-truyen-pccc-nha-tro"},
        }
    )
    assert status == 200
    assert "img-0001-dem.jpg" in {m["name"] for m in media}
    assert "index.md" not in {m["name"] for m in media}
    status, one = preview.post(
        {"action": "getMediaFile", "params": {"path": answer["path"]}}
    )
    assert status == 200 and base64.b64decode(one["content"]) == photo
    status, _ = preview.post(
        {"action": "deleteFile", "params": {"path": answer["path"]}}
    )
    assert status == 200 and not stored.exists()


def test_media_that_is_not_a_photo_or_document_is_refused(preview):
    status, _ = preview.post(
        {
            "action": "persistMedia",
            "params": {
                "asset": {
                    "path": "content/posts/2023/x.md",
                    "content": base64.b64encode(b"---\ntitle: x\n---\n").decode(),
                    "encoding": "base64",
                }
            },
        }
    )
    assert status == 415
    assert not (preview.content / "posts/2023/x.md").exists()


def test_persist_entry_writes_the_documented_front_matter(preview):
    path = "content/posts/2024/don-ve-sinh/index.md"
    raw = (
        "---\ntitle: 'Dọn vệ sinh đường Trần Hưng Đạo'\ndate: 2024-03-15 08:00\n"
        "status: bản nháp\nattendees: 40\nofficials:\n"
        "  - honorific: Ông\n    name: Đỗ Văn Lâm\n    role: Chủ tịch UBND phường\n"
        "    presiding: true\n"
        "gallery:\n  - src: 'IMG 1.JPG'\n    caption: Đoàn viên quét đường\n"
        "    alt: ''\n---\nNội dung.\n"
    )
    photo = base64.b64encode(jpeg_bytes()).decode()
    status, answer = preview.post(
        {
            "action": "persistEntry",
            "params": {
                "dataFiles": [{"slug": "2024/don-ve-sinh", "path": path, "raw": raw}],
                "assets": [
                    {
                        "path": "content/posts/2024/don-ve-sinh/img-1.jpg",
                        "content": photo,
                        "encoding": "base64",
                    }
                ],
                "options": {"newEntry": True},
            },
        }
    )
    # The gallery names "IMG 1.JPG" but the photo is stored as img-1.jpg: refused.
    assert status == 422, answer
    assert not (preview.content / "posts/2024/don-ve-sinh").exists()
    raw = raw.replace("'IMG 1.JPG'", "img-1.jpg")
    status, answer = preview.post(
        {
            "action": "persistEntry",
            "params": {
                "dataFiles": [{"slug": "2024/don-ve-sinh", "path": path, "raw": raw}],
                "assets": [
                    {
                        "path": "content/posts/2024/don-ve-sinh/img-1.jpg",
                        "content": photo,
                        "encoding": "base64",
                    }
                ],
            },
        }
    )
    assert status == 200, answer
    written = (preview.content / "posts/2024/don-ve-sinh/index.md").read_text()
    assert written == (
        "---\n"
        "title: Dọn vệ sinh đường Trần Hưng Đạo\n"
        "date: 15/03/2024 08:00\n"
        "slug: don-ve-sinh\n"
        "status: draft\n"
        "officials:\n"
        "  - Ông Đỗ Văn Lâm – Chủ tịch UBND phường (chủ trì)\n"
        "attendees: 40\n"
        "gallery:\n"
        "  - src: img-1.jpg\n"
        "    caption: Đoàn viên quét đường\n"
        "---\n\nNội dung.\n"
    )
    assert (preview.content / "posts/2024/don-ve-sinh/img-1.jpg").is_file()


def test_invalid_entry_is_refused_in_vietnamese_and_nothing_changes(preview):
    before = snapshot(preview.content)
    original = (preview.content / POST.removeprefix("content/")).read_text()
    raw = original.replace("date: 2023-07-09 06:30", "date: 31/02/2024")
    status, answer = preview.post(
        {
            "action": "persistEntry",
            "params": {"dataFiles": [{"path": POST, "raw": raw}], "assets": []},
        }
    )
    assert status == 422
    assert "31/02/2024" in answer["error"] and "không có thật" in answer["error"]
    assert 'trường "date"' in answer["error"]
    assert snapshot(preview.content) == before


def test_missing_caption_is_refused(preview):
    original = (preview.content / POST.removeprefix("content/")).read_text()
    raw = original.replace(
        "    caption: Phát tờ rơi hướng dẫn phân loại rác tại nguồn\n", ""
    )
    status, answer = preview.post(
        {
            "action": "persistEntry",
            "params": {"dataFiles": [{"path": POST, "raw": raw}], "assets": []},
        }
    )
    assert status == 422 and "chưa có chú thích" in answer["error"]


def test_title_edit_keeps_the_address(preview):
    path = "content/posts/2024/trao-qua-tet-ho-ngheo.md"
    original = (preview.content / "posts/2024/trao-qua-tet-ho-ngheo.md").read_text()
    raw = original.replace(
        "title: Trao 120 phần quà Tết cho hộ nghèo, hộ cận nghèo",
        "title: Trao 150 phần quà Tết",
    )
    assert raw != original
    status, answer = preview.post(
        {
            "action": "persistEntry",
            "params": {"dataFiles": [{"path": path, "raw": raw}], "assets": []},
        }
    )
    assert status == 200, answer
    written = (preview.content / "posts/2024/trao-qua-tet-ho-ngheo.md").read_text()
    assert "title: Trao 150 phần quà Tết\n" in written
    assert "slug: trao-120-phan-qua-tet-cho-ho-ngheo-ho-can-ngheo\n" in written


def test_links_file_round_trips_in_documented_form(preview):
    links = preview.content / "data" / "links.yml"
    original = links.read_text()
    _, entry = preview.post(
        {"action": "getEntry", "params": {"path": "content/data/links.yml"}}
    )
    status, answer = preview.post(
        {
            "action": "persistEntry",
            "params": {
                "dataFiles": [{"path": "content/data/links.yml", "raw": entry["data"]}],
                "assets": [],
            },
        }
    )
    assert status == 200, answer
    assert links.read_text() == original


def test_delete_files_and_deploy_preview(preview):
    folder = preview.content / "posts" / "2024" / "tuyen-truyen-pccc-nha-tro"
    (folder / "a.jpg").write_bytes(jpeg_bytes())
    (folder / "b.jpg").write_bytes(jpeg_bytes())
    names = [
        f"content/posts/2024/tuyen-truyen-pccc-nha-tro/{n}" for n in ("a.jpg", "b.jpg")
    ]
    status, _ = preview.post({"action": "deleteFiles", "params": {"paths": names}})
    assert status == 200
    assert not (folder / "a.jpg").exists() and not (folder / "b.jpg").exists()
    status, answer = preview.post(
        {
            "action": "getDeployPreview",
            "params": {
                "collection": "posts",
                "slug": "2023/ra-quan-chu-nhat-xanh/index",
            },
        }
    )
    assert status == 200
    status, answer = preview.post(
        {
            "action": "getDeployPreview",
            "params": {"collection": "posts", "slug": "2023/ra-quan-chu-nhat-xanh"},
        }
    )
    assert answer == {
        "url": "/ra-quan-ngay-chu-nhat-xanh-don-ve-sinh-kenh-rach/",
        "status": "SUCCESS",
    }


def test_editor_page_config_and_script_are_served_locally(preview):
    status, page = preview.get("/quan-tri/")
    assert status == 200 and b'src="decap/decap-cms.js"' in page
    status, config = preview.get("/quan-tri/config.yml")
    assert status == 200
    text = config.decode()
    assert "proxy_url: /api/v1" in text and "Tuyên truyền" in text
    status, script = preview.get("/quan-tri/decap/decap-cms.js")
    assert status == 200 and len(script) > 1_000_000
    status, _ = preview.get("/quan-tri/decap/../../package.json")
    assert status == 404


def test_without_node_the_preview_explains_how_to_enable_the_editor(
    tmp_path, monkeypatch, capsys
):
    from wardtools.editor.setup import editor_for_preview
    from wardtools.editor.web import STATIC, editor_available

    monkeypatch.setenv("PATH", str(tmp_path))  # no npm, no node
    (tmp_path / "package-lock.json").write_text("{}")
    settings = {"PATH": str(tmp_path / "content")}
    editor = editor_for_preview(settings, tmp_path, "127.0.0.1")
    assert editor is not None and not editor_available(tmp_path)
    message = capsys.readouterr().err
    assert "Node.js" in message and "make serve" in message
    assert "winget" in message and "brew" in message
    assert "Chưa bật trình soạn bài" in (STATIC / "no-node.html").read_text()
    assert editor_for_preview(settings, tmp_path, "0.0.0.0") is None


def test_comment_approved_with_a_reply_appears_under_the_post(preview):
    path = (
        "content/comments/"
        "chu-tich-ubnd-phuong-doi-thoai-voi-nhan-dan-ve-chinh-trang-do-thi-nam-2023.yml"
    )
    _, entry = preview.post({"action": "getEntry", "params": {"path": path}})
    assert entry["data"].startswith("post: chu-tich-ubnd")
    data = yaml.safe_load(entry["data"])
    data["comments"][1]["reply"] = {
        "author": "Phạm Thanh Hòa",
        "role": "Phó Chủ tịch UBND phường",
        "date": "21/05/2023 08:00",
        "text": "Phường sẽ lắp hai bóng đèn trong tháng 6.",
    }
    raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)  # as Decap sends
    assert raw != entry["data"]
    status, answer = preview.post(
        {
            "action": "persistEntry",
            "params": {"dataFiles": [{"path": path, "raw": raw}], "assets": []},
        }
    )
    assert status == 200, answer
    written = (preview.content / path.removeprefix("content/")).read_text()
    assert written.startswith("# Bình luận đã duyệt")  # the file's own header kept
    assert "\n- author: Trần Thị Lan\n" in written  # the documented root list
    preview.wait_for(
        "chu-tich-ubnd-phuong-doi-thoai-voi-nhan-dan-ve-chinh-trang-do-thi-nam-2023/",
        lambda html: "Phường sẽ lắp hai bóng đèn trong tháng 6." in html,
    )
    # An invalid comment (no author) is refused and the file stays as it was.
    del data["comments"][0]["author"]
    broken = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    status, answer = preview.post(
        {
            "action": "persistEntry",
            "params": {"dataFiles": [{"path": path, "raw": broken}], "assets": []},
        }
    )
    assert status == 422, answer
    assert (preview.content / path.removeprefix("content/")).read_text() == written


def test_iphone_photo_in_heic_is_stored_and_shown(preview, tmp_path):
    from tests.imagekit import heic

    photo = heic(tmp_path / "IMG_4032.HEIC").read_bytes()
    folder = "content/posts/2024/tiem-chung"
    raw = (
        "---\ntitle: Tiêm chủng mở rộng đợt 1\ndate: 02/03/2024 07:30\n"
        "status: đã duyệt\ngallery:\n  - src: img-4032.heic\n"
        "    caption: Cán bộ y tế tiêm cho trẻ tại trạm y tế phường\n---\nNội dung.\n"
    )
    status, answer = preview.post(
        {
            "action": "persistEntry",
            "params": {
                "dataFiles": [{"path": f"{folder}/index.md", "raw": raw}],
                "assets": [
                    {
                        "path": f"{folder}/IMG_4032.HEIC",
                        "content": base64.b64encode(photo).decode(),
                        "encoding": "base64",
                    }
                ],
            },
        }
    )
    assert status == 200, answer
    stored = preview.content / "posts/2024/tiem-chung"
    assert (stored / "img-4032.heic").read_bytes() == photo
    assert "status: published\n" in (stored / "index.md").read_text()
    html = preview.wait_for(
        "tiem-chung/", lambda page: "Cán bộ y tế tiêm cho trẻ" in page
    )
    assert "<figure" in html and ".heic" not in html  # shown as WebP/JPEG renditions


def test_deleting_a_post_removes_its_emptied_folder_and_moves_are_refused(preview):
    folder = "content/posts/2025/bai-thu/"
    raw = "---\ntitle: Bài thử\ndate: 01/01/2025 08:00\n---\nNội dung.\n"
    status, answer = preview.post(
        {
            "action": "persistEntry",
            "params": {
                "dataFiles": [
                    {"path": folder + "index.md", "raw": raw, "newPath": "content/x.md"}
                ],
                "assets": [],
            },
        }
    )
    assert status == 422 and "giữ nguyên thư mục" in answer["error"]
    assert not (preview.content / "posts/2025").exists()
    status, answer = preview.post(
        {
            "action": "persistEntry",
            "params": {
                "dataFiles": [{"path": folder + "index.md", "raw": raw}],
                "assets": [
                    {
                        "path": folder + "anh.jpg",
                        "content": base64.b64encode(jpeg_bytes()).decode(),
                        "encoding": "base64",
                    }
                ],
            },
        }
    )
    assert status == 200, answer
    status, _ = preview.post(
        {
            "action": "deleteFiles",
            "params": {"paths": [folder + "index.md", folder + "anh.jpg"]},
        }
    )
    assert status == 200
    assert not (preview.content / "posts/2025").exists()
    assert (preview.content / "posts").is_dir()


def test_refused_save_puts_back_a_photo_it_replaced(preview):
    photo = preview.content / "posts/2023/ra-quan-chu-nhat-xanh/vot-rac-kenh.jpg"
    before = photo.read_bytes()
    raw = (preview.content / POST.removeprefix("content/")).read_text()
    status, _ = preview.post(
        {
            "action": "persistEntry",
            "params": {
                "dataFiles": [
                    {"path": POST, "raw": raw.replace("2023-07-09", "2023-02-30")}
                ],
                "assets": [
                    {
                        "path": POST.replace("index.md", "vot-rac-kenh.jpg"),
                        "content": base64.b64encode(jpeg_bytes()).decode(),
                        "encoding": "base64",
                    }
                ],
            },
        }
    )
    assert status == 422
    assert photo.read_bytes() == before


def test_data_file_notes_come_back_with_the_save_and_keys_keep_the_form_order(
    preview,
):
    """A downtime announced 3 working days ahead is saved, with the note in the
    answer (editor-notes.js shows it); Decap's hash-ordered item (nine keys or
    more) is written in the form's order; a post's save carries no notes."""
    path = "content/data/thong-bao-chung.yml"
    shuffled = {
        "link": "/bai-thong-bao/",
        "downtime": "07/12/2026",
        "level": "warning",
        "end": "07/12/2026",
        "kind": "downtime",
        "text": "Từ 22:00 đến 23:30",
        "start": "02/12/2026",
        "title": "Cổng thông tin tạm ngừng để nâng cấp",
    }
    raw = yaml.safe_dump({"notices": [shuffled]}, allow_unicode=True)
    status, answer = preview.post(
        {
            "action": "persistEntry",
            "params": {"dataFiles": [{"path": path, "raw": raw}]},
        }
    )
    assert status == 200, answer
    [note] = answer["notes"]
    assert "3 ngày làm việc" in note and 'trường "start"' in note
    written = (preview.content / "data" / "thong-bao-chung.yml").read_text()
    keys = [line.strip(" -").split(":")[0] for line in written.splitlines()[1:]]
    assert keys == [
        "title", "text", "level", "start", "end", "kind", "downtime", "link"
    ]  # fmt: skip
    status, answer = preview.post(
        {
            "action": "persistEntry",
            "params": {
                "dataFiles": [
                    {
                        "path": "content/posts/2026/ghi-chu/index.md",
                        "raw": post_text("Ghi chú", "2026-01-05 08:00"),
                    }
                ],
                "options": {"newEntry": True},
            },
        }
    )
    assert status == 200, answer
    assert "notes" not in answer
    (preview.content / "data" / "thong-bao-chung.yml").unlink()
    (preview.content / "posts" / "2026" / "ghi-chu" / "index.md").unlink()
