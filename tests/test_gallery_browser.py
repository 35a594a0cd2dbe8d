"""The lightbox in headless Chromium: open, arrows, Esc, focus, no-JS fallback."""

from __future__ import annotations

import pytest

from tests.browserkit import serve_directory

pytestmark = pytest.mark.browser

ARTICLE = "/ra-quan-ngay-chu-nhat-xanh-don-ve-sinh-kenh-rach/"


def _active(page) -> str:
    return page.evaluate(
        "() => document.activeElement.className || document.activeElement.tagName"
    )


def test_lightbox_keyboard_and_focus(sample_build, page):
    with serve_directory(sample_build.output) as base:
        page.goto(base + ARTICLE)
        links = page.locator("a.photo-link")
        assert links.count() == 3
        captions = page.locator("section.gallery figcaption").all_inner_texts()

        links.nth(0).click()
        dialog = page.locator("dialog.lightbox")
        assert dialog.evaluate("d => d.open")
        assert page.locator(".lightbox-caption").inner_text() == captions[0]
        assert page.locator(".lightbox-count").inner_text() == "Ảnh 1/3"
        image = page.locator(".lightbox-image")
        image.evaluate("img => img.decode()")
        # A 390 px wide phone gets the 480 px rendition, not the 1600 px one.
        assert image.evaluate("img => img.currentSrc").endswith("-480.webp")
        assert _active(page) == "lightbox-close"

        page.keyboard.press("ArrowRight")
        assert page.locator(".lightbox-caption").inner_text() == captions[1]
        page.keyboard.press("ArrowLeft")
        page.keyboard.press("ArrowLeft")
        assert page.locator(".lightbox-caption").inner_text() == captions[2]
        assert page.locator(".lightbox-count").inner_text() == "Ảnh 3/3"

        # Focus stays inside the dialog however often the officer presses Tab.
        for _ in range(8):
            page.keyboard.press("Tab")
            assert page.evaluate(
                "() => document.querySelector('dialog.lightbox').contains(document.activeElement)"
            )

        page.keyboard.press("Escape")
        assert not dialog.evaluate("d => d.open")
        assert page.evaluate(
            "() => document.activeElement === document.querySelectorAll('a.photo-link')[0]"
        )


def test_lightbox_buttons_and_swipe(sample_build, page):
    with serve_directory(sample_build.output) as base:
        page.goto(base + ARTICLE)
        captions = page.locator("section.gallery figcaption").all_inner_texts()
        page.locator("a.photo-link").nth(1).click()
        page.locator(".lightbox-next").click()
        assert page.locator(".lightbox-caption").inner_text() == captions[2]
        box = page.locator(".lightbox-figure").bounding_box()
        y = box["y"] + box["height"] / 2
        page.mouse.move(box["x"] + 300, y)
        page.mouse.down()
        page.mouse.move(box["x"] + 100, y)
        page.mouse.up()
        assert page.locator(".lightbox-caption").inner_text() == captions[0]  # wrapped
        page.locator(".lightbox-close").click()
        assert not page.locator("dialog.lightbox").evaluate("d => d.open")


def test_without_javascript_a_photo_is_a_link_to_its_large_version(
    sample_build, browser
):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    with serve_directory(sample_build.output) as base:
        tab.goto(base + ARTICLE)
        href = tab.locator("a.photo-link").first.get_attribute("href")
        tab.locator("a.photo-link").first.click()
        tab.wait_for_load_state()
        assert tab.url.endswith(href.split("/")[-1])
        assert tab.url.endswith("-1600.jpg")
    context.close()
