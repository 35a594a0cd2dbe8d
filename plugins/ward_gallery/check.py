"""The gallery plugin's checker: `gallery:` and `cover:` of every post and page,
captions and photo sizes. Shared by the build, `make check` and the editor."""

from __future__ import annotations

from ward_core.localfiles import file_size
from ward_core.problems import Problem, placed
from ward_core.sources import SiteSources, SourceFile

from .spec import PhotoSpec, parse_cover, parse_cover_focus, parse_gallery

# A photo this heavy is worth shrinking before it goes online (a note, not an error).
HUGE_PHOTO_BYTES = 20 * 1024 * 1024
NO_CAPTION_FINAL = (
    "Trang chính thức không đăng ảnh thiếu chú thích: thêm dòng "
    '"caption: …" ngay dưới dòng src: của ảnh.'
)


def photos_of(
    source: SourceFile, content_root
) -> tuple[list[PhotoSpec], PhotoSpec | None, list[Problem]]:
    """The post's gallery and cover, and the problems with them (placed in the file)."""
    header = source.header
    raw, cover = header.get("gallery"), header.get("cover")
    if raw is None and cover is None:
        return [], None, []
    post_dir = source.path.parent
    specs, problems = parse_gallery(
        raw, post_dir, content_root, getattr(raw, "line", 0)
    )
    cover_spec, cover_problems = parse_cover(
        cover, specs, post_dir, content_root, getattr(cover, "line", 0)
    )
    return specs, cover_spec, placed(problems + cover_problems, source.shown)


def cover_focus_of(source: SourceFile) -> tuple[int | None, list[Problem]]:
    """The cover's focal point (0 top … 100 bottom, or None), and its problem."""
    raw = source.header.get("cover_focus")
    focus, problems = parse_cover_focus(raw, getattr(raw, "line", 0))
    return focus, placed(problems, source.shown)


def photo_notes(
    source: SourceFile, specs: list[PhotoSpec], final: bool = False
) -> list[Problem]:
    """Missing captions (errors in a final build) and heavy photos (notes)."""
    notes = []
    for spec in specs:
        if not spec.caption:
            notes.append(
                Problem(
                    source.shown,
                    spec.line,
                    message=f'ảnh "{spec.src}" chưa có chú thích (caption:). '
                    + (NO_CAPTION_FINAL if final else ""),
                    error=final,
                )
            )
        try:
            size = file_size(spec.path)
        except OSError:
            continue
        if size > HUGE_PHOTO_BYTES:
            notes.append(
                Problem(
                    source.shown,
                    spec.line,
                    message=f'ảnh "{spec.src}" nặng {size / 1024 / 1024:.0f} MB (trên '
                    "20 MB); nên thu nhỏ trước khi đăng.",
                    error=False,
                )
            )
    return notes


def gallery_of(
    source: SourceFile, content_root
) -> tuple[list[PhotoSpec], PhotoSpec | None, int | None, list[Problem]]:
    """The post's gallery, cover and cover focus, and the problems with them
    (placed in the file): what the checker finds and the post's view shows."""
    specs, cover, problems = photos_of(source, content_root)
    focus, focus_problems = cover_focus_of(source)
    return specs, cover, focus, problems + focus_problems


def check(sources: SiteSources) -> list[Problem]:
    problems: list[Problem] = []
    for source in sources.files:
        if source.problems:
            continue
        specs, _, _, found = sources.keep_file_fact(
            "ward_gallery", source, gallery_of(source, sources.content_root)
        )
        problems += found
        problems += photo_notes(source, specs, sources.final)
    return problems


def output_folders(settings) -> set[str]:
    from .settings import GallerySettings

    return {GallerySettings.from_settings(settings).output_dir}
