"""Command-line tools for the ward news site (build, serve, check, …).

The tools reuse the plugins' plain modules (parsers, validators), so the
plugins folder is importable from here, exactly as Pelican makes it for a build.
"""

import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
_PLUGINS = str(PROJECT / "plugins")
if _PLUGINS not in sys.path:
    sys.path.insert(0, _PLUGINS)
