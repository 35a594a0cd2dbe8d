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
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import re
import time
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


class LiveIndex:
    def __init__(
        self, site: Path, *, resolve_root: bool = False, previous: Path | None = None
    ) -> None:
        self.site = Path(os.path.abspath(site))
        self.resolve_root = resolve_root  # RELATIVE_URLS: ward_site rewrites markers
        # The last good build, whose unchanged pages are linked in at the end
        # (ward_core.reuse): they are announced before they are in the site.
        self.previous = previous
        self._pages: dict[str, _Page] = {}
        self._some_body = False  # a page sent surely has a data-pagefind-body element
        self._service: PagefindService | None = PagefindService()
        try:
            self._index_id = self._new_index()
        except PagefindServiceError:
            self.stop()
            raise

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
        source = full
        if self.previous is not None and not os.path.exists(full):
            source = os.path.join(self.previous, relative)
        try:
            with open(source, "rb") as handle:
                data = handle.read()
                stat = os.fstat(handle.fileno())
        except FileNotFoundError:
            return  # not there yet: `finish` finds it if it is there at the end
        digest = None
        if self.resolve_root and ROOT_MARKER.encode() in data:
            # ward_site will write exactly this at the end: index the final text now.
            root = root_from(Path(full), self.site).encode()
            data = data.replace(ROOT_MARKER.encode(), root)
            digest = hashlib.sha256(data).digest()
        self._offer(relative, data, stat, digest)

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
            self._send(relative, data)
        self._pages[relative] = _Page(stat, digest, send, has_body)

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
            on_disk = html_files(self.site)
            sent = {path for path, page in self._pages.items() if page.sent}
            if sent - set(on_disk):
                self._rebuild(on_disk)
            else:
                self._catch_up(on_disk)
            held = [path for path in on_disk if not self._pages[path].sent]
            if held and not any(page.has_body for page in self._pages.values()):
                # No page surely has a body: Pagefind indexes every page then.
                for relative in held:
                    self._send(relative, (self.site / relative).read_bytes())
            assert self._service is not None
            self._service.wait_all()
            caught_up = time.monotonic()
            # The files come back in the reply and Python writes them: Pagefind's
            # own WriteFiles answers before its writes are complete (they finish
            # in the background of a process that stays up), so a bundle read
            # right after could be cut short.
            raw = self._service.call_raw(
                {"type": "GetFiles", "index_id": self._index_id}, "lấy chỉ mục"
            )
            self.stop()  # Pagefind's memory goes before Python decodes the bundle
            files = PagefindService.decode(raw).get("files") or []
            del raw
            self._write_bundle(files)
            logger.debug(
                "Pagefind: %d pages sent, %d held back; %.2f s to catch up at the "
                "end, %.2f s to build and write the bundle",
                len(on_disk) - len(held),
                len(held),
                caught_up - started,
                time.monotonic() - caught_up,
            )
        finally:
            self.stop()

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
        assert self._service is not None
        self._service.call(
            {"type": "DeleteIndex", "index_id": self._index_id}, "xóa chỉ mục"
        )
        self._index_id = self._new_index()
        self._pages = {}
        self._some_body = False
        for relative in on_disk:
            path = self.site / relative
            self._offer(relative, path.read_bytes(), path.stat())

    def stop(self) -> None:
        service, self._service = self._service, None
        if service is not None:
            service.stop()


def _has_body_element(data: bytes) -> bool:
    return bool(HTML_ELEMENT.search(data) and BODY_ATTRIBUTE.search(data))
