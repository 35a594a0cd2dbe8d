"""Text pasted from Word and web pages (ward_core.pasted), and the places that use it."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.sitekit import PROJECT
from ward_core.dates import VIETNAM, parse_vn_datetime
from ward_core.pasted import clean_markdown, clean_text
from ward_core.sitesettings import read_site_settings
from wardtools.editor.documents import data_for_disk, post_for_disk
from wardtools.importer.model import ImportedPost
from wardtools.importer.writer import render
from wardtools.new_post import create_post


@pytest.mark.parametrize(
    ("pasted", "stored"),
    [
        ("27/04/2023\u00a019:30", "27/04/2023 19:30"),
        ("Hội\u00a0nghị\u202fsơ\u2007kết", "Hội nghị sơ kết"),
        ("1\u00a0000 hộ", "1 000 hộ"),
        ("chỉnh\u00adtrang đô\u00adthị", "chỉnhtrang đôthị"),
        ("\ufeffPhường\u200b Hòa\u200cThuận\u2060", "Phường HòaThuận"),
        ("Dòng một\r\nDòng hai\rDòng ba", "Dòng một\nDòng hai\nDòng ba"),
        ("Đoạn\u2028mới\u2029Tiếp", "Đoạn\nmới\n\nTiếp"),
        ("\u200eTrái\u200f", "Trái"),
        # Kept: smart quotes, dashes, ellipsis, emoji built with a joiner.
        ("“Ngày hội” – ‘xanh’…", "“Ngày hội” – ‘xanh’…"),
        ("👨\u200d👩\u200d👧 gia đình", "👨\u200d👩\u200d👧 gia đình"),
        ("a\u200db", "ab"),
        ("", ""),
        ("Không có gì lạ.", "Không có gì lạ."),
    ],
)
def test_clean_text(pasted, stored):
    assert clean_text(pasted) == stored
    assert clean_text(stored) == stored  # idempotent


@pytest.mark.parametrize(
    ("pasted", "stored"),
    [
        # Word's bullet paragraphs (Slate keeps each as a paragraph).
        (
            "Nội dung:\n\n·\u00a0\u00a0Dọn vệ sinh\n\n·\u00a0\u00a0Trồng cây",
            "Nội dung:\n\n- Dọn vệ sinh\n- Trồng cây",
        ),
        ("•\tMột\n•\tHai", "- Một\n- Hai"),
        ("\uf0b7\tMột\n\uf0a7\tHai", "- Một\n- Hai"),
        ("·\tCấp một\n\no\tCấp hai", "- Cấp một\n    - Cấp hai"),
        ("o\tKhông có mục trên", "- Không có mục trên"),
        ("\u00a0\u00a0\u00a0\u00a0-\u00a0\u00a0Thụt lề của Word", "- Thụt lề của Word"),
        ("1.\tMục một\n2.\tMục hai", "1. Mục một\n2. Mục hai"),
        ("Trước\n·  Sau", "Trước\n\n- Sau"),
        ("- Đã là danh sách\n- Mục hai", "- Đã là danh sách\n- Mục hai"),
        ("-  Hai dấu cách", "- Hai dấu cách"),
        ("·&nbsp;&nbsp;Mục&shy;một&#8203;", "- Mụcmột"),
        # Not bullets: a word "o", a dash in running text, a middle dot in a name.
        ("o sau là chữ", "o sau là chữ"),
        ("Giá 10.000 – 20.000 đồng", "Giá 10.000 – 20.000 đồng"),
        ("Khu phố 3 · Hòa Thuận", "Khu phố 3 · Hòa Thuận"),
        ("```\n·\tmã\n```", "```\n·\tmã\n```"),
        ("Đoạn một\n\nĐoạn hai", "Đoạn một\n\nĐoạn hai"),
        # Markdown written as Markdown is kept as it is.
        ("1. Mục\n   - con\n   - con hai", "1. Mục\n   - con\n   - con hai"),
        ("- a\n\n- b", "- a\n\n- b"),
        ("Dòng có ngắt  \nDòng sau", "Dòng có ngắt  \nDòng sau"),
        ("- Mục\n·\tMục của Word", "- Mục\n- Mục của Word"),
    ],
)
def test_clean_markdown(pasted, stored):
    assert clean_markdown(pasted) == stored
    assert clean_markdown(stored) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "27/04/2023\u00a019:30",
        "27/04/2023\u202f19:30",
        "\u200b27/04/2023 19:30\ufeff",
        "27/04/\u00ad2023 19:30",
    ],
)
def test_dates_typed_in_word_are_read(typed):
    assert parse_vn_datetime(typed) == dt.datetime(2023, 4, 27, 19, 30, tzinfo=VIETNAM)


def test_editor_save_cleans_every_field_and_the_body():
    raw = (
        '---\ntitle: "Hội\u00a0nghị\u200b sơ kết"\ndate: "27/04/2023\u00a019:30"\n'
        'summary: "Tóm\u00adtắt"\nofficials:\n  - {name: "Lê\u00a0Thị Mai", '
        'role: "Chủ tịch", honorific: Bà}\n---\n\n\ufeffMở đầu\n\n'
        "·\u00a0\u00a0Một\n\n·\u00a0\u00a0Hai\n"
    )
    text = post_for_disk(raw, {"slug": "hoi-nghi"})
    assert "title: Hội nghị sơ kết\n" in text
    assert "date: 27/04/2023 19:30\n" in text
    assert "summary: Tómtắt\n" in text
    assert "  - Bà Lê Thị Mai – Chủ tịch\n" in text
    assert text.endswith("\nMở đầu\n\n- Một\n- Hai\n")
    for character in "\u00a0\u200b\u00ad\ufeff·":
        assert character not in text


def test_editor_save_cleans_data_files():
    raw = (
        'comments:\n  - author: "Lê\u00a0Văn Tư"\n    date: "20/05/2023\u00a009:00"\n'
        '    text: "Đèn\u200b hỏng\u00ad rồi"\n'
    )
    text = data_for_disk("content/comments/bai.yml", raw, None)
    assert "author: Lê Văn Tư" in text
    assert "date: 20/05/2023 09:00" in text
    # The one comment writer may fold the text as a block; what matters is that
    # it was cleaned.
    assert "Đèn hỏng rồi" in text
    assert not any(char in text for char in "\u200b\u00ad\u00a0")


def test_make_new_and_the_importer_clean_the_same_way(empty_content):
    settings = read_site_settings(
        PROJECT / "pelicanconf.py", {"PATH": str(empty_content)}
    )
    path = create_post(
        empty_content,
        settings,
        {"title": "Hội\u00a0nghị\u200b sơ kết", "date": "27/04/2023\u00a019:30"},
        ["Bà Lê\u00a0Thị Mai – Chủ tịch"],
    )
    text = path.read_text(encoding="utf-8")
    assert path.parent.name == "hoi-nghi-so-ket"
    assert 'title: "Hội nghị sơ kết"' in text and "date: 27/04/2023 19:30" in text
    assert "Bà Lê Thị Mai" in text

    imported = render(
        ImportedPost(
            origin="trang-cu.html",
            title="Ra\u00a0quân\ufeff",
            date=None,
            body_html="<p class=MsoListParagraph>·&nbsp;&nbsp;Dọn\u200b kênh</p>"
            "<p class=MsoListParagraph>·&nbsp;&nbsp;Trồng cây</p>",
        ),
        "ra-quan",
        [],
    )
    assert 'title: "Ra quân"' in imported
    assert imported.endswith("\n- Dọn kênh\n- Trồng cây\n"), imported
    for character in "\u00a0\u200b\ufeff·":
        assert character not in imported
