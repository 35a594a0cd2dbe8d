"""Property-based tests: random front matter, Unicode, YAML scalars and bytes.

Every example is either accepted or refused with our own clear error: never
another exception (a traceback for the officer), never a hang (the deadline).
The profile is short in CI (HYPOTHESIS_PROFILE=ci, set by conftest when CI=true).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ward_comments.model import parse_comments
from ward_comments.sanitize import comment_html
from ward_frontmatter.bodyclean import clean_body
from ward_frontmatter.docnumbers import DocumentRefError, parse_document_string
from ward_frontmatter.officials import OfficialError, parse_official_string, person_key
from ward_frontmatter.schema import KNOWN_FIELDS, validate_front_matter
from ward_links.model import parse_links_file

from tests.xss import find_injections, parse_like_a_browser
from ward_core.dates import VIETNAM, DateFormatError, parse_vn_datetime
from ward_core.yamltree import (
    YamlSyntaxError,
    parse_yaml_text,
    split_front_matter,
)

NOW = dt.datetime(2024, 6, 1, tzinfo=VIETNAM)

# Vietnamese letters, both compositions, zero-width and direction marks, emoji.
TRICKY = st.sampled_from(
    [
        *"ĐđƯưƠơĂăÂâÊêÔô",
        "\u200b",
        "\u200d",
        "\u200e",
        "\u200f",
        "\u202e",
        "\ufeff",
        "😀",
        "👨‍👩‍👧",
        "a\u0300",
        "e\u0301\u0323",
        ":",
        "-",
        "#",
        "'",
        '"',
        "\t",
        "\n",
        "---",
        "&",
        "*",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=8), TRICKY), max_size=12).map("".join)
NFD_TEXT = TEXT.map(lambda t: unicodedata.normalize("NFD", t))
SCALAR = st.one_of(
    TEXT,
    NFD_TEXT,
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.sampled_from(
        ["012", "NO", "yes", "on", "2023-04-27", "27/04/2023 19:30", "~", "1e3"]
    ),
)
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)
    ),
    max_leaves=10,
)
FIELD = st.one_of(st.sampled_from(sorted(KNOWN_FIELDS)), TEXT)


def _validate_yaml(text: str) -> None:
    try:
        tree = parse_yaml_text(text, 2)
    except YamlSyntaxError as exc:
        assert exc.problem.message and exc.problem.line >= 1
        return
    result = validate_front_matter(tree)
    for problem in result.problems:
        assert problem.message and problem.at("x.md").render().startswith("x.md")


@given(st.dictionaries(FIELD, VALUE, max_size=8))
def test_random_front_matter_is_accepted_or_refused_clearly(data):
    text = yaml.safe_dump(data, allow_unicode=True)
    _validate_yaml(text)


@given(
    st.one_of(
        TEXT,
        NFD_TEXT,
        st.binary(max_size=200).map(lambda b: b.decode("utf-8", "replace")),
    )
)
def test_random_text_as_front_matter(text):
    try:
        split = split_front_matter("---\n" + text + "\n---\nbody\n")
    except YamlSyntaxError:
        return
    _validate_yaml(split.front_matter or "")


@given(TEXT)
def test_document_numbers(text):
    try:
        ref = parse_document_string(text)
    except DocumentRefError as exc:
        assert str(exc)
    else:
        assert ref.number and " " not in ref.number


@given(TEXT)
def test_officials(text):
    try:
        official = parse_official_string(text)
    except OfficialError as exc:
        assert str(exc)
    else:
        assert official.name == unicodedata.normalize("NFC", official.name)
        assert person_key(official.name) == person_key(
            unicodedata.normalize("NFD", official.name)
        )


@given(TEXT)
def test_dates(text):
    try:
        value = parse_vn_datetime(text)
    except DateFormatError as exc:
        assert str(exc)
    else:
        assert value.tzinfo is not None


@given(
    st.one_of(
        TEXT,
        st.dictionaries(TEXT, VALUE, max_size=3).map(
            lambda d: yaml.safe_dump([d], allow_unicode=True)
        ),
    )
)
def test_comment_files(text):
    parsed = parse_comments(text, NOW)
    for problem in parsed.problems:
        assert problem.line >= 0 and problem.message


@given(
    st.one_of(
        TEXT,
        st.lists(st.dictionaries(TEXT, VALUE, max_size=3), max_size=3).map(
            lambda d: yaml.safe_dump(d, allow_unicode=True)
        ),
    )
)
def test_links_files(text):
    parsed = parse_links_file(text, Path("/nonexistent-content"))
    for problem in parsed.problems:
        assert problem.line >= 0 and problem.message


PAYLOADISH = st.lists(
    st.sampled_from(
        [
            "<script>",
            "</script>",
            "<img src=x onerror=alert(1)>",
            "javascript:",
            "<svg onload=x>",
            "&lt;",
            "%3C",
            '"',
            "'",
            ">",
            "<a href='javascript:x'>",
            "https://x.vn/?a=<b>",
            "<iframe>",
            "<!--",
            "-->",
            "<style>",
            "\n\n",
            "<p>",
            "<b>đậm</b>",
        ]
    )
    | TEXT,
    max_size=10,
).map("".join)


@given(PAYLOADISH)
def test_sanitisers_never_let_code_through(text):
    for html in (str(comment_html(text)), clean_body(text)):
        assert find_injections(parse_like_a_browser(html)) == []


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=15)
@given(st.binary(max_size=400))
def test_reader_on_random_bytes(tmp_path, data):
    """Pelican's reader with our front matter: only our clear error may come out."""
    from pelican.settings import read_settings
    from ward_frontmatter.reader import FrontMatterError, WardMarkdownReader

    from tests.sitekit import PROJECT

    settings_ = read_settings(
        str(PROJECT / "pelicanconf.py"), override={"PATH": str(tmp_path)}
    )
    path = tmp_path / "posts" / "x.md"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(b"---\n" + data if data[:1] != b"-" else data)
    reader = WardMarkdownReader(settings_)
    try:
        reader.read(str(path))
    except FrontMatterError as exc:
        assert exc.officer_message
    except Exception as exc:
        pytest.fail(f"{type(exc).__name__}: {exc}")
