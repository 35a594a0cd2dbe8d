"""Pelican adapter: the catalogue of information that must be published."""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator

from ward_core.buildtime import build_datetime
from ward_core.pagewriter import write_page
from ward_core.session import session_of
from ward_core.sources import load_sources
from ward_core.urls import site_address

from .check import findings, read_requirements
from .export import FeedWriter
from .settings import PortalSettings
from .statement import measure, project_checks

CATALOGUE_URL_CONTEXT = "CATALOGUE_URL"
PORTAL_CONTEXT = "portal"


class WardPortalGenerator(Generator):
    def generate_context(self) -> None:
        self.portal_settings = PortalSettings.from_settings(self.settings)
        self.context[CATALOGUE_URL_CONTEXT] = self.portal_settings.catalogue_url
        self.context[PORTAL_CONTEXT] = self.portal_settings
        self.context["STATEMENT_URL"] = self.portal_settings.statement_url

    def generate_output(self, writer) -> None:
        s = self.portal_settings
        requirements = read_requirements(s)
        dates = [
            getattr(a, "modified", None) or a.date
            for a in self.context.get("articles", [])
        ]
        today = build_datetime(self.settings).date()
        # The sources the build's checks read, else read again (a build that
        # took the editor's analysis).
        sources = session_of(self.settings).sources or load_sources(self.settings)
        rows = findings(sources, requirements, today)
        # "Last updated": when the published information last changed, so the
        # catalogue's bytes do not change every day.
        updated = max(dates).date() if dates else today
        write_page(
            self,
            writer,
            s.catalogue_save_as,
            "catalogue",
            s.catalogue_url,
            catalogue=rows,
            catalogue_date=updated,
        )
        write_page(
            self,
            writer,
            s.statement_save_as,
            "accessibility",
            s.statement_url,
            measured=measure(self.context),
            project_checks=project_checks(),
        )
        self.feed = FeedWriter(
            s.feed_save_as, self.settings, site_address(self.settings)
        )
        self.feed.write(Path(self.output_path), self.context)
