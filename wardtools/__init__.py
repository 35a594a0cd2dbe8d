"""Command-line tools for the ward news site (build, serve, check, …).

The tools reuse the plugins' plain modules (parsers, validators), so the
plugins folder is importable from here, exactly as Pelican makes it for a build.
"""

import sys
from pathlib import Path

from ward_engine import files

# The sample ward in the engine's checkout; a ward's own folder (the working
# folder) when the engine is installed.
PROJECT = files().sample if files().source_checkout else Path.cwd()
_PLUGINS = str(files().plugins)
if _PLUGINS not in sys.path:
    sys.path.insert(0, _PLUGINS)
