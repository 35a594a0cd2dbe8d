"""The real preview server (tests/previewkit.py) on a copy of the sample content,
with the HTTP helpers the editor's protocol and browser tests share."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests import previewkit
from tests.sitekit import PROJECT


@dataclass
class Preview:
    base: str
    content: Path
    output: Path

    def post(
        self, payload: object, *, raw: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, object]:
        """POST /api/v1; the JSON answer (refusals included) and its status."""
        body = raw if raw is not None else json.dumps(payload).encode("utf-8")
        request = urllib.request.Request(
            self.base + "api/v1",
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", **(headers or {})},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.base + path.lstrip("/"), timeout=30) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        except OSError:  # not listening yet
            return 0, b""

    def wait_for(self, path: str, predicate, timeout: float = 90) -> str:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            status, body = self.get(path)
            last = body.decode("utf-8", errors="replace")
            if status == 200 and predicate(last):
                return last
            time.sleep(0.3)
        raise AssertionError(f"timed out waiting for {path}; last page: {last[:300]}")


@contextmanager
def preview_server(
    root: Path, content: Path, overrides: dict | None = None
) -> Iterator[Preview]:
    """`wardtools serve` on ``content``; its preview folder is ``root/preview``;
    ``overrides`` are settings (``--set``), e.g. a fixed BUILD_DATE."""
    with previewkit.preview_server(content, root, overrides) as server:
        preview = Preview(server.base, content, root / "preview")
        try:
            preview.wait_for("/", lambda html: "</html>" in html)
        except AssertionError:
            server.process.terminate()
            raise AssertionError(server.process.communicate(timeout=30)[1]) from None
        yield preview


AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(frame, within: str = "") -> list[str]:
    """WCAG 2.1 A/AA violations axe-core finds in a page or frame (or only in
    the element `within` names: our own box on Decap's page)."""
    frame.add_script_tag(path=str(AXE))
    return frame.evaluate(
        """async within => {
          const r = await axe.run(within || document, {runOnly: {type: "tag",
            values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}});
          return r.violations.map(v => v.id + ": " + v.nodes.map(n => n.html).join(", "));
        }""",
        within,
    )
