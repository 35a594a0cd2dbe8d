"""The build's notion of "now": fixed for reproducible builds and tests."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from typing import Any

from .dates import VIETNAM


def build_datetime(
    settings: Mapping[str, Any], content_dates: Iterable[dt.datetime] = ()
) -> dt.datetime:
    """The build's "now", never the wall clock, so the same content gives the same
    bytes on any day: the BUILD_DATE setting ("YYYY-MM-DD"), else SOURCE_DATE_EPOCH,
    else the newest date in the content (a ward posts news every few days)."""
    fixed = settings.get("BUILD_DATE")
    if fixed:
        return dt.datetime.fromisoformat(str(fixed)).replace(tzinfo=VIETNAM)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), VIETNAM)
    dates = [d if d.tzinfo else d.replace(tzinfo=VIETNAM) for d in content_dates if d]
    return max(dates) if dates else dt.datetime(2000, 1, 1, tzinfo=VIETNAM)


def validation_datetime(settings: Mapping[str, Any]) -> dt.datetime:
    """The "now" that dates are checked against ("a comment dated in the future"):
    BUILD_DATE or SOURCE_DATE_EPOCH when set, so tests and reproducible builds
    see a fixed day, else today. It decides only whether a build passes, never
    what it writes, so the bytes of a passing build stay reproducible."""
    if settings.get("BUILD_DATE") or os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return build_datetime(settings)
    return dt.datetime.now(VIETNAM)
