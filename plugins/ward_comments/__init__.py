"""Moderated static comments: approved files, threaded ward replies, a submission stub."""

from __future__ import annotations

from pelican import signals

from .generator import WardCommentsGenerator


def get_generators(_pelican):
    return WardCommentsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
