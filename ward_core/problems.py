"""Errors that carry a message written for the communications officer."""

from __future__ import annotations


class SiteError(Exception):
    """A problem in the site's own content or settings, explained in Vietnamese.

    The build driver prints ``officer_message`` without a traceback: the
    officer can act on it, a stack trace would only get in the way.
    """

    def __init__(self, officer_message: str) -> None:
        super().__init__(officer_message)
        self.officer_message = officer_message
