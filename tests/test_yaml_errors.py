"""YAML mistakes are reported at the line where they start, with the right advice."""

from __future__ import annotations

import pytest

from tests.sitekit import run_build, write_post
from ward_core.yamltree import YamlSyntaxError, parse_yaml_text, split_front_matter

OFFICIALS = "officials:\n  - Ông Nguyễn Văn An – Chủ tịch UBND phường\n"
CASES = [
    # (front matter after the opening ---, line in the file, words of the advice)
    (
        'title: "Thông báo lịch tiếp dân\ndate: 27/04/2023\ncategory: Tin\n',
        2,
        "ngoặc kép",
    ),
    (
        "title: A\ndate: 27/04/2023\ncategory: Tin\ntags: a, b\nlocation: Hội trường\n"
        'attendees: 100\nsummary: x\nplan: "342/KH-UBND ngày 24/04/2023\n'
        + OFFICIALS
        + '  - Bà Lê Thị Bình – "Phó" Chủ tịch\n',
        9,
        "ngoặc kép",
    ),
    ("title: 'Thông báo\ndate: 27/04/2023\n", 2, "nháy đơn"),
    ("title: Thông báo: lịch tiếp dân\ndate: 27/04/2023\n", 2, "dấu hai chấm"),
    ("title: A\nofficials:\n\t- Ông A – Chủ tịch\n", 4, "phím Tab"),
    ("title: A\n" + OFFICIALS + "   - Bà B – Phó\ndate: 27/04/2023\n", 5, "thẳng cột"),
    ("title: A\n" + OFFICIALS + "  Bà B – Phó\ndate: 27/04/2023\n", 5, 'thêm "- "'),
    (
        "title: A\ngallery:\n  - src: a.jpg\n    caption: X\n    src: b.jpg\n",
        6,
        '"- src: …"',
    ),
    ("title: A\ntags: [a, b\ndate: 27/04/2023\n", 3, '"["'),
    ("title: A\nplan: {number: 1/KH\ndate: 27/04/2023\n", 3, '"{"'),
]


@pytest.mark.parametrize(("header", "line", "advice"), CASES)
def test_yaml_mistake_line_and_advice(header, line, advice):
    split = split_front_matter(f"---\n{header}---\nNội dung.\n")
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml_text(split.front_matter, split.first_line)
    assert caught.value.problem.line == line
    assert advice in caught.value.problem.message


def test_quotes_closed_on_their_line_are_fine():
    split = split_front_matter(
        '---\ntitle: \'Ra quân "Ngày xanh"\'\nsummary: "Dòng có \\" bên trong"\n'
        "location: 'Nhà văn hóa khu phố ''Bình An'''\n---\nB\n"
    )
    tree = parse_yaml_text(split.front_matter, split.first_line)
    assert tree["title"] == 'Ra quân "Ngày xanh"'
    assert tree["location"] == "Nhà văn hóa khu phố 'Bình An'"


def test_build_points_at_the_open_quote(tmp_path):
    content = tmp_path / "content"
    write_post(content, "posts/a.md", f"---\n{CASES[1][0]}---\nNội dung.\n")
    build = run_build(content, tmp_path / "out")
    assert build.returncode == 1
    assert "posts/a.md:9:" in build.log and "ngoặc kép" in build.log
    assert "thụt đầu dòng" not in build.log
