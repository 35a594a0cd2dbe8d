"""Run Pagefind over a built site (no Pelican here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .stable import BundleFormatError, canonicalize

# Where Pagefind writes its index, in the built site.
INDEX_FOLDER = "pagefind"


class SearchIndexError(Exception):
    pass


def build_index(site: Path) -> None:
    """Index `site` in place with the Pagefind binary from PyPI (pagefind[bin])."""
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--force-language",
        "vi",
        "--silent",
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"không chạy được Pagefind ({exc}).") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        raise SearchIndexError(
            "Pagefind không tạo được chỉ mục tìm kiếm: "
            + " / ".join(detail)
            + ". Chạy lại make bootstrap để cài đúng phiên bản."
        )
    if not (site / INDEX_FOLDER / "pagefind.js").is_file():
        raise SearchIndexError(
            "Pagefind chạy xong nhưng không có pagefind/pagefind.js."
        )
    try:
        canonicalize(site)
    except (BundleFormatError, OSError, ValueError, KeyError) as exc:
        raise SearchIndexError(
            f"không ổn định được chỉ mục Pagefind ({exc}); kiểm tra phiên bản pagefind."
        ) from None
