"""Vietnamese date formatting with Babel, independent of the OS locale."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_datetime

DAY_PATTERN = "EEEE, dd/MM/yyyy"
DAY_TIME_PATTERN = "EEEE, dd/MM/yyyy HH:mm"
SHORT_PATTERN = "dd/MM/yyyy"


def has_time_of_day(value: dt.date) -> bool:
    """True when a datetime carries a time the author wrote (not midnight)."""
    return isinstance(value, dt.datetime) and (value.hour, value.minute) != (0, 0)


def format_vi_date(value: dt.date | None, pattern: str | None = None) -> str:
    """Format a date the Vietnamese way, e.g. "Thứ Năm, 27/04/2023 19:30".

    Without an explicit pattern the time is shown only when it is not midnight,
    so posts dated by day alone do not read "00:00".
    """
    if value is None:
        return ""
    if pattern is None:
        pattern = DAY_TIME_PATTERN if has_time_of_day(value) else DAY_PATTERN
    if isinstance(value, dt.datetime):
        return format_datetime(value, pattern, locale="vi")
    return format_date(value, pattern, locale="vi")


def format_vi_month(value: dt.date) -> str:
    """ "Tháng 4/2023" for archive headings."""
    return f"Tháng {value.month}/{value.year}"
