"""Pelican adapter: the procedures index and one page per field."""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator
from pelican.utils import slugify

from ward_core.folding import folded_words
from ward_core.pagewriter import write_page
from ward_core.paths import display_path
from ward_core.problems import SiteError
from ward_core.session import session_of
from ward_core.textfile import read_text

from .model import parse_procedures_file
from .settings import ProceduresSettings

PROCEDURES_URL_CONTEXT = "PROCEDURES_URL"


class ShownField:
    def __init__(self, name: str, slug: str, url: str, procedures) -> None:
        self.name = name
        self.slug = slug
        self.url = url
        self.procedures = procedures
        # "dang ky" finds "Đăng ký": đ is a letter of its own for Pagefind.
        self.folded = " ".join(folded_words([name, *(p.name for p in procedures)]))


class WardProceduresGenerator(Generator):
    def generate_context(self) -> None:
        self.procedure_settings = s = ProceduresSettings.from_settings(self.settings)
        self.fields: list[ShownField] = []
        self.context[PROCEDURES_URL_CONTEXT] = s.url
        path = Path(self.settings["PATH"]) / s.data_file
        if not path.is_file():
            return
        parsed = session_of(self.settings).fact(
            "ward_procedures", lambda: parse_procedures_file(read_text(path))
        )
        if parsed.problems:
            shown = display_path(str(path))
            raise SiteError(problems=[p.at(shown) for p in parsed.problems])
        subs = self.settings["SLUG_REGEX_SUBSTITUTIONS"]
        for name, procedures in parsed.by_field():
            slug = slugify(name, regex_subs=subs) or "khac"
            self.fields.append(
                ShownField(name, slug, s.field_url.format(slug=slug), procedures)
            )

    def generate_output(self, writer) -> None:
        s = self.procedure_settings
        common = {"procedure_fields": self.fields, "procedure_link": s.link}
        write_page(self, writer, s.save_as, "procedures", s.url, **common)
        for shown in self.fields:
            write_page(
                self,
                writer,
                s.field_save_as.format(slug=shown.slug),
                "procedure_field",
                shown.url,
                procedure_field=shown,
                **common,
            )
