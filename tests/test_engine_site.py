"""A ward's site made by `ward init`, run by the engine installed from its
wheel in a fresh virtual environment (offline): it builds, publishes under
its own address, serves the editor without Node.js, and takes one template
and the stylesheet from its own theme/ folder."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.browserkit import free_port
from tests.enginekit import (
    build_wheel,
    engine_source,
    fresh_venv,
    install_engine,
    offline_env,
    run,
)
from wardtools.site_init import default_site_address, parse_former

ANSWERS = [
    "--yes",
    "--ward",
    "Phường Tân An",
    "--province",
    "Thành phố Cần Thơ",
    "--address",
    "Số 3 đường Hai Bà Trưng, phường Tân An",
    "--email",
    "ubnd.tanan@example.gov.vn",
    "--former",
    "Phường An Cư (cũ) | Số 9 đường Ngô Quyền",
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    """(python, env) of a fresh environment with the wheel of this checkout."""
    return install_engine(tmp_path_factory.mktemp("engine"))


def init_here(cwd: Path, *args: str, input: str | None = None):
    """`ward init …` with the test environment's engine, in `cwd`."""
    return subprocess.run(
        [sys.executable, "-m", "wardtools", "init", *args],
        cwd=cwd,
        input=input,
        capture_output=True,
        text=True,
        stdin=None if input is not None else subprocess.DEVNULL,
    )


def ward(engine, folder: Path, *args: str):
    python, env = engine
    return run(python, ["-m", "wardtools", *args], folder, env)


def page(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize(
    ("name", "province", "address"),
    [
        ("Phường Hòa Thuận", "Thành phố Cần Thơ", "https://hoathuan.cantho.gov.vn"),
        ("Xã Đắk Mar", "Tỉnh Quảng Ngãi", "https://dakmar.quangngai.gov.vn"),
        ("Phường Sài Gòn", "TP. Hồ Chí Minh", "https://saigon.hochiminh.gov.vn"),
        ("Đặc khu Phú Quốc", "Tỉnh An Giang", "https://phuquoc.angiang.gov.vn"),
        ("Phường", "", ""),
    ],
)
def test_default_site_address_follows_the_provinces_pattern(name, province, address):
    assert default_site_address(name, province) == address


def test_former_unit_is_name_bar_address():
    unit = parse_former("  Phường  An Cư (cũ) |Số 9  đường Ngô Quyền ")
    assert (unit.name, unit.address) == ("Phường An Cư (cũ)", "Số 9 đường Ngô Quyền")
    assert parse_former("Xã Mỹ Khánh").address == ""


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "ghi-chu.txt").write_text("của phường")
    result = init_here(tmp_path, "site", *ANSWERS)
    assert result.returncode == 1 and "không ghi đè" in result.stderr
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["ghi-chu.txt"]


def test_init_without_ward_name_says_what_to_write(tmp_path):
    result = init_here(tmp_path, "site", "--yes")
    assert result.returncode == 1 and "--ward" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "site").exists()


@pytest.mark.slow
def test_a_new_ward_site_builds_publishes_serves_and_overrides(engine, tmp_path):
    result = ward(engine, tmp_path, "init", "phuong-tan-an", *ANSWERS)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "phuong-tan-an"
    owned = sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
    )
    assert "pelicanconf.py" in owned and "requirements.txt" in owned
    assert ".gitlab-ci.yml" in owned and ".github/workflows/trang.yml" in owned
    assert not any(p.startswith(("plugins/", "theme/", "ward_core/")) for p in owned)
    assert (site / "requirements.txt").read_text().splitlines()[
        -1
    ] == "ward-engine==0.2.0"
    settings = (site / "pelicanconf.py").read_text(encoding="utf-8")
    assert (
        "from ward_engine.defaults import *" in settings and "PLUGINS" not in settings
    )

    result = ward(engine, site, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    # The contacts given to init are the contact page; the check lists what the
    # ward still has to write, with the law for each, and not what it gave.
    said = result.stdout + result.stderr
    assert '"Thông tin liên hệ"' not in said
    assert '"Lịch sử, truyền thống văn hóa": chưa có (căn cứ: Nghị định' in said
    # The site's own Makefile, with the engine's environment as its .venv.
    python, env = engine
    make = subprocess.run(
        ["make", "check", f"VENV={python.parent.parent}"],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
    )
    assert make.returncode == 0, make.stdout + make.stderr
    assert "Nội dung hợp lệ" in make.stdout
    result = ward(engine, site, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    home = page(site / "output" / "index.html")
    assert "Phường Tân An" in home.title.text
    contact = page(site / "output" / "trang" / "lien-he" / "index.html")
    assert "ubnd.tanan@example.gov.vn" in contact.select_one("article").get_text()
    about = page(site / "output" / "trang" / "gioi-thieu" / "index.html").get_text()
    assert "Phường An Cư (cũ)" in about  # the former unit, from WARD
    post = home.select_one('a[href*="ra-mat-trang-tin-dien-tu-phuong-tan-an"]')
    assert post is not None

    # One template and the stylesheet overridden; the rest stays the engine's.
    engine_theme = Path(
        run(
            engine[0],
            ["-c", "import ward_engine; print(ward_engine.files().theme)"],
            site,
            engine[1],
        ).stdout.strip()
    )
    (site / "theme" / "templates").mkdir(parents=True)
    (site / "theme" / "static" / "css").mkdir(parents=True)
    article = (engine_theme / "templates" / "article.html").read_text(encoding="utf-8")
    assert "<article" in article
    (site / "theme" / "templates" / "article.html").write_text(
        article.replace("<article", '<article data-mau="cua-phuong"', 1), "utf-8"
    )
    css = (engine_theme / "static" / "css" / "site.css").read_text(encoding="utf-8")
    (site / "theme" / "static" / "css" / "site.css").write_text(
        css + "\n.mau-cua-phuong{color:#800000}\n", "utf-8"
    )
    (site / "theme" / "templates" / "mau-da-bo.html").write_text("<p></p>", "utf-8")
    result = ward(engine, site, "publish")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "theme/templates/mau-da-bo.html" in result.stderr  # a note, not an error
    output = site / "output"
    (post_page,) = output.glob("ra-mat-trang-tin-dien-tu-phuong-tan-an/index.html")
    assert page(post_page).select_one('article[data-mau="cua-phuong"]') is not None
    assert page(output / "index.html").select_one("[data-mau]") is None
    assert "mau-cua-phuong" in (output / "theme" / "css" / "site.css").read_text()
    assert (output / "theme" / "css" / "print.css").is_file()  # the engine's
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://tanan.cantho.gov.vn/</loc>" in sitemap

    # The editor, from the wheel's copy of Decap: no Node.js in the site.
    port = free_port()
    python, env = engine
    server = subprocess.Popen(
        [python, "-m", "wardtools", "serve", "--no-watch", "--port", str(port)],
        cwd=site,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        script = fetch_when_up(
            f"http://127.0.0.1:{port}/quan-tri/decap/decap-cms.js", server
        )
        assert len(script) > 1_000_000
        editor = fetch_when_up(f"http://127.0.0.1:{port}/quan-tri/", server).decode()
        assert "decap-cms.js" in editor
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=60)


def fetch_when_up(url: str, server: subprocess.Popen, patience: float = 180) -> bytes:
    """The body of `url` once the server answers (it builds first)."""
    deadline = time.monotonic() + patience
    while True:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.read()
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def release(root: Path, version: str, renames: str = "", notes: str = "") -> Path:
    """A later engine: this checkout under `version`, where the provincial
    portal's setting WARD_PORTAL is now WARD_CONG_TINH (in the plugin that
    reads it and the sample settings: the old name is read by nothing), the
    post card template _card.html is now _the_bai.html, article.html changed,
    and rows added to its table of changes."""
    source = engine_source(root / f"src-{version}", version)
    changes = source / "ward_engine" / "changes.py"
    text = changes.read_text(encoding="utf-8")
    text = text.replace("RENAMES: tuple[Rename, ...] = ()", f"RENAMES = ({renames})")
    text = text.replace("NOTES: tuple[Note, ...] = ()", f"NOTES = ({notes})")
    changes.write_text(text, encoding="utf-8")
    for path in (source / "pelicanconf.py", *source.glob("plugins/**/*.py")):
        text = path.read_text(encoding="utf-8")
        if "WARD_PORTAL" in text:
            path.write_text(text.replace("WARD_PORTAL", "WARD_CONG_TINH"), "utf-8")
    templates = source / "theme" / "templates"
    (templates / "_card.html").rename(templates / "_the_bai.html")
    for path in templates.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('"_card.html"', '"_the_bai.html"'), "utf-8")
    article = templates / "article.html"
    article.write_text(article.read_text(encoding="utf-8") + "\n{# 0.3 #}\n", "utf-8")
    return build_wheel(source, root / f"dist-{version}")


def installed_version(python: Path, env, site: Path) -> str:
    return run(
        python, ["-c", "import ward_engine; print(ward_engine.version())"], site, env
    ).stdout.strip()


OWN_PORTAL = """
WARD_PORTAL = {
    "province_portal_name": "Cổng thông tin điện tử thử nghiệm",
    "province_portal_url": "https://thu-nghiem.cantho.gov.vn",
}
"""


def province_link(site: Path) -> str:
    """Where the header's province link of the built home page goes."""
    return page(site / "output" / "index.html").select_one(".brand-region")["href"]


@pytest.mark.slow
def test_upgrade_renames_reports_and_refuses_a_failing_check(tmp_path):
    current = build_wheel(engine_source(tmp_path / "src"), tmp_path / "dist")
    renamed = 'Rename("0.3.0", "WARD_PORTAL", "WARD_CONG_TINH"),'
    note = 'Note("0.3.0", "Bài viết nên có ảnh đại diện."),'
    newer = release(tmp_path, "0.3.0", renamed, note)
    # 0.4.0 renames a WARD key its own identity model does not know: check fails.
    broken = release(
        tmp_path,
        "0.4.0",
        renamed + 'Rename("0.4.0", "WARD.email", "WARD.thu_dien_tu"),',
    )
    python = fresh_venv(tmp_path / "venv")
    env = offline_env(current.parent, newer.parent, broken.parent)
    # The engine of the test environment makes the folder; the ward installs its pin.
    init = init_here(tmp_path, "phuong", *ANSWERS)
    assert init.returncode == 0, init.stderr
    site = tmp_path / "phuong"
    result = run(
        python, ["-m", "pip", "install", "-q", "-r", "requirements.txt"], site, env
    )
    assert result.returncode == 0, result.stderr
    assert installed_version(python, env, site) == "0.2.0"
    settings = site / "pelicanconf.py"
    settings.write_text(settings.read_text("utf-8") + OWN_PORTAL, "utf-8")
    # A second post, so the home page lists the first one as a card.
    (site / "content" / "posts" / "hop-dan.md").write_text(
        "---\ntitle: Họp dân khu vực 3\ndate: 2026-02-02\n---\nNội dung.\n", "utf-8"
    )
    own = site / "theme" / "templates"
    own.mkdir(parents=True)
    (own / "article.html").write_text("{% extends 'base.html' %}", "utf-8")
    (own / "_card.html").write_text(
        '<p data-mau="the-cu">{{ item.title }}</p>', "utf-8"
    )
    result = ward((python, env), site, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert province_link(site) == "https://thu-nghiem.cantho.gov.vn"
    assert page(site / "output" / "index.html").select_one('[data-mau="the-cu"]')

    result = ward((python, env), site, "upgrade", "0.3.0")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "từ bản 0.2.0 lên bản 0.3.0" in result.stdout
    assert '"WARD_PORTAL" đổi tên thành "WARD_CONG_TINH"' in result.stdout
    assert "theme/templates/article.html: bản mới đã sửa mẫu này" in result.stdout
    assert "theme/templates/_card.html: bản mới không còn mẫu này" in result.stdout
    assert "Bài viết nên có ảnh đại diện." in result.stdout
    text = settings.read_text("utf-8")
    assert (
        "# Đổi tên từ WARD_PORTAL (bộ máy bản 0.3.0).\nWARD_CONG_TINH = {" in text
        and "\nWARD_PORTAL" not in text
    )
    assert "ward-engine==0.3.0" in (site / "requirements.txt").read_text()
    assert installed_version(python, env, site) == "0.3.0"
    # Migrated, checked and built: the ward's own value is read under its new name.
    result = ward((python, env), site, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "theme/templates/_card.html" in result.stdout + result.stderr
    result = ward((python, env), site, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert province_link(site) == "https://thu-nghiem.cantho.gov.vn"
    assert not page(site / "output" / "index.html").select_one("[data-mau]")

    # A renamed setting written again under its old name is refused, not ignored.
    settings.write_text(text + OWN_PORTAL, "utf-8")
    result = ward((python, env), site, "check")
    assert result.returncode == 1 and "WARD_PORTAL" in result.stdout
    assert "make upgrade" in result.stdout
    settings.write_text(text, "utf-8")

    # The newest engine fails the check: nothing switches.
    result = ward((python, env), site, "upgrade")
    assert result.returncode == 1
    assert "KHÔNG NÂNG CẤP" in result.stderr and "0.4.0" in result.stderr
    assert "thu_dien_tu" in result.stdout  # the check's own message, shown
    assert settings.read_text("utf-8") == text
    assert "ward-engine==0.3.0" in (site / "requirements.txt").read_text()
    assert installed_version(python, env, site) == "0.3.0"
    result = ward((python, env), site, "build")
    assert result.returncode == 0, result.stdout + result.stderr


def test_init_asks_in_vietnamese_and_writes_the_answers(tmp_path):
    answers = "\n".join(
        [
            "",  # the ward's name is required: asked again
            "Phường Ninh Kiều",
            "Thành phố Cần Thơ",
            "Số 2 đường Hòa Bình",
            "0292 3820 222",
            "ubnd.ninhkieu@cantho.gov.vn",
            "Phường Tân An (cũ) | Số 3 đường Hai Bà Trưng",
            "Phường An Hội (cũ)",
            "",  # no more former units
            "",  # the suggested address
        ]
    )
    result = init_here(tmp_path, "ninh-kieu", input=answers + "\n")
    assert result.returncode == 0, result.stderr
    assert "Tên phường" in result.stdout and "Cần nhập tên phường" in result.stdout
    assert "[https://ninhkieu.cantho.gov.vn]" in result.stdout
    settings = (tmp_path / "ninh-kieu" / "pelicanconf.py").read_text("utf-8")
    assert '"name": "Phường Ninh Kiều"' in settings and "0292 3820 222" in settings
    assert "Thành phố Cần Thơ" in settings
    # Former units are written, or (an engine without the field) named in a note.
    for unit in ("Phường Tân An (cũ)", "Phường An Hội (cũ)"):
        assert unit in settings or unit in result.stderr
    publish = (tmp_path / "ninh-kieu" / "publishconf.py").read_text("utf-8")
    assert 'SITE_ADDRESS = "https://ninhkieu.cantho.gov.vn"' in publish


def test_init_stops_cleanly_when_the_answers_run_out(tmp_path):
    result = init_here(tmp_path, "site", input="Phường Ninh Kiều\n")
    assert result.returncode == 1 and "--yes" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "site").exists()


def test_a_change_in_the_sites_own_theme_makes_the_build_out_of_date(tmp_path):
    from wardtools.uptodate import inputs_fingerprints

    content = tmp_path / "content"
    content.mkdir()
    templates = tmp_path / "theme" / "templates"
    static = tmp_path / "theme" / "static"
    templates.mkdir(parents=True)
    static.mkdir()
    (templates / "article.html").write_text("một", "utf-8")
    (static / "site.css").write_text("a{}", "utf-8")
    settings_file = tmp_path / "pelicanconf.py"
    settings_file.write_text("", "utf-8")
    engine_theme = Path(__file__).resolve().parents[1] / "theme"
    settings = {
        "PATH": str(content),
        "THEME": str(engine_theme),
        "THEME_TEMPLATES_OVERRIDES": [str(templates)],
        "THEME_STATIC_PATHS": [str(engine_theme / "static"), str(static)],
    }
    before = inputs_fingerprints(settings, settings_file, {})
    (templates / "article.html").write_text("hai", "utf-8")
    after_template = inputs_fingerprints(settings, settings_file, {})
    (static / "site.css").write_text("b{}", "utf-8")
    after_css = inputs_fingerprints(settings, settings_file, {})
    assert len({before[0], after_template[0], after_css[0]}) == 3


def test_the_new_sites_ci_files_check_every_push_and_publish_the_main_branch(tmp_path):
    import yaml

    result = init_here(tmp_path, "site", *ANSWERS)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    gitlab = yaml.safe_load((site / ".gitlab-ci.yml").read_text("utf-8"))
    assert gitlab["kiem-tra"]["script"] == [".venv/bin/ward check"]
    assert gitlab["pages"]["script"] == [".venv/bin/ward publish --output public"]
    assert gitlab["cache"]["paths"] == [".cache/"]
    assert "-r requirements.txt" in " ".join(gitlab["before_script"])
    for workflow in (".github/workflows/trang.yml", ".forgejo/workflows/trang.yml"):
        steps = yaml.safe_load((site / workflow).read_text("utf-8"))["jobs"][
            "xay-dung"
        ]["steps"]
        commands = [step.get("run", "") for step in steps]
        assert ".venv/bin/ward check" in commands
        assert ".venv/bin/ward publish --output output" in commands
    makefile = (site / "Makefile").read_text("utf-8")
    for target in ("serve", "html", "publish", "check", "new", "upgrade"):
        assert f"\n{target}: " in makefile
