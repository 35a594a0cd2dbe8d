"""Index pages with Pagefind while the build writes them (no Pelican here).

`LiveIndex` starts `pagefind --service` when the build starts and sends each
page as soon as it is written; Pagefind indexes it on the other core while
Python renders the next one. At the end, `finish` makes the index hold exactly
what `pagefind --site SITE` would read from disk (every ``*.html`` file under
the site, with its final bytes), writes the bundle and canonicalises it:

- pages that other plugins wrote without telling (redirects, copied files) are
  sent then, in path order;
- a page changed after it was sent (minified, rewritten) is sent again: Pagefind
  replaces a page with the same URL in place;
- if a sent page is gone, the index is built again from disk;
- pages that surely have no data-pagefind-body are not sent at all (see
  BODY_NAME), unless no page has one: then Pagefind indexes every page.

After an edit (`make html` with the last good build there), the build starts
by sending the last build's searchable pages again, in the order it sent them
(``seed``, from ``SearchState``), from a thread, while Python checks and reads
the site: then only pages whose bytes changed are sent as Pelican writes them,
and the bundle, which takes Pagefind about 2 s of one core at 1,000 posts, is
asked for as soon as the posts are written (``early_bundle``), while Python
writes the lists. The index Pagefind holds is the one the build would have
sent page by page, in the same order (Pagefind numbers pages in the order it
first got them, and the bundle shows the numbers): as soon as the build sends
a page out of the seed's order, or a page that was not in it, the seeded
process is dropped and the index is made again from the pages sent so far. An
early bundle is taken only if nothing was sent after it was asked for.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ward_core.urls import ROOT_MARKER, root_from

from .indexer import INDEX_FOLDER
from .service import PagefindService, PagefindServiceError

logger = logging.getLogger(__name__)

LANGUAGE = "vi"  # the site is Vietnamese only; same as --force-language vi


def page_url(relative: str) -> str:
    """The URL Pagefind gives the file at `relative` (posix) under the site."""
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative[: -len("index.html")]
    return "/" + relative


def html_files(site: Path) -> list[str]:
    """What `pagefind --site` reads: every file named *.html, posix, sorted."""
    found = []
    for folder, _dirs, names in os.walk(site):
        base = Path(folder).relative_to(site).as_posix()
        for name in names:
            if name.endswith(".html"):
                found.append(name if base == "." else f"{base}/{name}")
    return sorted(found)


# Pagefind drops every page without a data-pagefind-body element as soon as one
# page has one (the theme marks posts and documents). Such pages need not be
# sent: without the attribute's name anywhere in its bytes a page cannot have
# the element. Lists, tags and archives are most of the site, and Pagefind
# would keep every word of them in memory until the end.
BODY_NAME = b"data-pagefind-body"  # searched in the lowercased bytes
# The attribute inside a start tag of a page with an <html> element: then
# Pagefind does find a body, and the pages held back are really dropped.
BODY_ATTRIBUTE = re.compile(rb"<[a-z][^<>]*\sdata-pagefind-body[\s=/>]", re.IGNORECASE)
HTML_ELEMENT = re.compile(rb"<html[\s>]", re.IGNORECASE)


class _Page:
    """What was done with one page: enough to tell whether the file changed."""

    __slots__ = ("digest", "has_body", "mtime_ns", "sent", "size")

    def __init__(
        self, stat: os.stat_result, digest: bytes | None, sent: bool, has_body: bool
    ) -> None:
        self.size = stat.st_size
        self.mtime_ns = stat.st_mtime_ns
        self.digest = digest  # only for pages sent with a different text than on disk
        self.sent = sent  # False: held back, it has no data-pagefind-body
        self.has_body = has_body  # surely has a data-pagefind-body element


Stamp = tuple[int, int]  # a file's (size, mtime_ns)


@dataclass
class SearchState:
    """What a finished index holds, kept beside the build's record of pages
    (ward_core.reuse) for the next build to seed from: the pages sent, in
    Pagefind's order, with their stamps and the digest of the bytes sent; the
    pages held back; the page that showed a data-pagefind-body element."""

    sent: list[tuple[str, Stamp, str]] = field(default_factory=list)
    held: dict[str, Stamp] = field(default_factory=dict)
    body: str = ""

    def to_json(self) -> dict:
        return {
            "sent": [[name, list(stamp), digest] for name, stamp, digest in self.sent],
            "held": {name: list(stamp) for name, stamp in self.held.items()},
            "body": self.body,
        }

    @classmethod
    def from_json(cls, raw: object) -> SearchState | None:
        """None for anything but a state `to_json` wrote."""
        try:
            assert isinstance(raw, dict)
            sent = [
                (str(name), (int(size), int(mtime)), str(digest))
                for name, (size, mtime), digest in raw["sent"]
            ]
            held = {
                str(name): (int(size), int(mtime))
                for name, (size, mtime) in raw["held"].items()
            }
            return cls(sent, held, str(raw["body"]))
        except (AssertionError, KeyError, TypeError, ValueError, AttributeError):
            return None


def _stamp(stat: os.stat_result) -> Stamp:
    return (stat.st_size, stat.st_mtime_ns)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class LiveIndex:
    def __init__(
        self,
        site: Path,
        *,
        resolve_root: bool = False,
        previous: Path | None = None,
        seed: SearchState | None = None,
    ) -> None:
        self.site = Path(os.path.abspath(site))
        self.resolve_root = resolve_root  # RELATIVE_URLS: ward_site rewrites markers
        # The last good build, whose unchanged pages are linked in at the end
        # (ward_core.reuse): they are announced before they are in the site.
        self.previous = previous
        self._pages: dict[str, _Page] = {}
        self._some_body = False  # a page sent surely has a data-pagefind-body element
        # Pagefind's pages in the order it first got them, and the digest of
        # the bytes it holds for each.
        self._order: list[str] = []
        self._holds: dict[str, str] = {}
        # Seeding (see the module's docstring); `_expect`: how many pages of
        # the seed's order this build has sent (or found unchanged) so far.
        self._seed = seed if seed and seed.body and previous is not None else None
        self._expect = 0
        # By page of the seed: its stamp and whether it was sent; its place.
        self._stamps: dict[str, tuple[Stamp, bool]] = {}
        self._positions: dict[str, int] = {}
        if self._seed is not None:
            self._stamps = {name: (stamp, False) for name, stamp in seed.held.items()}
            for position, (name, stamp, _) in enumerate(seed.sent):
                self._stamps[name] = (stamp, True)
                self._positions[name] = position
        self._seed_lock = threading.Lock()
        self._seeded = 0  # pages of the seed the thread has sent
        self._instead: dict[str, bytes] = {}  # the build's bytes, for the thread
        self._seeder: threading.Thread | None = None
        self._early: int | None = None  # the early bundle's request
        self._early_stale = False  # something was sent after it
        self.state: SearchState | None = None  # once finished
        self.early_taken = False  # the bundle asked for early was the final one
        self._service: PagefindService | None = None
        self._start()

    def _start(self) -> None:
        """A Pagefind process with an empty index; then the seed, if any."""
        self._service = PagefindService()
        try:
            self._index_id = self._new_index()
        except PagefindServiceError:
            self.stop()
            raise
        if self._seed is not None:
            self._holds = {name: digest for name, _, digest in self._seed.sent}
            self._order = [name for name, _, _ in self._seed.sent]
            self._seeder = threading.Thread(
                target=self._send_seed, args=(self._seed, self.previous), daemon=True
            )
            self._seeder.start()

    def _send_seed(self, seed: SearchState, previous: Path) -> None:
        """The last build's searchable pages, from its output, in its order. A
        page changed since (by hand) ends the seeding: the build sends it."""
        for name, stamp, _ in seed.sent:
            data = None
            try:
                with open(os.path.join(previous, name), "rb") as handle:
                    if _stamp(os.fstat(handle.fileno())) == stamp:
                        data = handle.read()
            except OSError:
                pass
            with self._seed_lock:
                if self._seed is None:
                    return  # dropped meanwhile
                data = self._instead.pop(name, data)
                if data is None:
                    self._seeded = -1  # the main thread drops the seed
                    return
                try:
                    self._send(name, data)
                except (PagefindServiceError, OSError):
                    self._seeded = -1
                    return
                self._seeded += 1

    def _join_seed(self) -> None:
        seeder, self._seeder = self._seeder, None
        if seeder is not None:
            seeder.join()
        if self._seed is not None and self._seeded < 0:
            self._drop_seed()

    def _drop_seed(self) -> None:
        """The build sent something the seed did not foresee: a new process,
        given the pages this build has sent so far, in its order."""
        if self._seed is None:
            return
        logger.debug("Pagefind: the last build's order no longer holds; reseeding")
        sent_so_far = self._order[: self._expect]
        self._restart()
        for name in sent_so_far:
            data = self._read(name)[0]
            self._order.append(name)
            self._holds[name] = _digest(data)
            self._send(name, data)

    def _restart(self) -> None:
        """A new process with an empty index (the old one is killed)."""
        with self._seed_lock:
            self._seed = None
        seeder, self._seeder = self._seeder, None
        service, self._service = self._service, None
        if service is not None:
            service.kill()
        if seeder is not None:
            seeder.join()
        self._order, self._holds, self._instead = [], {}, {}
        self._early, self._early_stale = None, False
        self._start()

    def posts_first(self, pages: list[str]) -> None:
        """The build will send these pages first (the posts, as Pelican writes
        them, known once it has read them): a seed that does not start with
        them (a new post, one removed or moved in time) is dropped now rather
        than when the first of them is written, so that Pagefind stops parsing
        a seed it would throw away."""
        if self._seed is not None and self._order[: len(pages)] != pages:
            self._drop_seed()

    def early_bundle(self, *, wait: bool = True) -> None:
        """If the seed still holds, ask for the bundle now; it is taken at the
        end if nothing was sent after this. Called once the posts are written,
        and (without waiting for the seeding thread) as soon as a page of the
        seed changed: an edited post is most often a recent one, written first;
        if more pages change after it, Pagefind made one bundle for nothing, on
        the other core."""
        if self._seed is None or self._early is not None:
            return
        if not wait and self._seeder is not None and self._seeder.is_alive():
            return
        self._join_seed()
        if self._seed is None:
            return
        assert self._service is not None
        self._early = self._service.send_raw(
            {"type": "GetFiles", "index_id": self._index_id}, "lấy chỉ mục"
        )
        self._early_stale = False

    def _new_index(self) -> int:
        assert self._service is not None
        reply = self._service.call(
            {"type": "NewIndex", "config": {"force_language": LANGUAGE}},
            "tạo chỉ mục",
        )
        return int(reply["index_id"])

    # --- while the build writes ---------------------------------------------------

    def page_written(self, path: str | Path) -> None:
        """Send the page just written at `path` (ignored unless *.html in the site)."""
        full = os.path.abspath(path)
        relative = os.path.relpath(full, self.site).replace(os.sep, "/")
        if not relative.endswith(".html") or relative.startswith("../"):
            return
        seeded = self._seed is not None and relative not in self._pages
        if seeded and self._unchanged_since_seed(relative, full):
            return
        try:
            data, stat, digest = self._read(relative, full)
        except FileNotFoundError:
            return  # not there yet: `finish` finds it if it is there at the end
        self._offer(relative, data, stat, digest)

    def _read(
        self, relative: str, full: str | None = None
    ) -> tuple[bytes, os.stat_result, bytes | None]:
        """The page's final bytes (the last build's if not written yet), its
        file's stat, and their digest if they differ from the file's."""
        full = full or os.path.join(self.site, relative)
        with open(self._source(relative, full), "rb") as handle:
            data = handle.read()
            stat = os.fstat(handle.fileno())
        digest = None
        if self.resolve_root and ROOT_MARKER.encode() in data:
            # ward_site will write exactly this at the end: index the final text now.
            root = root_from(Path(full), self.site).encode()
            data = data.replace(ROOT_MARKER.encode(), root)
            digest = hashlib.sha256(data).digest()
        return data, stat, digest

    def _source(self, relative: str, full: str) -> str:
        """The page's file: the last build's until it is linked in."""
        if self.previous is not None and not os.path.exists(full):
            return os.path.join(self.previous, relative)
        return full

    def _unchanged_since_seed(self, relative: str, full: str) -> bool:
        """A page taken from the last build (or written again with the same
        stamp) is as the seed has it: nothing to read or send."""
        assert self._seed is not None
        known = self._stamps.get(relative)
        if known is None:
            return False
        sent = known[1]
        expected = self._expect < len(self._order) and self._order[self._expect]
        if sent and expected != relative:
            return False  # out of the seed's order: read and sent, the seed dropped
        try:
            stat = os.stat(self._source(relative, full))
        except OSError:
            return False
        if _stamp(stat) != known[0]:
            return False
        has_body = sent and relative == self._seed.body
        self._some_body = self._some_body or has_body
        if sent:
            self._sent_first(relative)
        self._pages[relative] = _Page(stat, None, sent, has_body)
        return True

    def _offer(
        self,
        relative: str,
        data: bytes,
        stat: os.stat_result,
        digest: bytes | None = None,
        *,
        replaces: bool = False,
    ) -> None:
        """Send the page unless it surely has no body (and none of it was sent)."""
        send = replaces or BODY_NAME in data.lower()
        # One page surely with a body is enough to know that the others are dropped.
        has_body = send and not self._some_body and _has_body_element(data)
        self._some_body = self._some_body or has_body
        if send:
            self._sent_first(relative)
            self._send_changed(relative, data)
        self._pages[relative] = _Page(stat, digest, send, has_body)

    def _sent_first(self, relative: str) -> None:
        """The build sends `relative` (or finds it as sent): Pagefind's order
        is the order of first sends; a seed out of that order is dropped."""
        if relative in self._pages and self._pages[relative].sent:
            return  # sent before: Pagefind replaces it in place
        if self._seed is None:
            self._order.append(relative)
            return
        if self._expect < len(self._order) and self._order[self._expect] == relative:
            self._expect += 1
            return
        self._drop_seed()
        self._order.append(relative)

    def _send_changed(self, relative: str, data: bytes) -> None:
        """Send the page unless Pagefind holds these very bytes already."""
        digest = _digest(data)
        if self._holds.get(relative) == digest:
            return
        self._holds[relative] = digest
        if self._early is not None:
            self._early_stale = True
        with self._seed_lock:
            position = self._positions.get(relative, -1)
            if self._seed is not None and 0 <= self._seeded <= position:
                self._instead[relative] = data  # the thread sends it in its place
                return
        self._send(relative, data)
        if position >= 0:
            self.early_bundle(wait=False)

    def _send(self, relative: str, data: bytes) -> None:
        assert self._service is not None
        self._service.send(
            {
                "type": "AddFile",
                "index_id": self._index_id,
                "file_path": None,
                "url": page_url(relative),
                "file_contents": data.decode("utf-8", "replace"),
            },
            relative,
        )

    # --- at the end -----------------------------------------------------------------

    def finish(self) -> None:
        """Bring the index in line with the files on disk and write the bundle.
        Always stops the Pagefind process."""
        started = time.monotonic()
        try:
            self._join_seed()
            on_disk = html_files(self.site)
            sent = {path for path, page in self._pages.items() if page.sent}
            if sent - set(on_disk):
                self._rebuild(on_disk)
            else:
                self._catch_up(on_disk)
                if self._expect < len(self._order):
                    self._drop_seed()  # pages of the seed this build did not send
            held = [path for path in on_disk if not self._pages[path].sent]
            if held and not any(page.has_body for page in self._pages.values()):
                # No page surely has a body: Pagefind indexes every page then.
                self._drop_seed()
                for relative in held:
                    self._sent_first(relative)
                    self._send_changed(relative, (self.site / relative).read_bytes())
            assert self._service is not None
            self._service.wait_all()
            caught_up = time.monotonic()
            # The files come back in the reply and Python writes them: Pagefind's
            # own WriteFiles answers before its writes are complete (they finish
            # in the background of a process that stays up), so a bundle read
            # right after could be cut short.
            early = self._early is not None and not self._early_stale
            if self._early is not None and not early:
                self._service.take_raw(self._early)  # out of date: dropped
            self.early_taken = early
            raw = (
                self._service.take_raw(self._early)
                if early and self._early is not None
                else self._service.call_raw(
                    {"type": "GetFiles", "index_id": self._index_id}, "lấy chỉ mục"
                )
            )
            self.stop()  # Pagefind's memory goes before Python decodes the bundle
            files = PagefindService.decode(raw).get("files") or []
            del raw
            self._write_bundle(files)
            self.state = self._state(on_disk)
            logger.debug(
                "Pagefind: %d pages sent, %d held back; %.2f s to catch up at the "
                "end, %.2f s to build and write the bundle (asked for early: %s)",
                len(on_disk) - len(held),
                len(held),
                caught_up - started,
                time.monotonic() - caught_up,
                early,
            )
        finally:
            self.stop()

    def _state(self, on_disk: list[str]) -> SearchState:
        """What the index holds, for the next build's seed."""
        state = SearchState()
        for relative in on_disk:
            page = self._pages[relative]
            if not page.sent:
                state.held[relative] = _stamp(os.stat(self.site / relative))
            if page.has_body and not state.body:
                state.body = relative
        state.sent = [
            (name, _stamp(os.stat(self.site / name)), self._holds[name])
            for name in self._order
        ]
        return state

    def _write_bundle(self, files: list[dict]) -> None:
        bundle = self.site / INDEX_FOLDER
        for file in files:
            relative = Path(str(file["path"]))
            if relative.is_absolute() or ".." in relative.parts:
                raise PagefindServiceError(f"tệp lạ trong chỉ mục: {relative}")
            target = bundle / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base64.b64decode(file["content"]))

    def _catch_up(self, on_disk: list[str]) -> None:
        """Offer pages written without a signal, or changed since they were seen."""
        late = 0
        for relative in on_disk:
            page = self._pages.get(relative)
            path = self.site / relative
            stat = path.stat()
            if page and stat.st_size == page.size and stat.st_mtime_ns == page.mtime_ns:
                continue
            data = path.read_bytes()
            if page and page.digest and hashlib.sha256(data).digest() == page.digest:
                continue  # ward_site wrote what was sent (relative addresses)
            late += 1
            self._offer(relative, data, stat, replaces=bool(page and page.sent))
        logger.debug("Pagefind: %d pages seen only at the end", late)

    def _rebuild(self, on_disk: list[str]) -> None:
        logger.debug("a page sent to Pagefind is gone: indexing the site again")
        self._restart()
        self._pages = {}
        self._some_body = False
        for relative in on_disk:
            path = self.site / relative
            self._offer(relative, path.read_bytes(), path.stat())

    def stop(self) -> None:
        with self._seed_lock:
            self._seed = None  # the seeding thread ends at its next page
        service, self._service = self._service, None
        if service is not None:
            service.stop()
        seeder, self._seeder = self._seeder, None
        if seeder is not None:
            seeder.join()


def _has_body_element(data: bytes) -> bool:
    return bool(HTML_ELEMENT.search(data) and BODY_ATTRIBUTE.search(data))
