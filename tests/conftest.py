from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitekit import Build, copy_sample_content, run_build


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The project's own sample content, built once per test worker."""
    root = tmp_path_factory.mktemp("sample")
    content = copy_sample_content(root / "content")
    build = run_build(content, root / "output", env={"LC_ALL": "C", "LANG": "C"})
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
