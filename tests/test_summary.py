"""The streaming summary (ward_core.summary) says what the whole-tree reading of
the same HTML says: the definition below is the one the project had, kept
here as the oracle, and both read real bodies (the sample site, the bench's
realistic posts) and the awkward HTML pasted posts carry."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup, NavigableString, Tag
from markupsafe import escape

from bench.realistic import make_realistic_corpus
from tests.sitekit import PROJECT
from ward_core.summary import BLOCKS, SKIPPED, plain_summary


def _tree_blocks(root: Tag) -> list[str]:
    found: list[str] = []
    for child in root.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a comment or doctype
                found += [" ".join(str(child).split())]
        elif child.name in SKIPPED:
            continue
        elif child.name in ("ul", "ol"):
            items = [
                " ".join(li.get_text(" ").split()).rstrip(";,.")
                for li in child.find_all("li", recursive=False)
            ]
            items = [item for item in items if item]
            if items:
                found.append("; ".join(items) + ".")
        elif child.name in BLOCKS:
            found.append(" ".join(child.get_text(" ").split()))
        else:
            found += _tree_blocks(child)
    return found


def tree_summary(html: str, max_words: int, suffix: str = "…") -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(SKIPPED):
        tag.decompose()
    words = " ".join(_tree_blocks(soup)).split()
    if not words:
        return ""
    text = " ".join(words[:max_words]) + (suffix if len(words) > max_words else "")
    return f"<p>{escape(text)}</p>"


def _bodies(tmp_path: Path) -> list[str]:
    convert = markdown.Markdown(extensions=["extra"]).convert
    sources = sorted((PROJECT / "content" / "posts").rglob("*.md"))
    corpus = make_realistic_corpus(tmp_path / "corpus", 60)
    sources += sorted((corpus / "posts").rglob("*.md"))
    bodies = []
    for path in sources:
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("\n---", 1)[-1]
        bodies.append(convert(text))
    return bodies


def test_the_stream_reads_real_bodies_as_the_tree_does(tmp_path):
    bodies = _bodies(tmp_path)
    assert len(bodies) > 60
    for body in bodies:
        for words in (5, 50, 5000):
            assert plain_summary(body, words) == tree_summary(body, words), body[:300]


@pytest.mark.parametrize(
    "html",
    [
        "<p>Mở đầu.</p><table><tr><td>ô không đóng<tr><td>ô hai</table><p>Sau bảng.</p>",
        "<ul>chữ lạc<li>mục <b>đậm</b></li></ul>",
        "<ul><li><p>đoạn trong mục</p><ul><li>mục con</li></ul></li></ul><p>hết</p>",
        "<blockquote><ul><li>trích</li><li>dẫn</li></ul></blockquote>",
        "<div><section><p>Lồng <i>nhau</i></p>chữ rời</section></div>",
        "Hà<b>Nội</b> &amp; <!-- ghi chú --> Cần&nbsp;Thơ<br>mới<br/>dòng",
        "<figure><img src=a.jpg><figcaption>Chú thích</figcaption></figure>Nội dung",
        "<table><tr><td><table><tr><td>lồng</td></tr></table>vẫn bảng</td></tr></table>x",
        "<p>không đóng<p>đoạn hai",
        "<script>var a = '<p>không</p>';</script><p>có</p>",
        "",
        "<ul><li>",
    ],
)
def test_the_stream_reads_awkward_html_as_the_tree_does(html):
    for words in (1, 3, 50):
        assert plain_summary(html, words) == tree_summary(html, words)


def test_an_item_left_open_ends_where_the_next_begins():
    # As a browser reads it (the tree reading nested "hai" inside "một").
    html = "<ul><li>một<li>hai</li><li>ba;</li></ul><p>tiếp</p>"
    assert plain_summary(html, 50) == "<p>một; hai; ba. tiếp</p>"
