"""A save that changed only bodies is analysed from the last analysis
(wardtools.check.analyse_edit): it must find exactly what analysing the whole
site again finds, for every post and page of the sample site and every kind
of body, and decline (None) whatever else changed."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.checkkit import site_settings
from tests.sitekit import copy_sample_content
from ward_core.placeholders import BODY_PLACEHOLDERS, BODY_TEMPLATE
from wardtools.check import SiteAnalysis, analyse_edit, analyse_site

BODIES: dict[str, Callable[[str], str]] = {
    "a sentence": lambda body: body + "\nMột câu mới thêm vào cuối bài.\n",
    "make new's sample lines": lambda body: body + BODY_TEMPLATE,
    "a sample line only": lambda _body: BODY_PLACEHOLDERS[1] + "\n",
    "emptied": lambda _body: "",
    "links, a photo, a table, a gallery": lambda body: (
        "[Bài trước](/ra-quan-ngay-chu-nhat-xanh/) và [Zalo](https://zalo.me/x)\n\n"
        '![Ảnh hội nghị (1)](IMG_20260120_083015.jpg "Hội nghị")\n\n'
        "| Khu phố | Số hộ |\n| --- | --- |\n| 1 | 120 |\n\n[gallery]\n\n" + body
    ),
    "a header in the body": lambda body: (
        body + "\n---\ntitle: Không phải đầu bài\n---\n"
    ),
    "pasted from Word": lambda body: body.replace("\n", "\r\n") + "\u200b\u00a0\n",
}


def _analysis(settings) -> SiteAnalysis:
    sources, problems = analyse_site(settings)
    assert sources is not None
    return SiteAnalysis(sources, problems)


def _sources(content: Path) -> list[Path]:
    return sorted(content.rglob("*.md"))


def _split(text: str) -> tuple[str, str]:
    """(the `---` header with its lines, the body)."""
    end = text.index("\n---", 3) + len("\n---\n")
    return text[:end], text[end:]


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_a_body_edit_finds_what_the_whole_site_finds(tmp_path, body):
    content = copy_sample_content(tmp_path / "content")
    settings = site_settings(content)
    previous = _analysis(settings)
    edited = 0
    edited_paths: set[Path] = set()
    for path in _sources(content):
        original = path.read_text(encoding="utf-8")
        if not original.startswith("---\n"):
            continue
        header, old_body = _split(original)
        path.write_text(header + body(old_body), encoding="utf-8", newline="")
        found = analyse_edit(previous, [str(path)])
        assert found is not None, path
        whole = _analysis(settings)
        assert found.problems == whole.problems, path
        assert [f.body for f in found.sources.files] == [
            f.body for f in whole.sources.files
        ]
        # What the checkers parsed of the other posts stands for the build;
        # of this one, its last version's is dropped (and the last analysis
        # keeps its own).
        assert path.resolve() in previous.sources.file_facts["ward_gallery"]
        edited_paths.add(path.resolve())
        assert found.sources.file_facts.keys() == whole.sources.file_facts.keys()
        for plugin, facts in found.sources.file_facts.items():
            assert set(facts) == set(whole.sources.file_facts[plugin]) - edited_paths
        assert found.sources.facts.keys() == whole.sources.facts.keys()
        previous = found  # edits in a row, each from the one before
        edited += 1
    assert edited >= 6
    if body is BODIES["make new's sample lines"]:
        marked = [p for p in previous.problems if "chữ mẫu" in p.message]
        assert len(marked) >= 3 * edited  # the test sees what it compares


def test_the_editors_proposed_body_finds_what_the_whole_site_finds(tmp_path):
    """The editor checks a save before writing it: the proposed text is read
    instead of the file, and nothing is written."""
    content = copy_sample_content(tmp_path / "content")
    settings = site_settings(content)
    previous = _analysis(settings)
    post = next(p for p in _sources(content) if "posts" in p.parts)
    before = post.read_bytes()
    header, body = _split(before.decode("utf-8"))
    proposed = {post: header + body + BODY_TEMPLATE}
    found = analyse_edit(previous, [post], proposed)
    _sources_read, problems = analyse_site(settings, content, proposed)
    assert found is not None and found.problems == problems
    assert any("chữ mẫu" in p.message for p in problems)
    assert post.read_bytes() == before


def _change_header(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: ", "title: Sửa ", 1), encoding="utf-8")


def _break_header(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: ", "title: [", 1), encoding="utf-8")


def _no_yaml(path: Path) -> None:
    _header, body = _split(path.read_text(encoding="utf-8"))
    path.write_text("Title: Bài cũ\nDate: 2023-04-27\n\n" + body, encoding="utf-8")


def _reorder_header_lines(path: Path) -> None:
    header, body = _split(path.read_text(encoding="utf-8"))
    lines = header.split("\n")
    lines[1], lines[2] = lines[2], lines[1]
    path.write_text("\n".join(lines) + body, encoding="utf-8")


DECLINED: dict[str, Callable[[Path, Path], list[Path]]] = {
    "a header field": lambda content, post: _change_header(post) or [post],
    "header lines moved": lambda content, post: _reorder_header_lines(post) or [post],
    "bad YAML": lambda content, post: _break_header(post) or [post],
    "no YAML header": lambda content, post: _no_yaml(post) or [post],
    "the file deleted": lambda content, post: post.unlink() or [post],
    "a new post": lambda content, post: [
        _write(content / "posts/2024/bai-moi/index.md", post.read_text("utf-8"))
    ],
    "a data file": lambda content, post: [
        _write(content / "data/gioi-thieu.yml", "dien_tich: 7,5 km²\n", append=True)
    ],
    "a photo": lambda content, post: [
        _write(post.parent / "IMG_2026_0001.jpg", "not a photo")
    ],
    "a body and a header": lambda content, post: [
        _write(post, "\nCâu mới.\n", append=True),
        _write_header(content),
    ],
}


def _write(path: Path, text: str, append: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    old = path.read_text(encoding="utf-8") if append and path.exists() else ""
    path.write_text(old + text, encoding="utf-8")
    return path


def _write_header(content: Path) -> Path:
    other = _sources(content)[-1]
    _change_header(other)
    return other


@pytest.mark.parametrize("change", DECLINED.values(), ids=DECLINED.keys())
def test_any_other_change_is_left_to_the_whole_site(tmp_path, change):
    content = copy_sample_content(tmp_path / "content")
    previous = _analysis(site_settings(content))
    post = next(p for p in _sources(content) if "posts" in p.parts)
    changed = change(content, post)
    assert analyse_edit(previous, [str(p) for p in changed]) is None


def test_nothing_changed_is_no_edit(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    previous = _analysis(site_settings(content))
    assert analyse_edit(previous, []) is None


def test_a_whole_analysis_takes_the_unchanged_files_from_the_last(tmp_path):
    """ward_core.sources.load_sources(known=…): the preview's worker and the
    editor analyse the whole site again after a header edit, parsing only the
    files changed since; what they find is what a fresh analysis finds."""
    content = copy_sample_content(tmp_path / "content")
    settings = site_settings(content)
    previous = _analysis(settings)
    post = next(p for p in _sources(content) if "posts" in p.parts)
    text = post.read_text(encoding="utf-8")
    # The same size, another letter (a title fixed): told by the time.
    start = text.index("\ntitle: ") + len("\ntitle: ")
    letter = next(
        i for i in range(start, len(text)) if text[i].isascii() and text[i].isalpha()
    )
    edited = text[:letter] + "Z" + text[letter + 1 :]
    assert len(edited.encode()) == len(text.encode()) and edited != text
    post.write_text(edited, encoding="utf-8")
    stat = post.stat()
    os.utime(post, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))

    sources, problems = analyse_site(settings, known=previous.sources)
    assert sources is not None
    fresh_problems = analyse_site(settings)[1]
    assert problems == fresh_problems
    old = {source.path: source for source in previous.sources.files}
    for source in sources.files:
        assert (source is old[source.path]) == (source.path != post), source.shown
    assert "Z" in sources.file_at(post).header["title"]

    # A proposed text is taken again only for the same text.
    proposed = {post: text}
    with_text, _ = analyse_site(settings, proposed=proposed, known=sources)
    again, _ = analyse_site(settings, proposed=proposed, known=with_text)
    assert again.file_at(post) is with_text.file_at(post)
    other, _ = analyse_site(settings, proposed={post: text + "\n"}, known=with_text)
    assert other.file_at(post) is not with_text.file_at(post)


def test_a_file_reported_changed_is_read_again_with_the_same_size_and_time(tmp_path):
    """A one-letter fix saved twice within a FAT or network drive's 2 s keeps
    the size and the time: the watcher's word that it changed is enough."""
    content = copy_sample_content(tmp_path / "content")
    previous = _analysis(site_settings(content))
    post = next(p for p in _sources(content) if "posts" in p.parts)
    stat = post.stat()
    text = post.read_text(encoding="utf-8")
    header, body = _split(text)
    assert "a" in body
    post.write_text(header + body.replace("a", "o", 1), encoding="utf-8", newline="")
    os.utime(post, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert post.stat().st_size == stat.st_size

    found = analyse_edit(previous, [str(post)])
    assert found is not None
    assert found.sources.file_at(post).body == body.replace("a", "o", 1)
