"""Summaries for lists and feeds: the post's running text, never its tables or photos.

Every post gets one, and a post runs to 700 words while a summary keeps 50: the
HTML is read as a stream and reading stops once the summary is full, rather
than building a whole document tree per post (that was 8 % of a cold build).
"""

from __future__ import annotations

from html.parser import HTMLParser

from markupsafe import escape

# Whole blocks a summary leaves out: tables read as cells run together,
# photos and captions are not text, code is not prose.
SKIPPED = frozenset(
    ("table", "figure", "picture", "img", "pre", "script", "style", "iframe")
)
BLOCKS = frozenset(("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dd", "dt"))
LISTS = frozenset(("ul", "ol"))
# Elements without an end tag: they open nothing.
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)


class _SummaryFullError(Exception):
    """The summary has its words (and one more, to know it was cut)."""


class _RunningText(HTMLParser):
    """The visible prose, as words: text inside SKIPPED elements is dropped,
    every text node is its own words (as if the text of an element were joined
    with spaces), and a list outside a paragraph becomes one sentence, "việc
    một; việc hai; việc ba."."""

    def __init__(self, wanted: int) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.wanted = wanted
        self.skipped = ""  # the SKIPPED element being left out, and how
        self.skipping = 0  # deep it nests in itself (a table in a table)
        self.blocks = 0  # depth inside BLOCKS (lists there are plain text)
        self.lists = 0  # depth inside a list taken as a sentence
        self.items: list[list[str]] = []  # that list's items, as words

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in VOID:
            return
        if self.skipping:
            # Only its own kind counts: a <td> never closed inside a skipped
            # table must not leave the rest of the post skipped.
            self.skipping += tag == self.skipped
            return
        if tag in SKIPPED:
            self.skipped, self.skipping = tag, 1
            return
        if tag in LISTS and (self.lists or not self.blocks):
            self.lists += 1
        elif tag == "li" and self.lists == 1:
            self.items.append([])
        elif tag in BLOCKS and not self.lists:
            self.blocks += 1

    def handle_startendtag(self, tag: str, attrs) -> None:
        pass  # <br/>, <img/>: nothing opens

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.skipping:
            self.skipping -= tag == self.skipped
            return
        if tag in LISTS and self.lists:
            self.lists -= 1
            if not self.lists:
                self._list_sentence()
        elif tag in BLOCKS and self.blocks and not self.lists:
            self.blocks -= 1

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        words = data.split()
        if not words:
            return
        if self.lists:
            if self.items:  # text between items, outside any <li>, is not shown
                self.items[-1] += words
            return
        self._add(words)

    def _list_sentence(self) -> None:
        items = [" ".join(words).rstrip(";,.") for words in self.items if words]
        self.items = []
        items = [item for item in items if item]
        if items:
            self._add(("; ".join(items) + ".").split())

    def _add(self, words: list[str]) -> None:
        self.words += words
        if len(self.words) > self.wanted:
            raise _SummaryFullError

    def close(self) -> None:
        super().close()
        if self.lists:  # a list left open at the end still counts
            self.lists = 0
            self._list_sentence()


def plain_summary(html: str, max_words: int, suffix: str = "…") -> str:
    """At most `max_words` words of running text as one HTML paragraph ("" if none)."""
    reader = _RunningText(max_words)
    try:
        reader.feed(html or "")
        reader.close()
    except _SummaryFullError:
        pass
    words = reader.words
    if not words:
        return ""
    text = " ".join(words[:max_words])
    if len(words) > max_words:
        text += suffix
    return f"<p>{escape(text)}</p>"
