"""The benchmark's pure helpers (the bench itself is not a test: `make bench`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bench.hugo import document_term, hugo_post, iso_date, official
from bench.preview import append_sentence, retitle
from bench.realistic import make_realistic_corpus, plan_numbers, realistic_post
from bench.stats import Series, ratio, verdict

PROJECT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("values", "unit", "shown"),
    [
        ([1.5, 1.2, 1.9], "s", "1.50 s (1.20–1.90, n=3)"),
        ([0.21, 0.2], "s", "0.205 s (0.200–0.210, n=2)"),
        ([280.4, 301.2, 290.0], "MiB", "290 MiB (280–301, n=3)"),
        ([], "s", "—"),
    ],
)
def test_series_shows_median_range_and_count(values, unit, shown):
    assert Series(values, unit).describe() == shown


@pytest.mark.parametrize(
    ("value", "limit", "result"),
    [(1.9, 2.0, "met"), (2.0, 2.0, "met"), (2.01, 2.0, "MISSED")],
)
def test_verdict(value, limit, result):
    assert verdict(value, limit) == result


def test_ratio_of_medians_and_missing_peer():
    assert ratio(Series([4.0, 6.0, 5.0]), Series([2.0, 2.5, 3.0])) == 2.0
    assert verdict(ratio(Series([4.0]), Series()), 2.0) == "not measured"


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("14/01/2017 09:30", "2017-01-14T09:30:00+07:00"),
        ("27/04/2023", "2023-04-27T00:00:00+07:00"),
        ("2023-04-27 19:30", "2023-04-27T19:30:00+07:00"),
    ],
)
def test_iso_date(written, iso):
    assert iso_date(written) == iso


def test_official_and_document_terms():
    assert official("Bà Lê Thị Mai – Công chức Văn hóa – Xã hội (chủ trì)") == {
        "honorific": "Bà",
        "name": "Lê Thị Mai",
        "role": "Công chức Văn hóa – Xã hội",
        "presiding": True,
    }
    assert document_term("342/KH-UBND ngày 24/04/2023") == "342/KH-UBND (2023)"
    assert document_term("Nghị định số 34/2021/NĐ-CP") == "34/2021/NĐ-CP (2021)"


def test_a_realistic_post_becomes_valid_hugo_front_matter():
    plans = plan_numbers(40)
    index = next(i for i, plan in enumerate(plans) if plan)
    _, text = realistic_post(index, plans[index])
    converted = hugo_post(text, "fallback")
    _, front, body = converted.split("---", 2)
    values = yaml.safe_load(front)
    assert values["slug"] == f"bai-{index:05d}"
    assert values["date"].endswith("+07:00")
    assert 2 <= len(values["officials"]) <= 4
    assert values["documents"][0].startswith(f"{plans[index][0]}/KH-UBND (")
    assert body.strip() == text.split("---", 2)[2].strip()


def test_edits_keep_the_front_matter_readable(tmp_path):
    _, text = realistic_post(3, None)
    post = tmp_path / "bai.md"
    post.write_text(text, encoding="utf-8")
    retitle(post, "BENCHT1")
    retitle(post, "BENCHT2")
    append_sentence(post, "BENCHB1")
    front = yaml.safe_load(post.read_text(encoding="utf-8").split("---", 2)[1])
    assert front["title"].endswith(" mã BENCHT2")
    assert "BENCHT1" not in front["title"]
    assert post.read_text(encoding="utf-8").rstrip().endswith("mã BENCHB1.")


def test_realistic_corpus_passes_ward_check_without_notes(tmp_path):
    content = make_realistic_corpus(tmp_path, 60)
    result = subprocess.run(
        [sys.executable, "-m", "wardtools", "check", "--content", str(content)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Nội dung hợp lệ" in result.stdout + result.stderr
    # The only notes are the portal's required items this corpus of posts lacks
    # (leaders, procedures…: issue 28), never a note about the posts themselves.
    notes = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.startswith("Lưu ý")
    ]
    assert notes and all("thông tin bắt buộc" in line for line in notes), notes


# A process holding 64 MiB that starts a child holding 64 MiB more, says
# "ready" once both hold it, and keeps it until its stdin closes.
HOLDER = """
import subprocess, sys
held = b"x" * (64 << 20)  # written, so resident
if sys.argv[1:] == ["parent"]:
    child = subprocess.Popen(
        [sys.executable, "-c", CODE], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    child.stdout.readline()
print("ready", flush=True)
sys.stdin.read()
"""


def test_peak_memory_counts_the_whole_process_tree():
    """What a ward's build holds at once: the build and its helpers together
    (ru_maxrss would give only the largest one)."""
    from ward_core.proctree import TreePeak, tree_rss_kib

    code = "CODE = " + repr(HOLDER) + "\n" + HOLDER
    parent = subprocess.Popen(
        [sys.executable, "-c", code, "parent"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert parent.stdout.readline() == "ready\n"
        assert tree_rss_kib(parent.pid) > 2 * 64 * 1024
        with TreePeak(parent.pid) as peak:
            pass
        assert peak.peak_kib > 2 * 64 * 1024
        assert sum(peak.at_peak.values()) == peak.peak_kib
        assert any(name.startswith("python") for name in peak.at_peak), peak.at_peak
    finally:
        parent.stdin.close()
        parent.wait(timeout=60)
    assert tree_rss_kib(parent.pid) == 0
