"""The province's GitLab pipeline, as `ward province ci` writes it, run for
real by gitlab-ci-local on its shell executor (each job in its own copy of
the repository, artifacts passed on as GitLab passes them): three wards and
a broken one, one job per ward, then the overview job.

gitlab-ci-local needs Node.js 22; tools/ci-local/ pins it and a Node 22 from
the npm registry (package node-linux-<cpu>), installed by `make ci-local` or,
when missing, by this test. The jobs install the engine's wheel offline from
requirements.txt (PIP_FIND_LINKS); the engine's dependencies come from the
test environment through PYTHONPATH, as a CI image that has them would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.enginekit import install_engine
from tests.provincekit import (
    BROKEN,
    BROKEN_NAME,
    WARDS,
    assert_a_post_of_each_ward_found,
    assert_newest_post_of_each_ward,
    git_commit_all,
    make_province,
    search_rows,
)
from tests.sitekit import PROJECT

CI_LOCAL = PROJECT / "tools" / "ci-local"
# Packages the jobs' fresh .venv must install itself, not find on PYTHONPATH.
OWN_TOOLS = ("pip", "setuptools", "wheel", "_distutils_hack", "distutils-precedence")


def gitlab_ci_local() -> list[str]:
    """The command that runs gitlab-ci-local with its Node.js 22, installed
    from tools/ci-local's lock file when it is not there yet."""
    script = CI_LOCAL / "node_modules" / "gitlab-ci-local" / "dist" / "index.js"
    if not script.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("gitlab-ci-local cannot be installed: no npm on this machine")
        result = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
            cwd=CI_LOCAL,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode != 0:
            pytest.skip(
                "gitlab-ci-local cannot be installed (npm ci in tools/ci-local): "
                + result.stderr.strip()[-400:]
            )
    nodes = sorted(CI_LOCAL.glob("node_modules/node-*-*/bin/node"))
    if not nodes:
        pytest.skip("no Node.js 22 package for this processor in tools/ci-local")
    return [str(nodes[0]), str(script)]


def dependencies_without_pip(engine_root: Path) -> Path:
    """The test environment's packages (the engine's dependencies) minus pip
    and setuptools, so each job's new .venv keeps its own pip."""
    links = engine_root / "deps-for-ci"
    links.mkdir()
    for entry in (engine_root / "venv" / "deps").iterdir():
        name = entry.name.lower()
        if not name.startswith(OWN_TOOLS):
            (links / entry.name).symlink_to(entry.resolve())
    return links


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    """(root, gitlab-ci-local's run) of the province's pipeline."""
    command = gitlab_ci_local()
    engine_root = tmp_path_factory.mktemp("engine")
    python, env = install_engine(engine_root)

    def ward(cwd: Path, *args: str):
        return subprocess.run(
            [str(python), "-m", "wardtools", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
        )

    root = tmp_path_factory.mktemp("tinh")
    make_province(root, ward)
    git_commit_all(root)
    # `python` of the jobs: this interpreter's base, as a CI image has one.
    tools = engine_root / "bin"
    tools.mkdir()
    (tools / "python").symlink_to(Path(sys._base_executable).resolve())
    job_env = dict(
        env,
        PATH=f"{tools}{os.pathsep}{os.environ['PATH']}",
        PYTHONPATH=str(dependencies_without_pip(engine_root)),
        HOME=str(engine_root),
    )
    run = subprocess.run(
        [
            *command,
            "--force-shell-executor",
            "--shell-isolation",
            "--concurrency",
            "2",
            "--no-color",
        ],
        cwd=root,
        env=job_env,
        capture_output=True,
        text=True,
        timeout=3000,
        stdin=subprocess.DEVNULL,
    )
    return root, run


def job_log(root: Path, job: str) -> str:
    """What job `job` ("tong-hop", or a ward's slug for its matrix job)
    printed, as gitlab-ci-local keeps it (file names encode "phuong: [slug]")."""
    logs = sorted((root / ".gitlab-ci-local" / "output").glob("*.log"))
    found = [log for log in logs if log.stem == job or f"{job}XQ" in log.stem]
    assert len(found) == 1, f"no single log for {job}: {[p.name for p in logs]}"
    return found[0].read_text("utf-8", errors="replace")


@pytest.mark.slow
def test_one_job_per_ward_and_only_the_broken_ward_fails(pipeline):
    root, run = pipeline
    out = run.stdout + run.stderr
    assert run.returncode == 1, out
    for slug in WARDS:
        log = job_log(root, slug)
        assert re.search(rf"{WARDS[slug]}\s+xong\s", log) and "LỖI" not in log, log
    broken = job_log(root, BROKEN)
    assert f"{BROKEN_NAME}" in broken and "LỖI" in broken
    # The ward's Vietnamese problem list: file, line, what to do.
    assert "content/posts/bai-loi.md:2" in broken and "ngoặc kép" in broken
    assert "Traceback" not in broken
    # gitlab-ci-local's own line per finished job: only the broken ward's fails.
    finished = re.findall(r"^phuong: \[([a-z-]+)\]\s+finished in (.*)$", out, re.M)
    failed = {slug for slug, rest in finished if "FAIL" in rest}
    assert len(finished) == len(WARDS) + 1 and failed == {BROKEN}, out
    overview = job_log(root, "tong-hop")
    assert "Đã ghi trang tổng hợp" in overview, overview


@pytest.mark.slow
def test_the_overview_job_lists_each_wards_newest_post(pipeline):
    root, _ = pipeline
    assert_newest_post_of_each_ward(root / "public")


@pytest.mark.slow
@pytest.mark.browser
def test_the_merged_search_finds_a_post_of_each_ward(pipeline, page):
    root, _ = pipeline
    assert_a_post_of_each_ward_found(
        search_rows(page, root / "public", "ra mắt trang tin")
    )
