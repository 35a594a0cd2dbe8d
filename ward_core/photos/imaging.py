"""Turn one source photo into web derivatives with Pillow (no Pelican here).

Order matters: decode as little as the largest output needs (JPEG draft/DCT
scaling), apply the EXIF orientation, convert to 8-bit sRGB, then encode each
width without any metadata: no EXIF, no GPS, no ICC profile, no XMP.
"""

from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

from PIL import Image, ImageCms, ImageOps, PngImagePlugin, UnidentifiedImageError
from pillow_heif import register_heif_opener

from .encoding import EncodeSettings

register_heif_opener()  # iPhone photos (HEIC)
T = TypeVar("T")

# We check the pixel count ourselves, before decoding, with our own message.
Image.MAX_IMAGE_PIXELS = None
# Photoshop and Lightroom write XMP of several megabytes into PNG text chunks;
# Pillow refuses a chunk over 1 MB. Metadata is dropped anyway: allow one chunk
# as large as Pillow's bound for all text together (64 MB), which still stops
# a zlib bomb.
PngImagePlugin.MAX_TEXT_CHUNK = PngImagePlugin.MAX_TEXT_MEMORY

# What Pillow raises for a damaged file, besides UnidentifiedImageError: a
# chunk cut short (struct.error, EOFError), a broken PNG (SyntaxError), an
# impossible value (ValueError, IndexError, KeyError, TypeError), a read error.
DECODE_ERRORS = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    struct.error,
    IndexError,
    KeyError,
    TypeError,
    ZeroDivisionError,
    Image.DecompressionBombError,
)
DAMAGED = (
    "ảnh bị hỏng hoặc chưa chép xong. Mở ảnh trên máy xem có hiện đủ không, "
    "rồi chép lại ảnh gốc từ điện thoại (hoặc mở ảnh và lưu lại dạng JPEG)."
)

ACCEPTED_FORMATS = frozenset(
    {"JPEG", "MPO", "PNG", "WEBP", "GIF", "TIFF", "BMP", "HEIF", "AVIF"}
)
_SRGB = ImageCms.createProfile("sRGB")
_ROTATING_ORIENTATIONS = {5, 6, 7, 8}


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    webp: bytes
    jpeg: bytes


@dataclass(frozen=True)
class ProcessedPhoto:
    width: int  # of the oriented original
    height: int
    renditions: tuple[Rendition, ...]


class PhotoError(Exception):
    """A photo that cannot be used; the message says why, in Vietnamese."""


def target_widths(original_width: int, widths: tuple[int, ...]) -> list[int]:
    """The configured widths not larger than the photo; the photo's own width if
    it is smaller than all of them. Never upscale."""
    chosen = sorted({w for w in widths if w <= original_width})
    if not chosen or (original_width < max(widths) and original_width not in chosen):
        chosen.append(original_width)
    return sorted(set(chosen))


def _open(path: Path, settings: EncodeSettings) -> Image.Image:
    if path.stat().st_size == 0:
        raise PhotoError("tệp ảnh rỗng (0 byte). Chép lại ảnh từ điện thoại.")
    try:
        image = Image.open(path)
    except UnidentifiedImageError:
        raise PhotoError(
            "tệp này không phải là ảnh (hoặc định dạng không đọc được). "
            "Dùng ảnh JPEG, PNG, WebP hoặc HEIC."
        ) from None
    except DECODE_ERRORS:
        raise PhotoError(DAMAGED) from None
    if image.format not in ACCEPTED_FORMATS:
        raise PhotoError(
            f"định dạng {image.format} không được hỗ trợ. Lưu lại ảnh dạng JPEG hoặc PNG."
        )
    if image.width * image.height > settings.max_pixels:
        raise PhotoError(
            f"ảnh quá lớn ({image.width}×{image.height} điểm ảnh, giới hạn "
            f"{settings.max_pixels // 1_000_000} triệu). Thu nhỏ ảnh trước khi đăng."
        )
    return image


def _decode(image: Image.Image, largest_width: int, rotates: bool) -> Image.Image:
    """Load pixels, letting JPEG decode at 1/2, 1/4 or 1/8 scale when enough."""
    if image.format in ("JPEG", "MPO"):
        ratio = largest_width / (image.height if rotates else image.width)
        if ratio < 1:
            requested = (int(image.width * ratio) + 1, int(image.height * ratio) + 1)
            image.draft(image.mode if image.mode == "CMYK" else "RGB", requested)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
    except DECODE_ERRORS:
        raise PhotoError(DAMAGED) from None
    return image


def _to_srgb(image: Image.Image) -> Image.Image:
    """8-bit RGB or RGBA in sRGB, whatever came in (CMYK, palette, 16-bit, ICC)."""
    icc = image.info.get("icc_profile")
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit greyscale: scale to 8 bits instead of clipping at 255.
        image = image.point(lambda v: v / 256).convert("L")
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in ("LA", "PA"):
        image = image.convert("RGBA")
    if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        image = image.convert("RGB")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
            image = ImageCms.profileToProfile(
                image, source, _SRGB, outputMode=output_mode
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: fall back to a plain conversion below
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGB")
    image.info.clear()
    return image


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode != "RGBA":
        return image
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background


def process_photo(path: Path, settings: EncodeSettings) -> ProcessedPhoto:
    """Derivatives of one photo; PhotoError (Vietnamese) for any damaged file."""
    return _guarded(_process, path, settings)


def checked_photo(path: Path, settings: EncodeSettings) -> str:
    """The format of a photo the pipeline can publish, its pixels decoded (a
    JPEG at reduced scale), so a fake or damaged file is refused when it is
    uploaded rather than at the next build; PhotoError otherwise."""
    return _guarded(_check, path, settings)


def photo_as_jpeg(path: Path, settings: EncodeSettings, quality: int = 90) -> bytes:
    """The photo at full size as a JPEG every browser shows (an iPhone's HEIC):
    turned upright, sRGB, and without any metadata, as the published photos."""
    return _guarded(partial(_as_jpeg, quality=quality), path, settings)


def _check(path: Path, settings: EncodeSettings) -> str:
    image = _open(path, settings)
    kind = str(image.format)
    _decode(image, min(settings.widths), rotates=False)
    ImageOps.exif_transpose(image)  # damaged metadata surfaces here
    return kind


def _as_jpeg(path: Path, settings: EncodeSettings, quality: int) -> bytes:
    image = _open(path, settings)
    image = _flatten(
        _to_srgb(ImageOps.exif_transpose(_decode(image, max(image.size), False)))
    )
    output = io.BytesIO()
    image.save(output, "JPEG", quality=quality, optimize=True)
    return output.getvalue()


def _guarded(work: Callable[[Path, EncodeSettings], T], path, settings) -> T:
    try:
        return work(path, settings)
    except PhotoError:
        raise
    except MemoryError:
        raise PhotoError(
            "không đủ bộ nhớ để xử lý ảnh này. Thu nhỏ ảnh trước khi đăng."
        ) from None
    except DECODE_ERRORS as exc:
        if isinstance(exc, OSError) and exc.errno is not None:
            raise  # the file system's error (file gone, disk): the caller says it
        # Metadata (EXIF orientation, ICC) is read lazily: damage can surface
        # after the pixels decoded.
        raise PhotoError(DAMAGED) from None


def _process(path: Path, settings: EncodeSettings) -> ProcessedPhoto:
    image = _open(path, settings)
    rotates = image.getexif().get(0x0112, 1) in _ROTATING_ORIENTATIONS
    full_width, full_height = (
        (image.height, image.width) if rotates else (image.width, image.height)
    )
    widths = target_widths(full_width, settings.widths)
    image = _decode(image, max(widths), rotates)
    image = ImageOps.exif_transpose(image)
    if (image.width > image.height) != (full_width > full_height):
        # The decoder already applied the orientation (HEIF does): trust pixels.
        full_width, full_height = full_height, full_width
        widths = target_widths(full_width, settings.widths)
    image = _to_srgb(image)
    renditions = []
    source = image
    for width in sorted(widths, reverse=True):
        height = max(1, round(full_height * width / full_width))
        if source.size != (width, height):
            source = source.resize(
                (width, height), Image.Resampling.LANCZOS, reducing_gap=3.0
            )
        webp = io.BytesIO()
        source.save(
            webp, "WEBP", quality=settings.webp_quality, method=settings.webp_method
        )
        jpeg = io.BytesIO()
        _flatten(source).save(
            jpeg, "JPEG", quality=settings.jpeg_quality, optimize=True, progressive=True
        )
        renditions.append(Rendition(width, height, webp.getvalue(), jpeg.getvalue()))
    renditions.sort(key=lambda r: r.width)
    return ProcessedPhoto(full_width, full_height, tuple(renditions))
