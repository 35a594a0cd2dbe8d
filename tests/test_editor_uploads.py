"""The one name rule for uploaded files (editor, `make photos`, importer, the
build's published names) and the server's "prepareMedia" answer: names, photo
decoding, HEIC to JPEG, collisions, documents checked as the build checks them."""

from __future__ import annotations

import base64
import io
import re
import unicodedata
from functools import partial
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pillow_heif import register_heif_opener
from ward_frontmatter.files import published_name

from tests.dockit import make_pdf
from tests.editorkit import Preview, preview_server
from tests.imagekit import bomb_png, halves
from tests.sitekit import PROJECT, copy_sample_content
from ward_core.slugs import clean_file_name
from ward_core.sources import slug_for
from wardtools.content_index import load_settings
from wardtools.editor.uploads import free_name, stored_name
from wardtools.importer.model import ImportedPhoto, ImportedPost
from wardtools.importer.writer import write_post
from wardtools.photos_cmd import add_photos

register_heif_opener()  # iPhone photos are made as HEIC
SETTINGS = load_settings(PROJECT / "pelicanconf.py")
SLUGIFY = partial(slug_for, settings=SETTINGS)
# What phones, Zalo, Windows and scanners name files, and the one stored name.
REAL_NAMES = {
    "IMG_20260120_083015.jpg": "img-20260120-083015.jpg",
    "IMG_2026_0001.JPG": "img-2026-0001.jpg",
    "z5123456789012_abcdef0123456789.jpg": "z5123456789012-abcdef0123456789.jpg",
    "Ảnh hội nghị (1).jpeg": "anh-hoi-nghi-1.jpg",
    unicodedata.normalize("NFD", "Ảnh hội nghị (1).jpeg"): "anh-hoi-nghi-1.jpg",
    "DSC_0001 copy.JPG": "dsc-0001-copy.jpg",
    "Scan 2026-01-20.pdf": "scan-2026-01-20.pdf",
    unicodedata.normalize("NFD", "Kế hoạch số 12.PDF"): "ke-hoach-so-12.pdf",
    "_Đêm hội_.png": "dem-hoi.png",
    "C:\\Users\\Can bo\\Desktop\\Mẫu đơn.DOCX": "mau-don.docx",
    "Công văn 12 (1).DOC": "cong-van-12-1.doc",  # Word 97–2003, typed in VNI
}


@pytest.mark.parametrize("name", REAL_NAMES, ids=ascii)
def test_one_clean_name_for_every_real_file_name(name):
    clean = clean_file_name(name, SLUGIFY)
    assert clean == REAL_NAMES[name]
    assert clean_file_name(clean, SLUGIFY) == clean  # stable when sent again
    assert published_name(name, SLUGIFY) == clean  # the build's name for a file


# What Decap's slug cleaning (encoding: ascii, clean_accents, "-") leaves as it is:
# lowercase ASCII letters and digits, single inner hyphens, a dot before the type.
DECAP_STABLE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+")


@settings(max_examples=300, deadline=None)
@given(
    stem=st.text(max_size=120),
    suffix=st.sampled_from([".jpg", ".JPEG", ".png", ".HEIC", ".pdf", ".Docx"]),
    form=st.sampled_from(["NFC", "NFD"]),
)
def test_every_clean_name_is_one_decap_leaves_unchanged(stem, suffix, form):
    name = unicodedata.normalize(form, stem + suffix)
    clean = clean_file_name(name, SLUGIFY)
    assert DECAP_STABLE.fullmatch(clean), clean
    assert clean_file_name(clean, SLUGIFY) == clean
    assert len(clean) <= 80 + len(suffix)


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("IMG_4032.HEIC", "img-4032.jpg"),
        ("Ảnh chụp.heif", "anh-chup.jpg"),
        ("IMG_2026_0001.JPG", "img-2026-0001.jpg"),
        ("a" * 200 + ".jpg", None),
    ],
)
def test_stored_name_converts_heic_and_stays_short(name, stored):
    result = stored_name(name, SETTINGS)
    assert result == (stored or result)
    assert len(result) <= 84 and result.isascii() and " " not in result


@pytest.mark.parametrize(
    ("taken", "expected"),
    [
        ([], "img-1.jpg"),
        (["IMG-1.JPG"], "img-1-2.jpg"),
        (["img-1.jpg", "img-1-2.jpg"], "img-1-3.jpg"),
        (["img-1-2.jpg"], "img-1.jpg"),
    ],
)
def test_free_name_numbers_a_taken_name(taken, expected):
    assert free_name("img-1.jpg", taken) == expected


def photo_file(path: Path, color=(200, 30, 30)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (64, 48), color).save(path, "JPEG")
    return path


def test_make_photos_and_the_importer_store_the_same_names(tmp_path):
    photos = [
        n for n in REAL_NAMES if not n.endswith((".pdf", ".PDF", ".DOCX", ".DOC"))
    ]
    phone = tmp_path / "phone"
    sources = [
        photo_file(phone / str(i) / name.rsplit("\\", 1)[-1], (i * 20, 30, 30))
        for i, name in enumerate(photos)
    ]
    content = copy_sample_content(tmp_path / "content")
    folder = content / "posts" / "2023" / "ra-quan-chu-nhat-xanh"
    added = add_photos(content, SETTINGS, str(folder), sources)
    expected = [REAL_NAMES[n] for n in photos]
    # The NFD twin of "Ảnh hội nghị (1).jpeg" gets the next number, as in the editor.
    assert added == [free_name(e, expected[:i]) for i, e in enumerate(expected)]
    post = ImportedPost(
        origin="hoi-nghi.html",
        title="Hội nghị",
        date=None,
        body_html="<p>Hội nghị.</p>",
        photos=[ImportedPhoto(s, s.name, "Ảnh") for s in sources],
    )
    folder = tmp_path / "imported"
    folder.mkdir()
    write_post(post, folder, "hoi-nghi", SLUGIFY, force=False)
    assert sorted(
        p.name for p in folder.iterdir() if p.suffix in (".jpg", ".png")
    ) == sorted(added)


# --- the server's answer -------------------------------------------------------------

FOLDER = "content/posts/2023/ra-quan-chu-nhat-xanh"


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> Preview:
    root = tmp_path_factory.mktemp("uploads")
    content = copy_sample_content(root / "content")
    with preview_server(root, content) as server:
        yield server


def files_of(content: Path) -> set[str]:
    return {str(p.relative_to(content)) for p in content.rglob("*") if p.is_file()}


def prepare(preview: Preview, name: str, data: bytes, **params) -> tuple[int, dict]:
    content = base64.b64encode(data).decode()
    return preview.post(
        {
            "action": "prepareMedia",
            "params": {"name": name, "content": content, **params},
        }
    )


def save_with_file(
    preview: Preview, path: str, raw: str, file_path: str, data: bytes
) -> tuple[int, dict]:
    """persistEntry of one entry with one photo or document sent with it."""
    return preview.post(
        {
            "action": "persistEntry",
            "params": {
                "dataFiles": [{"path": path, "raw": raw}],
                "assets": [
                    {
                        "path": file_path,
                        "content": base64.b64encode(data).decode(),
                        "encoding": "base64",
                    }
                ],
            },
        }
    )


def jpeg(color=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize("name", REAL_NAMES, ids=ascii)
def test_prepare_answers_the_stored_name_and_writes_nothing(preview, name, tmp_path):
    before = files_of(preview.content)
    if name.lower().endswith(".pdf"):
        data = make_pdf(tmp_path / "x.pdf", [["Kế hoạch số 12"]]).read_bytes()
    elif name.lower().endswith(".docx"):
        from tests.dockit import make_docx

        data = make_docx(tmp_path / "x.docx", ["Mẫu đơn"], [["Họ tên", "Địa chỉ"]])
        data = data.read_bytes()
    elif name.lower().endswith(".doc"):
        from tests.test_word_doc import VNI_NOTICE

        data = VNI_NOTICE.read_bytes()
    else:
        data = jpeg()
    status, answer = prepare(preview, name, data, folder=FOLDER)
    assert status == 200, answer
    assert answer == {"name": REAL_NAMES[name], "converted": False}
    assert files_of(preview.content) == before


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("IMG_0001.jpg", b"MZ\x90\x00\x03" + b"\0" * 4000, "không phải là ảnh"),
        ("IMG_0002.jpg", b"", "rỗng"),
        ("IMG_0003.JPG", jpeg()[:200], "hỏng"),
        ("Scan 2026-01-20.pdf", b"<html>not a pdf</html>", "Scan 2026-01-20.pdf"),
        ("setup.exe", b"MZ\x90\x00", "không phải ảnh hay văn bản"),
        ("Bảng kê.xls", b"\xd0\xcf\x11\xe0", '"Bảng kê.xls" không đăng được'),
        ("Ảnh lớn.png", bomb_png, "quá lớn"),  # 900 million pixels
        ("Báo cáo.docx", b"PK\x03\x04" + bytes(100), "không phải DOCX"),
    ],
    ids=[
        "exe-as-jpg",
        "empty",
        "cut-short",
        "html-as-pdf",
        "exe",
        "xls",
        "bomb",
        "zip",
    ],
)
def test_prepare_refuses_what_the_build_would_refuse(
    preview, name, data, words, tmp_path
):
    if callable(data):
        data = data(tmp_path / "made").read_bytes()
    before = files_of(preview.content)
    status, answer = prepare(preview, name, data, folder=FOLDER)
    assert status in (415, 422), answer
    assert words in answer["error"]
    assert "Error" not in answer["error"] and "Traceback" not in answer["error"]
    assert files_of(preview.content) == before


def test_prepare_turns_heic_into_an_upright_jpeg_without_metadata(preview):
    stored = halves(800, 600).transpose(Image.Transpose.ROTATE_90)  # held upright
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "PhoneMaker"
    buffer = io.BytesIO()
    stored.save(buffer, "HEIF", quality=90, exif=exif.tobytes())
    status, answer = prepare(preview, "IMG_4032.HEIC", buffer.getvalue())
    assert status == 200, answer
    assert answer["name"] == "img-4032.jpg" and answer["converted"] is True
    photo = Image.open(io.BytesIO(base64.b64decode(answer["content"])))
    assert photo.format == "JPEG" and photo.size == (800, 600)
    red, blue = photo.getpixel((100, 300)), photo.getpixel((700, 300))
    assert red[0] > 180 and red[2] < 80 and blue[2] > 180 and blue[0] < 80
    assert not photo.getexif() and "exif" not in photo.info
    assert "icc_profile" not in photo.info


def test_prepare_numbers_a_name_the_post_or_the_session_has(preview):
    (
        preview.content / FOLDER.removeprefix("content/") / "img-2026-0001.jpg"
    ).write_bytes(jpeg())
    status, answer = prepare(preview, "IMG_2026_0001.JPG", jpeg(), folder=FOLDER)
    assert (status, answer["name"]) == (200, "img-2026-0001-2.jpg")
    status, answer = prepare(
        preview,
        "IMG 2026 0001.jpg",
        jpeg(),
        folder=FOLDER,
        taken=["img-2026-0001-2.jpg"],
    )
    assert (status, answer["name"]) == (200, "img-2026-0001-3.jpg")
    # A new post has no folder yet: only the session's names count.
    status, answer = prepare(preview, "IMG_2026_0001.JPG", jpeg(), taken=[])
    assert (status, answer["name"]) == (200, "img-2026-0001.jpg")


def test_a_fake_photo_in_a_save_is_refused_and_nothing_is_written(preview):
    path = "content/posts/2026/hop-dan/index.md"
    raw = (
        "---\ntitle: Họp dân\ndate: 20/01/2026 08:30\ngallery:\n"
        "  - src: img-0001.jpg\n    caption: Họp dân tổ 3\n---\nNội dung.\n"
    )
    before = files_of(preview.content)
    status, answer = save_with_file(
        preview,
        path,
        raw,
        "content/posts/2026/hop-dan/img-0001.jpg",
        b"MZ\x90\x00" * 100,
    )
    assert status == 422 and "không phải là ảnh" in answer["error"], answer
    assert files_of(preview.content) == before


def test_files_the_editor_writes_are_readable_by_a_web_server(tmp_path):
    """mkstemp's private 0600 would reach output/ with copied documents and be
    refused by a web server running as another user."""
    from wardtools.editor.backend import write_atomically

    target = tmp_path / "posts" / "2026" / "bai" / "ke-hoach.pdf"
    write_atomically(target, b"%PDF-1.4")
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_refused_save_never_writes_its_photos(preview):
    """The photos of a save are checked where the entry names them before
    anything is written (check.analyse_site: proposed_media): a photo sent
    again under its own name with an entry the checks refuse is not written
    and put back, it is never touched (same file, same time)."""
    post = "content/posts/2023/ra-quan-chu-nhat-xanh/index.md"
    photo = preview.content / "posts/2023/ra-quan-chu-nhat-xanh/phat-to-roi.jpg"
    original = (preview.content / post.removeprefix("content/")).read_text()
    raw = original.replace(
        "    caption: Phát tờ rơi hướng dẫn phân loại rác tại nguồn\n", ""
    )
    assert raw != original
    before = photo.stat()
    old_bytes = photo.read_bytes()
    status, answer = save_with_file(
        preview,
        post,
        raw,
        post.replace("index.md", "phat-to-roi.jpg"),
        jpeg((20, 200, 20)),
    )
    assert status == 422 and "chưa có chú thích" in answer["error"], answer
    after = photo.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert photo.read_bytes() == old_bytes


def _pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_new_post_and_its_document_are_checked_together_then_written(preview):
    """A new post and the PDF it attaches, saved together: the checks find
    and analyse the document where the post names it before either is
    written (check.analyse_site: proposed_media), then both are written."""
    path = "content/posts/2026/ke-hoach-12/index.md"
    raw = (
        "---\ntitle: Kế hoạch 12 về vệ sinh môi trường\ndate: 20/01/2026 08:30\n"
        "category: Tin hoạt động\nattachments:\n  - file: ke-hoach-12.pdf\n"
        "    title: Kế hoạch 12\n---\nNội dung.\n"
    )
    data = _pdf()
    status, answer = save_with_file(
        preview, path, raw, path.replace("index.md", "ke-hoach-12.pdf"), data
    )
    assert status == 200, answer
    folder = preview.content / "posts/2026/ke-hoach-12"
    assert (folder / "ke-hoach-12.pdf").read_bytes() == data
    assert (folder / "index.md").is_file()
