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
from ward_core.photos.markup import render_picture
from ward_core.photos.pipeline import run_pipeline
from ward_core.photos.publish import publish_photo
from ward_core.problems import Problem, SiteError, placed
from ward_core.session import session_of
from ward_core.slugs import shorten_slug
from ward_core.textfile import read_text
from ward_core.urls import asset_root
from ward_core.views import LinksView, contents_in, view_of

from .model import LinkGroup, parse_links_file
from .settings import LinksSettings

BANNER_SIZES = "(min-width: 48rem) 18rem, calc(100vw - 2rem)"
SIDEBAR_CONTEXT = "links_sidebar"


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
        self.links_settings = LinksSettings.from_settings(self.settings)
        content_root = Path(self.settings["PATH"])
        path = content_root / self.links_settings.data_file
        self.files: dict[str, Path] = {}
        self.used_keys: set[str] = set()
        self.cache = DerivativeCache(
            Path(self.settings["CACHE_PATH"]) / "links",
            EncodeSettings(widths=self.links_settings.banner_widths),
        )
        problems = [
            problem
            for content in contents_in(self.context)
            for problem in view_of(content, LinksView).problems
        ]
        groups: list[LinkGroup] = []
        if path.is_file():
            parsed = session_of(self.settings).fact(
                "ward_links", lambda: parse_links_file(read_text(path), content_root)
            )
            problems += placed(parsed.problems, display_path(str(path)))
            groups = parsed.groups
        if problems:
            raise SiteError(problems=problems)

        today = build_datetime(self.settings).date()
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
        self.context[SIDEBAR_CONTEXT] = Markup(
            template.render(
                groups=shown_groups, SITEURL=self.settings.get("SITEURL", "")
            )
        )

    def _banners(self, links) -> dict[str, Markup]:
        result = run_pipeline([link.image for link in links], self.cache, 1)
        if result.errors:
            shown = display_path(
                str(Path(self.settings["PATH"]) / self.links_settings.data_file)
            )
            raise SiteError(
                problems=[
                    Problem(
                        shown,
                        link.line,
                        message=f'ảnh "{link.image_src}": {result.errors[link.image]}',
                    )
                    for link in links
                    if link.image in result.errors
                ]
            )
        banners = {}
        for position, link in enumerate(links):
            cached = result.photos[link.image]
            self.used_keys.add(cached.key)
            stem = shorten_slug(
                slugify(
                    link.image.stem,
                    regex_subs=self.settings["SLUG_REGEX_SUBSTITUTIONS"],
                )
            )
            photo = publish_photo(
                cached,
                output_dir=self.links_settings.output_dir,
                stem=stem or "banner",
                siteurl=asset_root(self.settings),
                files=self.files,
                alt=link.title,
            )
            # The first banner is often the largest image a phone shows on a short
            # page: it loads at once (normal priority); the others lazily.
            banners[link.url] = Markup(
                render_picture(
                    photo, BANNER_SIZES, eager=position == 0, high_priority=False
                )
            )
        return banners

    def generate_output(self, writer) -> None:
        publish_files(self.files, Path(self.output_path))
        self.cache.save_index()
        self.cache.prune(self.used_keys)
