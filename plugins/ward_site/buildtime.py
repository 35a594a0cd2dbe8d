"""The build's notion of "now": fixed for reproducible builds and tests."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def build_datetime(settings: Mapping[str, Any]) -> dt.datetime:
    """BUILD_DATE setting ("YYYY-MM-DD"), else SOURCE_DATE_EPOCH, else the clock."""
    fixed = settings.get("BUILD_DATE")
    if fixed:
        return dt.datetime.fromisoformat(str(fixed)).replace(tzinfo=VIETNAM)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), VIETNAM)
    return dt.datetime.now(VIETNAM)
