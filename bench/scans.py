"""Scanned documents for the OCR row and the tests: PDFs holding only page
images of Vietnamese text, as a scanner saves them."""

from __future__ import annotations

from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def scanned_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF of A4 page images at 200 dpi, one list of lines per page."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), 34)
    images = []
    for lines in pages:
        page = Image.new("L", (1654, 2339), 255)
        draw = ImageDraw.Draw(page)
        for index, line in enumerate(lines):
            draw.text((150, 200 + index * 80), line, font=font, fill=0)
        images.append(page)
    path.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(path, "PDF", resolution=200, save_all=True, append_images=images[1:])
    return path
