"""Working days in Vietnam: not Saturday or Sunday, not a public holiday listed
in ngay-nghi-le.yml (shipped with the plugin, one list per year)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from ward_core.dates import parse_vn_date
from ward_core.yamltree import parse_yaml_text

HOLIDAYS_FILE = Path(__file__).with_name("ngay-nghi-le.yml")


@cache
def holidays() -> frozenset[dt.date]:
    tree = parse_yaml_text(HOLIDAYS_FILE.read_text(encoding="utf-8"), 1, subject="tệp")
    return frozenset(parse_vn_date(day) for days in tree.values() for day in days)


@cache
def known_years() -> frozenset[int]:
    return frozenset(day.year for day in holidays())


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in holidays()


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days from ``start`` (counted) up to ``end`` (not counted)."""
    count, day = 0, start
    while day < end:
        count += is_working_day(day)
        day += dt.timedelta(days=1)
    return count
