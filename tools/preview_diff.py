"""Differential check of the preview's fast paths (issue #27 item 4): after
every kind of edit the preview's pages are byte for byte a full build's.

Not a test (it takes minutes): run by hand, e.g.

    SOURCE_DATE_EPOCH is set here; the corpus is bench's realistic one:
    .venv/bin/python tools/preview_diff.py                      # the edit kinds
    .venv/bin/python tools/preview_diff.py --random 30 --seed 7 # random edits

A site is made of the realistic corpus's posts (bench/realistic.py, 300 by
default) and the sample site's posts, pages and data files (content/). The
preview's worker (wardtools.incremental.Session) runs in this process; after
each edit, ``session.update`` renders it from memory, and the pages it wrote
are compared with the same pages of a complete `python -m wardtools build` of
the same sources into another folder (fresh cache and output: nothing shared).
Pages the fast path did not write but that differ are listed as well: for a
"body" edit every one is a bug (that path is complete), for a "lists" edit
those of posts and their lists (home, categories, tags, archives) are, the
others waiting for the full build that follows (``session.follow_up``), after
which the whole site (but Pagefind's index) is compared.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))
from tests.sitekit import run_build  # noqa: E402  (the tests' build command)

EPOCH = "1700000000"
os.environ["SOURCE_DATE_EPOCH"] = EPOCH  # both sides date the site the same way
CORPUS = PROJECT / "bench" / ".work" / "corpora" / "realistic-300" / "content"
# Not compared: the preview indexes search in the background.
EXCLUDED = ("pagefind/",)
# Pages a "lists" edit must get right at once: posts and the lists of posts.
# How long each fresh full build took (a cold `wardtools build`).
REFERENCE_SECONDS: list[float] = []
FOLLOW_UP_CPU: list[float] = []
LISTS = re.compile(r"^(index\.html|trang-\d+/|chuyen-muc/|the/|luu-tru/)")


# ---------------------------------------------------------------- the site


def make_site(root: Path, corpus: Path) -> Path:
    content = root / "content"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(PROJECT / "content", content)
    for year in sorted((corpus / "posts").iterdir()):
        shutil.copytree(year, content / "posts" / year.name, dirs_exist_ok=True)
    return content


def reference(content: Path, output: Path) -> float:
    """A complete build of ``content`` into ``output``, in a fresh process
    with a fresh cache; its seconds."""
    cache = output.with_name(output.name + "-cache")
    for folder in (output, cache):
        shutil.rmtree(folder, ignore_errors=True)
    started = time.monotonic()
    done = run_build(content, output, cache=cache, env={"SOURCE_DATE_EPOCH": EPOCH})
    if not done.ok:
        raise SystemExit(f"reference build failed:\n{done.log}")
    return time.monotonic() - started


def tree(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file() and not path.relative_to(root).as_posix().startswith(EXCLUDED)
    }


# ---------------------------------------------------------------- edits


def split(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def join(front: dict, body: str) -> str:
    dumped = yaml.safe_dump(
        front, allow_unicode=True, sort_keys=False, default_flow_style=False, width=999
    )
    return f"---\n{dumped}---\n{body}"


def edit_front(path: Path, change: Callable[[dict], None]) -> None:
    front, body = split(path.read_text(encoding="utf-8"))
    change(front)
    path.write_text(join(front, body), encoding="utf-8")


def edit_body(path: Path, change: Callable[[str], str]) -> None:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    path.write_text(f"---\n{front}---\n{change(body)}", encoding="utf-8")


def append(path: Path, text: str) -> None:
    edit_body(path, lambda body: body.rstrip("\n") + "\n\n" + text + "\n")


def tags_of(front: dict) -> list[str]:
    return [t.strip() for t in str(front.get("tags") or "").split(",") if t.strip()]


@dataclass
class Site:
    content: Path
    saved: dict[str, bytes] = field(default_factory=dict)

    def post(self, number: int) -> Path:
        return self.content / "posts" / "2017" / f"bai-{number:05d}.md"

    def keep(self, path: Path) -> None:
        self.saved.setdefault(str(path), path.read_bytes())

    def restore(self, path: Path) -> None:
        path.write_bytes(self.saved[str(path)])


TABLE = """| Khu phố | Số hộ | Kết quả |
| --- | --- | --- |
| Khu phố 1 | 120 | 91% |
| Khu phố 2 | 98 | 87% |"""
NEW_POST = """---
title: {title}
date: {date}
category: Thông báo
tags: tiếp công dân, dân chủ cơ sở
officials:
  - Ông Nguyễn Văn Hùng – Chủ tịch UBND phường (chủ trì)
---

Ủy ban nhân dân phường thông báo {title_l}. Người dân có nhu cầu liên hệ bộ phận
một cửa trong giờ hành chính để được hướng dẫn.
"""


def new_post(site: Site, folder: str, title: str, date: str) -> list[Path]:
    """A new post in a folder of its own, as the editor saves one; the watcher
    reports the folder and its file."""
    path = site.content / "posts" / folder / "index.md"
    path.parent.mkdir(parents=True)
    path.write_text(
        NEW_POST.format(title=title, title_l=title[0].lower() + title[1:], date=date),
        encoding="utf-8",
    )
    return [path.parent, path]


def kinds(site: Site) -> list[tuple[str, Callable[[], list[Path]]]]:  # noqa: PLR0915
    """The edit kinds, in the order they run on one session."""
    post = site.post
    photo_post = site.content / "posts/2023/ra-quan-chu-nhat-xanh/index.md"
    page = site.content / "pages/quy-che-trang-tin.md"

    def one(path: Path, change: Callable[[Path], None]) -> Callable[[], list[Path]]:
        def run() -> list[Path]:
            site.keep(path)
            change(path)
            return [path]

        return run

    def set_key(key: str, value) -> Callable[[Path], None]:
        return lambda path: edit_front(path, lambda f: f.__setitem__(key, value))

    def change_tags(change: Callable[[list[str]], list[str]]):
        def run(path: Path) -> None:
            def apply(front: dict) -> None:
                front["tags"] = ", ".join(change(tags_of(front)))

            edit_front(path, apply)

        return run

    def change_list(key: str, change: Callable[[list], list]):
        def run(path: Path) -> None:
            def apply(front: dict) -> None:
                value = change(list(front.get(key) or []))
                if value:
                    front[key] = value
                else:
                    front.pop(key, None)

            edit_front(path, apply)

        return run

    def draft(path: Path) -> None:
        set_key("status", "draft")(path)

    def publish(path: Path) -> None:
        edit_front(path, lambda f: f.pop("status", None))

    def first_words(path: Path) -> None:
        edit_body(path, lambda body: "\nĐầu bài được viết lại hoàn toàn." + body)

    def title_of(path: Path) -> str:
        return split(path.read_text(encoding="utf-8"))[0]["title"]

    def delete(path: Path) -> Callable[[], list[Path]]:
        def run() -> list[Path]:
            if path.name == "index.md":
                shutil.rmtree(path.parent)
                return [path.parent]
            site.keep(path)
            path.unlink()
            return [path]

        return run

    def restore_folder(relative: str) -> Callable[[], list[Path]]:
        def run() -> list[Path]:
            shutil.copytree(PROJECT / "content" / relative, site.content / relative)
            return [site.content / relative]

        return run

    def tag_many() -> list[Path]:
        """One tag given to 12 posts at once: its list gains a page."""
        paths = [post(number) for number in range(60, 72)]
        for path in paths:
            site.keep(path)
            change_tags(lambda t: [*t, "ngày hội đại đoàn kết"])(path)
        return paths

    def batch() -> list[Path]:
        a, b = post(50), post(51)
        site.keep(a)
        site.keep(b)
        append(a, "Bài thứ nhất sửa cùng đợt.")
        set_key("title", title_of(b) + " (sửa cùng đợt)")(b)
        return [a, b]

    def data_file() -> list[Path]:
        path = site.content / "data/links.yml"
        site.keep(path)
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                "Cổng Dịch vụ công quốc gia", "Cổng Dịch vụ công Quốc gia", 1
            ),
            encoding="utf-8",
        )
        return [path]

    def undo(*paths: Path) -> Callable[[], list[Path]]:
        def run() -> list[Path]:
            for path in paths:
                site.restore(path)
            return list(paths)

        return run

    def moved_date(number: int, days: int, hours: int = 0) -> Callable[[Path], None]:
        def run(path: Path) -> None:
            import datetime as dt

            def apply(front: dict) -> None:
                when = dt.datetime.strptime(str(front["date"]), "%d/%m/%Y %H:%M")
                moved = when + dt.timedelta(days=days, hours=hours)
                front["date"] = f"{moved:%d/%m/%Y %H:%M}"

            edit_front(path, apply)

        return run

    return [
        ("body: plain text", one(post(150), lambda p: append(p, "Câu bổ sung."))),
        (
            "body: a relative link",
            one(post(151), lambda p: append(p, "Xem [bài cũ](../bai-00010/).")),
        ),
        (
            "body: a {filename} link",
            one(
                post(152),
                lambda p: append(
                    p, "Xem [bài cũ]({filename}/posts/2017/bai-00011.md)."
                ),
            ),
        ),
        ("body: a table", one(post(153), lambda p: append(p, TABLE))),
        (
            "body: a photo reference",
            one(
                photo_post,
                lambda p: edit_body(
                    p,
                    lambda b: (
                        b.replace(
                            "[gallery]",
                            '![Vớt rác](vot-rac-kenh.jpg "Vớt rác trên kênh")\n\n[gallery]',
                        )
                        if "[gallery]" in b
                        else b + '\n![Vớt rác](vot-rac-kenh.jpg "Vớt rác trên kênh")\n'
                    ),
                ),
            ),
        ),
        ("body: its first words (summary)", one(post(154), first_words)),
        (
            "title",
            one(post(160), lambda p: set_key("title", title_of(p) + " (đã sửa)")(p)),
        ),
        ("date: across a page boundary", one(post(100), moved_date(100, 14))),
        ("date: across a year (2016)", one(post(120), moved_date(120, -400))),
        ("date: into 2023", one(post(121), set_key("date", "15/08/2023 09:00"))),
        (
            "category (existing)",
            one(post(130), set_key("category", "Cải cách hành chính")),
        ),
        ("tag added", one(post(131), change_tags(lambda t: [*t, "trung thu"]))),
        ("tag removed", one(post(132), change_tags(lambda t: t[1:] or ["tết"]))),
        ("a new tag", one(post(133), change_tags(lambda t: [*t, "tổ hòa giải"]))),
        (
            "officials added",
            one(
                post(140),
                change_list(
                    "officials", lambda o: [*o, "Bà Lê Thị Mai – Trưởng khu phố 6"]
                ),
            ),
        ),
        (
            "officials removed",
            one(post(141), change_list("officials", lambda o: o[:1])),
        ),
        (
            "plan changed",
            one(post(142), set_key("plan", "399/KH-UBND ngày 02/03/2017")),
        ),
        (
            "documents changed",
            one(
                post(143),
                change_list(
                    "documents", lambda d: [*d[1:], "Nghị định số 34/2021/NĐ-CP"]
                ),
            ),
        ),
        (
            "summary changed",
            one(post(144), set_key("summary", "Tóm tắt mới của bài, viết tay.")),
        ),
        ("status: published → draft", one(post(145), draft)),
        ("status: draft → published", one(post(145), publish)),
        ("follow-up full build interrupted half-way", INTERRUPTED),
        ("status: a draft's body, made a draft", one(post(146), draft)),
        ("status: a draft's body", one(post(146), lambda p: append(p, "Nháp sửa."))),
        ("status: hidden", one(post(149), set_key("status", "hidden"))),
        ("status: hidden → published", one(post(149), publish)),
        ("slug changed", one(post(147), set_key("slug", "bai-doi-dia-chi"))),
        ("category: a new one", one(post(148), set_key("category", "Chuyên mục mới"))),
        (
            "category: back, the new one emptied",
            one(post(148), set_key("category", "Tin hoạt động")),
        ),
        (
            "new post: newest",
            lambda: new_post(
                site,
                "2024/bai-moi-nhat",
                "Thông báo lịch tiếp dân mới nhất",
                "20/12/2024 08:00",
            ),
        ),
        (
            "new post: in the middle",
            lambda: new_post(
                site, "2017/bai-giua-nam", "Thông báo giữa năm 2017", "01/06/2017 10:00"
            ),
        ),
        ("follow-up full build interrupted half-way", INTERRUPTED),
        ("deletion: newest", delete(site.content / "posts/2024/bai-moi-nhat/index.md")),
        ("deletion: in the middle", delete(post(200))),
        (
            "a post folder removed whole",
            delete(site.content / "posts/2024/tuyen-truyen-pccc-nha-tro/index.md"),
        ),
        ("two posts in one batch", batch),
        ("a tag given to 12 posts at once (a page more)", tag_many),
        (
            "the 12 undone at once (a page less)",
            undo(*[post(n) for n in range(60, 72)]),
        ),
        ("date: same day, another hour", one(post(90), moved_date(90, 0, 2))),
        ("deletion undone", undo(post(200))),
        (
            "a post folder restored whole (photos)",
            restore_folder("posts/2024/tuyen-truyen-pccc-nha-tro"),
        ),
        (
            "page body",
            one(page, lambda p: append(p, "Giờ làm việc mới từ tháng sau.")),
        ),
        ("data file (yml)", data_file),
        ("undo: the title edit", undo(post(160))),
        ("undo: the body edit", undo(post(150))),
    ]


def INTERRUPTED() -> list[Path]:  # noqa: N802  (a marker: see interrupt)
    return []


def interrupt(session, pages: int = 40) -> bool:
    """The follow-up full build given up after ``pages`` pages, as when the
    officer saves while it runs; True if it was."""
    asked = 0

    def interrupted() -> bool:
        nonlocal asked
        asked += 1
        return asked > pages

    return session.follow_up(interrupted=interrupted) is None


def random_kinds(site: Site, count: int, seed: int):
    """``count`` random edits of random posts (fixed ``seed``)."""
    rng = random.Random(seed)
    posts = list(range(0, 300))
    categories = ["Tin hoạt động", "Thông báo", "Tuyên truyền", "An ninh trật tự"]

    def make(number: int, kind: str) -> Callable[[], list[Path]]:
        path = site.post(number)

        def run() -> list[Path]:
            if not path.exists():
                return []
            site.keep(path)
            if kind == "body":
                append(path, f"Câu ngẫu nhiên số {rng.randrange(10**6)}.")
            elif kind == "title":
                edit_front(path, lambda f: f.__setitem__("title", f["title"] + " *"))
            elif kind == "date":
                import datetime as dt

                when = dt.datetime(2017, 1, 1) + dt.timedelta(
                    days=rng.randrange(400), minutes=15 * rng.randrange(40)
                )
                edit_front(
                    path, lambda f: f.__setitem__("date", f"{when:%d/%m/%Y %H:%M}")
                )
            elif kind == "category":
                value = rng.choice(categories)
                edit_front(path, lambda f: f.__setitem__("category", value))
            elif kind == "tags":
                value = ", ".join(rng.sample(["tết", "vệ sinh", "bầu cử", "ma túy"], 2))
                edit_front(path, lambda f: f.__setitem__("tags", value))
            elif kind == "status":
                edit_front(
                    path,
                    lambda f: (
                        f.pop("status")
                        if f.get("status")
                        else f.__setitem__("status", "draft")
                    ),
                )
            elif kind == "undo":
                site.restore(path)
            return [path]

        return run

    steps = []
    for _ in range(count):
        number = rng.choice(posts)
        kind = rng.choice(
            ["body", "title", "date", "category", "tags", "status", "undo"]
        )
        steps.append((f"random {kind} bai-{number:05d}", make(number, kind)))
    return steps


# ---------------------------------------------------------------- the run


@dataclass
class Result:
    name: str
    mode: str
    seconds: float
    cpu: float  # this process's CPU seconds (the machine may be busy)
    written: int
    wrong: list[str]
    stale: list[str]  # differ, not written: bugs (see the module's docstring)
    later: list[str]  # differ, not written: left to the full build that follows


def check_step(
    name, changed, session, output: Path, scratch: Path, pending: set[str]
) -> Result:
    """``pending``: files a "lists" edit left to the follow-up full build, not
    yet run (not held against the edits that follow)."""
    cpu = time.process_time()
    report, mode = session.update([str(p.resolve()) for p in changed])
    cpu = time.process_time() - cpu
    if not report.ok:
        raise SystemExit(f"{name}: the preview failed: {report.errors}")
    written = {n: (output / n).read_bytes() for n in report.written}
    served = tree(output)
    ref = scratch / "reference"
    REFERENCE_SECONDS.append(reference(output.parent / "content", ref))
    expected = tree(ref)
    wrong = sorted(
        n
        for n, data in written.items()
        if not n.startswith(EXCLUDED)
        and (not (ref / n).is_file() or (ref / n).read_bytes() != data)
    )
    differ = {
        n
        for n in served.keys() | expected.keys()
        if served.get(n) != expected.get(n) and n not in written
    }
    for n in written:
        pending.discard(n)
    if mode == "full":
        pending.clear()
        stale = sorted(differ)
    elif mode == "lists":
        stale = sorted(
            n for n in differ - pending if LISTS.match(n) or _post_page(n, ref, output)
        )
    else:
        stale = sorted(differ - pending)
    later = sorted(differ - pending - set(stale))
    # Reported once: the steps that follow are judged on what they change.
    pending.update(differ)
    return Result(name, mode, report.seconds, cpu, len(written), wrong, stale, later)


def _post_page(name: str, ref: Path, output: Path) -> bool:
    """A post's own page (ARTICLE_SAVE_AS = {slug}/index.html: one folder
    deep, its page carrying the article's markup)."""
    if name.count("/") != 1 or not name.endswith("/index.html"):
        return False
    for root in (ref, output):
        page = root / name
        if (
            page.is_file()
            and b'property="og:type" content="article"' in page.read_bytes()
        ):
            return True
    return False


def follow_up(session, output: Path, scratch: Path) -> tuple[float, list[str]]:
    cpu = time.process_time()
    report = session.follow_up(interrupted=lambda: False)
    FOLLOW_UP_CPU.append(time.process_time() - cpu)
    if not report.ok:
        raise SystemExit(f"follow-up build failed: {report.errors}")
    ref = scratch / "reference"
    reference(output.parent / "content", ref)
    served, expected = tree(output), tree(ref)
    return report.seconds, sorted(
        n for n in served.keys() | expected.keys() if served.get(n) != expected.get(n)
    )


def show(names: list[str], limit: int = 6) -> str:
    more = f" … (+{len(names) - limit})" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        default=CORPUS,
        help="a realistic corpus's content/ (made with --posts posts if missing)",
    )
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--work", type=Path, default=Path("/tmp/preview-diff"))
    parser.add_argument("--random", type=int, default=0, metavar="N")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--follow-up-every",
        type=int,
        default=6,
        metavar="K",
        help="run the follow-up full build (and compare everything) every K edits",
    )
    parser.add_argument("--only", nargs="*", help="edit kinds whose name has this")
    return parser.parse_args()


def summary(results: list[Result], fulls: list[float]) -> None:
    print("\nseconds by mode (median, n):")
    for mode in sorted({r.mode for r in results}):
        times = [r.seconds for r in results if r.mode == mode]
        cpu = [r.cpu for r in results if r.mode == mode]
        print(
            f"  {mode:<5} {statistics.median(times):6.2f} s "
            f"({statistics.median(cpu):5.2f} CPU)  n={len(times)}"
        )
    if fulls:
        print(
            f"  follow-up full builds {statistics.median(fulls):6.2f} s "
            f"({statistics.median(FOLLOW_UP_CPU):5.2f} CPU)  n={len(fulls)}"
        )
    print(
        f"  fresh full builds (cold, own process) "
        f"{statistics.median(REFERENCE_SECONDS):6.2f} s  n={len(REFERENCE_SECONDS)}"
    )


def main() -> int:
    args = arguments()

    from wardtools.incremental import Session

    root = args.work
    corpus = args.corpus
    if not corpus.is_dir():
        from bench.realistic import make_realistic_corpus

        corpus = make_realistic_corpus(root / "corpus", args.posts)
    content = make_site(root / "site", corpus)
    scratch = root / "scratch"
    scratch.mkdir(parents=True, exist_ok=True)
    output = root / "site" / "output"
    site = Site(content)
    session = Session(
        PROJECT / "pelicanconf.py",
        output,
        {"PATH": str(content), "CACHE_PATH": str(root / "site" / "cache")},
    )
    first = session.full()
    if not first.ok:
        raise SystemExit(f"first build failed: {first.errors}")
    print(f"site: {content} ({sum(1 for _ in content.rglob('*.md'))} .md files)")
    print(f"first full build: {first.seconds:.2f} s")
    steps = random_kinds(site, args.random, args.seed) if args.random else kinds(site)
    if args.only:
        steps = [s for s in steps if any(word in s[0] for word in args.only)]
    results: list[Result] = []
    fulls: list[float] = []
    bugs = 0
    pending: set[str] = set()
    for number, (name, apply) in enumerate(steps, 1):
        if apply is INTERRUPTED:
            print(f"{'ok' if interrupt(session) else 'NOT INTERRUPTED'}       {name}")
            continue
        changed = apply()
        if not changed:
            continue
        result = check_step(name, changed, session, output, scratch, pending)
        results.append(result)
        bad = result.wrong or result.stale
        bugs += bool(bad)
        print(
            f"{'MISMATCH' if bad else 'ok      '} {name:<36} {result.mode:<5} "
            f"{result.seconds:6.2f} s ({result.cpu:5.2f} CPU)  {result.written:3} written"
            + (f"\n    wrong: {show(result.wrong)}" if result.wrong else "")
            + (f"\n    stale: {show(result.stale)}" if result.stale else "")
            + (f"\n    later: {show(result.later)}" if result.later else ""),
            flush=True,
        )
        if number % args.follow_up_every == 0 or number == len(steps):
            seconds, differ = follow_up(session, output, scratch)
            fulls.append(seconds)
            pending.clear()
            bugs += bool(differ)
            print(
                f"{'MISMATCH' if differ else 'ok      '} {'follow-up full build':<36} "
                f"full  {seconds:6.2f} s"
                + (f"\n    differ: {show(differ)}" if differ else ""),
                flush=True,
            )
    if session.search_thread:
        session.search_thread.join()
    summary(results, fulls)
    print(f"\n{bugs} step(s) with a mismatch")
    return 1 if bugs else 0


if __name__ == "__main__":
    sys.exit(main())
