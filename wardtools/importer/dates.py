"""Find the publication date in the date lines Vietnamese portals print.

Seen on ward and commune portals (NukeViet, WordPress, home-made CMSs):
"Thứ năm - 04/05/2023 09:15", "04/05/2023 | 09:15", "Thứ 5, 04/05/2023, 09:15",
"09:15 04/05/2023", "04-05-2023 9h15", "2023-05-04", "2023-04-28 08:45",
"2023-05-04T09:15:00+07:00", and NukeViet's own article:published_time meta,
written with PHP's date('Y-m-dTH:i:s') where T is the zone name:
"2023-05-04ICT09:15:00" or "2023-05-04+0709:15:00".
"""

from __future__ import annotations

import datetime as dt
import re

from ward_core.dates import VIETNAM

_TIME = (
    r"(?P<hour>\d{1,2})\s*[:hg]\s*(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?:\s*(?P<half>AM|PM|SA|CH)\b)?"
)
_DMY = r"(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})"
_JOIN = r"\s*(?:[-|,–]|lúc|ngày)?\s*"
_OFFSET = r"(?P<offset>Z|[+-]\d{2}:?\d{2})"
# ISO, with "T", a space or (NukeViet) a zone name between date and time.
_ISO = re.compile(
    r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:(?:T|\s+|[A-Z]{2,5}|[+-]\d{2}(?::?\d{2})?)"
    r"(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    rf"{_OFFSET}?)?(?!\d)",
)
_DATE_FIRST = re.compile(rf"(?<!\d){_DMY}(?!\d)(?:{_JOIN}{_TIME})?", re.IGNORECASE)
_TIME_FIRST = re.compile(rf"(?<![\d/]){_TIME}{_JOIN}{_DMY}(?!\d)", re.IGNORECASE)
_WORDS = re.compile(
    r"(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})\s+năm\s+(?P<year>\d{4})",
    re.IGNORECASE,
)


def _build(parts: dict[str, str | None]) -> dt.datetime | None:
    hour = int(parts.get("hour") or 0)
    half = (parts.get("half") or "").upper()
    if half in ("PM", "CH") and hour < 12:
        hour += 12
    elif half in ("AM", "SA") and hour == 12:
        hour = 0
    try:
        value = dt.datetime(
            int(parts["year"] or 0),
            int(parts["month"] or 0),
            int(parts["day"] or 0),
            hour,
            int(parts.get("minute") or 0),
            int(parts.get("second") or 0),
            tzinfo=VIETNAM,
        )
    except ValueError:
        return None
    offset = parts.get("offset")
    if offset:
        # A real ISO offset: the instant is exact, show it in Vietnam's time.
        zone = dt.UTC if offset == "Z" else _zone(offset)
        value = value.replace(tzinfo=zone).astimezone(VIETNAM)
    return value if 1990 <= value.year <= 2100 else None


def _zone(offset: str) -> dt.timezone:
    digits = offset.replace(":", "")
    sign = -1 if digits[0] == "-" else 1
    return dt.timezone(
        sign * dt.timedelta(hours=int(digits[1:3]), minutes=int(digits[3:5]))
    )


def find_date(text: str) -> dt.datetime | None:
    """The first date (with its time when written) in a line of text, in Vietnam time."""
    text = " ".join((text or "").split())
    matches = [
        match
        for pattern in (_ISO, _TIME_FIRST, _DATE_FIRST, _WORDS)
        for match in pattern.finditer(text)
    ]
    # Earliest first; at the same place the longer reading (with its time) wins.
    for match in sorted(matches, key=lambda m: (m.start(), -(m.end() - m.start()))):
        value = _build(match.groupdict())
        if value is not None:
            return value
    return None
