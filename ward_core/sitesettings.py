"""The site's settings for the light commands (check, new, comment, photos),
without importing Pelican.

`pelican.settings.read_settings` imports the whole `pelican` package (its
generators, readers, Markdown, docutils, Jinja…): about 0.15 s, most of what
`make check` used to spend. The officer's quick commands only read a handful
of keys, so `read_site_settings` reads the settings file the way Pelican does
(run it as a module, keep the UPPERCASE names, overrides win, paths made
absolute from the file's folder) and fills in Pelican's defaults for the keys
those commands read (PELICAN_DEFAULTS). Anything Pelican would rewrite or
refuse (a deprecated name, a string where Pelican wants a list, a missing
content folder…) is handed to Pelican itself, so the result never differs.
tests/test_startup.py compares both readers on pelicanconf.py and
publishconf.py, and checks which keys `make check` reads.

Not done here (the light commands do not depend on them): Pelican's other
defaults, its log filters and `locale.setlocale(LOCALE)`. The build keeps
Pelican's own reader.
"""

from __future__ import annotations

import copy
import importlib.util
import os
import sys
import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .problems import SiteError

# Pelican 4.12's defaults (pelican.settings.DEFAULT_CONFIG) for the keys the
# light commands read, every *_SAVE_AS and every feed (ward_site's checker
# reserves their folders). tests/test_startup.py asserts they still match.
PELICAN_DEFAULTS: dict[str, Any] = {
    "PATH": os.curdir,
    "ARTICLE_PATHS": [""],
    "ARTICLE_EXCLUDES": [],
    "PAGE_PATHS": ["pages"],
    "PAGE_EXCLUDES": [],
    "IGNORE_FILES": ["**/.*"],
    "OUTPUT_PATH": "output",
    "CACHE_PATH": "cache",
    "PLUGINS": None,
    "PLUGIN_PATHS": [],
    "SITEURL": "",
    "RELATIVE_URLS": False,
    "DEFAULT_LANG": "en",
    "THEME_STATIC_DIR": "theme",
    "THEME_TEMPLATES_OVERRIDES": [],
    "ARTICLE_URL": "{slug}.html",
    "PAGE_URL": "pages/{slug}.html",
    "SLUGIFY_USE_UNICODE": False,
    "SLUGIFY_PRESERVE_CASE": False,
    "SLUG_REGEX_SUBSTITUTIONS": [
        (r"[^\w\s-]", ""),
        (r"(?u)\A\s*", ""),
        (r"(?u)\s*\Z", ""),
        (r"[-\s]+", "-"),
    ],
    "INDEX_SAVE_AS": "index.html",
    "ARTICLE_SAVE_AS": "{slug}.html",
    "ARTICLE_LANG_SAVE_AS": "{slug}-{lang}.html",
    "DRAFT_SAVE_AS": "drafts/{slug}.html",
    "DRAFT_LANG_SAVE_AS": "drafts/{slug}-{lang}.html",
    "PAGE_SAVE_AS": "pages/{slug}.html",
    "PAGE_LANG_SAVE_AS": "pages/{slug}-{lang}.html",
    "DRAFT_PAGE_SAVE_AS": "drafts/pages/{slug}.html",
    "DRAFT_PAGE_LANG_SAVE_AS": "drafts/pages/{slug}-{lang}.html",
    "STATIC_SAVE_AS": "{path}",
    "CATEGORY_SAVE_AS": "category/{slug}.html",
    "TAG_SAVE_AS": "tag/{slug}.html",
    "AUTHOR_SAVE_AS": "author/{slug}.html",
    "YEAR_ARCHIVE_SAVE_AS": "",
    "MONTH_ARCHIVE_SAVE_AS": "",
    "DAY_ARCHIVE_SAVE_AS": "",
    "FEED_ALL_ATOM": "feeds/all.atom.xml",
    "CATEGORY_FEED_ATOM": "feeds/{slug}.atom.xml",
    "AUTHOR_FEED_ATOM": "feeds/{slug}.atom.xml",
    "AUTHOR_FEED_RSS": "feeds/{slug}.rss.xml",
    "TRANSLATION_FEED_ATOM": "feeds/all-{lang}.atom.xml",
    # The lists Pelican writes and their numbered pages (ward_core.listpages).
    "DIRECT_TEMPLATES": ["index", "tags", "categories", "authors", "archives"],
    "PAGINATED_TEMPLATES": {
        "index": None,
        "tag": None,
        "category": None,
        "author": None,
    },
    "PAGINATION_PATTERNS": [
        (1, "{name}{extension}", "{name}{extension}"),
        (2, "{name}{number}{extension}", "{name}{number}{extension}"),
    ],
    "DEFAULT_PAGINATION": False,
    "DEFAULT_ORPHANS": 0,
    "DEFAULT_CATEGORY": "misc",
}

# Names Pelican 4.12 renames, converts or refuses (handle_deprecated_settings).
DEPRECATED_NAMES = frozenset(
    {
        "PLUGIN_PATH",
        "JINJA_EXTENSIONS",
        "ARTICLE_DIR",
        "PAGE_DIR",
        "EXTRA_TEMPLATES_PATHS",
        "MD_EXTENSIONS",
        "LESS_GENERATOR",
        "FILES_TO_COPY",
        "PAGINATED_DIRECT_TEMPLATES",
        "SLUG_SUBSTITUTIONS",
        "CATEGORY_SUBSTITUTIONS",
        "TAG_SUBSTITUTIONS",
        "AUTHOR_SUBSTITUTIONS",
        "CLEAN_URLS",
        "AUTORELOAD_IGNORE_CACHE",
        "ARTICLE_PERMALINK_STRUCTURE",
    }
)
# Pelican replaces a string in these by its default list (with a warning).
LIST_SETTINGS = (
    "ARTICLE_EXCLUDES",
    "DEFAULT_METADATA",
    "DIRECT_TEMPLATES",
    "THEME_TEMPLATES_OVERRIDES",
    "FILES_TO_COPY",
    "IGNORE_FILES",
    "PAGINATED_DIRECT_TEMPLATES",
    "PLUGINS",
    "STATIC_EXCLUDES",
    "STATIC_PATHS",
    "THEME_STATIC_PATHS",
    "ARTICLE_PATHS",
    "PAGE_PATHS",
    "PLUGIN_PATHS",
)
# Pelican rewrites "%s" in these to "{slug}" / "{lang}".
PRINTF_FEEDS = (
    "AUTHOR_FEED_ATOM",
    "AUTHOR_FEED_RSS",
    "CATEGORY_FEED_ATOM",
    "CATEGORY_FEED_RSS",
    "TAG_FEED_ATOM",
    "TAG_FEED_RSS",
    "TRANSLATION_FEED_ATOM",
    "TRANSLATION_FEED_RSS",
)
ABSOLUTE_PATHS = ("PATH", "OUTPUT_PATH", "THEME", "CACHE_PATH")
# Pelican completes or reshapes these (Jinja defaults, PaginationRule, locale
# lists…); the light commands do not read them, so they are left out rather
# than given differently.
RESHAPED_BY_PELICAN = (
    "JINJA_ENVIRONMENT",
    "LOCALE",
    "CSS_FILE",
    "OUTPUT_SOURCES_EXTENSION",
    "FILENAME_METADATA",
)


def settings_file_error(path: Path, exc: BaseException) -> SiteError:
    """Why the settings file could not be run, in Vietnamese, with its line:
    the officer may have edited pelicanconf.py by hand."""
    path = Path(path).resolve()
    named = getattr(exc, "filename", None)
    if isinstance(exc, FileNotFoundError) and named and Path(named).resolve() == path:
        return SiteError(
            f"Không tìm thấy tệp cấu hình {path}. Kiểm tra đường dẫn sau -s "
            "(thường là pelicanconf.py hoặc publishconf.py trong thư mục trang)."
        )
    if isinstance(exc, SyntaxError):
        return SiteError(
            f"{path}, dòng {exc.lineno}: tệp cấu hình viết sai (thường thiếu dấu "
            "ngoặc, dấu phẩy hoặc dấu nháy). Sửa dòng đó, hoặc dòng ngay trước nó, "
            "rồi chạy lại."
        )
    lines = [
        frame.lineno
        for frame in traceback.extract_tb(exc.__traceback__)
        if Path(frame.filename).resolve() == path
    ]
    where = f", dòng {lines[-1]}" if lines else ""
    if isinstance(exc, FileNotFoundError):
        what = f"không có tệp {exc.filename}"
    elif isinstance(exc, NameError):
        what = f"tên {exc.name} chưa được đặt (viết sai, hoặc thiếu dấu nháy)"
    elif isinstance(exc, ImportError):
        what = f"không nạp được {exc.name}"
    else:
        what = "một dòng chạy bị lỗi"
    return SiteError(
        f"{path}{where}: tệp cấu hình không chạy được: {what}. Sửa dòng đó rồi "
        "chạy lại."
    )


def settings_of_file(path: Path) -> dict[str, Any]:
    """The UPPERCASE names of the settings file, run as Pelican runs it (as a
    module named after the file, so publishconf's `from pelicanconf import *`
    and a later Pelican build see the same modules)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        raise settings_file_error(path, exc) from None
    return {name: value for name, value in vars(module).items() if name.isupper()}


def _needs_pelican(settings: Mapping[str, Any], folder: Path) -> bool:
    """Whether Pelican would change or refuse something this reader would not."""
    if DEPRECATED_NAMES & set(settings):
        return True
    if any(isinstance(settings.get(name), str) for name in LIST_SETTINGS):
        return True
    if any("%s" in str(settings.get(name) or "") for name in PRINTF_FEEDS):
        return True
    content = settings.get("PATH", PELICAN_DEFAULTS["PATH"])
    theme = settings.get("THEME")
    return not (folder / str(content)).is_dir() or (
        theme is not None and not (folder / str(theme)).is_dir()
    )


def _absolute(value: str, folder: Path) -> str:
    if os.path.isabs(value):
        return value
    return os.path.abspath(os.path.normpath(os.path.join(folder, value)))


def read_site_settings(
    settings_file: Path, overrides: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The settings as `pelican.settings.read_settings(settings_file, overrides)`
    gives them, for every key in the file, the overrides and PELICAN_DEFAULTS."""
    settings = dict(settings_of_file(Path(settings_file)), **(overrides or {}))
    folder = Path(os.path.dirname(settings_file))
    if _needs_pelican(settings, folder.resolve()):
        from pelican.settings import read_settings

        return read_settings(str(settings_file), dict(overrides or {}) or None)
    for name in RESHAPED_BY_PELICAN:
        settings.pop(name, None)
    for name in ABSOLUTE_PATHS:
        if settings.get(name) is not None:
            settings[name] = _absolute(settings[name], folder)
    if settings.get("PLUGIN_PATHS") is not None:
        settings["PLUGIN_PATHS"] = [
            _absolute(path, folder) for path in settings["PLUGIN_PATHS"]
        ]
    for name, default in PELICAN_DEFAULTS.items():
        settings.setdefault(name, copy.deepcopy(default))
    # Pelican sorts the rules by first page (as PaginationRule tuples, equal to these).
    settings["PAGINATION_PATTERNS"] = sorted(
        map(tuple, settings["PAGINATION_PATTERNS"]), key=lambda rule: rule[0]
    )
    settings["DEFAULT_LANG"] = settings["DEFAULT_LANG"].lower()
    settings["SITEURL"] = settings["SITEURL"].removesuffix("/")
    settings.setdefault("FEED_DOMAIN", settings["SITEURL"])
    # Pelican keeps articles out of the page folders and pages out of the
    # article folders.
    for paths, excludes in (
        ("ARTICLE_PATHS", "PAGE_EXCLUDES"),
        ("PAGE_PATHS", "ARTICLE_EXCLUDES"),
    ):
        for path in settings[paths]:
            if path not in settings[excludes]:
                settings[excludes].append(path)
    return settings
