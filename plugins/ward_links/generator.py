"""Pelican adapter: the "Liên kết" sidebar, rendered once per build, and post links."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from pelican.generators import Generator
from pelican.utils import slugify

from ward_core.buildtime import build_datetime
from ward_core.paths import display_path
from ward_core.photos.cache import DerivativeCache, publish_files
from ward_core.photos.imaging import EncodeSettings
from ward_core.photos.markup import WebPhoto, WebRendition, render_picture
from ward_core.photos.pipeline import run_pipeline
from ward_core.problems import SiteError

from .model import LinkGroup, parse_links_file

BANNER_WIDTHS = (320, 640)
BANNER_SIZES = "(min-width: 48rem) 18rem, calc(100vw - 2rem)"
DATA_FILE = "data/links.yml"
OUTPUT_DIR = "lien-ket"


class ShownLink:
    """A link as the sidebar shows it (banner already rendered)."""

    def __init__(self, link, banner: Markup | None) -> None:
        self.title = link.title
        self.url = link.url
        self.description = link.description
        self.external = link.external
        self.new_tab = link.new_tab
        self.banner = banner


class WardLinksGenerator(Generator):
    def generate_context(self) -> None:
        content_root = Path(self.settings["PATH"])
        path = content_root / DATA_FILE
        self.files: dict[str, Path] = {}
        self.used_keys: set[str] = set()
        self.cache = DerivativeCache(
            Path(self.settings["CACHE_PATH"]) / "links",
            EncodeSettings(widths=BANNER_WIDTHS),
        )
        problems = [
            problem
            for article in self._contents()
            for problem in getattr(article, "link_problems", [])
        ]
        groups: list[LinkGroup] = []
        if path.is_file():
            parsed = parse_links_file(path.read_text(encoding="utf-8"), content_root)
            shown = display_path(str(path))
            problems += [
                f"{shown}:{line}: {message}" for line, message in parsed.problems
            ]
            groups = parsed.groups
        if problems:
            raise SiteError("\n".join(problems))

        dates = [
            getattr(a, "modified", None) or a.date
            for a in self.context.get("articles", [])
        ]
        today = build_datetime(self.settings, dates).date()
        active = [
            LinkGroup(g.title, tuple(link for link in g.links if link.active_on(today)))
            for g in groups
        ]
        active = [g for g in active if g.links]
        banners = self._banners(
            [link for g in active for link in g.links if link.image]
        )
        shown_groups = [
            (
                group.title,
                [ShownLink(link, banners.get(link.url)) for link in group.links],
            )
            for group in active
        ]
        # Rendered once here; every page template only inserts the finished HTML.
        template = self.env.get_template("_lien_ket.html")
        self.context["links_sidebar"] = Markup(
            template.render(
                groups=shown_groups, SITEURL=self.settings.get("SITEURL", "")
            )
        )

    def _contents(self):
        for name in ("articles", "drafts", "hidden_articles", "pages", "hidden_pages"):
            yield from self.context.get(name, []) or []

    def _banners(self, links) -> dict[str, Markup]:
        result = run_pipeline([link.image for link in links], self.cache, 1)
        if result.errors:
            raise SiteError(
                "\n".join(
                    f"{display_path(str(self.settings['PATH']))}/{DATA_FILE}:{link.line}: "
                    f'ảnh "{link.image_src}": {result.errors[link.image]}'
                    for link in links
                    if link.image in result.errors
                )
            )
        siteurl = self.settings.get("SITEURL", "")
        banners = {}
        for link in links:
            cached = result.photos[link.image]
            self.used_keys.add(cached.key)
            stem = slugify(
                link.image.stem, regex_subs=self.settings["SLUG_REGEX_SUBSTITUTIONS"]
            )
            renditions = []
            for r in cached.renditions:
                base = f"{OUTPUT_DIR}/{cached.key[:16]}/{stem or 'banner'}-{r.width}"
                self.files[f"{base}.webp"] = r.webp
                self.files[f"{base}.jpg"] = r.jpeg
                renditions.append(
                    WebRendition(
                        r.width,
                        r.height,
                        f"{siteurl}/{base}.webp",
                        f"{siteurl}/{base}.jpg",
                    )
                )
            photo = WebPhoto(tuple(renditions), alt=link.title)
            banners[link.url] = Markup(render_picture(photo, BANNER_SIZES, eager=False))
        return banners

    def generate_output(self, writer) -> None:
        publish_files(self.files, Path(self.output_path))
        self.cache.save_index()
        self.cache.prune(self.used_keys)
