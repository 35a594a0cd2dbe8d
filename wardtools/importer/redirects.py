"""Keep content/data/chuyen-huong.yml and the nginx map up to date after an import."""

from __future__ import annotations

from pathlib import Path

from ward_redirects.model import (
    DATA_FILE,
    NGINX_FILE,
    Redirect,
    render_nginx,
    render_redirects,
)


def merge(existing: list[Redirect], new: list[Redirect]) -> list[Redirect]:
    """One entry per old address; this run's wins over an older one."""
    merged = {entry.old: entry for entry in existing}
    merged.update({entry.old: entry for entry in new})
    return list(merged.values())


def new_address(slug: str, settings: dict) -> str:
    pattern = settings.get("ARTICLE_URL", "{slug}/")
    try:
        url = pattern.format(slug=slug)
    except (KeyError, IndexError, AttributeError):
        url = f"{slug}/"
    return f"{settings.get('SITEURL', '').rstrip('/')}/{url}"


def _write_if_changed(path: Path, text: str) -> bool:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def write_redirect_files(
    content: Path, existing: list[Redirect], new: list[Redirect], settings: dict
) -> list[str]:
    """Write both files; returns how each one fared, for the summary."""
    entries = merge(existing, new)
    report = []
    for relative, text in (
        (DATA_FILE, render_redirects(entries)),
        (NGINX_FILE, render_nginx(entries, lambda slug: new_address(slug, settings))),
    ):
        changed = _write_if_changed(content / relative, text)
        report.append(f"content/{relative} ({'đã ghi' if changed else 'không đổi'})")
    return report
