"""What the photo pipeline encodes: widths and qualities (no Pillow here, so the
settings and `make check` can name them without loading the image libraries)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EncodeSettings:
    widths: tuple[int, ...] = (480, 960, 1600)
    webp_quality: int = 80
    webp_method: int = 4
    jpeg_quality: int = 80
    max_pixels: int = 210_000_000

    def fingerprint(self) -> str:
        return (
            f"w={','.join(map(str, self.widths))};webp={self.webp_quality}/"
            f"{self.webp_method};jpeg={self.jpeg_quality};v=1"
        )
