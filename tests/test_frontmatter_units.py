"""Unit tests of the front matter modules: parsing, validation messages, grouping."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import pytest
from pelican.utils import slugify
from ward_frontmatter.docnumbers import DocumentRef, parse_document_string
from ward_frontmatter.indexes import Citation, group_citations, group_officials
from ward_frontmatter.jsonld import ArticleFacts, build_jsonld, jsonld_script_text
from ward_frontmatter.officials import Official, parse_official_string, person_key
from ward_frontmatter.schema import validate_front_matter

from ward_core.dates import VIETNAM, DateFormatError, parse_vn_datetime
from ward_core.placeholders import BODY_TEMPLATE, placeholder_lines
from ward_core.yamltree import (
    YamlSyntaxError,
    parse_yaml_text,
    split_front_matter,
)


def validate(text: str, require_date: bool = True):
    return validate_front_matter(parse_yaml_text(text, 2), require_date)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-04-27", dt.datetime(2023, 4, 27, tzinfo=VIETNAM)),
        ("2023-04-27 19:30", dt.datetime(2023, 4, 27, 19, 30, tzinfo=VIETNAM)),
        ("27/04/2023", dt.datetime(2023, 4, 27, tzinfo=VIETNAM)),
        ("27/04/2023 19:30", dt.datetime(2023, 4, 27, 19, 30, tzinfo=VIETNAM)),
        ("7/4/2023 7:05", dt.datetime(2023, 4, 7, 7, 5, tzinfo=VIETNAM)),
        ("27 tháng 4 năm 2023", dt.datetime(2023, 4, 27, tzinfo=VIETNAM)),
    ],
)
def test_dates_in_vietnam_time(text, expected):
    value = parse_vn_datetime(text)
    assert value == expected
    assert value.utcoffset() == dt.timedelta(hours=7)


@pytest.mark.parametrize("text", ["31/02/2023", "2023/04/27", "hôm qua", "27-04-2023"])
def test_bad_dates(text):
    with pytest.raises(DateFormatError):
        parse_vn_datetime(text)


@pytest.mark.parametrize(
    ("text", "number", "date", "label"),
    [
        (
            "342/KH-UBND ngày 24/04/2023",
            "342/KH-UBND",
            dt.date(2023, 4, 24),
            "Kế hoạch số 342/KH-UBND ngày 24/04/2023",
        ),
        (
            "342/KH-UBND ngày 24 tháng 4 năm 2023",
            "342/KH-UBND",
            dt.date(2023, 4, 24),
            "Kế hoạch số 342/KH-UBND ngày 24/04/2023",
        ),
        ("342/KH-UBND ngày 2023-04-24", "342/KH-UBND", dt.date(2023, 4, 24), None),
        ("34/2021/NĐ-CP", "34/2021/NĐ-CP", None, "Nghị định số 34/2021/NĐ-CP"),
        ("249/HĐND-VP", "249/HĐND-VP", None, "Số 249/HĐND-VP"),
        ("25/QĐ-TTg", "25/QĐ-TTg", None, "Quyết định số 25/QĐ-TTg"),
        ("39-CT/TW", "39-CT/TW", None, "Chỉ thị số 39-CT/TW"),
        ("12/QyĐ-UBND", "12/QyĐ-UBND", None, "Quy định số 12/QyĐ-UBND"),
        ("012/TB-UBND", "012/TB-UBND", None, "Thông báo số 012/TB-UBND"),
        (
            "Kế hoạch số 342/KH-UBND ngày 24 tháng 4 năm 2023",
            "342/KH-UBND",
            dt.date(2023, 4, 24),
            None,
        ),
    ],
)
def test_document_strings(text, number, date, label):
    ref = parse_document_string(text)
    assert ref.number == number
    assert ref.date == date
    if label:
        assert ref.label == label


@pytest.mark.parametrize(
    ("text", "honorific", "name", "role", "presiding"),
    [
        (
            "Ông Trần Văn Bình – Phó Bí thư Thường trực Đảng uỷ phường",
            "Ông",
            "Trần Văn Bình",
            "Phó Bí thư Thường trực Đảng uỷ phường",
            False,
        ),
        ("Bà Lê Thị Mai — Chủ tịch MTTQ", "Bà", "Lê Thị Mai", "Chủ tịch MTTQ", False),
        ("Đồng chí Võ Tâm - Bí thư Đoàn", "Đồng chí", "Võ Tâm", "Bí thư Đoàn", False),
        (
            "Đ/c Hà Văn An – Trưởng Công an (chủ trì)",
            "Đ/c",
            "Hà Văn An",
            "Trưởng Công an",
            True,
        ),
        ("ông Hồ Văn Lợi – Phó Chủ tịch", "Ông", "Hồ Văn Lợi", "Phó Chủ tịch", False),
    ],
)
def test_official_strings(text, honorific, name, role, presiding):
    official = parse_official_string(text)
    assert (official.honorific, official.name, official.role, official.presiding) == (
        honorific,
        name,
        role,
        presiding,
    )


def test_official_text_is_normalised_to_nfc():
    decomposed = "Ông Pha\u0323m Thanh Hoa\u0300 – Phó Chủ tịch"
    official = parse_official_string(decomposed)
    assert official.name == "Phạm Thanh Hoà"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Phạm Thanh Hòa", "Phạm Thanh Hoà"),
        ("Đảng ủy", "Đảng uỷ"),
        ("Nguyễn Thị Thủy", "Nguyễn Thị Thuỷ"),
        ("LÊ THỊ MAI", "Lê Thị Mai"),
        ("Lê  Thị Mai", "Lê Thị Mai"),
    ],
)
def test_person_key_ignores_tone_placement(a, b):
    assert person_key(a) == person_key(b)


def test_person_key_keeps_different_tones_apart():
    assert person_key("Nguyễn Văn Hải") != person_key("Nguyễn Văn Hài")


def test_yaml_values_come_through_as_written():
    result = validate(
        "title: NO\ndate: 2023-04-27\nslug: '012'\nattendees: 012\n"
        "plan: 012/KH-UBND\ntags: [yes, on, 1.0]\n"
    )
    assert result.problems == []
    assert result.values["title"] == "NO"
    assert result.values["attendees"] == 12
    assert result.values["plan"].number == "012/KH-UBND"
    assert result.values["tags"] == ["yes", "on", "1.0"]


def test_accepted_map_forms():
    result = validate(
        """
title: Hội nghị
date: 27/04/2023 19:30
plan:
  number: 342/KH-UBND
  date: 24/04/2023
  title: Tổ chức hội nghị đối thoại năm 2023
documents:
  - 34/2021/NĐ-CP
  - number: 25/QĐ-TTg
officials:
  - name: Đỗ Văn Lâm
    honorific: Ông
    role: Chủ tịch UBND phường
    presiding: true
  - Bà Lê Thị Mai – Chủ tịch MTTQ
location: Hội trường
attendees: 100
"""
    )
    assert result.problems == []
    values = result.values
    assert values["plan"] == DocumentRef(
        "342/KH-UBND", dt.date(2023, 4, 24), "Tổ chức hội nghị đối thoại năm 2023"
    )
    assert [d.number for d in values["documents"]] == ["34/2021/NĐ-CP", "25/QĐ-TTg"]
    assert values["officials"][0] == Official(
        "Đỗ Văn Lâm", "Chủ tịch UBND phường", "Ông", True
    )
    assert values["officials"][1].name == "Lê Thị Mai"


# (front matter, line, field, fragment of the message)
MALFORMED = [
    ("date: 2023-01-01\n", 2, "title", "thiếu tiêu đề"),
    ("title: A\n", 2, "date", "thiếu ngày"),
    ("title: A\ndate: 32/01/2023\n", 3, "date", 'ngày "32/01/2023" không có thật'),
    ("title: A\ndate: hôm qua\n", 3, "date", "không đọc được ngày"),
    ("title: A\ndate: 2023-01-01\ntitel: B\n", 4, "titel", 'ý bạn là "title"'),
    ("title: [A, B]\ndate: 2023-01-01\n", 2, "title", "phải là một dòng chữ"),
    ("title: A\ndate: 2023-01-01\nplan: KH-UBND 342\n", 4, "plan", "viết liền"),
    (
        "title: A\ndate: 2023-01-01\nplan: 342/KH-UBND ngày 40/04/2023\n",
        4,
        "plan",
        "không có thật",
    ),
    (
        "title: A\ndate: 2023-01-01\nplan:\n  date: 24/04/2023\n",
        5,
        "plan",
        "thiếu number",
    ),
    (
        "title: A\ndate: 2023-01-01\nplan:\n  number: 1/KH\n  ngay: 2023\n",
        6,
        "plan",
        'không có trường "ngay"',
    ),
    (
        "title: A\ndate: 2023-01-01\ndocuments:\n  - 34/2021/NĐ-CP\n  - số 34\n",
        6,
        "documents",
        "không đúng dạng",
    ),
    (
        "title: A\ndate: 2023-01-01\nofficials: Ông A – B\n",
        4,
        "officials",
        "phải là danh sách",
    ),
    (
        "title: A\ndate: 2023-01-01\nofficials:\n  - Ông Lê Văn A Chủ tịch\n",
        5,
        "officials",
        "không tách được tên và chức vụ",
    ),
    (
        "title: A\ndate: 2023-01-01\nofficials:\n  - role: Chủ tịch\n",
        5,
        "officials",
        "thiếu name",
    ),
    (
        "title: A\ndate: 2023-01-01\nofficials:\n  - name: A\n    presiding: maybe\n",
        6,
        "officials",
        "presiding: chỉ nhận true",
    ),
    ("title: A\ndate: 2023-01-01\nattendees: khoảng 100\n", 4, "attendees", "số người"),
    ("title: A\ndate: 2023-01-01\nslug: Hội nghị\n", 4, "slug", "chữ thường không dấu"),
    ("title: A\ndate: 2023-01-01\nstatus: nháp\n", 4, "status", "draft (bản nháp)"),
    ("title: A\ndate: 2023-01-01\ntags:\n  a: b\n", 4, "tags", "cách nhau dấu phẩy"),
    (
        "title: A\ndate: 2023-01-01\nmodified: sáng nay\n",
        4,
        "modified",
        "không đọc được",
    ),
]


@pytest.mark.parametrize(("text", "line", "field", "fragment"), MALFORMED)
def test_malformed_front_matter_messages(text, line, field, fragment):
    problems = validate(text).problems
    assert problems, text
    problem = problems[0]
    assert (problem.line, problem.field) == (line, field)
    assert fragment in problem.message
    rendered = problem.at("content/posts/x.md").render()
    assert rendered.startswith(f"content/posts/x.md:{line}: ")


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('title: "Thông báo: lịch\ndate: 1\n', 2, "chưa được đóng"),
        ("title: Thông báo: lịch tiếp dân\n", 2, "dấu ngoặc kép"),
        ("title: A\n\tdate: 2023\n", 3, "Tab"),
        ("title: A\ntitle: B\n", 3, "hai lần"),
        ("officials:\n  - A\n - B\n", 4, "cú pháp YAML"),
    ],
)
def test_malformed_yaml_names_the_line(text, line, fragment):
    with pytest.raises(YamlSyntaxError) as error:
        parse_yaml_text(text, 2)
    assert error.value.problem.line == line
    assert fragment in error.value.problem.message


def test_every_problem_is_reported_not_only_the_first():
    problems = validate("titel: A\ndate: x\nattendees: y\nslug: Z Z\n").problems
    assert {p.field for p in problems} == {
        "titel",
        "date",
        "attendees",
        "slug",
        "title",
    }


def test_split_front_matter():
    split = split_front_matter("---\ntitle: A\n---\nBody\n")
    assert split.front_matter == "title: A\n"
    assert split.body == "Body\n"
    assert split_front_matter("Title: A\n\nBody").front_matter is None
    with pytest.raises(YamlSyntaxError):
        split_front_matter("---\ntitle: A\nBody\n")


def _post(day: int, officials=(), plan=None, documents=()):
    return SimpleNamespace(
        date=dt.datetime(2023, 1, day, tzinfo=VIETNAM),
        source_path=f"p{day}.md",
        officials=list(officials),
        plan=plan,
        documents=list(documents),
    )


def _slug(text: str) -> str:
    return slugify(text, regex_subs=[(r"/", "-"), (r"[^\w\s-]", ""), (r"[-\s]+", "-")])


def test_group_officials_merges_tone_variants_and_keeps_latest_role():
    old = _post(1, [Official("Phạm Thanh Hòa", "Phó Chủ tịch", "Ông")])
    new = _post(9, [Official("Phạm Thanh Hoà", "Chủ tịch", "Ông")])
    other = _post(5, [Official("Phạm Thanh Hài", "Cán bộ", "Ông")])
    entries = group_officials([old, other, new], _slug, lambda p: p.officials)
    by_slug = {e.slug: e for e in entries}
    assert set(by_slug) == {"pham-thanh-hoa", "pham-thanh-hai"}
    hoa = by_slug["pham-thanh-hoa"]
    assert hoa.posts == [new, old]
    assert hoa.latest_role == "Chủ tịch"
    assert hoa.spellings == {"Phạm Thanh Hòa", "Phạm Thanh Hoà"}


def test_same_slug_for_different_people_is_disambiguated():
    a = _post(1, [Official("Nguyễn Văn Hải", "A")])
    b = _post(2, [Official("Nguyễn Văn Hài", "B")])
    slugs = sorted(
        e.slug for e in group_officials([a, b], _slug, lambda p: p.officials)
    )
    assert slugs == ["nguyen-van-hai", "nguyen-van-hai-2"]


def test_group_citations_merges_dates_titles_and_plans():
    plan = DocumentRef("342/KH-UBND", dt.date(2023, 4, 24))
    a = _post(1, plan=plan)
    b = _post(3, documents=[DocumentRef("342/KH-UBND", None, "Kế hoạch đối thoại")])
    c = _post(2, documents=[DocumentRef("34/2021/NĐ-CP")])
    citations = [
        Citation(ref, "x.md", post, is_plan=ref is post.plan)
        for post in (b, c, a)
        for ref in ([post.plan] if post.plan else []) + post.documents
    ]
    groups = group_citations(citations, _slug)
    by_key = {(e.slug, e.year): e for e in groups.entries}
    assert set(by_key) == {("342-kh-ubnd", 2023), ("34-2021-nd-cp", 2021)}
    entry = by_key["342-kh-ubnd", 2023]
    assert entry.ref == DocumentRef(
        "342/KH-UBND", dt.date(2023, 4, 24), "Kế hoạch đối thoại"
    )
    assert entry.posts == [b, a]
    assert entry.implementing == [a]
    assert groups.conflicts == [] and groups.ambiguous == []


def test_jsonld_news_article_and_event():
    facts = ArticleFacts(
        headline="Hội nghị </script><b>",
        url="https://x.vn/hoi-nghi/",
        published=dt.datetime(2023, 4, 27, 19, 30, tzinfo=VIETNAM),
        publisher="UBND phường",
        location="Hội trường",
        performers=("Đỗ Văn Lâm",),
    )
    text = jsonld_script_text(build_jsonld(facts))
    assert "</script>" not in text
    data = json.loads(text)
    article, event = data["@graph"]
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "Hội nghị </script><b>"
    assert article["datePublished"] == "2023-04-27T19:30:00+07:00"
    assert event["@type"] == "Event"
    assert event["location"] == {"@type": "Place", "name": "Hội trường"}
    assert event["startDate"] == "2023-04-27T19:30:00+07:00"


def test_jsonld_without_location_has_no_event():
    facts = ArticleFacts("A", "/a/", dt.datetime(2023, 1, 1, tzinfo=VIETNAM), "UBND")
    assert [n["@type"] for n in build_jsonld(facts)["@graph"]] == ["NewsArticle"]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("---\ntitle: Quy chế\n---\n\nNội dung.\n", False),
        # Pelican's own header: read, with a note to move to YAML.
        ("Title: Quy chế\n\nNội dung.\n", False),
        # A hidden character before the dashes: a "title:" line below them
        # must not pass for Pelican's header (the reader refuses the file).
        ("\x00---\ntitle: Quy chế\n---\n\nNội dung.\n", True),
        ("\u200b---\ntitle: Quy chế\n---\n\nNội dung.\n", True),
        ("\n\n---\ntitle: Quy chế\n---\n\nNội dung.\n", True),
    ],
)
def test_a_header_behind_hidden_characters_is_refused_by_the_check(
    tmp_path, text, error
):
    from ward_frontmatter.check import check_file

    from ward_core.sources import read_source

    path = tmp_path / "quy-che.md"
    path.write_text(text, encoding="utf-8")
    problems, _ = check_file(read_source(path, is_page=True))
    refused = [p for p in problems if p.error]
    assert bool(refused) is error, problems
    if error:
        assert 'dòng đầu tiên của tệp phải là "---"' in refused[0].message


@pytest.mark.parametrize(
    ("body", "lines"),
    [
        (BODY_TEMPLATE, [2, 4, 6]),
        # Spaces and tabs added around and inside a placeholder paragraph.
        ("Đoạn thật.\n\t(Nội dung chính:   các ý kiến, kết quả, số liệu.)  \n", [2]),
        ("Ông Nội dung (Đoạn mở đầu đã viết lại) và Kết: xong.\n", []),
        ("Hội nghị tổng kết năm 2024.\n\nĐường Trần Phú.", []),
    ],
    ids=["make new", "spaced", "same first words", "written"],
)
def test_placeholder_lines_are_make_news_paragraphs_only(body, lines):
    assert placeholder_lines(body) == lines


@pytest.mark.parametrize(
    "text",
    [
        "Title: Họp tổ dân phố\nDate: 2023-04-27 19:30\n\nNội dung.\n",
        "--\ntitle: Quy chế \x00trang\nslug: quy-che\nstatus: hidden\n---\n\nBài.\n",
        "title: Quy chế\n# Không ở menu\nslug: quy-che\n\nBài.\n",
        "   title: Thụt ba dấu cách\nslug: x\n\nBài.\n",
        "title: Dán từ Word\r\nslug: y\r\n\r\nBài.\r\n",
        "title: Hai dòng\n    nối tiếp\nslug: z\n\nBài.\n",
        "Tiêu đề: không phải khóa\ntitle: x\n\nBài.\n",
        "\ntitle: sau dòng trống\n",
    ],
)
def test_a_plain_header_is_read_as_the_build_reads_it(text):
    """`make check` reads a header without YAML as Python-Markdown's meta
    extension does for the build (a fuzzed "--" first line once let the check
    pass a page the build refused)."""
    from markdown import Markdown

    from ward_core.sources import _key_value_header

    markdown = Markdown(extensions=["markdown.extensions.meta"])
    markdown.convert(text)
    header = _key_value_header(text)
    assert set(header) == set(markdown.Meta)
    for key, values in markdown.Meta.items():
        assert header[key] == values[-1] or len(values) > 1
