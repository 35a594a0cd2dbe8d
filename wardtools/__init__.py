"""Command-line tools for the ward news site (build, serve, check, …).

The tools reuse the plugins' plain modules (parsers, validators), so the
plugins folder is importable from here, exactly as Pelican makes it for a build.
"""

import sys
from pathlib import Path

from ward_engine import files

# The site the commands work on by default: the working folder when it holds a
# site (a ward's folder made by `ward init`), else the engine's sample ward.
PROJECT = (
    Path.cwd()
    if (Path.cwd() / "pelicanconf.py").is_file() or not files().source_checkout
    else files().sample
)
_PLUGINS = str(files().plugins)
if _PLUGINS not in sys.path:
    sys.path.insert(0, _PLUGINS)
