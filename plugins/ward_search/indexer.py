"""Run Pagefind over a built site (no Pelican here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ward_core.problems import SiteError

from .stable import BundleFormatError, canonicalize

# Where Pagefind writes its index, in the built site.
INDEX_FOLDER = "pagefind"


class SearchIndexError(Exception):
    pass


def not_started(reason: object) -> SearchIndexError:
    return SearchIndexError(f"không chạy được Pagefind ({reason}).")


def failed(detail: str) -> SearchIndexError:
    return SearchIndexError(
        "Pagefind không tạo được chỉ mục tìm kiếm: "
        + detail
        + ". Chạy lại make bootstrap để cài đúng phiên bản."
    )


def search_error(exc: Exception) -> SiteError:
    """The build's error for anything that went wrong with Pagefind."""
    reason = exc if isinstance(exc, SearchIndexError) else failed(str(exc))
    return SiteError(f"Tìm kiếm: {reason}")


def pagefind_command(site: Path) -> list[str]:
    """Pagefind from PyPI (pagefind[bin]) over a built site, as the site uses it
    (the bench runs the same over the peer's site)."""
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--force-language",
        "vi",
        "--silent",
    ]


def build_index(site: Path) -> None:
    """Index `site` in place with the Pagefind binary from PyPI (pagefind[bin])."""
    command = pagefind_command(site)
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise not_started(exc) from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        raise failed(" / ".join(detail))
    finish_bundle(site)


def finish_bundle(site: Path) -> None:
    """Check that Pagefind wrote its bundle and make it reproducible."""
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
