"""With the engine installed from its wheel: a province of three wards (and one broken) built by `ward province build`
with a bounded number of workers, its CI matrices, its overview page from
the wards' feeds, the merged search, and every ward's links at its own
address (sub-path of the portal, or its own subdomain)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.browserkit import serve_directory
from tests.enginekit import install_engine
from tests.provincekit import (
    BROKEN,
    OVERVIEW_PAGES,
    PORTAL,
    PROVINCE,
    WARDS,
    assert_a_post_of_each_ward_found,
    assert_newest_post_of_each_ward,
    make_province,
    overview_home,
    search_rows,
    wards_yml,
)
from tests.sitekit import vnu_errors
from tests.test_portal import AXE_RUN
from tests.test_theme_browser import AXE
from ward_core.problems import SiteError
from ward_engine.province import read_province

# The engine the province runs: installed from this checkout's wheel (set by
# the module fixture); the test environment's own engine until then.
ENGINE = {"python": Path(sys.executable), "env": None}


def ward(cwd: Path, *args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ENGINE["python"]), "-m", "wardtools", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env or ENGINE["env"],
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    """(root, build result): three wards and a broken one, built two at a time."""
    ENGINE["python"], ENGINE["env"] = install_engine(tmp_path_factory.mktemp("engine"))
    root = tmp_path_factory.mktemp("tinh")
    make_province(root, ward)
    summary = root / "tom-tat.md"
    env = dict(ENGINE["env"], GITHUB_STEP_SUMMARY=str(summary))
    built = ward(root, "province", "build", "--workers", "2", env=env)
    site = ward(root, "province", "site")
    assert site.returncode == 0, site.stderr
    return root, built


@pytest.mark.slow
def test_a_broken_ward_fails_only_its_own_build(province):
    root, built = province
    assert built.returncode == 1
    for slug, name in WARDS.items():
        assert (root / "public" / slug / "index.html").is_file()
        assert re.search(rf"{name}\s+xong\s+[\d.]+s\s+\d+ MB", built.stdout), (
            built.stdout
        )
    assert re.search(r"Phường Thới An\s+LỖI", built.stdout)
    # One line as each ward finishes, then the table.
    assert re.search(r"^\[[1-4]/4\] Phường Thới An: LỖI \(", built.stdout, re.M)
    assert len(re.findall(r"^\[[1-4]/4\] ", built.stdout, re.M)) == 4
    assert not (root / "public" / BROKEN / "index.html").exists()
    report = (root / "bao-cao" / f"{BROKEN}.txt").read_text("utf-8")
    assert "content/posts/bai-loi.md:2" in report and "ngoặc kép" in report
    assert "XÂY DỰNG THẤT BẠI" not in (root / "bao-cao" / "tan-an.txt").read_text(
        "utf-8"
    )
    assert "content/posts/bai-loi.md:2" in (root / "tom-tat.md").read_text("utf-8")
    assert "Traceback" not in built.stdout + built.stderr


@pytest.mark.slow
def test_ci_files_run_one_job_per_ward_with_its_own_cache(province):
    root, _ = province
    slugs = [*WARDS, BROKEN]
    gitlab = yaml.safe_load((root / ".gitlab-ci.yml").read_text("utf-8"))
    assert gitlab["phuong"]["parallel"]["matrix"] == [{"PHUONG": slugs}]
    assert gitlab["phuong"]["cache"]["paths"] == [".cache/$PHUONG/"]
    assert gitlab["phuong"]["artifacts"]["when"] == "always"
    assert gitlab["tong-hop"]["when"] == "always"
    for workflow in (".github/workflows/tinh.yml", ".forgejo/workflows/tinh.yml"):
        actions = yaml.safe_load((root / workflow).read_text("utf-8"))
        job = actions["jobs"]["phuong"]
        assert job["strategy"]["matrix"]["phuong"] == slugs
        assert job["strategy"]["fail-fast"] is False
        steps = " ".join(str(step) for step in job["steps"])
        assert (
            "ward province build --only" in steps
            and ".cache/${{ matrix.phuong }}" in steps
        )


@pytest.mark.slow
def test_overview_lists_each_wards_newest_post_and_the_directory(province):
    root, _ = province
    public = root / "public"
    assert_newest_post_of_each_ward(public)
    home = overview_home(public)
    labels = {span.text for span in home.select(".tin-moi .phuong")}
    assert labels == set(WARDS.values())
    # Built by the engine with the ward theme: its header, menu and stylesheet.
    assert home.select_one("header.site-header .brand-name").text == PROVINCE
    menu = [a.text for a in home.select("#menu-chinh a")]
    assert "Danh bạ phường, xã" in menu
    assert home.select_one('link[href^="./theme/css/site.css"]') is not None
    directory = BeautifulSoup(
        (public / "danh-ba" / "index.html").read_text("utf-8"), "html.parser"
    )
    for slug, name in [*WARDS.items(), (BROKEN, "Phường Thới An")]:
        row = directory.select_one(f'tr[data-phuong="{slug}"]')
        assert f"Số 1 đường {name}" in row.text and f"{name} cũ (Ấp {slug})" in row.text
        assert row.select_one('a[href="tel:02923820111"]') is not None
        assert row.select_one(f'a[href="mailto:ubnd.{slug}@cantho.gov.vn"]')
        assert row.select_one(f'th a[href="{PORTAL}/{slug}/"]') is not None


def local_links(public: Path, slug: str, base: str) -> list[str]:
    """Links of a ward's pages to its own address whose file is missing."""
    missing = []
    site = public / slug
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
        for tag in soup.select("[href], [src]"):
            url = tag.get("href") or tag.get("src")
            if not url.startswith(base + "/"):
                continue
            path = urlsplit(url).path.removeprefix(urlsplit(base).path).lstrip("/")
            target = site / path
            if not (target.is_file() or (target / "index.html").is_file()):
                missing.append(f"{html.relative_to(public)} -> {url}")
    return missing


def overview_links(public: Path, bases: dict[str, str]) -> tuple[int, list[str]]:
    """(links checked, links whose file is missing) of the overview's pages:
    relative links inside the overview, links to a built ward's address
    (`bases`: slug → address) in that ward's folder, and the search bundles."""
    checked, missing = 0, []
    here = "https://tinh.invalid/"
    for name in OVERVIEW_PAGES:
        soup = BeautifulSoup((public / name).read_text("utf-8"), "html.parser")
        urls = [
            tag.get("href") or tag.get("src") for tag in soup.select("[href], [src]")
        ]
        found = soup.select_one("#chi-muc")
        urls += (
            [i["bundle"] + "pagefind.js" for i in json.loads(found.text)]
            if found
            else []
        )
        for url in urls:
            absolute = urljoin(here + name, url).split("#")[0].split("?")[0]
            folder, path = None, ""
            if absolute.startswith(here):
                folder, path = public, absolute.removeprefix(here)
            for slug, base in bases.items():
                if absolute == base or absolute.startswith(base + "/"):
                    folder, path = public / slug, absolute.removeprefix(base)
            if folder is None or url.startswith("#"):
                continue
            checked += 1
            target = folder / path.lstrip("/")
            if not (target.is_file() or (target / "index.html").is_file()):
                missing.append(f"{name} -> {url}")
    return checked, missing


@pytest.mark.slow
def test_every_link_resolves_under_the_portal_sub_path(province):
    root, _ = province
    for slug in WARDS:
        assert local_links(root / "public", slug, f"{PORTAL}/{slug}") == []
        sitemap = (root / "public" / slug / "sitemap.xml").read_text("utf-8")
        assert f"<loc>{PORTAL}/{slug}/</loc>" in sitemap
    bases = {slug: f"{PORTAL}/{slug}" for slug in WARDS}
    checked, missing = overview_links(root / "public", bases)
    assert missing == [] and checked > 30


@pytest.mark.slow
def test_wards_on_their_own_subdomains_link_to_themselves(province, tmp_path):
    root, _ = province
    (tmp_path / "wards.yml").write_text(
        wards_yml("subdomain", str(root / "phuong")), "utf-8"
    )
    only = [arg for slug in WARDS for arg in ("--only", slug)]
    built = ward(tmp_path, "province", "build", *only, "--workers", "2")
    assert built.returncode == 0, built.stdout + built.stderr
    site = ward(tmp_path, "province", "site")
    assert site.returncode == 0, site.stdout + site.stderr
    bases = {slug: f"https://{slug.replace('-', '')}.cantho.gov.vn" for slug in WARDS}
    for slug, base in bases.items():
        assert local_links(tmp_path / "public", slug, base) == []
    sitemap = (tmp_path / "public" / "tan-an" / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://tanan.cantho.gov.vn/</loc>" in sitemap
    checked, missing = overview_links(tmp_path / "public", bases)
    assert missing == [] and checked > 30
    assert_newest_post_of_each_ward(tmp_path / "public", bases)


@pytest.mark.slow
@pytest.mark.browser
def test_province_search_finds_a_post_of_each_ward(province, page):
    root, _ = province
    assert_a_post_of_each_ward_found(
        search_rows(page, root / "public", "ra mắt trang tin")
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "province: X\nmode: subdomain\ndomain: a.vn\nwards: []\n",
            "cần danh sách phường",
        ),
        (
            "province: X\nmode: subdomain\ndomain: a.vn\nwards:\n  - {slug: Tân An, name: A, source: a}\n",
            "chữ thường không dấu",
        ),
        (
            "province: X\nmode: subdomain\ndomain: a.vn\nwards:\n"
            "  - {slug: a, name: A, source: a}\n  - {slug: a, name: B, source: b}\n",
            "trùng",
        ),
        (
            "province: X\nmode: subdomain\ndomain: a.vn\nwards:\n  - {slug: a, name: A, source: a, quan: Q1}\n",
            "khóa không dùng được: quan",
        ),
        (
            "province: X\nmode: tenmien\nwards:\n  - {slug: a, name: A, source: a}\n",
            "subpath",
        ),
        (
            "province: X\nmode: subpath\nwards:\n  - {slug: a, name: A, source: a}\n",
            '"portal"',
        ),
        ("province: X\nwards:\n  - {slug: a, name: A}\n", '"source"'),
        (
            "province: X\nmode: subdomain\ndomain: a.vn\nwards:\n  - {slug: tim-kiem, name: A, source: a}\n",
            "phuong-tim-kiem",
        ),
        ('province: "X\nwards: []\n', "ngoặc kép"),
    ],
)
def test_a_wrong_wards_file_names_the_line_and_the_fix(tmp_path, text, expected):
    path = tmp_path / "wards.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SiteError) as caught:
        read_province(path)
    assert expected in caught.value.officer_message
    assert "wards.yml" in caught.value.officer_message


def test_addresses_of_both_modes(tmp_path):
    path = tmp_path / "wards.yml"
    path.write_text(wards_yml("subdomain", "phuong"), encoding="utf-8")
    tinh = read_province(path)
    assert tinh.site_url(tinh.ward("cai-khe")) == "https://caikhe.cantho.gov.vn"
    path.write_text(wards_yml("subpath", "phuong"), encoding="utf-8")
    tinh = read_province(path)
    assert tinh.site_url(tinh.ward("cai-khe")) == "https://cantho.gov.vn/cai-khe"


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize(
    "viewport",
    [
        pytest.param({"width": 360, "height": 740}, id="360"),
        pytest.param({"width": 1280, "height": 900}, id="1280"),
    ],
)
def test_overview_pages_pass_axe(province, browser, viewport):
    """Home, directory and the search with its results (asked from the
    header's search box, ?q=), on a cheap phone and a desktop."""
    root, _ = province
    context = browser.new_context(bypass_csp=True, viewport=viewport)
    tab = context.new_page()
    found = []
    try:
        with serve_directory(root / "public") as base:
            for name in OVERVIEW_PAGES:
                path = name.removesuffix("index.html")
                searching = path == "tim-kiem/"
                tab.goto(
                    f"{base}/{path}" + ("?q=ra+mắt+trang+tin" if searching else "")
                )
                if searching:
                    results = tab.locator("#ket-qua-tinh li")
                    results.nth(len(WARDS) - 1).wait_for(timeout=90_000)
                tab.add_script_tag(path=str(AXE))
                found += [f"{name} {v}" for v in tab.evaluate(AXE_RUN)]
    finally:
        context.close()
    assert found == []


@pytest.mark.slow
def test_overview_pages_are_valid_html(province):
    root, _ = province
    assert vnu_errors([root / "public" / name for name in OVERVIEW_PAGES]) == []
