"""The ward portal's legal layer: the requirements (requirements.yml, with their legal
basis) checked as notes, and the catalogue of information that must be published
(Law on Access to Information 104/2016/QH13, Art. 19), generated from the same file
and the site itself at danh-muc-thong-tin/. Sets the context key ``CATALOGUE_URL``.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from ward_core.session import session_of
from ward_core.signals import body_replaced

from .settings import PortalSettings


def on_initialized(pelican) -> None:
    PortalSettings.from_settings(pelican.settings)  # a typo fails before reading


def get_generators(_pelican):
    from .generator import WardPortalGenerator

    return WardPortalGenerator


def on_body_replaced(content, generators, output) -> None:
    """The feed carries each post's text: the preview's new body goes in it."""
    from .generator import WardPortalGenerator

    for generator in generators:
        feed = getattr(generator, "feed", None)
        if not isinstance(generator, WardPortalGenerator) or feed is None:
            continue
        # Published posts only: a page's or a draft's body is not in it.
        if any(article is content for article in generator.context.get("articles", [])):
            feed.forget(content)
            # Written once the worker has answered: the officer's page first.
            record = session_of(generator.settings).record
            record.after_answer["ward_portal.feed"] = partial(
                _write_feed, feed, Path(output), generator.context
            )


def _write_feed(feed, output: Path, context: dict, _interrupted) -> list[str]:
    feed.write(output, context)
    return [feed.save_as]


def register() -> None:
    from pelican import signals

    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(get_generators)
    body_replaced.connect(on_body_replaced)
