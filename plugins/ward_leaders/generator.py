"""Pelican adapter: the leaders page and the leaders' photos."""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator
from pelican.utils import slugify

from ward_core.pagewriter import write_page
from ward_core.paths import display_path
from ward_core.photos.cache import publish_files
from ward_core.photos.datafiles import DataPhoto, DataPhotoSet
from ward_core.problems import SiteError
from ward_core.session import session_of
from ward_core.textfile import read_text

from .model import Leader, parse_leaders_file
from .settings import LeadersSettings

LEADERS_CONTEXT = "leaders_by_key"
LEADERS_URL_CONTEXT = "LEADERS_URL"
PHOTO_SIZES = "10rem"


class ShownLeader:
    """A leader as a page shows them: photo rendered, official page linked."""

    def __init__(self, leader: Leader, photo, anchor: str) -> None:
        self.leader = leader
        self.photo = photo
        self.anchor = anchor
        self.official_url = ""  # set once the officials index is known

    def __getattr__(self, name):
        return getattr(self.leader, name)


class WardLeadersGenerator(Generator):
    def generate_context(self) -> None:
        self.leaders_settings = s = LeadersSettings.from_settings(self.settings)
        content_root = Path(self.settings["PATH"])
        path = content_root / s.data_file
        self.photos = DataPhotoSet.for_build(
            self.settings, "leaders", s.photo_widths, s.output_dir
        )
        self.current: list[ShownLeader] = []
        self.former: list[ShownLeader] = []
        self.context[LEADERS_URL_CONTEXT] = s.url
        if not path.is_file():
            return
        shown = display_path(str(path))
        parsed = session_of(self.settings).fact(
            "ward_leaders", lambda: parse_leaders_file(read_text(path), content_root)
        )
        if parsed.problems:
            raise SiteError(problems=[p.at(shown) for p in parsed.problems])
        subs = self.settings["SLUG_REGEX_SUBSTITUTIONS"]
        slugs = {
            leader.line: slugify(leader.name, regex_subs=subs)
            for leader in parsed.leaders
        }
        pictures = self.photos.render(
            [
                DataPhoto(
                    leader.photo,
                    leader.photo_src,
                    leader.name,
                    slugs[leader.line],
                    leader.line,
                )
                for leader in parsed.leaders
                if leader.photo
            ],
            PHOTO_SIZES,
            shown,
        )
        by_key: dict[str, ShownLeader] = {}
        for leader in parsed.leaders:
            entry = ShownLeader(
                leader,
                pictures.get(leader.photo),
                f"{slugs[leader.line]}-{leader.line}",
            )
            if leader.current:
                self.current.append(entry)
                by_key.setdefault(leader.key, entry)
            else:
                self.former.append(entry)
        # Former leaders newest term first; a current record wins for the same person.
        self.former.sort(key=lambda e: e.term_until, reverse=True)
        for entry in self.former:
            by_key.setdefault(entry.key, entry)
        self.context[LEADERS_CONTEXT] = by_key

    def generate_output(self, writer) -> None:
        officials = {
            getattr(e, "key", ""): getattr(e, "url", "")
            for e in self.context.get("officials_index", [])
        }
        for entry in self.current + self.former:
            entry.official_url = officials.get(entry.key, "")
        s = self.leaders_settings
        write_page(
            self,
            writer,
            s.save_as,
            "leaders",
            s.url,
            current_leaders=self.current,
            former_leaders=self.former,
        )
        publish_files(self.photos.files, Path(self.output_path))
        self.photos.cache.save_index()
        self.photos.cache.prune(self.photos.used_keys)
