"""Development settings for the ward news site.

The officer edits the WARD block below; everything else is tool configuration.
Production overrides live in publishconf.py.
"""

from ward_core.litter import LITTER_FOLDERS, LITTER_PATTERNS
from ward_engine import files as engine_files

# --- Site identity: change these for your ward -------------------------------
WARD = {
    # SAMPLE DATA (dữ liệu mẫu): a fictional ward formed by the 1 July 2025 merger.
    "name": "Phường Hòa Thuận",
    # Province or centrally-run city; there is no district level since 1 July 2025.
    "province": "Thành phố Cần Thơ",
    "address": "Số 12 đường Trần Phú, phường Hòa Thuận, thành phố Cần Thơ",
    "phone": "0292 3820 111",
    "email": "ubnd.hoathuan@example.gov.vn",
    "hotline": "0292 3820 115",
    "hours": "Thứ Hai – Thứ Sáu: 7:00–11:30, 13:30–17:00; sáng Thứ Bảy: 7:30–11:00",
    # Zalo Official Account id; leave empty to hide the Zalo share button.
    "zalo_oa_id": "",
    # Who receives citizens' requests for information (Law on Access to Information):
    # info_officer in content/data/gioi-thieu.yml; "info_officer" here is used without it.
    # The wards/communes this ward was formed from (shown on the introduction page).
    "former_units": [
        {
            "name": "Phường An Lạc (cũ)",
            "address": "Số 40 đường Hùng Vương, phường An Lạc, quận Ninh Kiều (cũ)",
        },
        {
            "name": "Phường Hòa Thuận (cũ)",
            "address": "Số 12 đường Trần Phú, phường Hòa Thuận, quận Ninh Kiều (cũ)",
        },
        {
            "name": "Phường Tân Lộc (cũ)",
            "address": "Số 7 đường Lê Lợi, phường Tân Lộc, quận Ninh Kiều (cũ)",
        },
    ],
}

# Comments: approved comments live in content/comments/<slug>.yml. Citizens send
# new ones by "mailto" (their mail app, to WARD["email"]), "form" (POST to
# form_action, e.g. a comment server) or "none". default_status: open, closed, hidden.
WARD_COMMENTS = {"mode": "mailto", "default_status": "open"}

# The ward's site is a component of the provincial portal (Decree 224/2026/NĐ-CP
# Art. 11): linked in the header and footer; the province collects
# du-lieu/tin-bai.json (JSON Feed of posts and documents) and sitemap.xml.
WARD_PORTAL = {
    "province_portal_name": "Cổng thông tin điện tử thành phố Cần Thơ",
    "province_portal_url": "https://cantho.gov.vn",
}

SITENAME = "Cổng thông tin " + WARD["name"]
SITEURL = ""
AUTHOR = "UBND " + WARD["name"]

# --- Paths ---------------------------------------------------------------------
PATH = "content"
OUTPUT_PATH = "output"
# The engine's theme and plugins, in this checkout or installed (ward_engine).
THEME = str(engine_files().theme)
CACHE_PATH = ".cache"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra"]
# Photos sit beside the posts that show them; the gallery plugin handles them.
# Files and folders that a Mac, Windows, Office or an editor leave beside content
# (._x.md, __MACOSX/, Thumbs.db, ~$x.docx, x.swp…) are never read as content.
IGNORE_FILES = [*LITTER_PATTERNS, *sorted(LITTER_FOLDERS)]
EXTRA_PATH_METADATA = {
    "extra/favicon.ico": {"path": "favicon.ico"},
    "extra/apple-touch-icon.png": {"path": "apple-touch-icon.png"},
}

PLUGIN_PATHS = [str(engine_files().plugins)]
# Order matters: plugin generators run in this order. The gallery rewrites post
# bodies, so it runs before anything that reads them (JSON-LD, sitemap).
PLUGINS = [
    "ward_site",
    "ward_gallery",
    "ward_frontmatter",
    "ward_comments",
    "ward_links",
    # Work and citizen reception schedules; reads the officials ward_frontmatter found.
    "ward_schedules",
    # Hỏi đáp: content/data/hoi-dap.yml and comments marked question:.
    "ward_qa",
    # Công khai ngân sách: content/data/ngan-sach.yml, spreadsheets as tables.
    "ward_budget",
    # Site-wide notices (content/data/thong-bao-chung.yml) on every page.
    "ward_notices",
    # Procurement and public investment lists (content/data/dau-thau-dau-tu.yml).
    "ward_procurement",
    # The ward portal's standing pages: leaders (content/data/lanh-dao.yml)...
    "ward_leaders",
    # ...introduction, organisation and contact pages (content/data/gioi-thieu.yml)...
    "ward_intro",
    # ...administrative procedures (content/data/thu-tuc.yml)...
    "ward_procedures",
    # ...the boundary map (content/data/ranh-gioi.geojson → SVG)...
    "ward_map",
    # ...and what the law requires: notes in `make check`, the catalogue page.
    "ward_portal",
    # Old portal addresses (content/data/chuyen-huong.yml) → redirect pages.
    "ward_redirects",
    "ward_sitemap",
    "ward_minify",
    # Pagefind indexes the finished (minified) pages...
    "ward_search",
    # ...and precompression (publish only) covers the search bundle too.
    "ward_precompress",
]
# Markdown only: the reStructuredText reader would only add noise (and warnings).
READERS = {"rst": None}

# --- Language, time, slugs -------------------------------------------------------
DEFAULT_LANG = "vi"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_CATEGORY = "Tin tức"
USE_FOLDER_AS_CATEGORY = False
# One language per site: never group posts as "translations" by slug, so two
# posts with the same slug are reported as a collision instead of one vanishing.
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
# "342/KH-UBND" -> "342-kh-ubnd"; unidecode already turns đ into d.
SLUG_REGEX_SUBSTITUTIONS = [
    (r"/", "-"),
    (r"[^\w\s-]", ""),
    (r"(?u)\A\s*", ""),
    (r"(?u)\s*\Z", ""),
    (r"[-\s_]+", "-"),
]

# --- URLs: old ward portals address posts as /<slug>/ ------------------------------
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
PAGE_URL = "trang/{slug}/"
PAGE_SAVE_AS = "trang/{slug}/index.html"
CATEGORY_URL = "chuyen-muc/{slug}/"
CATEGORY_SAVE_AS = "chuyen-muc/{slug}/index.html"
CATEGORIES_URL = "chuyen-muc/"
CATEGORIES_SAVE_AS = "chuyen-muc/index.html"
TAG_URL = "the/{slug}/"
TAG_SAVE_AS = "the/{slug}/index.html"
TAGS_URL = "the/"
TAGS_SAVE_AS = "the/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_URL = "luu-tru/"
ARCHIVES_SAVE_AS = "luu-tru/index.html"
YEAR_ARCHIVE_URL = "luu-tru/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "luu-tru/{date:%Y}/index.html"
MONTH_ARCHIVE_URL = "luu-tru/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "luu-tru/{date:%Y}/{date:%m}/index.html"
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives", "404", "search"]
SEARCH_URL = "tim-kiem/"
SEARCH_SAVE_AS = "tim-kiem/index.html"
# 404.html sits at the root where every static host looks for it.
TEMPLATE_PAGES = {}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang-{number}/", "{base_name}/trang-{number}/index.html"),
)
DEFAULT_PAGINATION = 10

# --- Feeds: off while editing, on in publishconf.py -------------------------------
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# --- Markdown -------------------------------------------------------------------------
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.sane_lists": {},
        "markdown.extensions.smarty": {"smart_quotes": False},
    },
    "output_format": "html5",
}

# Escape every value in templates: titles, captions and comments are text, not
# HTML. Templates mark the few real HTML values (post bodies) with |safe.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

# Re-read only the posts that changed (wardtools drops the cache when plugins or
# settings change, or when a cache file is damaged).
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"

RELATIVE_URLS = False
DEFAULT_DATE = None
# Pelican's strftime formats need OS locales; the ward_site plugin formats
# every date with Babel instead, so this only names the default pattern.
DEFAULT_DATE_FORMAT = "EEEE, dd/MM/yyyy"
