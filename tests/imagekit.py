"""Real image files of every awkward kind, made with Pillow for the tests."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from PIL import Image, ImageCms

RED = (220, 20, 20)
BLUE = (20, 20, 220)


def halves(width: int, height: int) -> Image.Image:
    """Red left half, blue right half (as displayed)."""
    image = Image.new("RGB", (width, height), BLUE)
    image.paste(RED, (0, 0, width // 2, height))
    return image


def rotated_jpeg(path: Path, width: int = 1200, height: int = 800) -> Path:
    """A photo displayed as `width` x `height` (red left, blue right) but stored
    rotated with EXIF orientation 6, as phones held upright do."""
    shown = halves(width, height)
    stored = shown.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 2.0), 3: "E", 4: (105.0, 51.0, 3.0)}
    stored.save(path, "JPEG", quality=92, exif=exif.tobytes())
    return path


def cmyk_jpeg(path: Path) -> Path:
    Image.new("CMYK", (800, 600), (0, 255, 255, 0)).save(path, "JPEG", quality=92)
    return path


def alpha_png(path: Path) -> Path:
    image = Image.new("RGBA", (640, 480), (0, 0, 0, 0))
    image.paste((20, 160, 20, 255), (0, 0, 320, 480))
    image.save(path, "PNG")
    return path


def sixteen_bit_png(path: Path) -> Path:
    image = Image.new("I;16", (640, 480), 32768)
    image.save(path, "PNG")
    return path


def palette_gif(path: Path) -> Path:
    halves(500, 300).convert("P", palette=Image.Palette.ADAPTIVE).save(path, "GIF")
    return path


def adobe_rgb_jpeg(path: Path) -> Path:
    """A JPEG carrying a non-sRGB ICC profile (must be converted, then dropped)."""
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB"))
    image = halves(400, 300)
    image.save(path, "JPEG", icc_profile=profile.tobytes())
    return path


def heic(path: Path) -> Path:
    from pillow_heif import from_pillow

    from_pillow(halves(800, 600)).save(path, quality=90)
    return path


def bomb_png(path: Path, size: int = 30000) -> Path:
    """A valid PNG header claiming size x size pixels with a tiny body."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)
    data = zlib.compress(b"\x00" * 1024)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", data)
        + chunk(b"IEND", b"")
    )
    return path


def truncated_jpeg(path: Path) -> Path:
    full = path.with_suffix(".full.jpg")
    halves(1600, 1200).save(full, "JPEG", quality=95)
    data = full.read_bytes()
    full.unlink()
    path.write_bytes(data[: len(data) // 2])
    return path
