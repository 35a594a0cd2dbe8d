"""`make check` and the other quick commands start without Pelican.

The light settings reader (ward_core.sitesettings) and the Pelican-free slug
(ward_core.slugs.slug_from_title) must give what Pelican gives; the command
must not import the build's libraries. No timing here: what is imported is
asserted; the seconds are measured by hand (`python -X importtime`, a loop of
runs), never in a test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pelican.settings import DEFAULT_CONFIG, read_settings
from pelican.utils import slugify

from tests.sitekit import PROJECT, copy_sample_content
from ward_core.sitesettings import PELICAN_DEFAULTS, read_site_settings
from ward_core.slugs import slug_from_title
from ward_core.sources import load_sources
from wardtools.check import check_site

# What the build needs and `make check` does not.
BUILD_ONLY_MODULES = (
    "pelican",
    "bs4",
    "markdown",
    "jinja2",
    "docutils",
    "PIL",
    "pillow_heif",
    "minify_html",
    "brotli",
    "babel",
)
MISSING = object()


def _same_for_keys(light: dict, pelican: dict, keys) -> list[str]:
    return [
        f"{key}: {light.get(key, MISSING)!r} != {pelican.get(key, MISSING)!r}"
        for key in sorted(keys)
        if light.get(key, MISSING) != pelican.get(key, MISSING)
    ]


def test_defaults_are_pelicans_own():
    assert {key: DEFAULT_CONFIG[key] for key in PELICAN_DEFAULTS} == PELICAN_DEFAULTS
    # ward_site's checker reserves the folder of every *_SAVE_AS and feed.
    needed = {
        key for key in DEFAULT_CONFIG if key.endswith(("_SAVE_AS", "_ATOM", "_RSS"))
    }
    assert needed <= set(PELICAN_DEFAULTS)


def _settings_file(folder: Path, text: str) -> Path:
    (folder / "content" / "posts").mkdir(parents=True, exist_ok=True)
    (folder / "theme").mkdir(exist_ok=True)
    path = folder / "siteconf.py"
    path.write_text(text, encoding="utf-8")
    return path


OWN_SETTINGS = """\
PATH = "content"
THEME = "theme"
OUTPUT_PATH = "../out"
CACHE_PATH = ".cache"
PLUGIN_PATHS = ["plugins", "/opt/plugins"]
ARTICLE_PATHS = ["posts"]
ARTICLE_EXCLUDES = ["drafts"]
SITEURL = "https://phuong.example.vn/"
DEFAULT_LANG = "VI"
ARTICLE_SAVE_AS = "bai/{slug}/index.html"
"""


@pytest.mark.parametrize(
    ("settings_file", "environment", "overrides"),
    [
        ("pelicanconf.py", {}, {}),
        ("publishconf.py", {"SITEURL": ""}, {}),
        ("publishconf.py", {"SITEURL": "https://phuonghoathuan.cantho.gov.vn/"}, {}),
        (
            "publishconf.py",
            {},
            {"SITEURL": "https://a.vn/", "WARD_RELEASE": {"final": False}},
        ),
        ("own", {}, {}),
        ("own", {}, {"PATH": "content", "DEFAULT_LANG": "EN", "PLUGINS": []}),
    ],
)
def test_light_settings_are_pelicans(
    settings_file: str,
    environment: dict[str, str],
    overrides: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
):
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    if settings_file == "own":
        path = _settings_file(tmp_path, OWN_SETTINGS)
        monkeypatch.chdir(tmp_path)  # relative overrides, as the CLI passes them
    else:
        path = PROJECT / settings_file
    light = read_site_settings(path, overrides)
    pelican = read_settings(str(path), dict(overrides) or None)
    assert set(PELICAN_DEFAULTS) <= set(light)
    assert _same_for_keys(light, pelican, light) == []
    assert light["SITEURL"] == pelican["SITEURL"]  # the case that differs per row


@pytest.mark.parametrize(
    "unusual",
    [
        'PLUGIN_PATHS = "plugins"',  # a string: Pelican makes it a list
        'CATEGORY_FEED_ATOM = "feeds/%s.atom.xml"',  # printf style: rewritten
        "SLUG_SUBSTITUTIONS = [('c++', 'cpp')]",  # deprecated: converted
        'IGNORE_FILES = "*.bak"',  # a string: Pelican falls back to its default
        'THEME = "notmyidea"',  # a theme name, not a folder
    ],
)
def test_what_pelican_rewrites_is_left_to_pelican(unusual: str, tmp_path: Path):
    path = _settings_file(tmp_path, OWN_SETTINGS + unusual + "\n")
    light = read_site_settings(path)
    pelican = read_settings(str(path))
    assert _same_for_keys(light, pelican, set(light) | set(pelican)) == []


class ReadKeys(dict):
    """Settings that remember which keys were read."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.read: set[str] = set()

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)

    def items(self):
        self.read.update(dict.keys(self))
        return super().items()

    def __iter__(self):
        self.read.update(dict.keys(self))
        return super().__iter__()


@pytest.mark.parametrize("settings_file", ["pelicanconf.py", "publishconf.py"])
def test_every_key_the_checkers_read_is_pelicans(settings_file: str, tmp_path: Path):
    content = copy_sample_content(tmp_path / "content")
    overrides = {"PATH": str(content)}
    path = PROJECT / settings_file
    light = ReadKeys(read_site_settings(path, overrides))
    problems = check_site(light, content, final=True)
    sources = load_sources(light, content)
    slugs = [sources.slug_of(source) for source in sources.articles]
    assert problems and slugs  # the sample site has a note and posts
    assert {"PATH", "ARTICLE_SAVE_AS", "SLUG_REGEX_SUBSTITUTIONS"} <= light.read
    pelican = read_settings(str(path), overrides)
    assert _same_for_keys(light, pelican, light.read) == []
    assert check_site(pelican, content, final=True) == problems


TITLES = [
    "Hội nghị đối thoại với Nhân dân năm 2024",
    "Kế hoạch 342/KH-UBND: ra quân <b>dọn</b> đường",
    "  ĐOÀN VIÊN   ra quân -- “chỉnh trang” đô thị!  ",
    "Ｆｕｌｌ width ｼﾞ and ﬁ ligature",
    "C++ & <script>x</script> tags",
]
SITE_SUBSTITUTIONS = [
    (r"/", "-"),
    (r"[^\w\s-]", ""),
    (r"(?u)\A\s*", ""),
    (r"(?u)\s*\Z", ""),
    (r"[-\s_]+", "-"),
]


def _both(title: str, subs, preserve_case: bool, use_unicode: bool):
    return (
        slug_from_title(title, subs, preserve_case, use_unicode),
        slugify(title, subs, preserve_case, use_unicode),
    )


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize(
    "subs", [SITE_SUBSTITUTIONS, DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"], []]
)
@pytest.mark.parametrize("use_unicode", [False, True])
def test_slug_is_pelicans_on_real_titles(title, subs, use_unicode):
    mine, pelicans = _both(title, subs, False, use_unicode)
    assert mine == pelicans


@given(
    st.text(),
    st.sampled_from([SITE_SUBSTITUTIONS, DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]]),
    st.booleans(),
    st.booleans(),
)
def test_slug_is_pelicans_on_any_text(title, subs, preserve_case, use_unicode):
    mine, pelicans = _both(title, subs, preserve_case, use_unicode)
    assert mine == pelicans


# Runs `python -m wardtools …` and then lists sys.modules (-X importtime would
# miss what importlib.import_module loads).
RUN_AND_LIST_MODULES = """
import json, runpy, sys
listing, sys.argv = sys.argv[1], ["wardtools", *sys.argv[2:]]
try:
    runpy.run_module("wardtools", run_name="__main__", alter_sys=True)
finally:
    with open(listing, "w") as file:
        json.dump(sorted(sys.modules), file)
"""


def _imported_by(
    tmp_path: Path, *arguments: str
) -> tuple[subprocess.CompletedProcess, set[str]]:
    """Run `python -m wardtools …`: its result, and every module it imported."""
    listing = tmp_path / "modules.json"
    run = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, str(listing), *arguments],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return run, set(json.loads(listing.read_text()))


def _build_only(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in BUILD_ONLY_MODULES)


@pytest.mark.parametrize("settings_file", ["pelicanconf.py", "publishconf.py"])
def test_check_command_imports_nothing_of_the_build(settings_file: str, tmp_path: Path):
    run, modules = _imported_by(tmp_path, "check", "-s", settings_file)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Nội dung hợp lệ" in run.stdout
    assert {"ward_frontmatter.check", "ward_site.check"} <= modules
    # The sample's budget spreadsheets are read as tables to be checked (issue
    # 29): openpyxl imports PIL (pictures in workbooks), the numbers take babel.
    assert "openpyxl" in modules
    tables = ("PIL", "babel")
    build_only = [m for m in _build_only(modules) if m.split(".")[0] not in tables]
    assert build_only == []


def test_help_imports_no_command(tmp_path: Path):
    run, modules = _imported_by(tmp_path, "--help")
    assert run.returncode == 0 and "LỆNH" in run.stdout
    assert _build_only(modules) == []
    assert not {"wardtools.check", "ward_core.sources"} & modules
