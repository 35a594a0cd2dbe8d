"""Deterministic synthetic "phone photos" for sample content, tests and the benchmark.

They look like a scene (sky, a hall or street, people, a banner) so that JPEG and
WebP sizes behave like real photos, and each seed gives the same bytes.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ORIENTATION_TAG = 0x0112


def scene(width: int, height: int, seed: int) -> Image.Image:
    rng = random.Random(seed)
    sky_top = (rng.randrange(90, 160), rng.randrange(140, 200), rng.randrange(200, 255))
    image = Image.new("RGB", (width, height), sky_top)
    draw = ImageDraw.Draw(image)
    horizon = int(height * rng.uniform(0.35, 0.55))
    for y in range(horizon):  # sky gradient
        t = y / max(1, horizon)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(c * (1 - 0.35 * t) + 255 * 0.35 * t) for c in sky_top),
        )
    ground = (rng.randrange(90, 140), rng.randrange(80, 120), rng.randrange(60, 100))
    draw.rectangle([0, horizon, width, height], fill=ground)
    # A red banner, as at every ward meeting.
    bx = int(width * rng.uniform(0.1, 0.3))
    draw.rectangle(
        [bx, int(horizon * 0.35), width - bx, int(horizon * 0.6)], fill=(190, 20, 25)
    )
    draw.rectangle(
        [bx + 20, int(horizon * 0.42), width - bx - 20, int(horizon * 0.52)],
        fill=(245, 210, 60),
    )
    for _ in range(max(8, width // 60)):  # people
        x = rng.randrange(0, width)
        y = rng.randrange(horizon, height)
        size = int((y - horizon + height * 0.1) * 0.18)
        shirt = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse(
            [x - size // 4, y - size, x + size // 4, y - size // 2], fill=(60, 40, 30)
        )
        draw.rectangle(
            [x - size // 3, y - size // 2, x + size // 3, y + size // 2], fill=shirt
        )
    noise = Image.effect_noise((width, height), rng.uniform(20, 35)).convert("RGB")
    return Image.blend(image, noise, 0.12).filter(ImageFilter.GaussianBlur(0.8))


def save_photo(
    path: Path,
    width: int = 1600,
    height: int = 1200,
    seed: int = 0,
    orientation: int | None = None,
    gps: bool = True,
    quality: int = 85,
) -> Path:
    """Write a JPEG with camera-like EXIF (make, model, GPS) and an orientation.

    With orientation 6 the stored pixels are rotated, as a phone held upright
    stores them; the displayed photo is then `width` x `height`.
    """
    image = scene(width, height, seed)
    exif = Image.Exif()
    exif[0x010F] = "WardPhone"  # Make
    exif[0x0110] = "Model X"  # Model
    if gps:
        exif[0x8825] = {1: "N", 2: (10.0, 2.0, 3.5), 3: "E", 4: (105.0, 47.0, 1.2)}
    if orientation:
        exif[ORIENTATION_TAG] = orientation
        if orientation == 6:
            image = image.transpose(Image.Transpose.ROTATE_90)
        elif orientation == 8:
            image = image.transpose(Image.Transpose.ROTATE_270)
        elif orientation == 3:
            image = image.transpose(Image.Transpose.ROTATE_180)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=quality, exif=exif.tobytes())
    return path
