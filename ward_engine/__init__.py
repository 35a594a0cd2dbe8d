"""The ward engine: where its theme, plugins, sample settings and editor assets are.

One resolver for both ways the engine runs: from this repository's checkout
(editable install, the engine's source and its sample ward: theme/, plugins/,
pelicanconf.py at the top) or installed from a wheel (site-packages, where
`make dist` put the same files inside this package). Everything that needs a
path of the engine asks here instead of guessing from ``__file__``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "ward-engine"
_HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class EngineFiles:
    """The engine's own folders (absolute) and whether it runs from source."""

    theme: Path
    plugins: Path
    # Folder holding the engine's pelicanconf.py / publishconf.py (the sample ward).
    sample: Path
    # Decap CMS's built files (decap-cms.js, chunks): node_modules in a
    # checkout, a copy inside the wheel when installed.
    decap: Path
    # What `ward init` copies into a new site folder.
    site_template: Path
    # What `ward province init` copies.
    province_template: Path
    # The province overview's templates and script (`ward province site`).
    overview_theme: Path
    source_checkout: bool


@cache
def files() -> EngineFiles:
    checkout = _HERE.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "plugins").is_dir():
        return EngineFiles(
            theme=checkout / "theme",
            plugins=checkout / "plugins",
            sample=checkout,
            decap=checkout / "node_modules" / "decap-cms" / "dist",
            site_template=_HERE / "site_template",
            province_template=_HERE / "province_template",
            overview_theme=_HERE / "overview_theme",
            source_checkout=True,
        )
    return EngineFiles(
        theme=_HERE / "theme",
        plugins=_HERE / "plugins",
        sample=_HERE / "sample",
        decap=_HERE / "decap",
        site_template=_HERE / "site_template",
        province_template=_HERE / "province_template",
        overview_theme=_HERE / "overview_theme",
        source_checkout=False,
    )


def version() -> str:
    """The installed engine's version ("0.2.0"), as pip knows it."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "0+unknown"


def theme_folders(settings: dict) -> list[Path]:
    """Every folder the theme comes from: the engine's THEME and a site's own
    templates and static files (THEME_TEMPLATES_OVERRIDES, absolute
    THEME_STATIC_PATHS), so a change in any of them rebuilds the site."""
    folders = [Path(settings["THEME"])]
    folders += [Path(p) for p in settings.get("THEME_TEMPLATES_OVERRIDES") or []]
    folders += [
        Path(p)
        for p in settings.get("THEME_STATIC_PATHS") or []
        if Path(p).is_absolute()
    ]
    return folders
