"""The data files' shared prologue (ward_core.datafile): a file that is one
mapping, or one mapping holding a list, read or refused with one problem that
names the line and says what the file must look like."""

from __future__ import annotations

import pytest

from ward_core.datafile import read_keyed_list, read_mapping

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
