"""The editor's file shapes: what Decap is given and what is written back."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from ward_frontmatter.schema import validate_front_matter

from tests.sitekit import SAMPLE_CONTENT
from ward_core.yamltree import parse_yaml_text, split_front_matter
from wardtools.editor.documents import (
    DocumentError,
    data_for_disk,
    for_editor,
    post_for_disk,
)

SAMPLE_POSTS = sorted((SAMPLE_CONTENT / "posts").rglob("*.md"))


def as_decap_writes_it(editor_text: str) -> str:
    """Decap parses the front matter and serialises it again its own way."""
    split = split_front_matter(editor_text)
    values = yaml.safe_load(split.front_matter)
    dumped = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=60)
    return f"---\n{dumped}---\n{split.body}"


def front_matter(text: str):
    split = split_front_matter(text)
    return parse_yaml_text(split.front_matter, split.first_line)


@pytest.mark.parametrize("path", SAMPLE_POSTS, ids=lambda p: p.stem)
def test_sample_posts_round_trip_through_the_editor(path: Path):
    original = path.read_text(encoding="utf-8")
    api_path = "content/" + str(path.relative_to(SAMPLE_CONTENT))
    written = post_for_disk(as_decap_writes_it(for_editor(api_path, original)), {})
    before, after = front_matter(original), front_matter(written)
    assert validate_front_matter(after).problems == []
    # The officer's own fields keep their (documented) order.
    assert [k for k in after if k in before] == [k for k in before if k in after]
    assert set(after) == set(before) | {"status"}
    for key in ("title", "category", "tags", "summary", "plan", "location"):
        assert after.get(key) == before.get(key)
    old_values = validate_front_matter(before).values
    new_values = validate_front_matter(after).values
    assert new_values["date"] == old_values["date"]
    assert new_values.get("officials") == old_values.get("officials")
    assert new_values.get("documents") == old_values.get("documents")
    assert split_front_matter(written).body.strip() == (
        split_front_matter(original).body.strip()
    )
    assert "!!" not in written and "'" not in written.split("---")[1]


def test_document_files_and_attachments_round_trip_through_the_editor():
    original = (
        "---\ntitle: Tin\ndate: 01/06/2023\ncategory: Thông báo\ndocuments:\n"
        "  - number: 342/KH-UBND\n    date: 24/04/2023\n    file: ke-hoach-342.pdf\n"
        "attachments:\n  - mau-don.docx\n  - file: danh-sach.xlsx\n"
        "    title: Danh sách hộ\n---\nNội dung.\n"
    )
    editor = as_decap_writes_it(for_editor("content/posts/tin.md", original))
    written = post_for_disk(editor, {})
    before = validate_front_matter(front_matter(original)).values
    after = validate_front_matter(front_matter(written))
    assert after.problems == []
    assert after.values["documents"] == before["documents"]
    assert after.values["attachments"] == before["attachments"]


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("2024-03-15 08:00", "15/03/2024 08:00"),
        ("2024-3-5", "05/03/2024"),
        ("15/03/2024 08:00", "15/03/2024 08:00"),
        ("5/3/2024", "5/3/2024"),  # already the officer's form: kept as typed
    ],
)
def test_dates_are_written_as_officers_type_them(typed, written):
    raw = f"---\ntitle: Tin\ndate: '{typed}'\n---\nNội dung.\n"
    assert f"\ndate: {written}\n" in post_for_disk(raw, {})


@pytest.mark.parametrize(
    ("value", "line"),
    [
        ("Ra quân: ngày 1", 'title: "Ra quân: ngày 1"'),
        ("#1 tin", 'title: "#1 tin"'),
        ("yes", 'title: "yes"'),
        ("2024", 'title: "2024"'),
        ('Ra quân "Ngày xanh"', 'title: Ra quân "Ngày xanh"'),
        ("- gạch", 'title: "- gạch"'),
    ],
)
def test_titles_are_quoted_only_when_yaml_needs_it(value, line):
    raw = "---\n" + yaml.safe_dump({"title": value}, allow_unicode=True) + "---\n"
    text = post_for_disk(raw, {})
    assert f"\n{line}\n" in text
    assert front_matter(text)["title"] == value


def test_fixed_fields_fill_only_what_is_missing():
    raw = "---\ntitle: Tin\nslug: dia-chi-cu\n---\n"
    text = post_for_disk(raw, {"slug": "dia-chi-moi", "status": "draft"})
    assert "slug: dia-chi-cu\n" in text and "status: draft\n" in text


def test_unreadable_front_matter_is_a_vietnamese_refusal():
    with pytest.raises(DocumentError, match="phần đầu"):
        post_for_disk("không có phần đầu", {})
    with pytest.raises(DocumentError):
        data_for_disk("content/data/links.yml", "groups: [", None)
