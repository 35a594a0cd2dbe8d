"""The hosted site's CI turns `make check` into a Vietnamese report the officer
reads (job summary, issue or commit comment), not only a CI log."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.sitekit import PROJECT, copy_sample_content
from ward_core.problems import Problem
from wardtools.ci_report import field_labels, report_markdown

TITLES = {"content/posts/2024/bai/index.md": "Hội nghị tổng kết năm 2024"}


@pytest.mark.parametrize(
    ("problem", "line"),
    [
        (
            Problem(
                "content/posts/2024/bai/index.md", 3, "date", "ngày không có thật."
            ),
            "- **Bài «Hội nghị tổng kết năm 2024», dòng 3, trường «Ngày giờ»**: "
            "ngày không có thật.",
        ),
        (
            Problem("content/posts/2024/bai/index.md", 0, "plan", "thiếu số."),
            "- **Bài «Hội nghị tổng kết năm 2024», trường «Kế hoạch / quyết định "
            "thực hiện»**: thiếu số.",
        ),
        (
            Problem("content/data/links.yml", 7, "", "địa chỉ | lạ\n  xuống dòng"),
            "- **Tệp content/data/links.yml, dòng 7**: địa chỉ \\| lạ xuống dòng",
        ),
        (Problem("", 0, "", "thiếu SITEURL."), "- **Tệp cấu hình**: thiếu SITEURL."),
    ],
)
def test_each_problem_is_named_by_title_line_and_label(problem, line):
    report = report_markdown(
        [problem], TITLES, field_labels(), "https://p.vn/quan-tri/"
    )
    assert report.startswith("## Trang chưa được cập nhật: nội dung có 1 lỗi\n")
    assert "https://p.vn/quan-tri/" in report
    assert line in report.splitlines()


def test_notes_alone_do_not_stop_publishing():
    note = Problem(
        "content/posts/2024/bai/index.md", 2, "", "chưa có chuyên mục.", False
    )
    report = report_markdown([note], TITLES, field_labels())
    assert report.startswith("## Nội dung hợp lệ")
    assert "### Lưu ý (không chặn việc đăng)" in report
    assert "Lỗi cần sửa" not in report


def test_the_command_writes_the_summary_and_fails_on_errors(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    post = content / "posts" / "2024" / "hop-to-dan-pho" / "index.md"
    post.parent.mkdir(parents=True)
    post.write_text(
        "---\ntitle: Họp tổ dân phố số 5 về an ninh trật tự\n"
        "date: 31/02/2024 08:00\ncategory: Tin hoạt động\n---\nNội dung.\n",
        encoding="utf-8",
    )
    summary = tmp_path / "summary.md"
    summary.write_text(
        "# Bước trước\n", encoding="utf-8"
    )  # appended to, as GitHub does
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "wardtools",
            "ci-report",
            "--content",
            str(content),
            "--summary",
            str(summary),
            "--note",
            str(tmp_path / "note.md"),
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith(
        "# Bước trước\n## Trang chưa được cập nhật: nội dung có 1 lỗi"
    )
    assert (
        "- **Bài «Họp tổ dân phố số 5 về an ninh trật tự», dòng 3, trường «Ngày giờ»**"
        in text
    )
    assert "Traceback" not in result.stderr
    assert (tmp_path / "note.md").read_text(encoding="utf-8") == text.split("\n", 1)[1]
    post.write_text(post.read_text().replace("31/02", "28/02"), encoding="utf-8")
    fixed = subprocess.run(
        [
            sys.executable,
            "-m",
            "wardtools",
            "ci-report",
            "--content",
            str(content),
            "--summary",
            str(tmp_path / "ok.md"),
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert fixed.returncode == 0, fixed.stdout
    assert (
        (tmp_path / "ok.md")
        .read_text(encoding="utf-8")
        .startswith("## Nội dung hợp lệ")
    )


@pytest.mark.parametrize("template", ["github-pages.yml", "gitlab-ci.yml"])
def test_the_ci_templates_call_the_report_with_options_it_has(template):
    import argparse
    import re

    from wardtools import ci_report

    parser = argparse.ArgumentParser()
    ci_report.add_parser(parser.add_subparsers())
    known = set(
        parser._subparsers._group_actions[0].choices["ci-report"]._option_string_actions
    )
    text = (PROJECT / "deploy" / "ci" / template).read_text(encoding="utf-8")
    call = (
        text[text.index("wardtools ci-report") :].split("||")[0].split("\n      - ")[0]
    )
    used = set(re.findall(r"(--[a-z-]+)", call))
    assert used and used <= known, used - known
    assert "ci-report.md" in call
