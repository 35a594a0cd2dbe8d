"""Vietnamese dates: parsed as officers write them, formatted as citizens read them.

Everything is in the Asia/Ho_Chi_Minh time zone; formatting uses Babel, so the
output does not depend on the OS locale.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from zoneinfo import ZoneInfo

from .pasted import clean_text

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

_TIME = r"(?:[ T](?P<hour>\d{1,2})[:hg](?P<minute>\d{2})?(?::(?P<second>\d{2}))?)?"
_ISO = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})" + _TIME + "$")
_DMY = re.compile(r"^(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})" + _TIME + "$")
_WORDS = re.compile(
    r"^(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})\s+năm\s+(?P<year>\d{4})$",
    re.IGNORECASE,
)

ACCEPTED_FORMS = "27/04/2023, 27/04/2023 19:30, 2023-04-27 hoặc 2023-04-27 19:30"


class DateFormatError(ValueError):
    pass


def parse_vn_datetime(text: str, tz: ZoneInfo = VIETNAM) -> dt.datetime:
    """Parse "27/04/2023 19:30", "2023-04-27", "27 tháng 4 năm 2023"… (aware)."""
    # Typed in Word or pasted from the web: no-break and zero-width spaces.
    value = " ".join(clean_text(text).split())
    match = _ISO.match(value) or _DMY.match(value) or _WORDS.match(value)
    if not match:
        raise DateFormatError(f'không đọc được ngày "{text}"')
    parts = match.groupdict()
    try:
        return dt.datetime(
            int(parts["year"]),
            int(parts["month"]),
            int(parts["day"]),
            int(parts.get("hour") or 0),
            int(parts.get("minute") or 0),
            int(parts.get("second") or 0),
            tzinfo=tz,
        )
    except ValueError:
        raise DateFormatError(f'ngày "{text}" không có thật') from None


def parse_vn_date(text: str) -> dt.date:
    """A calendar date without time (document dates)."""
    return parse_vn_datetime(text).date()


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
    # The same instant in two time zones compares equal: the zone is part of
    # the key, or 07:00 in Hà Nội would be served for 00:00 UTC.
    zone = value.tzinfo if isinstance(value, dt.datetime) else None
    return _format(value, type(value), zone, pattern)


@functools.lru_cache(maxsize=65536)
def _format(value: dt.date, _kind: type, _zone: object, pattern: str) -> str:
    # Every card of a post on every list formats the same date again; Babel is slow.
    # Imported here: parsing dates (make check) does not need Babel.
    from babel.dates import format_date, format_datetime

    if isinstance(value, dt.datetime):
        return format_datetime(value, pattern, locale="vi")
    return format_date(value, pattern, locale="vi")


def format_vi_month(value: dt.date) -> str:
    """ "Tháng 4/2023" for archive headings."""
    return f"Tháng {value.month}/{value.year}"
