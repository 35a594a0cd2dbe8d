"""Draws the sample content's link banners (content/data/banners/*.png).

Run once by a developer, not by builds: `.venv/bin/python scripts/make-sample-banners.py`.
Needs a font with every Vietnamese glyph: Debian's fonts-dejavu-core (installed by
scripts/system-deps.sh). The PNGs are committed, so builds never need the font.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
OUT = Path(__file__).resolve().parents[1] / "content" / "data" / "banners"
SIZE = (640, 160)

# file name, text, background, border and text colour
BANNERS = [
    ("dich-vu-cong.png", "DỊCH VỤ CÔNG QUỐC GIA", "#0b4a8b", "#ffffff"),
    ("tiem-chung.png", "TIÊM CHỦNG MỞ RỘNG 2024", "#00703c", "#fff27a"),
]


def draw_banner(text: str, background: str, ink: str) -> Image.Image:
    image = Image.new("RGB", SIZE, background)
    draw = ImageDraw.Draw(image)
    draw.rectangle((8, 8, SIZE[0] - 9, SIZE[1] - 9), outline=ink, width=4)
    size = 44
    while True:  # the largest size that leaves a margin on both sides
        font = ImageFont.truetype(str(FONT), size)
        left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
        if right - left <= SIZE[0] - 80 or size <= 16:
            break
        size -= 2
    # Centre on the glyphs' real box: Vietnamese capitals carry marks above and below.
    x = (SIZE[0] - (right - left)) / 2 - left
    y = (SIZE[1] - (bottom - top)) / 2 - top
    draw.text((x, y), text, font=font, fill=ink)
    return image


def main() -> int:
    if not FONT.is_file():
        print(f"Thiếu phông chữ {FONT}: chạy scripts/system-deps.sh", file=sys.stderr)
        return 1
    for name, text, background, ink in BANNERS:
        draw_banner(text, background, ink).save(OUT / name, optimize=True)
        print(OUT / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
