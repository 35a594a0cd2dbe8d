"""Production settings: `make publish` builds with these.

SITEURL is the address citizens use, e.g. https://phuonghoathuan.cantho.gov.vn or
a sub-path such as https://cantho.gov.vn/phuong-hoa-thuan. Write it below, or set
the environment variable SITEURL when publishing (it wins over this file).
Without an address the site is built with relative links: it works wherever the
output/ folder is copied, but has no feeds, sitemap or share previews, which
need an absolute address.
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *

# The site's real address, e.g. "https://phuonghoathuan.cantho.gov.vn".
SITE_ADDRESS = ""

SITEURL = os.environ.get("SITEURL", SITE_ADDRESS).rstrip("/")
RELATIVE_URLS = not SITEURL
if SITEURL:
    FEED_DOMAIN = SITEURL
    FEED_ALL_ATOM = "feeds/tat-ca.atom.xml"
    CATEGORY_FEED_ATOM = "feeds/chuyen-muc-{slug}.atom.xml"

# The build citizens see: placeholders and photos without captions are refused.
WARD_RELEASE = {"final": True}

# Drafts are for preview only: never publish them.
DRAFT_SAVE_AS = ""
DRAFT_URL = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_URL = ""

# .gz and .br files beside each page, for nginx gzip_static / brotli_static.
WARD_PRECOMPRESS = {"enabled": True}

# Where `make deploy` uploads output/ with rsync: a local folder or user@host:/path.
# The environment variable DEPLOY_TARGET wins over this setting.
DEPLOY_TARGET = os.environ.get("DEPLOY_TARGET", "")
