"""Script-injection payloads for every field citizens or officers can fill in."""

PAYLOADS = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle r=1></svg>",
    '<a href="javascript:alert(1)">bấm</a>',
    "javascript:alert(1)",
    "<iframe src=https://evil.example></iframe>",
    "&lt;script&gt;alert(2)&lt;/script&gt;",
    "%3Cscript%3Ealert(3)%3C%2Fscript%3E",
    "<body onload=alert(4)>",
    '"><script>alert(5)</script>',
    '<math><mi xlink:href="javascript:alert(6)">x</mi></math>',
    '<div style="background:url(javascript:alert(7))">x</div>',
    "<<script>script>alert(8)<</script>/script>",
    '<a href="jav&#x09;ascript:alert(9)">x</a>',
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxMCk8L3NjcmlwdD4="></object>',
    "</textarea><script>alert(11)</script>",
    "<details open ontoggle=alert(12)>",
    "https://ok.example/?q=<script>alert(13)</script>",
]


def parse_like_a_browser(html: str):
    """Parse as browsers do (html5lib): <title> and <textarea> hold text, not tags."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html5lib")


def find_injections(soup) -> list[str]:
    """Every way a payload could run in the parsed page: script tags (other than
    the site's own files and JSON-LD), on* attributes, javascript: URLs, SVG,
    iframes, objects, inline styles."""
    problems = []
    for tag in soup.find_all(True):
        if tag.name == "script":
            if tag.get("type") == "application/ld+json" or (
                tag.get("src") and not tag.string
            ):
                continue
            problems.append(str(tag)[:80])
        if (
            tag.name in ("svg", "iframe", "object", "embed", "math", "body")
            and tag.parent is not None
            and tag.name != "body"
        ):
            problems.append(str(tag)[:80])
        for attribute, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if attribute.lower().startswith("on"):
                problems.append(f"{tag.name}[{attribute}]")
            if attribute in (
                "href",
                "src",
                "action",
                "data",
                "formaction",
                "xlink:href",
            ):
                squashed = "".join(text.split()).lower()
                if squashed.startswith(("javascript:", "data:text/html", "vbscript:")):
                    problems.append(f"{tag.name}[{attribute}]={text[:40]}")
    return problems
