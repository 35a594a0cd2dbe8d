"""What the law asks a ward's site to publish, and what this site has (no Pelican).

The requirements (each with its legal basis) are data: one YAML file in the repo
(plugins/ward_portal/requirements.yml), so a new decree or circular changes the
data, not this code. The code knows only a few kinds of evidence ("a page with
this slug", "a data file", "a post about this, from last year"…); the facts about
the site are gathered by the caller (from the sources for `make check`, the same
way for the build's catalogue).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .datafile import read_records, text
from .problems import Problem

REQUIREMENT_FIELDS = (
    "id",
    "title",
    "basis",
    "form",
    "evidence",
    "page",
    "file",
    "url",
    "key",
    "match",
    "year",
    "max_age_days",
    "fix",
)
EVIDENCE = (
    "page",
    "file",
    "leaders",
    "procedures",
    "documents",
    "posts",
    "ward",
    "intro",
)
EXAMPLE = (
    "- id: ban-do, title: Bản đồ địa giới hành chính, basis: Nghị định …, "
    "form: …, evidence: file, file: data/ranh-gioi.geojson, fix: …"
)


@dataclass(frozen=True)
class Requirement:
    id: str
    title: str
    basis: str
    form: str
    evidence: str
    fix: str = ""
    page: str = ""
    file: str = ""
    url: str = ""
    key: str = ""
    match: str = ""
    previous_year: bool = False
    max_age_days: int = 0


@dataclass(frozen=True)
class Item:
    """Something the site has: where it is, and when it last changed."""

    title: str
    url: str
    updated: dt.date | None = None
    text: str = ""  # what a "posts" requirement is matched against


@dataclass
class LeaderFact:
    name: str
    biography: bool
    duties: bool


@dataclass
class SiteFacts:
    pages: dict[str, Item] = field(default_factory=dict)  # slug -> page
    files: dict[str, Item] = field(
        default_factory=dict
    )  # content-relative path -> file
    leaders: list[LeaderFact] | None = None  # None: no leaders file
    leaders_updated: dt.date | None = None
    procedures: int = 0
    procedures_updated: dt.date | None = None
    posts: list[Item] = field(default_factory=list)
    documents: list[Item] = field(default_factory=list)  # posts citing documents
    ward: Mapping[str, str] = field(default_factory=dict)
    # The introduction data file's parts: {part: what is missing in it}; None: no file.
    intro: Mapping[str, list[str]] | None = None
    intro_updated: dt.date | None = None


@dataclass(frozen=True)
class Finding:
    requirement: Requirement
    where: Item | None  # None: the site does not have it
    issues: tuple[str, ...] = ()  # what is missing or stale, in Vietnamese

    @property
    def status(self) -> str:
        if self.where is None:
            return "Chưa có"
        return "Cần bổ sung" if self.issues else "Đã có"


def parse_requirements(source: str) -> tuple[list[Requirement], list[Problem]]:
    records = read_records(source, REQUIREMENT_FIELDS, EXAMPLE)
    problems = list(records.problems)
    found: list[Requirement] = []
    for item in records.items:
        values = {k: text(item.get(k)) for k in REQUIREMENT_FIELDS}
        missing = [
            k for k in ("id", "title", "basis", "form", "evidence") if not values[k]
        ]
        if missing:
            problems.append(
                Problem(
                    line=item.line, field=missing[0], message=f"thiếu {missing[0]}:."
                )
            )
            continue
        if values["evidence"] not in EVIDENCE:
            problems.append(
                Problem(
                    line=item.line_of("evidence"),
                    field="evidence",
                    message=f"evidence: chỉ nhận {', '.join(EVIDENCE)}.",
                )
            )
            continue
        if values["match"]:
            try:
                re.compile(values["match"])
            except re.error as exc:
                problems.append(
                    Problem(line=item.line_of("match"), field="match", message=str(exc))
                )
                continue
        age = values["max_age_days"]
        found.append(
            Requirement(
                id=values["id"],
                title=values["title"],
                basis=values["basis"],
                form=values["form"],
                evidence=values["evidence"],
                fix=values["fix"],
                page=values["page"],
                file=values["file"],
                url=values["url"],
                key=values["key"],
                match=values["match"],
                previous_year=values["year"] == "previous",
                max_age_days=int(age) if age.isdigit() else 0,
            )
        )
    return found, problems


def _posts(req: Requirement, posts: list[Item], today: dt.date) -> list[Item]:
    pattern = re.compile(req.match, re.IGNORECASE) if req.match else None
    chosen = [p for p in posts if pattern is None or pattern.search(p.text)]
    if req.previous_year:
        year = str(today.year - 1)
        chosen = [p for p in chosen if year in p.text]
    return sorted(chosen, key=lambda p: p.updated or dt.date.min, reverse=True)


def _intro(req: Requirement, facts: SiteFacts) -> tuple[Item | None, list[str]]:
    """A part (`key`) of the introduction data file; without it, the same key of
    WARD or a Markdown page (`page`), as sites had before the data file."""
    parts = facts.intro or {}
    if req.key in parts:
        return Item(req.title, req.url, facts.intro_updated), list(parts[req.key])
    page = facts.pages.get(req.page) if req.page else None
    if facts.ward.get(req.key):
        # WARD's value is in every page's footer; the page of `url` exists only
        # with the data file or a Markdown page: else link the home page.
        return Item(req.title, page.url if page else ""), []
    return page, []


def evaluate(req: Requirement, facts: SiteFacts, today: dt.date) -> Finding:
    where: Item | None = None
    issues: list[str] = []
    if req.evidence == "page":
        where = facts.pages.get(req.page)
    elif req.evidence == "file":
        where = facts.files.get(req.file)
    elif req.evidence == "leaders":
        current = facts.leaders or []
        if current:
            where = Item(req.title, req.url, facts.leaders_updated)
        for leader in current:
            lacking = [
                label
                for label, has in (
                    ("tiểu sử tóm tắt", leader.biography),
                    ("nhiệm vụ", leader.duties),
                )
                if not has
            ]
            if lacking:
                issues.append(f"lãnh đạo {leader.name} chưa có {' và '.join(lacking)}")
    elif req.evidence == "procedures":
        if facts.procedures:
            where = Item(req.title, req.url, facts.procedures_updated)
    elif req.evidence == "documents":
        if facts.documents:
            newest = max(
                (d.updated for d in facts.documents if d.updated), default=None
            )
            where = Item(req.title, req.url, newest)
    elif req.evidence == "posts":
        matching = _posts(req, facts.posts, today)
        if matching:
            where = matching[0]
    elif req.evidence == "ward" and facts.ward.get(req.key):
        where = Item(req.title, req.url)
    elif req.evidence == "intro":
        where, issues = _intro(req, facts)
    if where and req.max_age_days and where.updated:
        age = (today - where.updated).days
        if age > req.max_age_days:
            issues.append(
                f"lần cập nhật cuối {where.updated:%d/%m/%Y}, đã quá {req.max_age_days} ngày"
            )
    return Finding(req, where, tuple(issues))


def findings_as_notes(findings: list[Finding]) -> list[Problem]:
    """One note ("lưu ý", never an error) per missing or stale requirement."""
    notes = []
    for finding in findings:
        if finding.status == "Đã có":
            continue
        req = finding.requirement
        what = "chưa có" if finding.where is None else "; ".join(finding.issues)
        fix = f" Cách bổ sung: {req.fix}" if req.fix else ""
        notes.append(
            Problem(
                message=f'thông tin bắt buộc "{req.title}": {what} (căn cứ: {req.basis}).{fix}',
                error=False,
            )
        )
    return notes
