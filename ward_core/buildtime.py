"""The build's notion of "today": the calendar day, fixed where a build must be
reproducible.

Notices, "this week's schedule", budget deadlines and link banners follow the
calendar: the daily rebuild the README asks for must move them even on a day
with no new post. The day, never the hour, so two builds on one day give the
same bytes; BUILD_DATE or SOURCE_DATE_EPOCH pin it for tests and reproducible
builds. The day is part of the build's fingerprints (wardtools.uptodate), so
neither "up to date" nor page reuse can keep yesterday's pages.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, MutableMapping
from typing import Any

from .dates import VIETNAM
from .session import SESSION_SETTING, BuildSession


def calendar_day(settings: Mapping[str, Any]) -> dt.datetime:
    """The day a build started now would show: the BUILD_DATE setting
    ("YYYY-MM-DD", a time allowed), else SOURCE_DATE_EPOCH, else the start of
    today in Vietnam."""
    fixed = settings.get("BUILD_DATE")
    if fixed:
        return dt.datetime.fromisoformat(str(fixed)).replace(tzinfo=VIETNAM)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), VIETNAM)
    now = dt.datetime.now(VIETNAM)
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def build_datetime(settings: MutableMapping[str, Any]) -> dt.datetime:
    """This build's "now" (see calendar_day). One per build: the session keeps
    the first answer, so a build that runs over midnight shows one day."""
    session = settings.get(SESSION_SETTING)
    if not isinstance(session, BuildSession):
        return calendar_day(settings)
    if session.day is None:
        session.day = calendar_day(settings)
    return session.day


def validation_datetime(settings: Mapping[str, Any]) -> dt.datetime:
    """The "now" that dates are checked against ("a comment dated in the future"):
    BUILD_DATE or SOURCE_DATE_EPOCH when set, so tests and reproducible builds
    see a fixed day, else this moment. It decides only whether a build passes,
    never what it writes."""
    if settings.get("BUILD_DATE") or os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return calendar_day(settings)
    return dt.datetime.now(VIETNAM)
