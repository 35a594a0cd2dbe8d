"""The Pillow pipeline on real generated images: orientation, colour, privacy, sizes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from bench.photos import save_photo
from tests import imagekit
from ward_core.photos.imaging import (
    EncodeSettings,
    PhotoError,
    _decode,
    process_photo,
    target_widths,
)

SETTINGS = EncodeSettings()


def _open(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def _close(pixel, expected, tolerance=40):
    return all(
        abs(a - b) <= tolerance for a, b in zip(pixel[:3], expected, strict=True)
    )


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (4000, [480, 960, 1600]),
        (1600, [480, 960, 1600]),
        (1000, [480, 960, 1000]),
        (300, [300]),
        (480, [480, 480]),
    ],
)
def test_target_widths_never_upscale(width, expected):
    assert target_widths(width, (480, 960, 1600)) == sorted(set(expected))


def test_exif_orientation_is_applied(tmp_path):
    photo = process_photo(imagekit.rotated_jpeg(tmp_path / "r.jpg"), SETTINGS)
    assert (photo.width, photo.height) == (1200, 800)
    for rendition in photo.renditions:
        for data in (rendition.webp, rendition.jpeg):
            image = _open(data).convert("RGB")
            assert image.size == (rendition.width, rendition.height)
            w, h = image.size
            assert _close(image.getpixel((w // 8, h // 2)), imagekit.RED)
            assert _close(image.getpixel((w - w // 8, h // 2)), imagekit.BLUE)


def test_no_metadata_survives(tmp_path):
    source = save_photo(
        tmp_path / "gps.jpg", 1000, 750, seed=3, orientation=6, gps=True
    )
    assert Image.open(source).getexif().get_ifd(0x8825)  # the source has GPS
    photo = process_photo(source, SETTINGS)
    for rendition in photo.renditions:
        for data in (rendition.webp, rendition.jpeg):
            image = _open(data)
            assert len(image.getexif()) == 0
            assert not set(image.info) & {
                "exif",
                "icc_profile",
                "xmp",
                "XML:com.adobe.xmp",
            }
            assert b"Exif" not in data[:4096] and b"WardPhone" not in data


def test_cmyk_becomes_srgb(tmp_path):
    photo = process_photo(imagekit.cmyk_jpeg(tmp_path / "c.jpg"), SETTINGS)
    image = _open(photo.renditions[0].jpeg)
    assert image.mode == "RGB"
    red, green, blue = image.getpixel((10, 10))
    assert red > 200 and green < 80 and blue < 80


def test_alpha_png_keeps_alpha_in_webp_and_flattens_jpeg(tmp_path):
    photo = process_photo(imagekit.alpha_png(tmp_path / "a.png"), SETTINGS)
    rendition = photo.renditions[0]
    webp = _open(rendition.webp)
    assert webp.mode == "RGBA"
    assert webp.getpixel((webp.width - 5, 5))[3] == 0
    jpeg = _open(rendition.jpeg).convert("RGB")
    assert _close(jpeg.getpixel((jpeg.width - 5, 5)), (255, 255, 255), 10)
    assert _close(jpeg.getpixel((5, 5)), (20, 160, 20))


def test_sixteen_bit_is_scaled_not_clipped(tmp_path):
    photo = process_photo(imagekit.sixteen_bit_png(tmp_path / "g.png"), SETTINGS)
    value = _open(photo.renditions[0].jpeg).convert("L").getpixel((10, 10))
    assert 118 <= value <= 138  # 32768/65535 of white, not 255


def test_palette_gif(tmp_path):
    photo = process_photo(imagekit.palette_gif(tmp_path / "p.gif"), SETTINGS)
    image = _open(photo.renditions[0].jpeg).convert("RGB")
    assert _close(image.getpixel((20, 150)), imagekit.RED)


def test_icc_profile_is_converted_and_dropped(tmp_path):
    photo = process_photo(imagekit.adobe_rgb_jpeg(tmp_path / "icc.jpg"), SETTINGS)
    image = _open(photo.renditions[0].webp)
    assert "icc_profile" not in image.info


def test_heic_from_iphone(tmp_path):
    source = imagekit.heic(tmp_path / "iphone.heic")
    photo = process_photo(source, SETTINGS)
    assert (photo.width, photo.height) == (800, 600)
    image = _open(photo.renditions[-1].jpeg).convert("RGB")
    assert _close(image.getpixel((50, 300)), imagekit.RED, 50)


def test_jpeg_draft_decodes_only_what_the_largest_width_needs(tmp_path):
    source = tmp_path / "big.jpg"
    imagekit.halves(4000, 3000).save(source, "JPEG", quality=90)
    decoded = _decode(Image.open(source), 960, rotates=False)
    assert decoded.size == (1000, 750)  # 1/4 scale, still >= 960 wide
    decoded = _decode(Image.open(source), 1600, rotates=False)
    assert decoded.size == (2000, 1500)


def test_large_photo_renditions(tmp_path):
    source = save_photo(tmp_path / "big.jpg", 4000, 3000, seed=5)
    photo = process_photo(source, SETTINGS)
    assert [(r.width, r.height) for r in photo.renditions] == [
        (480, 360),
        (960, 720),
        (1600, 1200),
    ]
    for rendition in photo.renditions:
        assert _open(rendition.webp).format == "WEBP"
        assert _open(rendition.jpeg).format == "JPEG"
        assert len(rendition.webp) < len(rendition.jpeg)


BAD_INPUTS = {
    "zero": (lambda p: p.write_bytes(b""), "0 byte"),
    "text": (lambda p: p.write_text("không phải ảnh"), "không phải là ảnh"),
    "random": (lambda p: p.write_bytes(bytes(range(256)) * 40), "không phải là ảnh"),
    "truncated": (imagekit.truncated_jpeg, "ảnh bị hỏng"),
    "bomb": (imagekit.bomb_png, "ảnh quá lớn (30000×30000"),
    "tga": (lambda p: imagekit.halves(50, 50).save(p, "TGA"), "định dạng TGA"),
}


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_bad_inputs_raise_clear_errors(tmp_path, kind):
    make, fragment = BAD_INPUTS[kind]
    path = tmp_path / f"{kind}.jpg"
    make(path)
    with pytest.raises(PhotoError) as error:
        process_photo(Path(path), SETTINGS)
    assert fragment in str(error.value)
