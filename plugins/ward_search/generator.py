"""Pelican adapter: attach the folded search words to each article."""

from __future__ import annotations

from markupsafe import Markup
from pelican.generators import Generator

from ward_core.folding import folded_words
from ward_core.preview import PreviewSettings
from ward_core.views import GalleryView, SearchView, attach, view_of


def _texts(article) -> list[str]:
    texts = [article.title, Markup(article.content or "").striptags()]
    texts += [photo.caption for photo in view_of(article, GalleryView).photos]
    for official in getattr(article, "officials", None) or []:
        texts += [official.name, official.role]
    plan = getattr(article, "plan", None)
    refs = ([plan] if plan else []) + list(getattr(article, "documents", None) or [])
    texts += [ref.number for ref in refs] + [ref.title for ref in refs]
    texts += [getattr(article, "location", "") or "", article.category.name]
    return texts


def attach_search_words(article) -> None:
    attach(article, SearchView(" ".join(folded_words(_texts(article)))))


class SearchWordsGenerator(Generator):
    """Runs after the gallery and front matter plugins, on the final article text."""

    def generate_context(self) -> None:
        only = set(PreviewSettings.from_settings(self.settings).write_only)
        for article in self.context.get("articles", []):
            if only and article.save_as not in only:
                continue  # a preview rebuild does not write this page
            attach_search_words(article)

    def generate_output(self, writer) -> None:
        pass
