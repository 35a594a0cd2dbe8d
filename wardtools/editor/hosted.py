"""`python -m wardtools editor-bundle`: the editor for a site hosted on a Git
forge, written into the built site (output/quan-tri/) by the CI workflow.

There Decap writes straight to the repository (GitLab, Gitea/Forgejo with PKCE
login, or GitHub through an OAuth helper) instead of our local backend, so the
parts our server does are done by the collections themselves: the address is a
field the officer fills once, and editor-hosted.js's
formats read and write posts, links and comments (sort date, status words,
root lists, the files' "#" comments). Nothing is
published unless the CI build (`make publish`) accepts the content.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

from .. import PROJECT
from ..content_index import add_site_options, site_from_args
from .documents import SORT_FIELD
from .web import (
    STATIC,
    decap_dist,
    editor_available,
    how_to_enable_editor,
    in_table_order,
    post_choices,
    site_categories,
)

BACKENDS = ("gitlab", "gitea", "github")
# The comment queue's decisions are made by the local server. The weekly
# sections (schedules, Q&A, budget, notices, procurement) are mapping files
# Decap writes as they are; the CI build checks them as it checks posts, and its
# report carries their notes (a downtime announced late) instead of the save.
LOCAL_ONLY_COLLECTIONS = ("comment_queue",)
# Files whose root is a list: read and written by editor-hosted.js's formats.
LIST_FORMATS = {"comments": "ward-comments", "data": "ward-links"}
# Posts through editor-hosted.js too: it adds the sort date and keeps comments.
POSTS_FORMAT = "ward-posts"
# Where editor-hosted.js keeps a file's "#" comment lines to write them back.
KEPT_COMMENTS = {
    "label": "Ghi chú trong tệp",
    "name": "ghi_chu_tep",
    "widget": "hidden",
    "required": False,
}
JS_YAML = Path("node_modules") / "js-yaml" / "dist" / "js-yaml.min.js"


class BundleError(Exception):
    pass


def hosted_config(
    backend: str,
    repo: str,
    branch: str = "main",
    app_id: str = "",
    base_url: str = "",
    site_url: str = "",
    categories: list[str] | None = None,
    post_options: list[dict[str, str]] | None = None,
) -> dict:
    config = in_table_order(
        yaml.safe_load((STATIC / "config.yml").read_text(encoding="utf-8"))
    )
    settings: dict = {"name": backend, "repo": repo, "branch": branch}
    if backend in ("gitlab", "gitea"):
        if not app_id:
            raise BundleError(
                f"{backend} cần --app-id (mã ứng dụng OAuth tạo trong phần cài đặt tài khoản)."
            )
        settings.update(auth_type="pkce", app_id=app_id)
    if base_url:
        settings["base_url"] = base_url.rstrip("/")
        if backend == "gitea":
            settings["api_root"] = base_url.rstrip("/") + "/api/v1"
    config["backend"] = settings
    if site_url:
        config["site_url"] = config["display_url"] = site_url
    config["collections"] = [
        c for c in config["collections"] if c["name"] not in LOCAL_ONLY_COLLECTIONS
    ]
    posts = next(c for c in config["collections"] if c["name"] == "posts")
    posts["slug"] = "{{fields.slug}}"
    # No server here: the ISO date the list sorts on (newest first) is added
    # by the posts format in the browser, and never written.
    posts["format"] = POSTS_FORMAT
    posts["fields"] = [*posts["fields"], KEPT_COMMENTS]
    posts.pop("preview_path", None)
    for field in posts["fields"]:
        if field["name"] == "slug":
            field.update(
                label="Địa chỉ bài (chữ thường, không dấu, nối bằng -; không đổi sau khi đăng)",
                widget="string",
                required=True,
                pattern=[
                    "^[a-z0-9]+(-[a-z0-9]+)*$",
                    "Ví dụ: doan-vien-ra-quan-don-duong",
                ],
            )
        if field["name"] == "category":
            field["options"] = list(categories or [])
    for collection in config["collections"]:
        collection.pop("preview_path", None)
        if collection["name"] == "comments":
            _hosted_comments(collection, post_options or [])
        if collection["name"] == "data":
            # Only links.yml, in its list format; the other data files (leaders,
            # procedures) stay with the local editor. Decap takes a files
            # collection's format from the collection, not from each file.
            collection["format"] = LIST_FORMATS["data"]
            collection["files"] = [
                dict(
                    file,
                    format=LIST_FORMATS["data"],
                    fields=[*file["fields"], KEPT_COMMENTS],
                )
                for file in collection["files"]
                if file["file"] == "content/data/links.yml"
            ]
    return config


def _hosted_comments(collection: dict, posts: list[dict[str, str]]) -> None:
    """Existing comments files by name; a new one made by choosing its post."""
    collection.update(
        format=LIST_FORMATS["comments"],
        create=True,
        identifier_field="post",
        slug="{{fields.post}}",
        summary="{{filename}}",
    )
    collection.pop("sortable_fields", None)
    collection["description"] = (
        "Mỗi tệp là bình luận của một bài (tên tệp là địa chỉ bài). Bài chưa có bình "
        "luận: bấm thêm mới và chọn bài."
    )
    choose_post = {
        "label": "Bài viết (chỉ chọn khi thêm mới)",
        "name": "post",
        "widget": "select",
        "required": False,
        "options": posts,
    }
    collection["fields"] = [
        *(
            choose_post if field["name"] == "post" else field
            for field in collection["fields"]
            if field["name"] not in ("title", SORT_FIELD)
        ),
        KEPT_COMMENTS,
    ]


def write_bundle(output: Path, config: dict, project: Path = PROJECT) -> Path:
    if not editor_available(project):
        raise BundleError(how_to_enable_editor())
    target = output / "quan-tri"
    shutil.rmtree(target, ignore_errors=True)
    (target / "decap").mkdir(parents=True)
    for file in STATIC.iterdir():  # the page and every script and style of ours
        if file.suffix in (".html", ".js", ".css") and file.name != "no-node.html":
            shutil.copy2(file, target / file.name)
    # js-yaml (a dependency of Decap's, same pinned lock) for editor-hosted.js.
    shutil.copy2(project / JS_YAML, target / JS_YAML.name)
    page = (target / "index.html").read_text(encoding="utf-8")
    page = page.replace(
        '<script src="editor.js">',
        f'<script src="{JS_YAML.name}"></script>\n  <script src="editor.js">',
    )
    (target / "index.html").write_text(page, encoding="utf-8")
    for file in decap_dist(project).iterdir():
        # What the browser loads (decap-cms.js, its chunks and wasm) and the
        # licence notice; not the source maps nor the second "cms" build.
        if file.name.endswith(".map") or file.name.startswith("cms."):
            continue
        if file.is_file() and not file.name.endswith(".cms.js"):
            shutil.copy2(file, target / "decap" / file.name)
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    (target / "config.yml").write_text(text, encoding="utf-8")
    return target


def run(args) -> int:
    try:
        settings, content = site_from_args(args)
        config = hosted_config(
            args.backend,
            args.repo,
            args.branch,
            args.app_id,
            args.base_url,
            args.site_url,
            site_categories(settings, content),
            post_choices(settings, content),
        )
        target = write_bundle(Path(args.output), config)
    except BundleError as exc:
        print(f"Không tạo được trình soạn: {exc}", file=sys.stderr)
        return 1
    print(f"Đã ghi trình soạn bài vào {target} (mở <địa chỉ trang>/quan-tri/).")
    return 0


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "editor-bundle",
        help="ghi trình soạn bài cho trang đặt trên GitLab/Gitea/GitHub vào thư mục đã xây dựng",
        description="Chép trình soạn bài (Decap CMS) vào <THƯ_MỤC>/quan-tri/ với cấu hình "
        "lưu bài thẳng vào kho Git. Dùng trong quy trình CI sau make publish.",
    )
    parser.add_argument(
        "output", metavar="THƯ_MỤC", help="thư mục trang đã xây dựng (output)"
    )
    parser.add_argument(
        "--backend", choices=BACKENDS, required=True, help="nơi đặt kho Git"
    )
    parser.add_argument(
        "--repo", required=True, metavar="CHỦ/KHO", help="ví dụ phuong/trang-tin"
    )
    parser.add_argument(
        "--branch", default="main", metavar="NHÁNH", help="mặc định: main"
    )
    parser.add_argument(
        "--app-id", default="", metavar="MÃ", help="mã ứng dụng OAuth (PKCE)"
    )
    parser.add_argument(
        "--base-url",
        default="",
        metavar="ĐỊA_CHỈ",
        help="máy chủ GitLab/Gitea riêng hoặc trợ giúp OAuth của GitHub",
    )
    parser.add_argument(
        "--site-url", default="", metavar="ĐỊA_CHỈ", help="địa chỉ trang chính thức"
    )
    add_site_options(parser)
    parser.set_defaults(handler=run)
