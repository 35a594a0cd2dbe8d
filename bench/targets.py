"""Issue #21's and #27's targets for one measured figure, judged side by side.

Issue #27 made some of #21's targets stricter and added others (new post,
approval, 3,000 posts). A row prints both verdicts on one line and the summary
lists every target of both issues; #21's are never dropped or softened. A
missed target carries its profile: the row's own line that says where the
time or memory goes, or the section of bench/README.md that does.
"""

from __future__ import annotations

from dataclasses import dataclass

from bench.stats import verdict

ISSUES = (21, 27)
README = "bench/README.md"


@dataclass(frozen=True)
class Limit:
    """ "value ≤ limit" (a "≥" target is judged on negated values)."""

    limit: float
    shown: str  # "≤ 2×", "≤ 0.25 s"


@dataclass(frozen=True)
class Judged:
    issue: int
    label: str  # "row title: what"
    measured: str  # "1.73×"
    shown: str  # the limit, "≤ 2×"
    result: str  # met / MISSED / not measured
    profile: str


def at_most(limit: float, unit: str) -> Limit:
    """≤ limit in `unit` ("s", "×", " MiB"), written as the issues write it."""
    return Limit(limit, f"≤ {limit:g}{unit}")


def readme(section: str) -> str:
    """A pointer to one of bench/README.md's profiles."""
    return f'{README}, "{section}"'


def judge(
    label: str,
    value: float,
    measured: str,
    limits: dict[int, Limit],
    profile: str = "",
) -> list[Judged]:
    """One verdict for each issue that sets a target on this figure."""
    unknown = set(limits) - set(ISSUES)
    if unknown:
        raise ValueError(f"no such issue in the bench: {sorted(unknown)}")
    return [
        Judged(
            issue,
            label,
            measured,
            limits[issue].shown,
            verdict(value, limits[issue].limit),
            profile,
        )
        for issue in ISSUES
        if issue in limits
    ]


def side_by_side(judged: list[Judged]) -> str:
    """ "#21: ≤ 2× → met   #27: ≤ 1× → MISSED"; "#21: —" where an issue sets
    no target on this figure."""
    by_issue = {j.issue: j for j in judged}
    parts = []
    for issue in ISSUES:
        one = by_issue.get(issue)
        parts.append(f"#{issue}: {one.shown} → {one.result}" if one else f"#{issue}: —")
    return "   ".join(parts)


def summary(judged: list[Judged]) -> list[str]:
    """Every target of both issues, issue by issue in the order measured, with
    the profile under each miss (the shape #21's summary always had)."""
    lines: list[str] = []
    for issue in ISSUES:
        lines.append(f"Targets (issue #{issue})")
        mine = [j for j in judged if j.issue == issue]
        if not mine:
            lines.append("  (no row of this issue was run)")
        for one in mine:
            lines.append(
                f"  {one.result:<13} {one.label}: {one.measured} ({one.shown})"
            )
            if one.result == "MISSED":
                lines.append(f"  {'':<13} profile: {one.profile or 'none recorded'}")
        lines.append("")
    return lines[:-1]
