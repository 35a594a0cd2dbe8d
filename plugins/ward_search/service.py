"""A synchronous client of the Pagefind binary in service mode (no Pelican here).

The protocol is Pagefind's own (`pagefind --service`): each request is base64
of a JSON object followed by a comma on stdin, each reply the same on stdout.
The binary queues requests as they arrive and indexes them one after another on
its own core, so pages can be sent while Python renders the next ones.

We use the binary that the pinned `pagefind` package finds (the same one as
`python -m pagefind`), but not its asyncio client: that client reads one reply
per 0.1 s, which would add minutes at 2,500 pages, and it hangs when the
binary dies.
"""

from __future__ import annotations

import base64
import collections
import contextlib
import json
import re
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

# A reply must arrive within this long after the last request was sent;
# the CLI run had the same limit for the whole site.
REPLY_TIMEOUT_SECONDS = 600.0
STOP_TIMEOUT_SECONDS = 5.0
RAW_REPLY_BYTES = 1 << 20


class PagefindServiceError(Exception):
    """Pagefind is missing, died, refused a request or did not answer in time."""


def pagefind_executable() -> Path:
    try:
        from pagefind.service import get_executable
    except ImportError:
        get_executable = None
    executable = get_executable() if get_executable else None
    if executable is None:
        raise PagefindServiceError("không tìm thấy chương trình Pagefind")
    return executable


class PagefindService:
    """One `pagefind --service` process. Requests sent with `send` are answered
    in the background; `wait_all` waits for every answer and raises the first
    error. `stop` always ends the process (also after an error)."""

    def __init__(self, executable: Path | None = None) -> None:
        command = [str(executable or pagefind_executable()), "--service"]
        try:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        except OSError as exc:
            raise PagefindServiceError(str(exc)) from None
        self._lock = threading.Condition()
        self._send_lock = threading.Lock()
        self._next_id = 0
        self._pending: dict[int, str] = {}  # message id -> what it was for
        self._replies: dict[int, Any] = {}  # kept only when asked for
        self._keep: set[int] = set()
        self._raw_for = 0  # the request whose big reply is kept undecoded
        self._errors: list[str] = []
        self._ended = False  # stdout closed: the process is gone
        self._stderr: collections.deque[str] = collections.deque(maxlen=5)
        self._threads = [
            threading.Thread(target=self._read_replies, daemon=True),
            threading.Thread(target=self._read_stderr, daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    # --- requests ------------------------------------------------------------------

    def send(self, payload: dict[str, Any], about: str, keep: bool = False) -> int:
        """Queue a request; `about` names it in an error message. Safe from
        two threads (requests go out whole, numbered in the order sent)."""
        with self._send_lock:
            with self._lock:
                self._next_id += 1
                message_id = self._next_id
                self._pending[message_id] = about
                if keep:
                    self._keep.add(message_id)
            request = {"message_id": message_id, "payload": payload}
            data = json.dumps(request, ensure_ascii=False).encode("utf-8")
            try:
                assert self._process.stdin is not None
                self._process.stdin.write(base64.b64encode(data) + b",")
                self._process.stdin.flush()
                return message_id
            except (OSError, ValueError):
                pass
        self.raise_if_failed(wait_for_exit=True)
        raise PagefindServiceError("Pagefind đã dừng đột ngột")

    def call(self, payload: dict[str, Any], about: str) -> dict[str, Any]:
        """Send a request and wait for its reply."""
        message_id = self.send(payload, about, keep=True)
        self.wait_all()
        with self._lock:
            return self._replies.pop(message_id)

    def call_raw(self, payload: dict[str, Any], about: str) -> bytes | bytearray:
        """Send a request whose reply is big (the whole bundle) and return it
        undecoded: decoding can wait until the process is stopped, so that the
        two never hold the bundle's memory at the same time."""
        return self.take_raw(self.send_raw(payload, about))

    def send_raw(self, payload: dict[str, Any], about: str) -> int:
        """Queue a request whose big reply `take_raw` returns undecoded (one
        such request at a time)."""
        with self._lock:
            assert not self._raw_for, "one big reply at a time"
            self._raw_for = self._next_id + 1
        message_id = self.send(payload, about, keep=True)
        assert message_id == self._raw_for
        return message_id

    def take_raw(self, message_id: int) -> bytes | bytearray:
        """Wait for every request sent so far, then give `send_raw`'s reply."""
        self.wait_all()
        with self._lock:
            self._raw_for = 0
            reply = self._replies.pop(message_id)
        if isinstance(reply, bytes | bytearray):
            return reply
        # A small reply came decoded: give it back encoded, as a big one would be.
        request = {"message_id": message_id, "payload": reply}
        return base64.b64encode(json.dumps(request).encode("utf-8"))

    @staticmethod
    def decode(raw: bytes | bytearray) -> dict[str, Any]:
        return json.loads(base64.b64decode(raw)).get("payload") or {}

    def wait_all(self, timeout: float = REPLY_TIMEOUT_SECONDS) -> None:
        """Wait until every request is answered; raise the first error."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._pending and not self._errors and not self._ended:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise PagefindServiceError(
                        f"Pagefind không trả lời sau {timeout:.0f} giây"
                    )
                self._lock.wait(min(left, 1.0))
        self.raise_if_failed(wait_for_exit=self._ended)

    def raise_if_failed(self, wait_for_exit: bool = False) -> None:
        """Raise the first error, or say that the process died. With
        `wait_for_exit` (a write to it failed): wait until it is gone and its
        last words on stderr are read."""
        if wait_for_exit and self._process.poll() is None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(STOP_TIMEOUT_SECONDS)
        if wait_for_exit or self._ended:
            for thread in self._threads:
                thread.join(
                    STOP_TIMEOUT_SECONDS if self._process.poll() is not None else 0
                )
        with self._lock:
            errors = list(self._errors)
            ended = self._ended and (bool(self._pending) or wait_for_exit)
        if errors:
            raise PagefindServiceError(errors[0])
        if ended:
            detail = " / ".join(self._stderr) or f"mã thoát {self._process.poll()}"
            raise PagefindServiceError(f"Pagefind đã dừng đột ngột ({detail})")

    # --- process ---------------------------------------------------------------------

    @property
    def pid(self) -> int:
        return self._process.pid

    def kill(self) -> None:
        """End the process at once, with whatever it was doing (a discarded index)."""
        with contextlib.suppress(OSError):
            self._process.kill()
        self.stop()

    def stop(self) -> None:
        """End the process: closing stdin makes it exit; kill it if it does not."""
        process = self._process
        try:
            if process.stdin is not None:
                process.stdin.close()
        except OSError:
            pass
        try:
            process.wait(STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for thread in self._threads:
            thread.join(STOP_TIMEOUT_SECONDS)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()

    # --- background readers -------------------------------------------------------

    def _read_replies(self) -> None:
        stream = self._process.stdout
        assert stream is not None
        buffer = bytearray()
        try:
            while chunk := stream.read1(1 << 16):
                scanned = len(buffer)  # no comma before: a big reply is scanned once
                buffer += chunk
                start = 0
                while (end := buffer.find(b",", max(start, scanned))) >= 0:
                    if start == 0 and end > RAW_REPLY_BYTES:
                        # The bundle: hand the buffer over instead of copying it.
                        rest = bytearray(buffer[end + 1 :])
                        del buffer[end:]
                        self._handle(buffer)
                        buffer, scanned = rest, 0
                        continue
                    self._handle(bytes(buffer[start:end]))
                    start = end + 1
                del buffer[:start]
        except (OSError, ValueError):
            pass
        finally:
            with self._lock:
                self._ended = True
                self._lock.notify_all()

    def _handle(self, message: bytes | bytearray) -> None:
        if self._raw_for and len(message) > RAW_REPLY_BYTES:
            # serde writes {"message_id":N,... first: 64 base64 characters show N.
            head = re.match(rb'\{"message_id":(\d+),', base64.b64decode(message[:64]))
            if head and int(head.group(1)) == self._raw_for:
                with self._lock:
                    self._pending.pop(self._raw_for, None)
                    self._keep.discard(self._raw_for)
                    self._replies[self._raw_for] = message
                    self._lock.notify_all()
                return
        try:
            reply = json.loads(base64.b64decode(message))
        except ValueError:
            reply = {"payload": {"type": "Error", "message": "trả lời không đọc được"}}
        payload = reply.get("payload") or {}
        message_id = reply.get("message_id")
        with self._lock:
            about = self._pending.pop(message_id, None) if message_id else None
            if payload.get("type") == "Error":
                what = f"{about}: " if about else ""
                self._errors.append(what + str(payload.get("message", "")).strip())
            elif message_id in self._keep:
                self._keep.discard(message_id)
                self._replies[message_id] = payload
            self._lock.notify_all()

    def _read_stderr(self) -> None:
        stream = self._process.stderr
        assert stream is not None
        try:
            for line in stream:
                text = line.decode("utf-8", "replace").strip()
                if text:
                    self._stderr.append(text)
        except (OSError, ValueError):
            pass
