"""The preview is a full build: after each kind of edit saved through the
editor's real save endpoint (Decap's proxy protocol, as in
tests/test_editor_protocol.py), the preview's folder holds byte for byte what a
complete `wardtools build` of the same sources writes into another folder.
One preview server for every edit kind (each edits its own files, so the
order does not matter)."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.editorkit import Preview, preview_server
from tests.sitekit import copy_sample_content, run_build

# Both sides must date the site the same way.
REPRODUCIBLE = {"SOURCE_DATE_EPOCH": "1700000000"}
# Left out of the comparison, each for its reason:
EXCLUDED_DIRS = (
    # The search index: the preview carries the last one over and indexes the
    # new site in the background after each edit (wardtools/incremental.py,
    # _refresh_search), so pages are never held up by Pagefind; search is
    # covered by tests/test_search.py and tests/test_search_live.py.
    "pagefind",
)


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> Iterator[Preview]:
    """The server started on an earlier preview (the usual morning), then
    brought up to date in the background."""
    root = tmp_path_factory.mktemp("preview-equals-build")
    content = copy_sample_content(root / "content")
    earlier = run_build(content, root / "preview", env=REPRODUCIBLE)
    assert earlier.ok, earlier.log
    page = content / "pages" / "quy-che-trang-tin.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nSửa khi bản xem trước đang tắt.\n",
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as patch:
        for key, value in REPRODUCIBLE.items():
            patch.setenv(key, value)  # the server and its worker inherit it
        with preview_server(root, content) as server:
            server.wait_for("__wardtools/status", lambda t: not _state(t)["building"])
            yield server


def _state(text: str) -> dict:
    return json.loads(text)


def _generation(preview: Preview) -> int:
    status, body = preview.get("__wardtools/status")
    assert status == 200
    return _state(body.decode())["generation"]


def _settled(preview: Preview, before: int) -> int:
    """Wait until the preview has rebuilt after generation ``before`` and has
    nothing left to build; its generation then."""
    text = preview.wait_for(
        "__wardtools/status",
        lambda t: _state(t)["generation"] > before and not _state(t)["building"],
        timeout=300,
    )
    state = _state(text)
    assert state["ok"], state["errors"]
    return state["generation"]


def _entry(preview: Preview, path: str) -> str:
    status, entry = preview.post({"action": "getEntry", "params": {"path": path}})
    assert status == 200, entry
    return entry["data"]


def _save(preview: Preview, path: str, raw: str, new: bool = False) -> None:
    params: dict = {"dataFiles": [{"path": path, "raw": raw}], "assets": []}
    if new:
        params["options"] = {"newEntry": True}
    status, answer = preview.post({"action": "persistEntry", "params": params})
    assert status == 200, answer


def _change(preview: Preview, path: str, pattern: str, replacement: str) -> None:
    raw = _entry(preview, path)
    edited = re.sub(pattern, replacement, raw, count=1, flags=re.MULTILINE)
    assert edited != raw, pattern
    _save(preview, path, edited)


POSTS = "content/posts/"


def body(preview: Preview) -> None:
    path = POSTS + "2023/ra-quan-chu-nhat-xanh/index.md"
    _save(preview, path, _entry(preview, path) + "\nĐoạn mới thêm vào thân bài.\n")


def _front_matter(field: str, post: str, value: str) -> Callable[[Preview], None]:
    """An edit setting one front-matter field of one post to ``value``."""

    def edit(preview: Preview) -> None:
        _change(preview, POSTS + post, rf"^{field}: .*$", f"{field}: {value}")

    edit.__name__ = field
    return edit


title = _front_matter(
    "title", "2024/trao-qua-tet-ho-ngheo.md", "Trao 150 phần quà Tết cho hộ nghèo"
)
# Front matter no list shows (the worker's path that writes one page).
location = _front_matter(
    "location", "2024/tuyen-truyen-pccc-nha-tro/index.md", "Nhà văn hóa khu vực 3"
)
date = _front_matter(
    "date", "2023/duong-day-nong-trat-tu-do-thi.md", "01/05/2024 07:30"
)
category = _front_matter(
    "category", "2023/thong-bao-lich-tiep-cong-dan.md", "An ninh trật tự"
)

tags = _front_matter(
    "tags", "2023/ra-quan-chu-nhat-xanh/index.md", "môi trường, đoàn viên"
)
summary = _front_matter(
    "summary",
    "2024/tuyen-truyen-pccc-nha-tro/index.md",
    "Chủ nhà trọ học cách dùng bình chữa cháy.",
)


def caption(preview: Preview) -> None:
    """The caption of a post's cover photo (shown where the cover is)."""
    _change(
        preview,
        POSTS + "2024/tuyen-truyen-pccc-nha-tro/index.md",
        r"Cán bộ Công an phường hướng dẫn cách thoát nạn khi có khói",
        "Cán bộ hướng dẫn thoát nạn qua lối phụ",
    )


def comment(preview: Preview) -> None:
    """A reply edited in a post's comments file (content/comments/)."""
    _change(
        preview,
        "content/comments/chu-tich-ubnd-phuong-doi-thoai-voi-nhan-dan-ve-chinh-trang-"
        "do-thi-nam-2023.yml",
        r"Cảm ơn bà đã phản ánh\.",
        "Phường cảm ơn bà đã phản ánh.",
    )


def official(preview: Preview) -> None:
    """An official's role (their page lists their posts)."""
    _change(
        preview,
        POSTS + "2023/doi-thoai-chinh-trang-do-thi/index.md",
        r"role: Phó Bí thư Đảng ủy, Chủ tịch UBND phường$",
        "role: Chủ tịch UBND phường",
    )


def document(preview: Preview) -> None:
    """A cited document's number (the documents' pages group posts by it)."""
    _change(
        preview,
        POSTS + "2023/doi-thoai-chinh-trang-do-thi/index.md",
        r"04/2023/NQ-HĐND",
        "05/2023/NQ-HĐND",
    )


def photo(preview: Preview) -> None:
    """A new post with a phone photo uploaded with it."""
    folder = POSTS + "2024/trong-cay-xanh-khu-vuc-4/"
    picture = Image.new("RGB", (1200, 800), (40, 140, 60))
    picture.paste((230, 200, 40), (300, 200, 900, 600))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    raw = (
        "---\ntitle: Trồng cây xanh khu vực 4\ndate: 12/03/2024 07:00\n"
        "status: published\ncategory: Tin hoạt động\n"
        "gallery:\n  - src: img-20260120-083015.jpg\n"
        "    caption: Đoàn viên trồng cây dọc kênh\n---\n\nTrồng 200 cây sao.\n"
    )
    asset = {
        "path": folder + "img-20260120-083015.jpg",
        "content": base64.b64encode(buffer.getvalue()).decode(),
        "encoding": "base64",
    }
    status, answer = preview.post(
        {
            "action": "persistEntry",
            "params": {
                "dataFiles": [{"path": folder + "index.md", "raw": raw}],
                "assets": [asset],
                "options": {"newEntry": True},
            },
        }
    )
    assert status == 200, answer


def page_body(preview: Preview) -> None:
    path = "content/pages/quy-che-trang-tin.md"
    _save(preview, path, _entry(preview, path) + "\nGiờ tiếp dân: sáng thứ Năm.\n")


NEW_POST = (
    "---\ntitle: Họp tổ dân phố 5 bàn về trật tự hẻm 12\n"
    "date: 02/03/2024 19:00\nstatus: {status}\ncategory: Tin hoạt động\n"
    "summary: Tổ dân phố 5 thống nhất giờ để xe trong hẻm.\n"
    "---\n\nNội dung buổi họp tổ dân phố.\n"
)


def new_post(preview: Preview) -> None:
    path = POSTS + "2024/hop-to-dan-pho-5.md"
    _save(preview, path, NEW_POST.format(status="published"), new=True)


def approval(preview: Preview) -> int:
    """A draft saved, then approved (draft → published); the draft's own
    state is compared too. Returns the generation the approval follows."""
    path = POSTS + "2024/hop-chi-bo-khu-vuc-3.md"
    draft = NEW_POST.format(status="draft").replace("tổ dân phố 5", "chi bộ khu vực 3")
    before = _generation(preview)
    _save(preview, path, draft, new=True)
    _settled(preview, before)
    _assert_preview_is_a_full_build(preview, "approval-draft", before)
    before = _generation(preview)
    _change(preview, path, r"^status: .*$", "status: published")
    return before


def deletion(preview: Preview) -> None:
    status, answer = preview.post(
        {
            "action": "deleteFiles",
            "params": {"paths": [POSTS + "2024/thu-gom-rac-dip-tet.md"]},
        }
    )
    assert status == 200, answer


def restore(preview: Preview) -> int:
    """A published post deleted (compared), then restored from the trash."""
    before = _generation(preview)
    path = POSTS + "2024/trao-qua-tet-ho-ngheo.md"
    status, answer = preview.post(
        {"action": "deleteFiles", "params": {"paths": [path]}}
    )
    assert status == 200, answer
    _assert_preview_is_a_full_build(preview, "restore-deleted", before)
    status, items = preview.post({"action": "trashList"})
    assert status == 200, items
    [item] = [i for i in items if "posts/2024/trao-qua-tet-ho-ngheo.md" in i["files"]]
    before = _generation(preview)
    status, answer = preview.post(
        {"action": "trashRestore", "params": {"id": item["id"]}}
    )
    assert status == 200, answer
    return before


def hidden(preview: Preview) -> None:
    """A published post hidden from every list (status: hidden)."""
    path = POSTS + "2023/thong-bao-lich-tiep-cong-dan.md"
    raw = _entry(preview, path)
    if re.search(r"^status: ", raw, flags=re.MULTILINE):
        edited = re.sub(r"^status: .*$", "status: hidden", raw, flags=re.MULTILINE)
    else:
        edited = raw.replace("\ntitle: ", "\nstatus: hidden\ntitle: ", 1)
    assert "status: hidden" in edited
    _save(preview, path, edited)


def introduction(preview: Preview) -> None:
    """The ward's introduction data file (three pages are made from it)."""
    _change(preview, "content/data/gioi-thieu.yml", r"khoảng 7,4 km²", "khoảng 7,5 km²")


def data_file(preview: Preview) -> None:
    _change(
        preview,
        "content/data/links.yml",
        r"Trang Zalo của phường$",
        "Trang Zalo của UBND phường",
    )


# Where each edit shows in the preview (the edit did reach it).
SHOWN = {
    "body": ("ra-quan-ngay-chu-nhat-xanh-don-ve-sinh-kenh-rach/", "Đoạn mới thêm"),
    "location": (
        "tuyen-truyen-phong-chay-chua-chay-tai-cac-khu-nha-tro/",
        "Nhà văn hóa khu vực 3",
    ),
    "page_body": ("trang/quy-che-trang-tin/", "sáng thứ Năm"),
    "introduction": ("trang/gioi-thieu/", "khoảng 7,5 km²"),
    "title": ("", "Trao 150 phần quà Tết"),
    "date": ("duong-day-nong-tiep-nhan-phan-anh-ve-trat-tu-do-thi/", "01/05/2024"),
    "category": ("chuyen-muc/an-ninh-trat-tu/", "Thông báo lịch tiếp công dân"),
    "new_post": ("hop-to-dan-pho-5/", "Nội dung buổi họp"),
    "approval": ("", "Họp chi bộ khu vực 3"),
    "deletion": (
        "thong-bao-lich-thu-gom-rac-thai-dip-tet-nguyen-dan-giap-thin-2024/",
        "gỡ xuống",
    ),
    "data_file": ("", "Trang Zalo của UBND phường"),
    "restore": ("trao-120-phan-qua-tet-cho-ho-ngheo-ho-can-ngheo/", "phần quà Tết"),
    "hidden": (
        "thong-bao-lich-tiep-cong-dan-cua-lanh-dao-ubnd-phuong-thang-6-2023/",
        "Thông báo lịch tiếp công dân",
    ),
    "tags": ("the/doan-vien/", "Ngày Chủ nhật xanh"),
    "summary": ("", "Chủ nhà trọ học cách dùng bình chữa cháy."),
    "caption": (
        "tuyen-truyen-phong-chay-chua-chay-tai-cac-khu-nha-tro/",
        "thoát nạn qua lối phụ",
    ),
    "official": ("", "Chủ tịch UBND phường"),
    "document": ("van-ban/", "05/2023/NQ-HĐND"),
    "photo": ("trong-cay-xanh-khu-vuc-4/", "Đoàn viên trồng cây dọc kênh"),
    "comment": (
        "chu-tich-ubnd-phuong-doi-thoai-voi-nhan-dan-ve-chinh-trang-do-thi-nam-2023/",
        "Phường cảm ơn bà",
    ),
}

EDITS: list[Callable[[Preview], int | None]] = [
    body,
    location,
    page_body,
    title,
    date,
    category,
    tags,
    summary,
    caption,
    comment,
    official,
    document,
    photo,
    new_post,
    approval,
    deletion,
    restore,
    hidden,
    data_file,
    introduction,
]


def _digest(root: Path) -> dict[str, str]:
    """Every file but the excluded ones (never read: Pagefind may be writing
    them in the preview) with the SHA-256 of its bytes."""
    found = {}
    for folder, folders, files in os.walk(root):
        below = Path(folder).relative_to(root)
        folders[:] = [
            f for f in folders if not (below / f).as_posix().startswith(EXCLUDED_DIRS)
        ]
        for name in files:
            path = Path(folder) / name
            found[(below / name).as_posix()] = hashlib.sha256(
                path.read_bytes()
            ).hexdigest()
    return found


def _differences(served: Path, built: Path) -> list[str]:
    ours, theirs = _digest(served), _digest(built)
    return sorted(
        name
        for name in ours.keys() | theirs.keys()
        if ours.get(name) != theirs.get(name)
    )


def test_the_comparison_sees_one_changed_byte(tmp_path):
    for side in ("a", "b"):
        (tmp_path / side / "pagefind").mkdir(parents=True)
        (tmp_path / side / "pagefind" / f"{side}.pf_index").write_bytes(b"x")
        (tmp_path / side / "index.html").write_bytes(b"<p>1</p>")
        (tmp_path / side / f"only-{side}").write_bytes(b"")
    assert _differences(tmp_path / "a", tmp_path / "b") == ["only-a", "only-b"]
    (tmp_path / "b" / "index.html").write_bytes(b"<p>2</p>")
    assert "index.html" in _differences(tmp_path / "a", tmp_path / "b")


def _assert_preview_is_a_full_build(preview: Preview, name: str, before: int) -> None:
    """Compare once the preview has settled; a rebuild that started meanwhile
    (a second batch of the same save) means comparing again, at most twice."""
    generation = _settled(preview, before)
    for attempt in range(3):
        built = preview.output.parent / f"full-{name}-{attempt}"
        result = run_build(preview.content, built, env=REPRODUCIBLE)
        assert result.ok, result.log
        differences = _differences(preview.output, built)
        now = _generation(preview)
        if now == generation:
            assert differences == [], differences
            return
        generation = _settled(preview, now - 1)
    raise AssertionError("the preview kept rebuilding")


def test_the_preview_after_start_is_a_full_build(preview):
    _assert_preview_is_a_full_build(preview, "start", _generation(preview) - 1)


@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: edit.__name__)
def test_the_preview_after_an_edit_is_a_full_build(preview, edit):
    before = _generation(preview)
    before = edit(preview) or before
    _assert_preview_is_a_full_build(preview, edit.__name__, before)
    page, text = SHOWN[edit.__name__]
    assert text in (preview.output / page / "index.html").read_text(encoding="utf-8")
