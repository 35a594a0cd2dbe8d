"""A province of three wards and a broken one, made as a province's IT centre
makes it (`ward province init`, `ward init` per ward, wards.yml), for the
province tests: the runner itself (test_province.py) and the GitLab pipeline
it generates run by gitlab-ci-local (test_province_ci.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.browserkit import serve_directory

WARDS = {
    "tan-an": "Phường Tân An",
    "an-binh": "Phường An Bình",
    "cai-khe": "Phường Cái Khế",
}
BROKEN = "thoi-an"
BROKEN_NAME = "Phường Thới An"
PORTAL = "https://cantho.gov.vn"
PROVINCE = "Thành phố Cần Thơ"
# The province's own site, built by `ward province site` beside the wards' folders.
OVERVIEW_PAGES = ("index.html", "danh-ba/index.html", "tim-kiem/index.html")


def wards_yml(mode: str, sources: str) -> str:
    lines = [
        f'province: "{PROVINCE}"',
        f"mode: {mode}",
        f'portal: "{PORTAL}"',
        'domain: "cantho.gov.vn"',
        "wards:",
    ]
    for slug, name in [*WARDS.items(), (BROKEN, BROKEN_NAME)]:
        lines += [
            f"  - slug: {slug}",
            f'    name: "{name}"',
            f"    source: {sources}/{slug}",
            f'    address: "Số 1 đường {name}"',
            '    phone: "0292 3820 111"',
            f'    email: "ubnd.{slug}@cantho.gov.vn"',
            "    former_units:",
            f'      - {{name: "{name} cũ", address: "Ấp {slug}"}}',
        ]
    return "\n".join(lines) + "\n"


def make_province(root: Path, ward) -> None:
    """The province repository in `root`: its wards under phuong/, one of them
    with a post whose title misses its closing quote. `ward(cwd, *args)` runs
    the engine's command line."""
    result = ward(root, "province", "init", ".", "--province", PROVINCE)
    assert result.returncode == 0, result.stderr
    for slug, name in [*WARDS.items(), (BROKEN, BROKEN_NAME)]:
        result = ward(
            root,
            "init",
            f"phuong/{slug}",
            "--yes",
            "--ward",
            name,
            "--province",
            PROVINCE,
            "--email",
            f"ubnd.{slug}@cantho.gov.vn",
        )
        assert result.returncode == 0, result.stderr
    broken = root / "phuong" / BROKEN / "content" / "posts" / "bai-loi.md"
    broken.write_text(
        '---\ntitle: "Bài chưa đóng ngoặc\ndate: 2026-01-20\n---\nx\n', "utf-8"
    )
    (root / "wards.yml").write_text(wards_yml("subpath", "phuong"), "utf-8")
    result = ward(root, "province", "ci")
    assert result.returncode == 0, result.stderr


def search_rows(page, public: Path, query: str) -> list[list[str]]:
    """[title, ward label, href] of each result of the province's search page
    served from `public`, once at least one result per ward is shown. (Locator
    waits: the page's Content-Security-Policy refuses evaluated strings.)"""
    with serve_directory(public) as base:
        page.goto(base + "/tim-kiem/")
        page.fill("#tu-khoa", query)
        page.click("#tim-tinh button")
        results = page.locator("#ket-qua-tinh li")
        results.nth(len(WARDS) - 1).wait_for(timeout=90_000)
        return [
            [
                row.locator("a").text_content(),
                row.locator(".phuong").text_content(),
                row.locator("a").get_attribute("href"),
            ]
            for row in results.all()
        ]


def git_commit_all(root: Path) -> None:
    """The province's files as one commit (gitlab-ci-local reads the repository)."""
    who = ["-c", "user.name=CNTT", "-c", "user.email=cntt@cantho.gov.vn"]
    message = ["-m", "Các phường của tỉnh"]
    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "-A"],
        ["commit", "-q", *message],
    ):
        subprocess.run(["git", *who, *args], cwd=root, check=True, capture_output=True)


def overview_home(public: Path):
    from bs4 import BeautifulSoup

    return BeautifulSoup((public / "index.html").read_text("utf-8"), "html.parser")


def assert_newest_post_of_each_ward(public: Path, bases=None) -> None:
    """The overview's section of each built ward starts with its newest post,
    linked at the ward's own address (`bases`: slug → address, the portal's
    sub-paths unless given); the broken ward's says it has no feed."""
    home = overview_home(public)
    for slug, name in WARDS.items():
        section = home.select_one(f'section[data-phuong="{slug}"]')
        link = section.select_one("li a")
        assert link.text == f"Ra mắt trang tin điện tử {name}"
        base = (bases or {}).get(slug, f"{PORTAL}/{slug}")
        assert link["href"].startswith(f"{base}/")
    if bases:
        return
    broken = home.select_one(f'section[data-phuong="{BROKEN}"]')
    assert "chưa có bản tin" in broken.text


def assert_a_post_of_each_ward_found(rows: list[list[str]]) -> None:
    """`search_rows` holds each ward's first post, labelled by its ward."""
    found = {label: title for title, label, _ in rows}
    for name in WARDS.values():
        assert found.get(name) == f"Ra mắt trang tin điện tử {name}", rows
    assert all(href.startswith(PORTAL + "/") for _, _, href in rows)
