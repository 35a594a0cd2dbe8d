"""Detect two sources that would be written to the same output file."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Output:
    save_as: str
    source: str
    slug: str


def find_collisions(outputs: Iterable[Output]) -> list[tuple[str, list[Output]]]:
    """Group outputs by target file; return the groups with more than one source."""
    by_target: dict[str, list[Output]] = defaultdict(list)
    for output in outputs:
        if output.save_as:
            by_target[output.save_as].append(output)
    return [
        (target, sorted(group, key=lambda o: o.source))
        for target, group in sorted(by_target.items())
        if len(group) > 1
    ]


def find_reserved(outputs: Iterable[Output], reserved: set[str]) -> list[Output]:
    """Outputs whose first path segment is a folder the site itself uses."""
    return sorted(
        (o for o in outputs if o.save_as.split("/", 1)[0] in reserved),
        key=lambda o: o.source,
    )


def describe_collision(target: str, group: list[Output]) -> str:
    files = " và ".join(o.source for o in group)
    return (
        f"Trùng địa chỉ bài viết: {files} đều được ghi ra {target} "
        f'(slug "{group[0].slug}"). Cách sửa: thêm dòng "slug: {group[0].slug}-2" '
        "(hoặc một slug khác chưa dùng) vào phần đầu của một trong các bài."
    )


def describe_reserved(output: Output) -> str:
    return (
        f'slug "{output.slug}" trùng với một thư mục của trang web '
        f'({output.save_as.split("/", 1)[0]}/). Cách sửa: đặt "slug:" khác trong '
        "phần đầu của bài."
    )
