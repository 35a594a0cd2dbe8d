"""Pure parts of the schedules plugin: times, week labels, names, stable UIDs."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from ward_notices.model import parse_notices
from ward_notices.workdays import working_days_between
from ward_schedules.ical import build_calendar, uid_of
from ward_schedules.model import (
    Item,
    parse_time,
    parse_week_label,
    person_name,
)

from ward_core.dates import parse_vn_date


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
        ("Ông Nguyễn\u200b Văn Hùng\u00a0– Chủ tịch", "Nguyễn Văn Hùng"),
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


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (dt.date(2026, 3, 2), dt.date(2026, 3, 9), 5),  # a plain week
        (dt.date(2026, 2, 13), dt.date(2026, 2, 24), 2),  # across Tết Bính Ngọ
        (dt.date(2026, 4, 24), dt.date(2026, 5, 5), 4),  # Giỗ Tổ (bù), 30/4, 1/5
        (dt.date(2026, 8, 31), dt.date(2026, 9, 3), 1),  # Quốc khánh
        (dt.date(2026, 3, 7), dt.date(2026, 3, 9), 0),  # a weekend
    ],
)
def test_working_days_skip_weekends_and_holidays(start, end, days):
    assert working_days_between(start, end) == days


@pytest.mark.parametrize(
    ("day", "shown"),
    [
        ("01/03/2026", False),
        ("02/03/2026", True),
        ("21/03/2026", True),
        ("22/03/2026", False),
    ],
)
def test_notice_window_includes_both_ends(day, shown):
    parsed = parse_notices(
        "notices:\n  - title: Bảo trì\n    start: 02/03/2026\n    end: 21/03/2026\n"
    )
    assert parsed.problems == []
    assert parsed.notices[0].shown_on(parse_vn_date(day)) is shown


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("notices:\n  - title: A\n    start: 02/03/2026\n", 2, "end:"),
        (
            "notices:\n  - title: A\n    start: 02/03/2026\n    end: 01/03/2026\n",
            4,
            "trước",
        ),
        ("notices:\n  - title: A\n    level: red\n", 3, "urgent"),
        (
            "notices:\n  - title: A\n    kind: downtime\n    start: 02/03/2026\n"
            "    end: 03/03/2026\n",
            2,
            "downtime:",
        ),
        (
            "notices:\n  - title: A\n    kind: downtime\n    downtime: 05/03/2031\n"
            "    start: 02/03/2031\n    end: 05/03/2031\n",
            5,
            "lịch nghỉ lễ năm 2031",
        ),
    ],
)
def test_bad_notice_named_with_its_line(text, line, words):
    problems = parse_notices(text).problems
    assert problems and problems[0].line == line and words in problems[0].message


def test_answers_feed_is_atom_with_vietnamese_text_newest_first():
    from xml.etree import ElementTree

    from ward_qa.feed import questions_feed
    from ward_qa.model import parse_qa_file

    parsed = parse_qa_file(
        "questions:\n"
        "  - question: Đăng ký khai sinh cần gì?\n    field: Hộ tịch\n"
        "    date: 01/02/2026\n    answer: Tờ khai và giấy chứng sinh.\n"
        "    answer_date: 03/02/2026\n"
        "  - question: Xin giấy phép xây dựng ở đâu?\n    field: Xây dựng\n"
        "    date: 05/02/2026\n    answer: Tại bộ phận Một cửa.\n"
    )
    assert parsed.problems == []
    site = "https://phuong.example.vn"
    pairs = [(q, f"{site}/hoi-dap/x/") for q in parsed.questions]
    text = questions_feed(
        "Phường Hòa Thuận", site, f"{site}/feeds/hoi-dap.atom.xml", pairs
    )
    atom = "{http://www.w3.org/2005/Atom}"
    entries = ElementTree.fromstring(text.encode()).findall(f"{atom}entry")
    titles = [e.find(f"{atom}title").text for e in entries]
    assert titles == [
        "Xây dựng: Xin giấy phép xây dựng ở đâu?",
        "Hộ tịch: Đăng ký khai sinh cần gì?",
    ]
    link = entries[1].find(f"{atom}link").get("href")
    assert link == f"{site}/hoi-dap/x/#{parsed.questions[0].anchor}"


# A billion-laughs declaration put into the workbook part: refused, never expanded.
BOMB = (
    '<!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
    '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>'
)


def _with_bomb(source, target):
    import zipfile

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "xl/workbook.xml":
                head, _, rest = data.decode("utf-8").partition("?>")
                data = (head + "?>" + BOMB + rest).replace("<sheets>", "<sheets>&e;")
            new.writestr(info, data)
    return target


def test_spreadsheet_refuses_entity_bombs_and_non_workbooks(tmp_path):
    import openpyxl

    from ward_core.spreadsheet import SpreadsheetError, read_tables

    book = openpyxl.Workbook()
    book.active.append(["Nội dung", "Số tiền"])
    book.active.append(["Chi thường xuyên", 1234567])
    good = tmp_path / "Bảng (1).xlsx"
    book.save(good)
    [table] = read_tables(good)
    assert [c.text for c in table.body[0]] == ["Chi thường xuyên", "1.234.567"]
    bomb = _with_bomb(good, tmp_path / "bom.xlsx")
    with pytest.raises(SpreadsheetError, match="không đọc được bảng tính"):
        read_tables(bomb)
    word = tmp_path / "that-ra-la-word.xlsx"
    word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    with pytest.raises(SpreadsheetError, match="không phải bảng tính Excel"):
        read_tables(word)


def test_a_spreadsheet_the_editor_is_saving_is_read_from_its_bytes(tmp_path):
    """The editor's save is checked before its files are written
    (ward_core.localfiles.proposed_files): a budget table sent with
    ngan-sach.yml is read from the bytes, and found nowhere else."""
    import io

    import openpyxl

    from ward_core.localfiles import proposed_files
    from ward_core.spreadsheet import SpreadsheetError, read_tables

    book = openpyxl.Workbook()
    book.active.append(["Nội dung", "Số tiền"])
    book.active.append(["Chi đầu tư", 7654321])
    buffer = io.BytesIO()
    book.save(buffer)
    sheet = tmp_path / "ngan-sach" / "du-toan-2026.xlsx"
    with proposed_files({sheet: buffer.getvalue()}):
        [table] = read_tables(sheet)
    assert [c.text for c in table.body[0]] == ["Chi đầu tư", "7.654.321"]
    assert not sheet.exists()
    with pytest.raises((SpreadsheetError, OSError)):
        read_tables(sheet)
