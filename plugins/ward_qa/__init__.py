"""'Hỏi đáp': questions and the ward's answers from content/data/hoi-dap.yml and
from comments marked `question:`; one page per field, searchable, with a way
to ask (mailto or form). Sets the context key ``qa``."""

from __future__ import annotations

from .settings import QASettings

# Pelican and the generator are imported when Pelican calls in, so that
# `import ward_qa.check` (make check, the editor's save) stays light.


def on_initialized(pelican) -> None:
    QASettings.from_settings(pelican.settings)  # a typo fails before reading


def get_generators(_pelican):
    from .generator import WardQAGenerator

    return WardQAGenerator


def register() -> None:
    from pelican import signals

    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(get_generators)
