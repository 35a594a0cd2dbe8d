"""Schedules as an iCalendar feed (RFC 5545) that calendar apps can subscribe to.

Written with the `icalendar` library: VTIMEZONE Asia/Ho_Chi_Minh, CRLF and line
folding are its job. UIDs hash the calendar, the day and the title, so an edit
of the time or place keeps the event (and bumps SEQUENCE, one per recorded
change); DTSTAMP is the build's "now", so the same data gives the same bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

from icalendar import Calendar, Event

from ward_core.dates import VIETNAM

from .model import Item


def uid_of(calendar: str, item: Item, domain: str) -> str:
    basis = f"{calendar}|{item.date.isoformat()}|{item.title.casefold()}"
    return f"{hashlib.sha256(basis.encode()).hexdigest()[:20]}@{domain}"


def _description(item: Item) -> str:
    lines = []
    if item.chair:
        lines.append(f"Chủ trì: {item.chair}")
    if item.attendees:
        lines.append(f"Thành phần: {item.attendees}")
    lines += [f"Điều chỉnh: {change}" for change in item.changes]
    return "\n".join(lines)


def build_calendar(
    name: str,
    calendar: str,
    items: Iterable[Item],
    *,
    domain: str,
    stamp: dt.datetime,
    url: str = "",
    default_minutes: int = 60,
) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Cong thong tin phuong//Lich//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = stamp.astimezone(dt.UTC)
    for item in items:
        event = Event()
        event.add("uid", uid_of(calendar, item, domain))
        event.add("dtstamp", stamp)
        event.add("sequence", len(item.changes))
        summary = item.title
        if item.changed:
            summary += " (điều chỉnh)"
        event.add("summary", summary)
        if item.start is None:
            event.add("dtstart", item.date)
            event.add("dtend", item.date + dt.timedelta(days=1))
        else:
            start = dt.datetime.combine(item.date, item.start, VIETNAM)
            end = (
                dt.datetime.combine(item.date, item.end, VIETNAM)
                if item.end
                else start + dt.timedelta(minutes=default_minutes)
            )
            event.add("dtstart", start)
            event.add("dtend", end)
        if item.place:
            event.add("location", item.place)
        description = _description(item)
        if description:
            event.add("description", description)
        if url:
            event.add("url", url)
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
