"""Run the site's checkers in-process on a content folder (no Pelican build)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.sitekit import PROJECT


def site_settings(
    content: Path,
    overrides: dict[str, Any] | None = None,
    settings: str = "pelicanconf.py",
) -> dict[str, Any]:
    from pelican.settings import read_settings

    return read_settings(
        str(PROJECT / settings),
        override={"PATH": str(content.resolve()), **(overrides or {})},
    )


def problems_of(
    content: Path,
    overrides: dict[str, Any] | None = None,
    proposed: dict[Path, str] | None = None,
):
    from wardtools.check import check_site

    return check_site(site_settings(content, overrides), content, proposed)


def errors_of(content: Path, **kwargs) -> list[str]:
    return [p.render() for p in problems_of(content, **kwargs) if p.error]
