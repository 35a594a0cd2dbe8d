"""Pelican adapter: the notices shown on the build date, rendered once into the
context key ``site_notices`` that every page inserts (no JavaScript)."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from pelican.generators import Generator

from ward_core.buildtime import build_datetime
from ward_core.paths import display_path
from ward_core.problems import SiteError, errors_of, placed
from ward_core.session import session_of
from ward_core.textfile import read_text

from .model import parse_notices
from .settings import NoticesSettings

NOTICES_CONTEXT = "site_notices"


class WardNoticesGenerator(Generator):
    def generate_context(self) -> None:
        s = NoticesSettings.from_settings(self.settings)
        path = Path(self.settings["PATH"]) / s.data_file
        self.context[NOTICES_CONTEXT] = Markup("")
        if not path.is_file():
            return
        parsed = session_of(self.settings).fact(
            "ward_notices",
            lambda: parse_notices(read_text(path), s.downtime_notice_days),
        )
        errors = errors_of(placed(parsed.problems, display_path(str(path))))
        if errors:
            raise SiteError(problems=errors)
        today = build_datetime(self.settings).date()
        shown = [n for n in parsed.notices if n.shown_on(today)]
        if shown:
            template = self.env.get_template("_thong_bao_chung.html")
            self.context[NOTICES_CONTEXT] = Markup(
                template.render(notices=shown, SITEURL=self.settings.get("SITEURL", ""))
            )

    def generate_output(self, writer) -> None:
        pass
