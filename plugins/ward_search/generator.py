"""Pelican adapter: attach the folded search words to each article."""

from __future__ import annotations

from markupsafe import Markup
from pelican.generators import Generator

from ward_core.fields import INDEXED_FIELDS, TABLE, Field
from ward_core.folding import folded_words
from ward_core.session import session_of
from ward_core.views import GalleryView, SearchView, attach, view_of


def _field_texts(article, row: Field) -> list[str]:
    """The words of one indexed field, by how the schema read it."""
    if row.name == "gallery":  # the captions, as ward_gallery placed them
        return [photo.caption for photo in view_of(article, GalleryView).photos]
    value = getattr(article, row.name, None)
    if not value:
        return []
    if row.parser in ("document", "documents"):
        refs = value if isinstance(value, list) else [value]
        return [text for ref in refs for text in (ref.number, ref.title)]
    if row.parser == "officials":
        return [text for person in value for text in (person.name, person.role)]
    if row.parser == "label":  # Pelican's Category
        return [getattr(value, "name", str(value))]
    if isinstance(value, list):
        return [str(item) for item in value]
    return [str(value)]


def _texts(article) -> list[str]:
    texts = [Markup(article.content or "").striptags()]
    for name in INDEXED_FIELDS:
        texts += _field_texts(article, TABLE.by_name[name])
    return texts


class _WordsOnDemand(SearchView):
    """The folded words, made when a template first asks for them: a build
    that takes a post's page from the last build (ward_core.reuse) never
    renders it, and the words are no part of the page's fingerprint (they
    follow from its body and metadata, which are)."""

    def __init__(self, article) -> None:  # not the dataclass's: no stored field
        self._article = article
        self._folded: str | None = None

    @property
    def folded(self) -> str:  # type: ignore[override]
        if self._folded is None:
            self._folded = " ".join(folded_words(_texts(self._article)))
        return self._folded


def attach_search_words(article) -> None:
    attach(article, _WordsOnDemand(article))


class SearchWordsGenerator(Generator):
    """Runs after the gallery and front matter plugins, on the final article text."""

    def generate_context(self) -> None:
        only = set(session_of(self.settings).write_only)
        for article in self.context.get("articles", []):
            if only and article.save_as not in only:
                continue  # a preview rebuild does not write this page
            attach_search_words(article)

    def generate_output(self, writer) -> None:
        pass
