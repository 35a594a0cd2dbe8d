from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from tests.sitekit import Build, copy_sample_content, run_build

# Property tests: short in CI (whole suite within its time budget), longer locally.
settings.register_profile("ci", max_examples=40, deadline=3000, derandomize=True)
settings.register_profile("dev", max_examples=150, deadline=3000)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


SAMPLE_DAY = "2024-03-14"


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The project's own sample content, built once per test worker, on the day
    of its newest post (its campaign banner runs 01/03–31/05/2024): what the
    sample shows must not depend on the day the tests run."""
    root = tmp_path_factory.mktemp("sample")
    content = copy_sample_content(root / "content")
    build = run_build(
        content,
        root / "output",
        env={"LC_ALL": "C", "LANG": "C"},
        overrides={"BUILD_DATE": SAMPLE_DAY},
    )
    assert build.ok, build.log
    return build


@pytest.fixture
def empty_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    (content / "pages").mkdir()
    return content


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from tests.browserkit import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    yield tab
    context.close()
