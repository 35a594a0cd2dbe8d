"""Problems written for the communications officer, and the error that carries them.

One type for every checker (front matter, photos, comments, links, slugs…) and one
rendering: ``path:line: trường "field": message``. Validators that do not know the
file yet return problems with an empty path; the caller places them with ``at()``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str = ""  # as shown to the officer; "" while the caller does not know it
    line: int = 0  # 1-based; 0 when the problem is about the whole file
    field: str = ""  # the front matter field (or data key) concerned, if any
    message: str = ""  # what is wrong and how to fix it, in Vietnamese
    error: bool = True  # False: a note ("lưu ý") that does not stop the build

    def at(self, path: str, line_offset: int = 0) -> Problem:
        """The same problem, placed in ``path`` (lines shifted by ``line_offset``)."""
        line = self.line + line_offset if self.line else 0
        return dataclasses.replace(self, path=path, line=line)

    @property
    def where(self) -> str:
        if self.path and self.line:
            return f"{self.path}:{self.line}"
        return self.path or (f"dòng {self.line}" if self.line else "")

    def render(self) -> str:
        subject = f'trường "{self.field}": ' if self.field else ""
        where = self.where
        return f"{where}: {subject}{self.message}" if where else subject + self.message


def placed(problems: Iterable[Problem], path: str) -> list[Problem]:
    return [problem.at(path) for problem in problems]


def errors_of(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.error]


class SiteError(Exception):
    """A problem in the site's own content or settings, explained in Vietnamese.

    The build prints ``officer_message`` without a traceback: the officer can
    act on it, a stack trace would only get in the way. ``problems`` holds the
    structured form when the error comes from checkers.
    """

    def __init__(
        self, officer_message: str = "", problems: Sequence[Problem] = ()
    ) -> None:
        self.problems = tuple(problems)
        if not officer_message:
            officer_message = "\n".join(p.render() for p in self.problems)
        super().__init__(officer_message)
        self.officer_message = officer_message
