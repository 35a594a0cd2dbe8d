"""Government front matter: plan, documents, officials — parsed, validated, indexed."""

from __future__ import annotations

from pelican import signals

from .generator import WardIndexGenerator
from .reader import WardMarkdownReader


def add_reader(readers) -> None:
    for extension in WardMarkdownReader.file_extensions:
        readers.reader_classes[extension] = WardMarkdownReader


def get_generators(_pelican):
    return WardIndexGenerator


def register() -> None:
    signals.readers_init.connect(add_reader)
    signals.get_generators.connect(get_generators)
