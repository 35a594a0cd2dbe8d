"""From a cached photo to what a page shows: output file names and URLs.

Galleries, covers, body images and link banners all publish photos this way:
``<output_dir>/<key16>/<stem>-<width>.webp|jpg``, copied from the cache after
the build (``cache.publish_files``), so a changed photo gets a new URL.
"""

from __future__ import annotations

from pathlib import Path

from .cache import CachedPhoto
from .markup import WebPhoto, WebRendition


def publish_photo(
    cached: CachedPhoto,
    *,
    output_dir: str,
    stem: str,
    siteurl: str,
    files: dict[str, Path],
    caption: str = "",
    alt: str = "",
    credit: str = "",
) -> WebPhoto:
    """The photo's renditions as URLs; ``files`` gains output path -> cached file."""
    folder = f"{output_dir}/{cached.key[:16]}"
    renditions = []
    for rendition in cached.renditions:
        base = f"{folder}/{stem}-{rendition.width}"
        files[f"{base}.webp"] = rendition.webp
        files[f"{base}.jpg"] = rendition.jpeg
        renditions.append(
            WebRendition(
                rendition.width,
                rendition.height,
                f"{siteurl}/{base}.webp",
                f"{siteurl}/{base}.jpg",
            )
        )
    return WebPhoto(tuple(renditions), caption=caption, alt=alt, credit=credit)
