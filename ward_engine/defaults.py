"""The engine's settings for a ward's site: ``from ward_engine.defaults import *``.

A ward's pelicanconf.py holds its identity (WARD, SITENAME, AUTHOR) and imports
everything else from here, so an engine upgrade brings new settings without the
ward touching a line. The values are the engine's own sample ward's settings
(pelicanconf.py of this repository, shipped inside the wheel) minus its
identity, with THEME and PLUGIN_PATHS pointing at the installed engine: one
source of truth, whatever the sample gains.
"""

from __future__ import annotations

import os
import runpy
import sys
import types
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ward_engine import files

# What belongs to the ward, never to the engine.
IDENTITY = frozenset({"WARD", "SITENAME", "AUTHOR", "SITE_ADDRESS"})


def _engine_settings() -> dict[str, Any]:
    found = runpy.run_path(str(files().sample / "pelicanconf.py"))
    settings = {
        name: value
        for name, value in found.items()
        if name.isupper() and name not in IDENTITY
    }
    settings["THEME"] = str(files().theme)
    settings["PLUGIN_PATHS"] = [str(files().plugins)]
    return settings


def overrides_in(settings_file: str) -> tuple[list[str], list[str]]:
    """THEME_TEMPLATES_OVERRIDES and THEME_STATIC_PATHS for a site folder whose
    theme/templates/ and theme/static/ replace single engine files (Pelican
    looks in the site's templates first, and copies the site's static files
    over the engine's)."""
    site_theme = Path(settings_file).resolve().parent / "theme"
    templates = site_theme / "templates"
    static = site_theme / "static"
    engine_static = str(files().theme / "static")
    return (
        [str(templates)] if templates.is_dir() else [],
        [engine_static, str(static)] if static.is_dir() else [engine_static],
    )


def publish_settings(site_address: str, base: Mapping[str, Any]) -> dict[str, Any]:
    """The production settings (the engine's publishconf.py) on top of a ward's
    development settings `base`: the keys publishing adds or changes. The
    environment variable SITEURL still wins over `site_address`."""
    saved_module = sys.modules.get("pelicanconf")
    saved_path = list(sys.path)
    saved_url = os.environ.get("SITEURL")
    module = types.ModuleType("pelicanconf")
    module.__dict__.update({k: v for k, v in base.items() if k.isupper()})
    sys.modules["pelicanconf"] = module
    if saved_url is None:
        os.environ["SITEURL"] = site_address
    try:
        found = runpy.run_path(str(files().sample / "publishconf.py"))
    finally:
        sys.path[:] = saved_path
        if saved_module is None:
            sys.modules.pop("pelicanconf", None)
        else:
            sys.modules["pelicanconf"] = saved_module
        if saved_url is None:
            os.environ.pop("SITEURL", None)
    return {
        name: value
        for name, value in found.items()
        if name.isupper()
        and name not in IDENTITY
        and (name not in base or base[name] != value)
    }


_SETTINGS = _engine_settings()
globals().update(_SETTINGS)
# `import *` gives the settings only, not this module's helpers.
__all__ = sorted(_SETTINGS)  # noqa: PLE0605
