"""HTML for photos: <figure> with <picture>, srcset, sizes and real dimensions."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

# The article column is at most ~46rem wide; gallery tiles are half of it.
BODY_SIZES = "(min-width: 48rem) 46rem, calc(100vw - 2rem)"
TILE_SIZES = "(min-width: 48rem) 23rem, calc(100vw - 2rem)"
DEFAULT_WIDTH = 960


@dataclass(frozen=True)
class WebRendition:
    width: int
    height: int
    webp_url: str
    jpeg_url: str


@dataclass(frozen=True)
class WebPhoto:
    renditions: tuple[WebRendition, ...]  # narrowest first
    caption: str = ""
    alt: str = ""
    credit: str = ""

    @property
    def largest(self) -> WebRendition:
        return self.renditions[-1]

    @property
    def default(self) -> WebRendition:
        """The rendition an old browser loads: ~960 px, or the largest below it."""
        fitting = [r for r in self.renditions if r.width <= DEFAULT_WIDTH]
        return fitting[-1] if fitting else self.renditions[0]

    @property
    def width(self) -> int:
        return self.default.width

    @property
    def height(self) -> int:
        return self.default.height

    def rendition_at_least(self, width: int) -> WebRendition:
        for rendition in self.renditions:
            if rendition.width >= width:
                return rendition
        return self.largest


def _srcset(photo: WebPhoto, attribute: str) -> str:
    return ", ".join(f"{getattr(r, attribute)} {r.width}w" for r in photo.renditions)


def render_picture(
    photo: WebPhoto,
    sizes: str,
    eager: bool,
    css_class: str = "",
    *,
    high_priority: bool = True,
) -> str:
    """`eager` photos load at once, with fetchpriority="high" unless `high_priority`
    is off (a photo worth loading early that is not the page's main image)."""
    default = photo.default
    if not eager:
        loading = 'loading="lazy"'
    elif high_priority:
        loading = 'fetchpriority="high"'
    else:
        loading = ""  # the browser's default: at once, normal priority
    class_attr = f' class="{escape(css_class)}"' if css_class else ""
    return (
        "<picture>"
        f'<source type="image/webp" srcset="{escape(_srcset(photo, "webp_url"))}" '
        f'sizes="{escape(sizes)}">'
        f'<img{class_attr} src="{escape(default.jpeg_url)}" '
        f'srcset="{escape(_srcset(photo, "jpeg_url"))}" sizes="{escape(sizes)}" '
        f'width="{default.width}" height="{default.height}" alt="{escape(photo.alt)}" '
        f'{loading + " " if loading else ""}decoding="async">'
        "</picture>"
    )


def render_figure(photo: WebPhoto, sizes: str, eager: bool) -> str:
    caption = ""
    if photo.caption or photo.credit:
        # Caption and credit are separate elements: the credit sits on its own
        # line, and the lightbox shows the two apart.
        text = (
            f'<span class="photo-caption">{escape(photo.caption)}</span>'
            if photo.caption
            else ""
        )
        credit = (
            f'<span class="photo-credit">Ảnh: {escape(photo.credit)}</span>'
            if photo.credit
            else ""
        )
        caption = f"<figcaption>{text}{credit}</figcaption>"
    return (
        '<figure class="photo">'
        f'<a class="photo-link" href="{escape(photo.largest.jpeg_url)}" '
        f'data-large="{escape(photo.largest.webp_url)}">'
        f"{render_picture(photo, sizes, eager)}</a>{caption}</figure>"
    )


def render_gallery(photos: list[WebPhoto], first_is_eager: bool) -> Markup:
    if not photos:
        return Markup("")
    figures = "".join(
        render_figure(
            photo,
            TILE_SIZES if len(photos) > 1 else BODY_SIZES,
            eager=first_is_eager and index == 0,
        )
        for index, photo in enumerate(photos)
    )
    return Markup(
        f'<section class="gallery" aria-label="Ảnh ({len(photos)})">{figures}</section>'
    )
