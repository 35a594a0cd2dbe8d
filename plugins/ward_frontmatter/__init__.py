"""Government front matter: plan, documents, officials — parsed, validated, indexed."""

from __future__ import annotations

# Pelican, Markdown and the generator are imported when Pelican calls in, so
# that `import ward_frontmatter.check` (make check, the editor's save) stays light.


def add_reader(readers) -> None:
    from .reader import WardMarkdownReader

    for extension in WardMarkdownReader.file_extensions:
        readers.reader_classes[extension] = WardMarkdownReader


def get_generators(_pelican):
    from .generator import WardIndexGenerator

    return WardIndexGenerator


def register() -> None:
    from pelican import signals

    signals.readers_init.connect(add_reader)
    signals.get_generators.connect(get_generators)
