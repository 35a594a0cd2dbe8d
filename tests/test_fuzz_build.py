"""Fuzzing real content files (issue 16): posts, comments and links, mutated as
bytes and as YAML structure.

Two levels:
- the readers in-process (text decoding, YAML, front matter schema, comments,
  links): many examples, each must end in a value or the reader's own Vietnamese
  problem, within a second;
- whole builds in a subprocess bounded by resource.setrlimit (memory, CPU) and
  a timeout: exit 0, or exit ≠ 0 with every error naming a file under content/,
  output/ unchanged, and never a traceback or an English exception name.

CI=true runs the short profile (a few builds); locally the profile is longer.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
import time
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from ward_comments.model import parse_comments
from ward_frontmatter.schema import validate_front_matter
from ward_links.model import parse_links_file

from tests.checkkit import errors_of
from tests.limitkit import FORBIDDEN, assert_officer_output, build_limited
from tests.sitekit import SAMPLE_CONTENT, tree_digest
from ward_core.problems import SiteError
from ward_core.textfile import decode_text, read_text
from ward_core.yamltree import YamlSyntaxError, parse_yaml_text, split_front_matter

IN_CI = bool(os.environ.get("CI"))
READER_EXAMPLES = 150 if IN_CI else 1500
BUILD_EXAMPLES = 16 if IN_CI else 80

# The real files the officer edits most, as the fuzzer's starting points.
TARGETS = {
    "post": "posts/2023/doi-thoai-chinh-trang-do-thi/index.md",
    "plain_post": "posts/2024/trao-qua-tet-ho-ngheo.md",
    "page": "pages/quy-che-trang-tin.md",
    "comments": "comments/chu-tich-ubnd-phuong-doi-thoai-voi-nhan-dan-ve-chinh-trang-do-thi-nam-2023.yml",
    "links": "data/links.yml",
}
ORIGINALS = {name: (SAMPLE_CONTENT / rel).read_bytes() for name, rel in TARGETS.items()}

# What officers, copy-paste from Word/Zalo, Macs, Windows and attackers insert.
SNIPPETS = [
    b"&a ",
    b"*a",
    b"&a [*a, *a, *a]",
    b"<<: *a",
    b"[" * 40,
    b"{" * 40,
    b"\x00",
    b"\x07",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\r",
    b"\r\n",
    b"\t",
    b":",
    b": ",
    b"- ",
    b"---\n",
    b"...\n",
    b'"',
    b"'",
    b"#",
    b"!!python/object/apply:os.system ['true']",
    b"? ",
    b"|",
    b">-",
    b"%YAML 1.1\n",
    "Hòa Thuận – Chủ tịch".encode(),
    unicodedata.normalize("NFD", "Hòa Thuận – Chủ tịch UBND").encode(),
    "Thông báo".encode("cp1258", "replace"),
    ("Kế hoạch tổng kết " * 30).encode(),
    b"x" * 4000,
    b"../../../../etc/passwd",
    b"<script>alert(1)</script>",
    b"![anh](khong-co.jpg)",
    b"[gallery]",
    b"https://",
    b"\xe1\xba",
    b"1e999",
    b"9999-99-99",
    b"31/02/2023",
    "\u202e\u200b\ufeff".encode(),
]

_SNIPPET = st.sampled_from(SNIPPETS)


@st.composite
def byte_mutation(draw, data: bytes) -> bytes:
    """A few edits at random places: insert, delete, replace, duplicate, cut."""
    for _ in range(draw(st.integers(1, 4))):
        size = len(data)
        at = draw(st.integers(0, size))
        kind = draw(
            st.sampled_from(["insert", "snippet", "delete", "flip", "dup", "cut"])
        )
        if kind == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=12)) + data[at:]
        elif kind == "snippet":
            data = data[:at] + draw(_SNIPPET) + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 40)) :]
        elif kind == "flip" and size:
            at = min(at, size - 1)
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
        elif kind == "dup":
            end = min(size, at + draw(st.integers(1, 200)))
            data = data[:end] + data[at:end] * draw(st.integers(1, 5)) + data[end:]
        elif kind == "cut":
            data = data[:at]
    return data


@st.composite
def line_mutation(draw, data: bytes) -> bytes:
    """YAML structure by lines: re-indent, duplicate, drop or swap lines."""
    lines = data.split(b"\n")
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, max(0, len(lines) - 1)))
        kind = draw(st.sampled_from(["indent", "dedent", "dup", "drop", "swap"]))
        if kind == "indent":
            lines[index] = b" " * draw(st.integers(1, 6)) + lines[index]
        elif kind == "dedent":
            lines[index] = lines[index].lstrip()
        elif kind == "dup":
            lines.insert(index, lines[index])
        elif kind == "drop" and len(lines) > 1:
            del lines[index]
        elif kind == "swap" and len(lines) > 1:
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
    return b"\n".join(lines)


_LEAF = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "true", "null", "27/04/2023", "0", "~", "-1", "1e999"]),
    st.text(alphabet="Hòa Thuận–:-/ \u0301\u0300", max_size=300),
)
_VALUE = st.recursive(
    _LEAF,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=10), inner, max_size=4),
    ),
    max_leaves=12,
)


@st.composite
def structure_mutation(draw, data: bytes, name: str) -> bytes:
    """Replace or add a value in the YAML tree, then write it back as YAML."""
    text = data.decode("utf-8")
    prefix, body, yaml_text = "", "", text
    if name in ("post", "plain_post", "page"):
        split = split_front_matter(text)
        yaml_text, body = split.front_matter or "", split.body
        prefix = "---\n"
    tree = yaml.safe_load(yaml_text)
    if isinstance(tree, dict) and tree:
        key = draw(st.sampled_from([*sorted(tree), "gallery", "slug", "officials"]))
        tree[key] = draw(_VALUE)
    elif isinstance(tree, list) and tree:
        index = draw(st.integers(0, len(tree) - 1))
        tree[index] = draw(_VALUE)
    dumped = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)
    if prefix:
        return (prefix + dumped + "---\n" + body).encode("utf-8")
    return dumped.encode("utf-8")


@st.composite
def mutated(draw, name: str) -> bytes:
    data = ORIGINALS[name]
    kind = draw(st.sampled_from(["bytes", "lines", "structure"]))
    if kind == "bytes":
        return draw(byte_mutation(data))
    if kind == "lines":
        return draw(line_mutation(data))
    return draw(structure_mutation(data, name))


# --- Readers, in-process ----------------------------------------------------------

NOW = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def _assert_vietnamese_problem(message: str) -> None:
    assert not FORBIDDEN.search(message), message


@settings(
    max_examples=READER_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_readers_never_raise_on_mutated_files(data):
    name = data.draw(st.sampled_from(sorted(TARGETS)))
    raw = data.draw(mutated(name))
    started = time.monotonic()
    try:
        text = decode_text(raw)
    except UnicodeDecodeError:
        return  # read_text turns this into the Vietnamese message (tested below)
    if name == "comments":
        for problem in parse_comments(text, NOW).problems:
            _assert_vietnamese_problem(problem.message)
    elif name == "links":
        for problem in parse_links_file(text, SAMPLE_CONTENT).problems:
            _assert_vietnamese_problem(problem.message)
    else:
        try:
            split = split_front_matter(text)
            if split.front_matter is not None:
                tree = parse_yaml_text(split.front_matter, split.first_line)
                validated = validate_front_matter(tree)
                for problem in validated.problems:
                    _assert_vietnamese_problem(problem.message)
        except YamlSyntaxError as exc:
            _assert_vietnamese_problem(exc.problem.message)
    assert time.monotonic() - started < 2.0


@settings(max_examples=min(READER_EXAMPLES, 200), deadline=None)
@given(raw=st.binary(max_size=2000))
def test_read_text_names_the_file_or_returns_nfc_text(raw):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bai.md"
        path.write_bytes(raw)
        try:
            text = read_text(path)
        except SiteError as exc:
            assert str(path) in exc.officer_message
            _assert_vietnamese_problem(exc.officer_message)
            return
    assert "\r" not in text and unicodedata.is_normalized("NFC", text)


# --- Whole builds, bounded --------------------------------------------------------

_ERROR_LINE = re.compile(r"^\s+\d+\. (.*)$", re.MULTILINE)


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory):
    """Sample content built once (photos cached for every later build)."""
    root = tmp_path_factory.mktemp("fuzz")
    content = shutil.copytree(SAMPLE_CONTENT, root / "content")
    build = build_limited(content, root / "output", cache=root / "cache")
    assert build.ok, build.log
    return root


@settings(
    max_examples=BUILD_EXAMPLES,
    deadline=None,
    # Each example is a whole build: report the failing files as drawn.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(data=st.data())
def test_builds_of_mutated_files_end_cleanly_within_bounds(fuzz_root, data):
    content = fuzz_root / "content"
    output = fuzz_root / "output"
    names = data.draw(
        st.lists(st.sampled_from(sorted(TARGETS)), min_size=1, max_size=3, unique=True)
    )
    try:
        for name in names:
            (content / TARGETS[name]).write_bytes(data.draw(mutated(name)))
        before = tree_digest(output) if output.is_dir() else None
        build = build_limited(
            content,
            output,
            cache=fuzz_root / "cache",
            memory_mb=1536,
            cpu_seconds=60,
            timeout=90,
        )
        assert build.seconds < 60, build.log
        assert_officer_output(build)
        # make check and the build never disagree on whether the site is good.
        checked = errors_of(content)
        assert build.ok == (not checked), f"check: {checked}\nbuild:\n{build.log}"
        if build.ok:
            return
        errors = _ERROR_LINE.findall(build.stderr)
        assert errors, build.log
        # The header counts what it lists.
        header = re.search(r"XÂY DỰNG THẤT BẠI: (\d+) lỗi", build.stderr)
        assert header and int(header.group(1)) == len(errors), build.log
        for error in errors:
            assert str(content) in error, f"an error naming no file:\n{build.log}"
        assert output.is_dir() and tree_digest(output) == before, "output changed"
    finally:
        for name in names:
            (content / TARGETS[name]).write_bytes(ORIGINALS[name])
