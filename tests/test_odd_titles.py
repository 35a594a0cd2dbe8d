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


def test_an_emoji_only_title_builds_at_the_address_check_gives(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    write_post(
        content,
        "posts/2024/le-hoi.md",
        "---\ntitle: 🎉🎉🎉\ndate: 01/06/2024 08:00\ncategory: Tin hoạt động\n---\n\n"
        "Ngày hội thiếu nhi.\n",
    )
    assert not [p for p in problems_of(content) if p.error]
    build = run_build(content, tmp_path / "output")
    assert build.ok, build.log
    assert "Attempted" not in build.log
    address = address_of("", "🎉🎉🎉")
    assert "Ngày hội thiếu nhi" in build.html(f"{address}/").get_text()
