"""Settings of the front matter plugin, read once into a typed value."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ward_core.officefiles import cache_root
from ward_core.settings import strict_settings


@dataclass(frozen=True)
class IndexSettings:
    officials_url: str = "can-bo/"
    officials_save_as: str = "can-bo/index.html"
    official_url: str = "can-bo/{slug}/"
    official_save_as: str = "can-bo/{slug}/index.html"
    documents_url: str = "van-ban/"
    documents_save_as: str = "van-ban/index.html"
    # A document is identified by number and year: van-ban/2023/118-kh-ubnd/.
    # The number alone (the old address) redirects there, or lists every year.
    document_url: str = "van-ban/{year}/{slug}/"
    document_save_as: str = "van-ban/{year}/{slug}/index.html"
    number_url: str = "van-ban/{slug}/"
    number_save_as: str = "van-ban/{slug}/index.html"
    # The documents index filtered by year and by kind (Kế hoạch, Quyết định…).
    year_url: str = "van-ban/{year}/"
    year_save_as: str = "van-ban/{year}/index.html"
    kind_url: str = "van-ban/loai/{kind}/"
    kind_save_as: str = "van-ban/loai/{kind}/index.html"

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> IndexSettings:
        return strict_settings(cls, settings.get("WARD_INDEXES"), "WARD_INDEXES")


@dataclass(frozen=True)
class DocumentSettings:
    """Files of documents (văn bản) and attachments: ``WARD_DOCUMENTS``."""

    # A file heavier than this is refused (citizens download on phones).
    max_file_mb: int = 50
    cache_root: Path = Path(".cache/documents")

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> DocumentSettings:
        return strict_settings(
            cls,
            settings.get("WARD_DOCUMENTS"),
            "WARD_DOCUMENTS",
            cache_root=cache_root(settings),
        )
