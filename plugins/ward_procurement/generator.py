"""Pelican adapter: one index page per kind (procurement, public investment)."""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator
from pelican.utils import slugify

from ward_core.folding import folded_words
from ward_core.officefiles import file_type, size_label
from ward_core.pagewriter import write_page
from ward_core.paths import display_path
from ward_core.photos.cache import publish_files
from ward_core.problems import SiteError, placed
from ward_core.session import session_of
from ward_core.textfile import read_text

from .model import parse_disclosures
from .settings import ProcurementSettings

PROCUREMENT_CONTEXT = "procurement_kinds"


class ShownDisclosure:
    def __init__(self, document, link: str) -> None:
        self.document = document
        self.link = link
        file = document.file
        self.file_type = file_type(file.name) if file else ""
        self.file_size = size_label(file.stat().st_size) if file else ""


class KindPage:
    def __init__(self, key: str, title: str, url: str) -> None:
        self.key = key
        self.title = title
        self.url = url
        self.items: list[ShownDisclosure] = []
        self.folded = ""


class WardProcurementGenerator(Generator):
    def generate_context(self) -> None:
        s = ProcurementSettings.from_settings(self.settings)
        root = Path(self.settings["PATH"])
        path = root / s.data_file
        self.kind_pages = [KindPage(*kind) for kind in s.kinds]
        self.files: dict[str, Path] = {}
        self.context[PROCUREMENT_CONTEXT] = []
        if not path.is_file():
            return
        parsed = session_of(self.settings).fact(
            "ward_procurement",
            lambda: parse_disclosures(read_text(path), root, s.kind_keys),
        )
        if parsed.problems:
            raise SiteError(problems=placed(parsed.problems, display_path(str(path))))
        subs = self.settings["SLUG_REGEX_SUBSTITUTIONS"]
        pages = {page.key: page for page in self.kind_pages}
        for doc in parsed.documents:
            page = pages[doc.kind]
            link = ""
            for source in {doc.file, doc.sheet} - {None}:
                stem = slugify(source.stem, regex_subs=subs) or "tep"
                name = f"{page.url}{doc.date.year}/{stem}{source.suffix.lower()}"
                self.files[name] = source
                link = name if source == doc.file else link
            page.items.append(ShownDisclosure(doc, link))
        for page in self.kind_pages:
            words = [i.document.title for i in page.items]
            words += [t.words for i in page.items for t in i.document.tables]
            page.folded = " ".join(folded_words(words))
        self.context[PROCUREMENT_CONTEXT] = [p for p in self.kind_pages if p.items]

    def generate_output(self, writer) -> None:
        for page in self.context[PROCUREMENT_CONTEXT]:
            write_page(
                self,
                writer,
                page.url + "index.html",
                "procurement",
                page.url,
                kind_page=page,
            )
        publish_files(self.files, Path(self.output_path))
