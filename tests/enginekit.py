"""The engine as a ward gets it: a wheel built from this checkout, installed
into a fresh virtual environment, offline.

The fresh environment sees the pinned dependencies of the test environment
through a folder of links (not the test environment's own engine, which is
an editable install of this checkout), and gets the engine only from the
wheel: `pip install --no-index --no-deps`. So what the ward runs is what the
wheel carries.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from tests.sitekit import PROJECT

# What `make dist` packs (setup.py copies the rest from these).
ENGINE_SOURCES = (
    "pyproject.toml",
    "setup.py",
    "pelicanconf.py",
    "publishconf.py",
    "ward_core",
    "wardtools",
    "ward_engine",
    "plugins",
    "theme",
)
PIP_WHEEL = (sys.executable, "-m", "pip", "wheel", "-q", "--no-deps")
PIP_WHEEL += ("--no-build-isolation", "--no-index")
# Entries of the test environment a fresh one must not see.
OWN_ENGINE = ("__editable__", "ward_engine", "ward_news_site", "_virtualenv")


def engine_source(target: Path, version: str | None = None) -> Path:
    """A copy of the engine's sources (optionally under another version), with
    Decap's built files reached through node_modules as in `make dist`."""
    target.mkdir(parents=True)
    for name in ENGINE_SOURCES:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(
                source, target / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source, target / name)
    decap = PROJECT / "node_modules" / "decap-cms"
    (target / "node_modules").mkdir()
    (target / "node_modules" / "decap-cms").symlink_to(decap.resolve())
    if version:
        pyproject = target / "pyproject.toml"
        text = pyproject.read_text(encoding="utf-8")
        old = next(line for line in text.splitlines() if line.startswith("version ="))
        pyproject.write_text(text.replace(old, f'version = "{version}"', 1))
    return target


def build_wheel(source: Path, out: Path) -> Path:
    """`make dist`'s command on `source`; the wheel's path."""
    result = subprocess.run(
        [*PIP_WHEEL, "-w", str(out), str(source)],
        capture_output=True,
        text=True,
        cwd=source,
        # As make dist sets it (the last commit's time): the same bytes each build.
        env=dict(os.environ, SOURCE_DATE_EPOCH="1780000000"),
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = out.glob("ward_engine-*.whl")
    return wheel


def fresh_venv(path: Path) -> Path:
    """A new virtual environment with the test environment's dependencies but
    not its engine; its python."""
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(path)], check=True
    )
    deps = path / "deps"
    deps.mkdir()
    ours = Path(sysconfig.get_paths()["purelib"])
    for entry in ours.iterdir():
        if entry.name.startswith(OWN_ENGINE) or entry.suffix == ".pth":
            continue
        (deps / entry.name).symlink_to(entry)
    python = path / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(purelib, "test_dependencies.pth").write_text(str(deps) + "\n")
    return python


def offline_env(*find_links: Path) -> dict[str, str]:
    """pip as a ward without network runs it: only the given wheel folders."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env["PIP_NO_INDEX"] = "1"
    env["PIP_FIND_LINKS"] = " ".join(str(p) for p in find_links)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def run(python: Path, args: list[str], cwd: Path, env: dict[str, str], timeout=300):
    """`python args…` in `cwd`; the finished process."""
    return subprocess.run(
        [str(python), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def install_engine(root: Path) -> tuple[Path, dict[str, str]]:
    """(python, env) of a fresh environment under `root` with the wheel of
    this checkout installed, as `pip install ward_engine-….whl` does it."""
    wheel = build_wheel(engine_source(root / "src"), root / "dist")
    python = fresh_venv(root / "venv")
    env = offline_env(wheel.parent)
    result = run(python, ["-m", "pip", "install", "-q", str(wheel)], root, env)
    assert result.returncode == 0, result.stderr
    return python, env
