"""schema.org JSON-LD for articles: NewsArticle, plus Event when there is a place."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ArticleFacts:
    headline: str
    url: str
    published: dt.datetime
    publisher: str
    modified: dt.datetime | None = None
    description: str = ""
    section: str = ""
    keywords: tuple[str, ...] = ()
    image: str = ""
    location: str = ""
    address: str = ""
    performers: tuple[str, ...] = field(default_factory=tuple)


def build_jsonld(facts: ArticleFacts) -> dict:
    organization = {"@type": "GovernmentOrganization", "name": facts.publisher}
    article: dict = {
        "@type": "NewsArticle",
        "headline": facts.headline[:110],
        "url": facts.url,
        "mainEntityOfPage": facts.url,
        "datePublished": facts.published.isoformat(),
        "dateModified": (facts.modified or facts.published).isoformat(),
        "inLanguage": "vi",
        "author": organization,
        "publisher": organization,
    }
    if facts.description:
        article["description"] = facts.description
    if facts.section:
        article["articleSection"] = facts.section
    if facts.keywords:
        article["keywords"] = ", ".join(facts.keywords)
    if facts.image:
        article["image"] = facts.image
    graph = [article]
    if facts.location:
        place: dict = {"@type": "Place", "name": facts.location}
        if facts.address:
            place["address"] = facts.address
        event: dict = {
            "@type": "Event",
            "name": facts.headline,
            "startDate": facts.published.isoformat(),
            "location": place,
            "organizer": organization,
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "eventStatus": "https://schema.org/EventScheduled",
        }
        if facts.performers:
            event["performer"] = [
                {"@type": "Person", "name": name} for name in facts.performers
            ]
        graph.append(event)
    return {"@context": "https://schema.org", "@graph": graph}


def jsonld_script_text(data: dict) -> str:
    """JSON safe to place inside <script>: no "</script>" or "<!--" can appear."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
