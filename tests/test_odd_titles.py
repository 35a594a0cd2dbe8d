"""Titles with nothing to make an address of: `make check` and the build give
the same generated address, and the build never stops on Pelican's English."""

from __future__ import annotations

import pytest

from tests.checkkit import problems_of
from tests.sitekit import copy_sample_content, run_build, write_post
from ward_core.slugs import address_of


@pytest.mark.parametrize(
    ("slug", "title", "expected"),
    [
        ("hoi-nghi", "Hội nghị", "hoi-nghi"),
        ("", "🎉🎉🎉", address_of("", "🎉🎉🎉")),
        ("-", "!!! ???", address_of("", "!!! ???")),
    ],
)
def test_an_address_is_never_empty(slug, title, expected):
    address = address_of(slug, title)
    assert address == expected and any(c.isalnum() for c in address)
    assert (
        address_of("", "🎉\u200b🎉🎉") == address_of("", "🎉🎉🎉") or title != "🎉🎉🎉"
    )


def test_odd_titles_build_as_check_says(tmp_path):
    """An emoji-only title at its generated address; a right-to-left override
    (U+202E) and other invisible controls never published, on any page."""
    content = copy_sample_content(tmp_path / "content")
    write_post(
        content,
        "posts/2024/le-hoi.md",
        "---\ntitle: 🎉🎉🎉\ndate: 01/06/2024 08:00\ncategory: Tin hoạt động\n---\n\n"
        "Ngày hội thiếu nhi.\n",
    )
    write_post(
        content,
        "posts/2024/thong-bao.md",
        '---\ntitle: "Thông báo \u202elịch\u202c tiếp\u2066 công dân\u2069"\n'
        "date: 02/06/2024 08:00\ncategory: Tin hoạt động\nofficials:\n"
        '  - "Ông Lê Văn\u200b Hải \u2013 Chủ tịch UBND phường"\n---\n\nNội dung.\n',
    )
    assert not [p for p in problems_of(content) if p.error]
    build = run_build(content, tmp_path / "output")
    assert build.ok, build.log
    assert "Attempted" not in build.log
    address = address_of("", "🎉🎉🎉")
    assert "Ngày hội thiếu nhi" in build.html(f"{address}/").get_text()
    page = build.html("thong-bao-lich-tiep-cong-dan/").get_text()
    assert "Thông báo lịch tiếp công dân" in page and "Lê Văn Hải" in page
    for html in (tmp_path / "output").rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert not any(c in text for c in "\u202a\u202b\u202d\u202e\u2066\u2069"), html
