"""`python -m wardtools ci-report`: the content checks (`make check`) as a
Vietnamese report for the officer, for CI on a Git forge (hosted editor).

In hosted mode the officer saves in the browser and a CI job builds the site;
a refused build used to show only in the CI log. This writes the same problems
as Markdown for the job summary (GitHub's $GITHUB_STEP_SUMMARY) and for a
comment the workflow posts (GitHub issue or commit comment, GitLab commit
note): each problem by post title, field label and line, with what to do.
The exit status is 1 when an error stops publishing, as `make check`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

import yaml

from ward_core.problems import Problem

from .check import check_site
from .content_index import add_site_options, iter_posts, site_from_args
from .editor.web import STATIC

# What the officer sees instead of the front matter key (the editor's labels).
FALLBACK_LABELS = {"date": "Ngày giờ", "title": "Tiêu đề"}


def field_labels(config_file: Path = STATIC / "config.yml") -> dict[str, str]:
    """Front matter key -> the label of its field in the editor's posts form."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    posts = next(c for c in config["collections"] if c["name"] == "posts")
    labels = dict(FALLBACK_LABELS)
    for field in posts["fields"]:
        labels[field["name"]] = str(field.get("label", field["name"])).split(" (")[0]
    return labels


def _line(problem: Problem, titles: dict[str, str], labels: dict[str, str]) -> str:
    title = titles.get(problem.path)
    where = f"Bài «{title}»" if title else f"Tệp {problem.path or 'cấu hình'}"
    if problem.line:
        where += f", dòng {problem.line}"
    if problem.field:
        where += f", trường «{labels.get(problem.field, problem.field)}»"
    message = " ".join(problem.message.split()).replace("|", "\\|")
    return f"- **{where}**: {message}"


def report_markdown(
    problems: Iterable[Problem],
    titles: dict[str, str],
    labels: dict[str, str],
    editor_url: str = "",
) -> str:
    """The report: errors (nothing published) first, then notes."""
    problems = list(problems)
    errors = [p for p in problems if p.error]
    notes = [p for p in problems if not p.error]
    where = f" tại {editor_url}" if editor_url else ""
    if errors:
        parts = [
            f"## Trang chưa được cập nhật: nội dung có {len(errors)} lỗi\n",
            "Các bài đã lưu vẫn nằm trong kho, nhưng trang tin chưa đăng bản mới. "
            f"Mở trình soạn bài{where}, sửa từng chỗ dưới đây rồi lưu lại; trang "
            "tự đăng khi hết lỗi.\n",
            "### Lỗi cần sửa\n",
            *(_line(p, titles, labels) for p in errors),
        ]
    else:
        parts = ["## Nội dung hợp lệ: trang tin đã được cập nhật\n"]
    if notes:
        parts += ["", "### Lưu ý (không chặn việc đăng)\n"]
        parts += [_line(p, titles, labels) for p in notes]
    return "\n".join(parts) + "\n"


def post_titles(settings: dict, content: Path) -> dict[str, str]:
    """Each post's title by the path problems show for it."""
    from ward_core.paths import display_path

    return {
        display_path(str(post.path.resolve())): str(post.title)
        for post in iter_posts(content, settings)
        if post.title
    }


def run(args) -> int:
    settings, content = site_from_args(args)
    problems = check_site(settings, content, final=True)
    text = report_markdown(
        problems, post_titles(settings, content), field_labels(), args.editor_url
    )
    summary = args.summary or os.environ.get("GITHUB_STEP_SUMMARY", "")
    for target in (summary, args.note):
        if target:
            with open(target, "a", encoding="utf-8") as stream:
                stream.write(text)
    sys.stdout.write(text)
    return 1 if any(p.error for p in problems) else 0


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "ci-report",
        help="kiểm tra nội dung và viết báo cáo tiếng Việt cho CI (GitHub, GitLab)",
        description="Như make check, nhưng viết báo cáo Markdown cho người soạn bài: "
        "tên bài, trường, dòng và cách sửa. Dùng trong quy trình CI (deploy/ci/).",
    )
    add_site_options(parser)
    parser.add_argument(
        "--summary",
        default="",
        metavar="TỆP",
        help="tệp tóm tắt của bước CI (mặc định: $GITHUB_STEP_SUMMARY nếu có)",
    )
    parser.add_argument(
        "--note",
        default="",
        metavar="TỆP",
        help="ghi thêm báo cáo vào tệp này (để gửi thành bình luận, ghi chú)",
    )
    parser.add_argument(
        "--editor-url",
        default="",
        metavar="ĐỊA_CHỈ",
        help="địa chỉ trình soạn bài, ví dụ https://phuong.example/quan-tri/",
    )
    parser.set_defaults(handler=run)
