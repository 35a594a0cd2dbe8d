"""Files as phones, Zalo, Windows and scanners name them, uploaded through the
real editor (Decap CMS from node_modules, our uploads.js) in Debian's Chromium:
the name in index.md is the stored name, HEIC becomes a JPEG, a fake photo is
refused before anything is written, a PDF goes in through the document widget,
colliding names are numbered silently, and the rebuilt page shows it all."""

from __future__ import annotations

import hashlib
import io
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from pillow_heif import register_heif_opener

from tests.browserkit import serve_directory
from tests.dockit import make_docx, make_pdf
from tests.editorkit import preview_server
from tests.imagekit import halves
from tests.sitekit import PROJECT, copy_sample_content
from tests.test_editor_browser import choose, save
from ward_core.yamltree import parse_yaml_text, split_front_matter

pytestmark = pytest.mark.skipif(
    not (PROJECT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").is_file(),
    reason="decap-cms is not installed (npm ci)",
)

register_heif_opener()  # iPhone photos are made as HEIC
NFD = unicodedata.normalize("NFD", "Ảnh hội nghị (1).jpeg")
# (file name as the device made it, stored name, caption)
PHOTOS = (
    ("IMG_20260120_083015.jpg", "img-20260120-083015.jpg", "Toàn cảnh hội nghị"),
    ("IMG_2026_0001.JPG", "img-2026-0001.jpg", "Chủ tịch phát biểu khai mạc"),
    (
        "z5123456789012_abcdef0123456789.jpg",
        "z5123456789012-abcdef0123456789.jpg",
        "Ảnh gửi qua Zalo",
    ),
    ("Ảnh hội nghị (1).jpeg", "anh-hoi-nghi-1.jpg", "Đại biểu biểu quyết"),
    (NFD, "anh-hoi-nghi-1-2.jpg", "Đại biểu tổ 5 phát biểu"),  # same clean name
    ("DSC_0001 copy.JPG", "dsc-0001-copy.jpg", "Trao giấy khen"),
    ("IMG_4032.HEIC", "img-4032.jpg", "Ảnh chụp bằng iPhone"),
)
PUBLISHED = "ra-quan-ngay-chu-nhat-xanh-don-ve-sinh-kenh-rach"
TITLE = "Hội nghị tổng kết công tác năm 2025"
SLUG = "hoi-nghi-tong-ket-cong-tac-nam-2025"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make_photos(folder: Path) -> list[Path]:
    """One real, distinct photo per name (each in its own folder: NFC and NFD
    twins), the iPhone one in HEIC, stored sideways with EXIF orientation 6."""
    paths = []
    for index, (name, _, _) in enumerate(PHOTOS):
        path = folder / str(index) / name
        path.parent.mkdir(parents=True)
        if name.endswith(".HEIC"):
            exif = Image.Exif()
            exif[0x0112] = 6
            sideways = halves(800, 600).transpose(Image.Transpose.ROTATE_90)
            sideways.save(path, "HEIF", quality=90, exif=exif.tobytes())
        else:
            color = (40 + 30 * index, 120, 200 - 20 * index)
            Image.new("RGB", (640, 480), color).save(path, "JPEG")
        paths.append(path)
    return paths


def open_editor(browser, preview, route: str):
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(preview.base + "quan-tri/")
    page.get_by_role("button", name="Vào trình soạn bài").click()
    page.get_by_role("link", name="bài viết").first.wait_for()
    page.goto(preview.base + "quan-tri/#/collections/posts/" + route)
    page.locator("input[id^=title-field]").wait_for()
    return context, page, dialogs


def upload(page, choose_button, path: Path) -> None:
    """Open the media library from a widget's button, upload, take the file."""
    choose_button.click()
    page.set_input_files("input[type=file]", path)
    page.get_by_role("button", name="Lấy những cái đã chọn").click()


def add_photo(page, path: Path, caption: str) -> None:
    page.get_by_role("button", name="Thêm ảnh").click()
    # The new photo's button; the last "choose" button is the cover's.
    upload(page, page.get_by_role("button", name="Chọn một hình").nth(-2), path)
    page.locator("input[id^=caption-field]").last.fill(caption)


def front_matter(post: Path):
    split = split_front_matter(post.read_text(encoding="utf-8"))
    return parse_yaml_text(split.front_matter, split.first_line)


def test_phone_zalo_scanner_files_go_in_under_the_names_in_the_post(tmp_path, browser):
    photos = make_photos(tmp_path / "phone")
    scan = make_pdf(
        tmp_path / "scanner" / "Scan 2026-01-20.pdf",
        [["KẾ HOẠCH tổ chức hội nghị tổng kết công tác năm 2025"]],
    )
    form = make_docx(
        tmp_path / "windows" / "Mẫu đơn đăng ký (1).DOCX",
        ["ĐƠN ĐĂNG KÝ tham dự hội nghị"],
        [["Họ và tên", "Địa chỉ"]],
    )
    content = copy_sample_content(tmp_path / "content")
    with preview_server(tmp_path, content) as preview:
        context, page, dialogs = open_editor(browser, preview, "new")
        page.locator("input[id^=title-field]").fill(TITLE)
        page.locator("input[id^=date-field]").fill("20/01/2026 08:30")
        for path, (_, _, caption) in zip(photos, PHOTOS, strict=True):
            add_photo(page, path, caption)
        page.get_by_role("button", name="Thêm văn bản liên quan").click()
        page.locator("input[id^=number-field]").last.fill("12/KH-UBND")
        upload(page, page.get_by_role("button", name="Chọn một tập tin").first, scan)
        page.get_by_role("button", name="Thêm tệp đính kèm").click()
        upload(page, page.get_by_role("button", name="Chọn một tập tin").last, form)
        page.locator("input[id^=title-field]").last.fill("Mẫu đơn đăng ký")
        page.locator("[data-slate-editor]").click()
        page.keyboard.type("Sáng 20/1, UBND phường tổ chức hội nghị tổng kết.")
        save(page)
        page.wait_for_url("**/entries/**")

        [post] = list(content.glob(f"posts/*/{SLUG}/index.md"))
        folder = post.parent
        stored = [name for _, name, _ in PHOTOS]
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            [*stored, "index.md", "mau-don-dang-ky-1.docx", "scan-2026-01-20.pdf"]
        )
        values = front_matter(post)
        assert [item["src"] for item in values["gallery"]] == stored
        assert [item["file"] for item in values["documents"]] == ["scan-2026-01-20.pdf"]
        assert [(item["file"], item["title"]) for item in values["attachments"]] == [
            ("mau-don-dang-ky-1.docx", "Mẫu đơn đăng ký")
        ]
        # Each gallery item kept its own photo; the HEIC is an upright JPEG.
        for source, name in zip(photos[:-1], stored[:-1], strict=True):
            assert digest((folder / name).read_bytes()) == digest(source.read_bytes())
        iphone = Image.open(folder / "img-4032.jpg")
        assert (iphone.format, iphone.size) == ("JPEG", (800, 600))
        assert iphone.getpixel((100, 300))[0] > 180 and not iphone.getexif()
        assert (folder / "scan-2026-01-20.pdf").read_bytes() == scan.read_bytes()
        assert dialogs == []  # never Decap's "already exists" question

        # The rebuilt draft page: every photo as a figure, the plan to download.
        html = preview.wait_for(
            f"drafts/{SLUG}.html", lambda h: "Ảnh chụp bằng iPhone" in h
        )
        soup = BeautifulSoup(html, "html.parser")
        assert [f.get_text(strip=True) for f in soup.select("figure figcaption")] == [
            caption for _, _, caption in PHOTOS
        ]

        # Approved: the published page offers the scanned plan for download.
        choose(page, "status", "Đã duyệt, đăng lên trang")
        save(page)
        html = preview.wait_for(f"{SLUG}/", lambda h: "file-download" in h)
        links = BeautifulSoup(html, "html.parser").select("a.file-download")
        files = (
            (scan, "scan-2026-01-20.pdf", "PDF"),
            (form, "mau-don-dang-ky-1.docx", "DOCX"),
        )
        for source, name, kind in files:
            [link] = [a for a in links if a["href"].endswith("/" + name)]
            assert kind in link.find_next("span", class_="file-facts").get_text()
            _, served = preview.get(link["href"].removeprefix(preview.base))
            assert served == source.read_bytes()
        context.close()


def test_a_fake_photo_is_refused_at_upload_and_a_taken_name_is_numbered(
    tmp_path, browser
):
    content = copy_sample_content(tmp_path / "content")
    folder = content / "posts" / "2023" / "ra-quan-chu-nhat-xanh"
    fake = tmp_path / "zalo" / "IMG_2026_0001.jpg"
    fake.parent.mkdir()
    fake.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00" + bytes(4000))  # a program
    on_disk = Image.new("RGB", (640, 480), (10, 150, 10))
    on_disk.save(folder / "img-2026-0001.jpg", "JPEG")
    phone = tmp_path / "phone" / "IMG_2026_0001.JPG"
    phone.parent.mkdir()
    Image.new("RGB", (640, 480), (150, 10, 150)).save(phone, "JPEG")
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (10, 10, 150)).save(buffer, "JPEG")
    again = tmp_path / "laptop" / "IMG 2026 0001.jpg"
    again.parent.mkdir()
    again.write_bytes(buffer.getvalue())
    before = {p.name: digest(p.read_bytes()) for p in folder.iterdir()}

    with preview_server(tmp_path, content) as preview:
        context, page, dialogs = open_editor(
            browser, preview, "entries/2023/ra-quan-chu-nhat-xanh/index"
        )
        page.get_by_role("button", name="Thêm ảnh").click()
        # The new photo's button (the cover has a photo: "Chọn hình khác").
        page.get_by_role("button", name="Chọn một hình").last.click()
        with page.expect_file_chooser() as chooser:
            page.get_by_text("Tải lên", exact=True).click()
        # The file dialog offers iPhone photos as well.
        assert ".heic" in chooser.value.element.get_attribute("accept")
        chooser.value.set_files(fake)
        alert = page.locator("#ward-upload-message[role=alert]")
        alert.wait_for()
        assert "IMG_2026_0001.jpg" in alert.inner_text()
        assert "không phải là ảnh" in alert.inner_text()
        alert.get_by_role("button", name="Đóng").click()
        assert {p.name: digest(p.read_bytes()) for p in folder.iterdir()} == before

        # The officer picks the real photo instead; then one more. Both clean
        # names are one the post already has: numbered, never a question.
        page.set_input_files("input[type=file]", phone)
        page.get_by_role("button", name="Lấy những cái đã chọn").click()
        page.locator("input[id^=caption-field]").last.fill("Ảnh từ điện thoại")
        page.get_by_role("button", name="Thêm ảnh").click()
        upload(page, page.get_by_role("button", name="Chọn một hình").last, again)
        page.locator("input[id^=caption-field]").last.fill("Ảnh từ máy tính")
        save(page)
        post = folder / "index.md"
        preview.wait_for(f"{PUBLISHED}/", lambda h: "Ảnh từ máy tính" in h, timeout=180)
        sources = [item["src"] for item in front_matter(post)["gallery"]]
        assert sources[-2:] == ["img-2026-0001-2.jpg", "img-2026-0001-3.jpg"]
        assert digest((folder / "img-2026-0001-2.jpg").read_bytes()) == digest(
            phone.read_bytes()
        )
        assert (folder / "img-2026-0001-3.jpg").read_bytes() == again.read_bytes()
        assert (
            digest((folder / "img-2026-0001.jpg").read_bytes())
            == before["img-2026-0001.jpg"]
        )
        assert dialogs == []
        context.close()


def test_without_our_server_decap_uploads_as_before(tmp_path, browser):
    """The hosted bundle has no /api/v1: uploads.js steps aside, Decap names the
    file its own way (the forge stores what the entry says)."""
    from wardtools.editor.hosted import hosted_config, write_bundle

    config = hosted_config("gitlab", "phuong/trang-tin", app_id="abc")
    config["backend"] = {"name": "test-repo"}  # Decap's in-memory repository
    write_bundle(tmp_path / "output", config)
    photo = tmp_path / "phone" / "IMG_2026_0001.JPG"
    photo.parent.mkdir()
    Image.new("RGB", (640, 480), (150, 10, 150)).save(photo, "JPEG")
    with serve_directory(tmp_path / "output") as base:
        context = browser.new_context(viewport={"width": 1300, "height": 900})
        page = context.new_page()
        page.goto(base + "/quan-tri/")
        page.get_by_role("button", name="Vào trình soạn bài").click()
        page.goto(base + "/quan-tri/#/collections/posts/new")
        page.get_by_role("button", name="Thêm ảnh").click()
        page.get_by_role("button", name="Chọn một hình").nth(-2).click()
        page.set_input_files("input[type=file]", photo)
        page.get_by_text("img_2026_0001.jpg", exact=True).wait_for()
        assert page.locator("#ward-upload-message").count() == 0
        context.close()
