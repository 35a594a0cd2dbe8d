"""The data files' shared prologue (ward_core.datafile): a file that is one
mapping, or one mapping holding a list, read or refused with one problem that
names the line and says what the file must look like."""

from __future__ import annotations

import datetime as dt

import pytest

from ward_core.datafile import RecordReader, read_keyed_list, read_list, read_mapping

HELP = "tệp phải có các mục week:, items: (danh sách)."


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("week: 2026-W10\nitems: []\n", ["week", "items"]),
        ("", []),  # an empty file is an empty mapping: the caller says what is missing
        ("# chưa có gì\n", []),
    ],
)
def test_a_mapping_is_read(text, keys):
    tree, problems = read_mapping(text, HELP)
    assert problems == []
    assert list(tree) == keys


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("- week: 2026-W10\n", 1, HELP),
        ("\n\nChỉ một dòng chữ\n", 3, HELP),
        ("week: 2026-W10\nitems: [a\nnote: b\n", 2, "không đúng cú pháp YAML"),
        ("week: 'chưa đóng\n", 1, "chưa được đóng"),
        ("week: 2026-W10\nweek: 2026-W11\n", 2, 'trường "week" được ghi hai lần'),
    ],
)
def test_a_file_that_is_not_one_mapping_is_refused_on_its_line(text, line, words):
    tree, problems = read_mapping(text, HELP)
    assert tree is None
    [problem] = problems
    assert problem.line == line and words in problem.message


KEYED_HELP = "Tệp gồm questions: rồi từng câu - question: …"


@pytest.mark.parametrize(
    ("text", "count", "problem"),
    [
        ("questions:\n  - question: A\n  - question: B\n", 2, None),
        ("", 0, None),
        ("questions:\n", 0, None),
        ("- question: A\n", 0, (1, "", KEYED_HELP)),
        ("questions: []\ncau_hoi: []\n", 0, (1, "", KEYED_HELP)),
        ("\nquestions: Hỏi?\n", 0, (2, "questions", KEYED_HELP)),
        ("questions: [a\nx: 1\n", 0, (1, "", "không đúng cú pháp YAML")),
    ],
)
def test_a_keyed_list(text, count, problem):
    items, problems = read_keyed_list(text, "questions", KEYED_HELP)
    assert len(items) == count
    if problem is None:
        assert problems == []
    else:
        [found] = problems
        line, field, words = problem
        assert (found.line, found.field) == (line, field) and words in found.message


def _first_record(text: str, reader: RecordReader):
    records = []
    reader.read(text, "items", lambda raw, line: records.append((raw, line)))
    return records[0]


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        (
            "items:\n  - Một dòng chữ\n",
            2,
            "",
            "câu hỏi không đúng dạng. Tệp gồm items:",
        ),
        (
            "items:\n  - question: A\n    feild: B\n    ngay: C\n",
            3,
            "",
            'không có trường "feild" trong câu hỏi. Có phải ý bạn là "field"?',
        ),
    ],
)
def test_a_record_of_the_wrong_shape_is_refused_once(text, line, field, words):
    reader = RecordReader()
    reader.help_text = "Tệp gồm items: rồi từng câu hỏi."
    raw, at = _first_record(text, reader)
    assert reader.record(raw, at, ("question", "field"), "câu hỏi") is None
    [problem] = reader.problems
    assert (problem.line, problem.field) == (line, field) and words in problem.message


@pytest.mark.parametrize(
    ("text", "missing", "expected", "problem"),
    [
        ("items:\n  - date: 12/02/2026\n", "", (True, dt.date(2026, 2, 12)), None),
        ("items:\n  - date: 2026-02-12\n", "", (True, dt.date(2026, 2, 12)), None),
        ("items:\n  - title: A\n", "", (True, None), None),
        (
            "items:\n  - title: A\n",
            "ngày hỏi",
            (False, None),
            (2, "thiếu date: (ngày hỏi)."),
        ),
        (
            "items:\n  - title: A\n    date: 31/02/2026\n",
            "",
            (False, None),
            (3, 'ngày "31/02/2026" không có thật. Viết dạng 12/02/2026.'),
        ),
    ],
)
def test_a_date_is_read_on_its_line(text, missing, expected, problem):
    reader = RecordReader()
    raw, _ = _first_record(text, reader)
    assert reader.date(raw, "date", "12/02/2026", missing) == expected
    if problem is None:
        assert reader.problems == []
    else:
        [found] = reader.problems
        line, message = problem
        assert (found.line, found.field, found.message) == (line, "date", message)


@pytest.mark.parametrize(
    ("written", "ok", "words"),
    [
        ("data/Scan 2026-01-20.pdf", True, ""),
        ("", True, ""),
        ("data/Scan 2026-01-20.jpg", False, "phải có đuôi .pdf"),
        ("../ngoai.pdf", False, "nằm ngoài content/"),
        ("data/khong-co.pdf", False, "ví dụ data/du-toan.pdf"),
    ],
)
def test_a_file_is_found_under_content(tmp_path, written, ok, words):
    content = tmp_path / "content"
    (content / "data").mkdir(parents=True)
    (content / "data" / "Scan 2026-01-20.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "ngoai.pdf").write_bytes(b"%PDF-1.4\n")
    reader = RecordReader(content)
    raw, _ = _first_record(f'items:\n  - title: A\n    file: "{written}"\n', reader)
    found_ok, found = reader.file(raw, "file", (".pdf",), "data/du-toan.pdf")
    assert found_ok == ok
    if ok:
        assert reader.problems == []
        assert found == ((content / written).resolve() if written else None)
    else:
        [problem] = reader.problems
        assert (problem.line, problem.field) == (3, "file") and words in problem.message


LIST_HELP = "tệp phải là danh sách bình luận."


@pytest.mark.parametrize(
    ("text", "empty_ok", "count", "problem"),
    [
        ("- author: A\n- author: B\n", False, 2, None),
        ("", True, 0, None),  # comments not yet written
        ("", False, None, (1, LIST_HELP)),
        ("\nauthor: A\n", True, None, (2, LIST_HELP)),
        ("- author: A\n  - author: B\n", False, None, (2, "không đúng cú pháp YAML")),
    ],
)
def test_a_list_file(text, empty_ok, count, problem):
    tree, problems = read_list(text, LIST_HELP, empty_ok)
    if problem is None:
        assert problems == [] and len(tree) == count
    else:
        assert tree is None
        [found] = problems
        line, words = problem
        assert found.line == line and words in found.message
