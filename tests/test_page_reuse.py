"""`make html` renders again only the pages whose inputs changed (ward_core.reuse),
and the output is byte for byte what a build from nothing gives."""

from __future__ import annotations

import os

from tests.sitekit import copy_sample_content, run_build, tree_digest

POST = "posts/2023/ra-quan-chu-nhat-xanh/index.md"
PAGE = "ra-quan-ngay-chu-nhat-xanh-don-ve-sinh-kenh-rach/index.html"
HOME = "index.html"
# Both builds compared below must date the site the same way.
REPRODUCIBLE = {"SOURCE_DATE_EPOCH": "1700000000"}


def mtimes(output) -> dict[str, int]:
    return {
        os.path.relpath(os.path.join(folder, name), output): os.stat(
            os.path.join(folder, name)
        ).st_mtime_ns
        for folder, _, names in os.walk(output)
        for name in names
        if name.endswith(".html")
    }


def build(content, output):
    built = run_build(content, output, env=REPRODUCIBLE)
    assert built.ok, built.log
    return built


def from_nothing(content, tmp_path, name):
    """The same content built with no previous output to take pages from."""
    return tree_digest(build(content, tmp_path / name).output)


def test_a_body_edit_renders_one_page_and_gives_the_same_site(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    output = tmp_path / "output"
    build(content, output)
    before = mtimes(output)

    post = content / POST
    post.write_text(post.read_text() + "\nMột đoạn thêm vào cuối bài.\n")
    edited = build(content, output)
    after = mtimes(output)
    changed = {name for name in after if after[name] != before.get(name)}
    assert PAGE in changed and HOME not in changed
    kept = len(after) - len(changed)
    assert "không đổi, giữ từ lần trước" in edited.log and kept > 40, edited.log
    assert tree_digest(output) == from_nothing(content, tmp_path, "fresh")


def test_a_title_edit_renders_every_page_again(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    output = tmp_path / "output"
    build(content, output)
    before = mtimes(output)

    post = content / POST
    post.write_text(post.read_text().replace("title: ", "title: Tin mới – ", 1))
    edited = build(content, output)
    after = mtimes(output)
    assert all(after[name] != before.get(name) for name in after)
    assert "giữ từ lần trước" not in edited.log
    assert "Tin mới –" in (output / HOME).read_text()
    assert tree_digest(output) == from_nothing(content, tmp_path, "fresh")


def test_a_page_changed_by_hand_in_the_output_is_rendered_again(tmp_path):
    """The record says what the build left; anything else is not reused."""
    content = copy_sample_content(tmp_path / "content")
    output = tmp_path / "output"
    build(content, output)
    home = output / HOME
    home.write_text(home.read_text().replace("</body>", "<!-- sửa tay --></body>"))
    removed = output / "chuyen-muc" / "index.html"
    removed.unlink()

    post = content / POST
    post.write_text(post.read_text() + "\nThêm một câu.\n")
    build(content, output)
    assert "sửa tay" not in home.read_text()
    assert removed.is_file()
    assert tree_digest(output) == from_nothing(content, tmp_path, "fresh")


def test_force_renders_everything_and_a_failed_build_keeps_the_record(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    output = tmp_path / "output"
    build(content, output)
    record = tmp_path / ".output-pages.json"
    saved = record.read_bytes()

    post = content / POST
    original = post.read_text()
    post.write_text(original.replace("date: ", "date: 31/02/2023 #", 1))
    failed = run_build(content, output, env=REPRODUCIBLE)
    assert not failed.ok
    assert record.read_bytes() == saved

    post.write_text(original + "\nThêm một câu.\n")
    forced = run_build(content, output, env=REPRODUCIBLE, extra=["--force"])
    assert forced.ok and "giữ từ lần trước" not in forced.log
