"""The addresses posts were published at (content/data/dia-chi-da-dang.yml).

Written by `make publish` (wardtools/addresses.py); read by checkers to explain a
comments file whose post changed its address.
"""

from __future__ import annotations

from pathlib import Path

from .problems import SiteError
from .textfile import read_text
from .yamltree import YamlSyntaxError, parse_yaml_text

LEDGER = "data/dia-chi-da-dang.yml"


def read_ledger(content_root: Path) -> dict[str, str]:
    """{post file relative to content/: slug it was published at}."""
    path = content_root / LEDGER
    if not path.is_file():
        return {}
    try:
        tree = parse_yaml_text(read_text(path), 1, subject="tệp")
    except (YamlSyntaxError, SiteError):
        return {}
    if not isinstance(tree, dict):
        return {}
    return {str(k): str(v) for k, v in tree.items() if isinstance(v, str)}
