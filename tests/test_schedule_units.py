"""Pure parts of the schedules plugin: times, week labels, names, stable UIDs."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from ward_schedules.ical import build_calendar, uid_of
from ward_schedules.model import (
    Item,
    parse_time,
    parse_week_label,
    person_name,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7:30", dt.time(7, 30)),
        ("07:30", dt.time(7, 30)),
        ("7h30", dt.time(7, 30)),
        ("14g", dt.time(14, 0)),
        ("8", dt.time(8, 0)),
        (" 13.45 ", dt.time(13, 45)),
    ],
)
def test_parse_time(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["", "sáng", "25:00", "7:75", "7:3", "7:30 sáng"])
def test_parse_time_refuses(text):
    with pytest.raises(ValueError):
        parse_time(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-W10", (2026, 10)), ("2026w1", (2026, 1)), ("2020-W53", (2020, 53))],
)
def test_parse_week_label(text, expected):
    assert parse_week_label(text) == expected


@pytest.mark.parametrize("text", ["2026-10", "2026-W54", "2026-W00", "W10", "2026"])
def test_parse_week_label_refuses(text):
    with pytest.raises(ValueError):
        parse_week_label(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ông Nguyễn Văn Hùng – Chủ tịch UBND phường", "Nguyễn Văn Hùng"),
        ("Đ/c Võ Minh Tâm - Bí thư Đoàn phường", "Võ Minh Tâm"),
        ("Bà Trần Thị Lan, Phó Chủ tịch", "Trần Thị Lan"),
        ("Phạm Thanh Hoà (Phó Chủ tịch)", "Phạm Thanh Hoà"),
        ("  Nguyễn   Văn  Hùng ", "Nguyễn Văn Hùng"),
    ],
)
def test_person_name(text, expected):
    assert person_name(text) == expected


def test_uid_stays_when_time_or_place_changes_and_sequence_counts_changes():
    item = Item(dt.date(2026, 3, 2), "Họp giao ban", 3, start=dt.time(7, 30))
    moved = dataclasses.replace(
        item, start=dt.time(8), place="Phòng 2", changes=("Đổi giờ sang 8:00.",)
    )
    assert uid_of("lich", item, "x.vn") == uid_of("lich", moved, "x.vn")
    assert uid_of("lich", item, "x.vn") != uid_of("khac", item, "x.vn")
    stamp = dt.datetime(2026, 3, 4, tzinfo=dt.UTC)
    first = build_calendar("Lịch", "lich", [moved], domain="x.vn", stamp=stamp)
    again = build_calendar("Lịch", "lich", [moved], domain="x.vn", stamp=stamp)
    assert first == again  # the same data gives the same bytes
    assert b"SEQUENCE:1\r\n" in first
    assert b"DTSTART;TZID=Asia/Ho_Chi_Minh:20260302T080000\r\n" in first
