"""Moderated static comments: approved files, threaded ward replies, a submission stub."""

from __future__ import annotations

# Pelican and the generator are imported when Pelican calls in, so that
# `import ward_comments.check` (make check, the editor's save) stays light.


def get_generators(_pelican):
    from .generator import WardCommentsGenerator

    return WardCommentsGenerator


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(get_generators)
