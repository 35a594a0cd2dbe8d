"""A wall-clock bound for work that hostile input can make explode.

Python-Markdown takes quadratic time on some inputs (thousands of unclosed
"[" in one paragraph take minutes). Posts come by USB stick and Zalo: one
such file must fail with a message, not hang the build.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class TimeLimitExceeded(BaseException):
    """BaseException, so no library's ``except Exception`` swallows it."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeLimitExceeded in the block after ``seconds`` (main thread only;
    elsewhere, or without SIGALRM, the block runs unbounded). Inside another
    time_limit the sooner bound applies, and the outer one runs on after."""
    if (
        seconds <= 0
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    outer = signal.getitimer(signal.ITIMER_REAL)[0]
    if outer and outer <= seconds:
        yield  # the outer bound comes first
        return

    def on_alarm(_signum, _frame):
        raise TimeLimitExceeded

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # what the outer bound had left, less this block's time
            left = outer - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))
