"""Related posts ("Tin cùng chuyên mục"), computed once per build (no Pelican here)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any


def related_by_group(
    posts: Sequence[Any], group_of: Callable[[Any], Any], count: int = 4
) -> dict[int, list[Any]]:
    """For each post (by id), the `count` posts of its group closest in date,
    newer ones first when there is a tie. O(n log n), not O(n^2) template loops."""
    groups: dict[Any, list[Any]] = defaultdict(list)
    for post in posts:
        groups[group_of(post)].append(post)
    result: dict[int, list[Any]] = {}
    for members in groups.values():
        members.sort(key=lambda p: (p.date, p.source_path), reverse=True)
        for index, post in enumerate(members):
            newer = members[max(0, index - count) : index][::-1]
            older = members[index + 1 : index + 1 + count]
            picked: list[Any] = []
            while len(picked) < count and (newer or older):
                if older:
                    picked.append(older.pop(0))
                if newer and len(picked) < count:
                    picked.append(newer.pop(0))
            result[id(post)] = sorted(picked, key=lambda p: p.date, reverse=True)
    return result


def neighbours_by_group(
    posts: Sequence[Any], group_of: Callable[[Any], Any]
) -> dict[int, tuple[Any | None, Any | None]]:
    """For each post (by id): (the next newer, the next older) post of its group."""
    groups: dict[Any, list[Any]] = defaultdict(list)
    for post in posts:
        groups[group_of(post)].append(post)
    result: dict[int, tuple[Any | None, Any | None]] = {}
    for members in groups.values():
        members.sort(key=lambda p: (p.date, p.source_path), reverse=True)
        for index, post in enumerate(members):
            newer = members[index - 1] if index > 0 else None
            older = members[index + 1] if index + 1 < len(members) else None
            result[id(post)] = (newer, older)
    return result
