"""`make linkcheck`: check every external link of the site, in parallel, with a time limit."""

from __future__ import annotations

import re
import socket
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from ward_links.model import parse_links_file, parse_post_links
from ward_procedures.settings import ProceduresSettings

from ward_core.procedures import parse_procedures_file
from ward_core.textfile import read_text

from .content_index import add_site_options, iter_posts, site_from_args

_MARKDOWN_LINK = re.compile(r"\]\((https?://[^)\s]+)|<(https?://[^>\s]+)>")
USER_AGENT = "ward-news-linkcheck/1.0 (+kiem tra lien ket)"


@dataclass(frozen=True)
class Found:
    url: str
    where: str  # file:line


@dataclass(frozen=True)
class Outcome:
    url: str
    ok: bool
    network: bool  # no HTTP answer at all (DNS, refused, unreachable)
    detail: str


def collect(content: Path, settings: dict) -> list[Found]:
    found: list[Found] = []
    data = content / "data" / "links.yml"
    if data.is_file():
        parsed = parse_links_file(read_text(data), content)
        found += [
            Found(link.url, f"{data}:{link.line}")
            for link in parsed.links
            if link.external
        ]
    found += _procedure_links(content, settings)
    for post in iter_posts(content, settings):
        raw = (
            post.front_matter.get("links")
            if isinstance(post.front_matter, dict)
            else None
        )
        if raw is not None:
            parsed = parse_post_links(raw, content, getattr(raw, "line", 0))
            found += [
                Found(link.url, f"{post.path}:{link.line}")
                for link in parsed.links
                if link.external
            ]
        for number, line in enumerate(read_text(post.path).splitlines(), 1):
            for match in _MARKDOWN_LINK.finditer(line):
                found.append(
                    Found(match.group(1) or match.group(2), f"{post.path}:{number}")
                )
    return found


def _procedure_links(content: Path, settings: dict) -> list[Found]:
    """Every procedure's page on the National Public Service Portal, by its code."""
    procedures = ProceduresSettings.from_settings(settings)
    path = content / procedures.data_file
    if not path.is_file():
        return []
    parsed = parse_procedures_file(read_text(path))
    return [
        Found(procedures.link(p.code), f"{path}:{p.line}") for p in parsed.procedures
    ]


def check(url: str, timeout: float) -> Outcome:
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(
            url, method=method, headers={"User-Agent": USER_AGENT}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return Outcome(url, True, False, f"HTTP {response.status}")
        except urllib.error.HTTPError as exc:
            if exc.code in (405, 501) and method == "HEAD":
                continue  # some servers refuse HEAD: ask again with GET
            if 300 <= exc.code < 400:
                return Outcome(url, False, False, "vòng chuyển hướng (redirect loop)")
            return Outcome(url, False, False, f"HTTP {exc.code}")
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError | socket.timeout):
                return Outcome(url, False, False, f"quá {timeout:g} giây không trả lời")
            if isinstance(reason, socket.gaierror):
                return Outcome(url, False, True, "không tìm thấy máy chủ (DNS)")
            if isinstance(reason, ConnectionRefusedError | OSError):
                return Outcome(url, False, True, f"không kết nối được ({reason})")
            return Outcome(url, False, True, str(reason))
        except TimeoutError:
            return Outcome(url, False, False, f"quá {timeout:g} giây không trả lời")
        except (ConnectionError, OSError) as exc:
            return Outcome(url, False, True, f"không kết nối được ({exc})")
    return Outcome(url, False, False, "máy chủ không trả lời HEAD lẫn GET")


def run(args) -> int:
    settings, content = site_from_args(args)
    found = collect(content, settings)
    urls = sorted({f.url for f in found})
    if not urls:
        print("Không có liên kết ngoài nào để kiểm tra.")
        return 0
    print(f"Đang kiểm tra {len(urls)} liên kết (tối đa {args.workers} cùng lúc)…")
    deadline = time.monotonic() + args.max_time
    outcomes: dict[str, Outcome] = {}
    pool = ThreadPoolExecutor(max_workers=args.workers)
    futures = {pool.submit(check, url, args.timeout): url for url in urls}
    try:
        for future in as_completed(
            futures, timeout=max(0.1, deadline - time.monotonic())
        ):
            outcomes[futures[future]] = future.result()
    except TimeoutError:
        pass  # the overall limit: whatever has not answered is reported below
    pool.shutdown(wait=False, cancel_futures=True)
    unfinished = [url for url in urls if url not in outcomes]
    answered = [o for o in outcomes.values() if not o.network]
    if outcomes and not answered and not unfinished:
        print(
            "Không có kết nối mạng (không máy chủ nào trả lời), nên không kiểm tra được "
            f"{len(urls)} liên kết. Không liên kết nào bị đánh dấu là hỏng; chạy lại khi có mạng."
        )
        return 0
    broken = sorted((o for o in outcomes.values() if not o.ok), key=lambda o: o.url)
    where = {}
    for item in found:
        where.setdefault(item.url, []).append(item.where)
    for outcome in broken:
        print(f"HỎNG  {outcome.url}  – {outcome.detail}")
        for place in where[outcome.url]:
            print(f"      ở {place}")
    for url in unfinished:
        print(f"CHƯA XONG  {url}  – hết thời gian kiểm tra ({args.max_time:g} giây)")
    ok = len(outcomes) - len(broken)
    print(
        f"Kết quả: {ok} liên kết tốt, {len(broken)} hỏng, {len(unfinished)} chưa kiểm tra xong."
    )
    return 1 if broken else 0


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "linkcheck",
        help="kiểm tra các liên kết ra ngoài (links.yml và bài viết)",
        description="Kiểm tra song song mọi liên kết ra ngoài và liệt kê liên kết hỏng.",
    )
    add_site_options(parser)
    parser.add_argument(
        "--timeout",
        type=float,
        default=10,
        metavar="GIÂY",
        help="thời gian chờ mỗi liên kết (mặc định 10)",
    )
    parser.add_argument(
        "--max-time",
        type=float,
        default=120,
        metavar="GIÂY",
        help="thời gian tối đa cho cả lượt kiểm tra (mặc định 120)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=16,
        metavar="SỐ",
        help="số liên kết kiểm tra cùng lúc (mặc định 16)",
    )
    parser.set_defaults(handler=run)
