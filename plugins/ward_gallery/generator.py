"""Pelican adapter: process every photo once per build and place it in the pages."""

from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import Markup
from pelican.generators import Generator
from pelican.utils import slugify

from ward_core.paths import display_path
from ward_core.photos.cache import CachedPhoto, DerivativeCache, publish_files
from ward_core.photos.markup import (
    BODY_SIZES,
    WebPhoto,
    render_figure,
    render_gallery,
    render_picture,
)
from ward_core.photos.pipeline import run_pipeline
from ward_core.photos.publish import publish_photo
from ward_core.problems import SiteError
from ward_core.session import session_of
from ward_core.slugs import shorten_slug
from ward_core.urls import asset_root
from ward_core.views import (
    GalleryView,
    attach,
    contents_in,
    forget_rendered,
    view_of,
)

from .inline import InlineImage, find_inline_images, rewrite_body
from .settings import GallerySettings
from .spec import PhotoSpec, resolve_source

logger = logging.getLogger(__name__)


class WardGalleryGenerator(Generator):
    def generate_context(self) -> None:
        self.gallery = GallerySettings.from_settings(self.settings)
        self.cache = DerivativeCache(self.gallery.cache_root, self.gallery.encode)
        self.files: dict[str, Path] = {}  # output path -> cached file
        contents = contents_in(self.context)
        content_root = Path(self.settings["PATH"])

        problems: list[str] = []
        inline: dict[int, list[tuple[InlineImage, Path]]] = {}
        sources: set[Path] = set()
        for content in contents:
            found, content_problems = self._photos_of(content, content_root)
            problems += content_problems
            sources.update(path for path, _ in self._sources_of(content, found))
            inline[id(content)] = found

        result = self._process(sources, contents, inline, problems)
        for content in contents:
            self._place(content, inline[id(content)], result.photos)
        self.used_keys = {photo.key for photo in result.photos.values()}
        logger.info(
            "Gallery: %d photos, %d processed", len(result.photos), result.processed
        )

    def replace_body(self, content, output: Path) -> None:
        """Place the photos in a post's new body (the preview's fast path: only
        the body changed since generate_context) and publish any new photo."""
        found, problems = self._photos_of(content, Path(self.settings["PATH"]))
        sources = {path for path, _ in self._sources_of(content, found)}
        result = self._process(sources, [content], {id(content): found}, problems)
        self._place(content, found, result.photos)
        publish_files(self.files, output)
        if result.processed:
            self.cache.save_index()

    def _photos_of(
        self, content, content_root: Path
    ) -> tuple[list[tuple[InlineImage, Path]], list[str]]:
        """The photos placed in the content's body, and the problems of its photos."""
        problems = [p.render() for p in view_of(content, GalleryView).problems]
        found = []
        for image in find_inline_images(content._content or ""):
            resolved = resolve_source(
                image.src, Path(content.source_path).parent, content_root
            )
            if isinstance(resolved, str):
                problems.append(
                    f"{display_path(content.source_path)}: ảnh trong bài: {resolved}"
                )
            else:
                found.append((image, resolved))
        return found, problems

    def _process(self, sources, contents, inline, problems: list[str]):
        """Run the photo pipeline; fail with every photo problem at once."""
        result = run_pipeline(sources, self.cache, self.gallery.workers)
        record = session_of(self.settings).record
        record.photos_total += len(result.photos)
        record.photos_processed += result.processed
        for content in contents:
            for spec, where in self._sources_of(content, inline[id(content)]):
                error = result.errors.get(spec)
                if error:
                    problems.append(
                        f"{display_path(content.source_path)}{where}: ảnh "
                        f'"{display_path(str(spec))}": {error}'
                    )
        if problems:
            raise SiteError("\n".join(sorted(set(problems))))
        return result

    @staticmethod
    def _sources_of(content, inline_images) -> list[tuple[Path, str]]:
        gallery = view_of(content, GalleryView)
        pairs = [
            (spec.path, f":{spec.line}" if spec.line else "") for spec in gallery.specs
        ]
        cover = gallery.cover_spec
        if cover is not None:
            pairs.append((cover.path, f":{cover.line}" if cover.line else ""))
        pairs += [(path, "") for _, path in inline_images]
        return pairs

    def _web_photo(
        self, cached: CachedPhoto, src: str, caption: str, alt: str, credit: str
    ) -> WebPhoto:
        stem = shorten_slug(
            slugify(
                Path(src).stem, regex_subs=self.settings["SLUG_REGEX_SUBSTITUTIONS"]
            )
        )
        return publish_photo(
            cached,
            output_dir=self.gallery.output_dir,
            stem=stem or "anh",
            siteurl=asset_root(self.settings),
            files=self.files,
            caption=caption,
            alt=alt,
            credit=credit,
        )

    def _from_spec(self, spec: PhotoSpec, photos, fallback_alt: str) -> WebPhoto:
        return self._web_photo(
            photos[spec.path],
            spec.src,
            spec.caption,
            spec.alt or fallback_alt,
            spec.credit,
        )

    def _place(self, content, inline_images, photos) -> None:
        title = getattr(content, "title", "")
        view = view_of(content, GalleryView)
        gallery = [
            self._from_spec(spec, photos, f"Ảnh {index} – {title}")
            for index, spec in enumerate(view.specs, 1)
        ]
        view.cover = (
            self._from_spec(view.cover_spec, photos, title) if view.cover_spec else None
        )
        view.photos = gallery
        attach(content, view)

        by_src = {image.src: path for image, path in inline_images}
        first = [True]

        def web(image: InlineImage) -> WebPhoto:
            return self._web_photo(
                photos[by_src[image.src]],
                image.src,
                image.title,
                image.alt or image.title or title,
                "",
            )

        def figure_for(image: InlineImage) -> str:
            eager, first[0] = first[0], False
            return render_figure(web(image), BODY_SIZES, eager)

        def picture_for(image: InlineImage) -> str:
            eager, first[0] = first[0], False
            return render_picture(web(image), BODY_SIZES, eager)

        # With no photo in the body, the gallery's first photo loads eagerly.
        gallery_eager = not inline_images
        body, placed = rewrite_body(
            content._content or "",
            figure_for,
            picture_for,
            self.gallery.marker,
            str(render_gallery(gallery, gallery_eager)),
        )
        content._content = body
        forget_rendered(content)
        view.html = Markup("") if placed else render_gallery(gallery, gallery_eager)

    def generate_output(self, writer) -> None:
        publish_files(self.files, Path(self.output_path))
        self.cache.save_index()
        self.cache.prune(self.used_keys)
