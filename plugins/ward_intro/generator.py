"""Pelican adapter: the introduction, organisation and contact pages, and the
relics' photos."""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator
from pelican.utils import slugify

from ward_core.pagewriter import write_page
from ward_core.paths import display_path
from ward_core.photos.cache import publish_files
from ward_core.photos.datafiles import DataPhoto, DataPhotoSet
from ward_core.problems import SiteError
from ward_core.session import session_of
from ward_core.textfile import read_text

from .model import Intro, parse_intro_file
from .settings import IntroSettings

INTRO_CONTEXT = "intro"
PHOTO_SIZES = "(min-width: 48rem) 23rem, calc(100vw - 2rem)"


class IntroPages:
    """What the templates see: the model, the pages' addresses, the photos."""

    def __init__(
        self, data: Intro, settings: IntroSettings, pictures, anchors: dict[int, str]
    ) -> None:
        self.data = data
        self.settings = settings
        self.pictures = pictures  # {photo path: <picture>}
        self.anchors = anchors  # {relic's line: its anchor on the page}

    def anchor(self, relic) -> str:
        return self.anchors.get(relic.line, f"di-tich-{relic.line}")

    def picture(self, photo):
        return self.pictures.get(photo.path, "")


class WardIntroGenerator(Generator):
    def generate_context(self) -> None:
        self.intro_settings = s = IntroSettings.from_settings(self.settings)
        self.intro_pages: IntroPages | None = None
        self.photos = DataPhotoSet.for_build(
            self.settings, "intro", s.photo_widths, s.photo_dir
        )
        content_root = Path(self.settings["PATH"])
        path = content_root / s.data_file
        if not path.is_file():
            return
        shown = display_path(str(path))
        parsed = session_of(self.settings).fact(
            "ward_intro", lambda: parse_intro_file(read_text(path), content_root)
        )
        if parsed.problems:
            raise SiteError(problems=[p.at(shown) for p in parsed.problems])
        subs = self.settings["SLUG_REGEX_SUBSTITUTIONS"]
        pictures = self.photos.render(
            [
                DataPhoto(
                    photo.path,
                    photo.written,
                    photo.caption,
                    slugify(Path(photo.written).stem, regex_subs=subs),
                    photo.line,
                )
                for photo in parsed.intro.photos()
            ],
            PHOTO_SIZES,
            shown,
        )
        # A relic's anchor from its name (a shared link survives edits above it).
        anchors: dict[int, str] = {}
        for relic in parsed.intro.relics:
            # Prefixed: never the id of a section or of the page's frame.
            slug = "di-tich-" + slugify(relic.name, regex_subs=subs)
            anchors[relic.line] = (
                slug if slug not in anchors.values() else f"{slug}-{relic.line}"
            )
        self.intro_pages = IntroPages(parsed.intro, s, pictures, anchors)
        self.context[INTRO_CONTEXT] = self.intro_pages

    def generate_output(self, writer) -> None:
        if self.intro_pages is not None:
            s = self.intro_settings
            leaders = self.context.get("leaders_by_key") or {}
            for name, url in (
                ("intro", s.intro_url),
                ("organisation", s.organisation_url),
                ("contact", s.contact_url),
            ):
                write_page(
                    self,
                    writer,
                    url + "index.html",
                    f"intro_{name}",
                    url,
                    intro_leaders=leaders,
                )
            publish_files(self.photos.files, Path(self.output_path))
        self.photos.cache.save_index()
        self.photos.cache.prune(self.photos.used_keys)
