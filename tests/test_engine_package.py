"""The engine installed from its wheel (make dist) or a Git URL, in a fresh
virtual environment, offline: it finds its theme, plugins, sample settings
and Decap inside site-packages, not in this checkout."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.enginekit import (
    build_wheel,
    engine_source,
    fresh_venv,
    offline_env,
    run,
)
from tests.sitekit import PROJECT

pytestmark = pytest.mark.slow

PIP_INSTALL = ("-m", "pip", "install", "-q", "--no-deps")
SHOW_FILES = (
    "import json, ward_engine, ward_engine.defaults as d; f = ward_engine.files();"
    "print(json.dumps({'theme': str(f.theme), 'plugins': str(f.plugins),"
    " 'sample': str(f.sample), 'decap': str(f.decap), 'source': f.source_checkout,"
    " 'THEME': d.THEME, 'PLUGIN_PATHS': d.PLUGIN_PATHS,"
    " 'version': ward_engine.version(), 'identity': 'WARD' in vars(d)}))"
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    root = tmp_path_factory.mktemp("engine")
    return build_wheel(engine_source(root / "src"), root / "dist")


def installed(tmp_path, wheel):
    python = fresh_venv(tmp_path / "venv")
    env = offline_env(wheel.parent)
    result = run(
        python, ["-m", "pip", "install", "-q", "--no-deps", str(wheel)], tmp_path, env
    )
    assert result.returncode == 0, result.stderr
    return python, env


def test_the_installed_wheel_finds_its_files_in_site_packages(tmp_path, wheel):
    python, env = installed(tmp_path, wheel)
    result = run(python, ["-c", SHOW_FILES], tmp_path, env)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    venv = str(tmp_path / "venv")
    assert found["source"] is False and found["version"] == "0.2.0"
    for key in ("theme", "plugins", "sample", "decap"):
        assert found[key].startswith(venv), (key, found[key])
    assert found["THEME"] == found["theme"] and found["PLUGIN_PATHS"] == [
        found["plugins"]
    ]
    assert found["identity"] is False  # the ward's identity is not the engine's
    site = tmp_path / "venv"
    assert next(site.rglob("ward_engine/theme/templates/base.html"))
    assert next(site.rglob("ward_engine/plugins/ward_site/__init__.py"))
    assert next(site.rglob("ward_engine/decap/decap-cms.js")).stat().st_size > 1_000_000
    assert "MIT" in next(site.rglob("ward_engine/decap/NOTICE.txt")).read_text()
    assert next(site.rglob("wardtools/preview_client.js"))
    assert not list(site.rglob("ward_engine/decap/*.map"))
    # The command a ward types, from the wheel's entry point.
    result = run(tmp_path / "venv" / "bin" / "ward", ["--help"], tmp_path, env)
    assert result.returncode == 0 and "xây dựng" in result.stdout


def test_make_dist_wheel_is_reproducible(tmp_path, wheel):
    again = build_wheel(engine_source(tmp_path / "src"), tmp_path / "dist")
    assert again.name == wheel.name
    assert again.read_bytes() == wheel.read_bytes()


@pytest.mark.skipif(
    shutil.which("git") is None or not (PROJECT / ".git").exists(),
    reason="not a Git checkout",
)
def test_pip_installs_the_engine_from_a_git_url(tmp_path):
    # A clone of this checkout's last commit, as a ward's IT would point pip at it.
    source = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", str(PROJECT), str(source)], check=True)
    python = fresh_venv(tmp_path / "venv")
    env = offline_env(tmp_path)
    result = run(
        python,
        [*PIP_INSTALL, "--no-build-isolation", f"git+file://{source}"],
        tmp_path,
        env,
    )
    assert result.returncode == 0, result.stderr
    result = run(python, ["-c", SHOW_FILES], tmp_path, env)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["source"] is False
    assert found["theme"].startswith(str(tmp_path / "venv"))
