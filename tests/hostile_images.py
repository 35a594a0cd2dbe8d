"""Image files that officers' phones, editors and damaged copies really produce."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image, PngImagePlugin


def _png_chunk(kind: bytes, data: bytes, length: int | None = None) -> bytes:
    body = kind + data
    size = len(data) if length is None else length
    return struct.pack(">I", size) + body + struct.pack(">I", zlib.crc32(body))


def _small_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def png_with_chunk(path: Path, kind: bytes, data: bytes) -> Path:
    """A valid PNG with one extra chunk inserted right after IHDR."""
    png = _small_png()
    ihdr_end = 8 + 8 + 13 + 4
    path.write_bytes(png[:ihdr_end] + _png_chunk(kind, data) + png[ihdr_end:])
    return path


def png_with_big_xmp(path: Path, megabytes: float = 2.5) -> Path:
    """A legitimate PNG whose compressed XMP (iTXt) expands past 1 MB, as
    Photoshop writes with a long document history."""
    entry = "<rdf:li>xmp.did:0f6c2e3a-5b1d-4e9a-9c1f-7d2b8e4a6c3{}</rdf:li>\n"
    history = "".join(entry.format(i) for i in range(int(megabytes * 2**20 / 60)))
    xmp = (
        f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Bag>{history}</rdf:Bag></x:xmpmeta>'
    )
    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", xmp, zip=True)
    Image.new("RGB", (640, 480), (200, 80, 40)).save(path, "PNG", pnginfo=info)
    return path


def png_truncated_phys(path: Path) -> Path:
    return png_with_chunk(path, b"pHYs", b"\x00\x00\x0b")


def png_truncated_chrm(path: Path) -> Path:
    return png_with_chunk(path, b"cHRM", b"\x00\x00\x7a")


def png_broken_chunk_name(path: Path) -> Path:
    return png_with_chunk(path, b"\x00\x01\x02\x03", b"abcd")


def png_text_bomb(path: Path) -> Path:
    """A zTXt chunk that inflates past every text limit (a zlib bomb)."""
    data = b"Comment\x00\x00" + zlib.compress(b"\x00" * (80 * 2**20), 9)
    return png_with_chunk(path, b"zTXt", data)


def jpeg_cut_in_header(path: Path) -> Path:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (10, 160, 90)).save(buffer, "JPEG", quality=90)
    path.write_bytes(buffer.getvalue()[:400])
    return path


def gif_cut_short(path: Path) -> Path:
    buffer = io.BytesIO()
    Image.new("P", (300, 200), 3).save(buffer, "GIF")
    path.write_bytes(buffer.getvalue()[:30])
    return path
