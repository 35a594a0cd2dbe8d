"""One page of a plugin's own Pelican generator, written from its template.

Duck-typed, so no Pelican import here: ``generator`` has Pelican's
``get_template``, ``context`` and ``settings``; ``writer`` has ``write_file``.
"""

from __future__ import annotations

from typing import Any


def write_page(
    generator: Any, writer: Any, save_as: str, template: str, url: str, **values: Any
) -> None:
    """``template`` rendered at ``save_as`` with the site's context and ``values``.
    The template's name is the page's ``page_name``, which the theme reads (the
    menu's current item, a leader's own page)."""
    writer.write_file(
        save_as,
        generator.get_template(template),
        generator.context,
        generator.settings["RELATIVE_URLS"],
        url=url,
        page_name=template,
        **values,
    )
