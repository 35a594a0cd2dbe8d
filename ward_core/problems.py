"""Problems written for the communications officer, and the error that carries them.

One type for every checker (front matter, photos, comments, links, slugs…) and one
rendering: ``path:line: trường "field": message``. Validators that do not know the
file yet return problems with an empty path; the caller places them with ``at()``.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterable, Mapping, Sequence
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


def unknown_key_message(key: object, known: Sequence[str], what: str = "") -> str:
    """The one wording of "this mapping has a key we do not know": the key,
    where (``what``: "cho ảnh", "trong WARD"…), the nearest known key and
    every known key."""
    text = str(key)
    close = difflib.get_close_matches(text.lower(), list(known), n=1)
    hint = f' Có phải ý bạn là "{close[0]}"?' if close else ""
    place = f" {what}" if what else ""
    return (
        f'không có trường "{text}"{place}.{hint} '
        f"Các trường dùng được: {', '.join(known)}."
    )


def unknown_keys(
    mapping: Mapping,
    known: Sequence[str],
    *,
    what: str = "",
    field: str | None = "",
    path: str = "",
    line: int = 0,
) -> list[Problem]:
    """One problem per key of ``mapping`` that is not in ``known`` (in the
    order written), on the key's own line when the mapping knows it (a
    ``yamltree.LineDict``), else on ``line``. ``known`` is listed in the
    order given. ``field=None``: the unknown key is the field concerned."""
    line_of = getattr(mapping, "line_of", None)
    return [
        Problem(
            path=path,
            line=(line_of(key) if line_of else 0) or line,
            field=str(key) if field is None else field,
            message=unknown_key_message(key, known, what),
        )
        for key in mapping
        if key not in known
    ]


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
