"""`make import SRC=…`: saved HTML pages (NukeViet, WordPress…), WordPress
exports and Word drafts, from one old portal or from several merged wards."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from ward_redirects.model import DATA_FILE, NGINX_FILE, Redirect, parse_redirects

from ward_core.litter import is_litter
from ward_core.officefiles import DocumentCache, cache_root, sniff
from ward_core.slugs import unique_slug
from ward_core.sources import slug_for
from ward_core.worddoc import DocError, to_docx

from ..content_index import add_site_options, iter_posts, site_from_args
from .docx import read_docx
from .htmlpage import PageError, read_page
from .model import ImportedPost
from .pdf import read_pdf
from .redirects import write_redirect_files
from .writer import UNDATED_FOLDER, UNDATED_NOTE, default_folder, owner_of, source_key
from .writer import write_post as write_post_folder
from .wxr import WxrError, read_wxr

HTML_SUFFIXES = {".html", ".htm"}
DOCUMENT_SUFFIXES = {".docx", ".doc", ".pdf"}  # .doc: Word 97–2003, converted
SUFFIXES = HTML_SUFFIXES | {".xml"} | DOCUMENT_SUFFIXES
# Folders of an old portal's own files: their documents belong to pages, not posts.
ATTACHMENT_FOLDERS = {"uploads", "wp-content", "files", "images"}
COUNT_NAMES = ("mới", "cập nhật", "không đổi", "bỏ qua", "lỗi")


@dataclass
class Source:
    path: Path
    unit: str = ""  # the former ward this archive belonged to ("" when not a merger)
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(COUNT_NAMES, 0)
    )
    notes: int = 0


@dataclass
class SlugHolder:
    index: Path
    owner: str | None  # the source key of an imported post, None if written by hand


def _files(path: Path) -> list[Path]:
    if not path.is_dir():
        return [path]
    return sorted(
        p
        for p in path.rglob("*")
        if p.is_file()
        and p.suffix.lower() in SUFFIXES
        # Browser "_files" folders hold the page's parts; "~$x.docx" is Word's lock file.
        and not any(part.endswith("_files") for part in p.parts)
        and not (
            p.suffix.lower() in DOCUMENT_SUFFIXES
            and ATTACHMENT_FOLDERS
            & {part.lower() for part in p.relative_to(path).parts}
        )
        and not p.name.startswith(("~$", "."))
        and not is_litter(p.relative_to(path))  # __MACOSX/, Thumbs.db…
    )


def _read(
    path: Path, uploads: Path | None, documents: DocumentCache
) -> list[ImportedPost]:
    if not path.is_file():
        raise PageError("không có tệp này.")
    suffix = path.suffix.lower()
    if suffix == ".xml":
        return read_wxr(path, uploads or path.parent / "uploads")
    if suffix == ".docx":
        return [read_docx(path)]
    if suffix == ".pdf":
        return [read_pdf(path, documents)]
    if suffix == ".doc":
        return [_read_doc(path)]
    return [read_page(path)]


def _is_web_page(post: ImportedPost) -> bool:
    """A post from a saved page or a WordPress export, which had an address on
    the old portal; a Word or PDF file (its origin is its path) never had one."""
    return Path(post.origin).suffix.lower() not in DOCUMENT_SUFFIXES


def _read_doc(path: Path) -> ImportedPost:
    """A .doc as it really is: Word 97–2003, or a .docx or a web page (what
    "Xuất Word" in many office programs writes) under a .doc name."""
    kind = sniff(path)
    if kind == "DOCX":
        return read_docx(path)
    if kind == "HTML":
        return read_page(path)
    try:
        return read_docx(path, to_docx(path))
    except DocError as exc:
        raise PageError(str(exc)) from None


def _parse_sources(args) -> list[Source]:
    sources = [Source(Path(p), (args.don_vi or "").strip()) for p in args.src]
    for pair in args.nguon:
        folder, sep, unit = pair.partition("=")
        if not sep or not folder.strip() or not unit.strip():
            raise SystemExit(
                f'--nguon cần dạng THƯ_MỤC=ĐƠN_VỊ, ví dụ --nguon "luu-tru/phuong-7=Phường 7 '
                f'(cũ)"; nhận được: {pair!r}'
            )
        sources.append(Source(Path(folder.strip()), unit.strip()))
    return sources


class Importer:
    def __init__(self, content: Path, settings: dict, force: bool) -> None:
        self.content = content
        self.posts_root = content / "posts"
        self.settings = settings
        self.slugify = partial(slug_for, settings=settings)
        self.force = force
        self.taken: dict[str, SlugHolder] = {
            info.slug: SlugHolder(info.path, owner_of(info.path))
            for info in iter_posts(content, settings)
        }
        self.redirects: list[Redirect] = []
        self.renamed: list[str] = []
        self.undated: list[Path] = []
        # The build's own analysis cache: a scan recognised here is not again.
        self.documents = DocumentCache(cache_root(settings))

    def _unique_slug(self, base: str, key: str, unit: str) -> str:
        def taken(candidate: str) -> bool:
            holder = self.taken.get(candidate)
            return holder is not None and holder.owner != key

        alternatives = [f"{base}-{self.slugify(unit)}"] if unit else []
        found = unique_slug(base, taken, alternatives)
        if found is None:
            raise PageError(f'không tìm được địa chỉ riêng cho "{base}".')
        return found

    def write(self, post: ImportedPost, source: Source) -> list[str]:
        """Write one post; returns the notes to print under it."""
        key = source_key(post.origin)
        base = self.slugify(post.slug) if post.slug else self.slugify(post.title)
        slug = self._unique_slug(base or "bai-viet", key, source.unit)
        notes = list(post.problems)
        if slug != base:
            holder = self.taken[base]
            shown = self._shown(holder.index)
            notes.append(
                f'địa chỉ "{base}" đã có bài khác dùng ({shown}); bài này lấy địa chỉ '
                f'"{slug}".'
            )
            self.renamed.append(f'{post.origin}: "{base}" → "{slug}" (trùng {shown})')
        holder = self.taken.get(slug)
        folder = (
            holder.index.parent
            if holder is not None and holder.owner == key
            else default_folder(post, self.posts_root, slug)
        )
        result = write_post_folder(post, folder, slug, self.slugify, self.force)
        self.taken[slug] = SlugHolder(result.path, key)
        action = "bỏ qua" if result.action.startswith("bỏ qua") else result.action
        source.counts[action] += 1
        print(f"{result.action:<10} {post.origin} → {self._shown(result.path)}")
        if post.date is None:
            notes.append(UNDATED_NOTE)
            self.undated.append(result.path)
        if post.old_url and post.status == "published":
            self.redirects.append(Redirect(post.old_url, slug, source.unit))
        elif source.unit and post.status == "published" and _is_web_page(post):
            notes.append(
                "trang cũ không ghi địa chỉ của nó (thiếu canonical/og:url): "
                "không tạo được chuyển hướng từ địa chỉ cũ."
            )
        return notes

    def _shown(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.content.parent))
        except ValueError:
            return str(path)

    def run_source(self, source: Source, uploads: Path | None) -> None:
        label = f" [{source.unit}]" if source.unit else ""
        files = _files(source.path)
        if not files:
            print(
                f"LỖI  {source.path}{label}: không có tệp .html, .xml, .docx, .doc hay .pdf "
                "nào."
            )
            source.counts["lỗi"] += 1
            return
        for path in files:
            try:
                posts = _read(path, uploads, self.documents)
            except (PageError, WxrError, OSError) as exc:
                source.counts["lỗi"] += 1
                print(f"LỖI  {path}: {exc}")
                continue
            for post in posts:
                if not post.title:
                    source.counts["lỗi"] += 1
                    print(f"LỖI  {post.origin}: bài không có tiêu đề; bỏ qua.")
                    continue
                post.former_unit = source.unit
                notes = self.write(post, source)
                source.notes += bool(notes)
                for note in notes:
                    print(f"      lưu ý: {note}")

    def save_redirects(self) -> list[str]:
        """Merge this run's old addresses into the redirect files; what changed."""
        data = self.content / DATA_FILE
        existing: list[Redirect] = []
        if data.is_file():
            parsed = parse_redirects(data.read_text(encoding="utf-8"))
            if parsed.problems:
                line, message = parsed.problems[0]
                print(
                    f"LỖI  {self._shown(data)}:{line}: {message} Sửa tệp này rồi chạy lại; "
                    "chưa ghi chuyển hướng mới."
                )
                return []
            existing = parsed.entries
        if not self.redirects and not existing:
            return []
        return write_redirect_files(
            self.content,
            existing,
            self._beside_new_pages(self.redirects),
            self.settings,
        )

    def _beside_new_pages(self, entries: list[Redirect]) -> list[Redirect]:
        """This run's old addresses that would land on a post or page of the new
        site (two former wards with the same /%postname%/ address) are kept under
        their former unit's folder ("/phuong-8-cu/…") instead, so the build
        accepts them and no old link is lost; without a unit they are left out.
        Either way the officer is told."""
        from ward_redirects.model import over_new_pages

        from ward_core.listpages import list_pages
        from ward_core.sources import load_sources, post_outputs

        sources = load_sources(self.settings, self.content)
        targets, taken = post_outputs(sources)
        lists = list_pages(sources)  # category, tag, archive pages…
        clashing = over_new_pages(entries, targets, taken | lists.keys())
        moved = {id(entry): lists.get(page, "một bài") for entry, page in clashing}
        kept = []
        for entry in entries:
            if id(entry) not in moved:
                kept.append(entry)
                continue
            over = f'địa chỉ cũ "{entry.old}" trùng địa chỉ {moved[id(entry)]} trên trang mới'
            if not entry.former_unit_slug:
                print(
                    f"      lưu ý: {over}; không ghi chuyển hướng cho nó (ghi --don-vi "
                    "để giữ địa chỉ cũ dưới thư mục của đơn vị cũ)."
                )
                continue
            alias = replace(entry, old=f"/{entry.former_unit_slug}{entry.path}")
            print(
                f'      lưu ý: {over}; giữ lại ở "{alias.old}" ({entry.former_unit}).'
            )
            kept.append(alias)
        return kept


def _table(sources: list[Source]) -> list[str]:
    header = [
        "Nguồn",
        "Đơn vị",
        "Mới",
        "Cập nhật",
        "Không đổi",
        "Bỏ qua",
        "Lỗi",
        "Có lưu ý",
    ]
    rows = [
        [
            str(s.path),
            s.unit or "–",
            *(str(s.counts[name]) for name in COUNT_NAMES),
            str(s.notes),
        ]
        for s in sources
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return (
            "| "
            + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True))
            + " |"
        )

    return [
        line(header),
        "|" + "|".join("-" * (w + 2) for w in widths) + "|",
        *map(line, rows),
    ]


def run(args) -> int:
    settings, content = site_from_args(args)
    uploads = Path(args.uploads) if args.uploads else None
    sources = _parse_sources(args)
    if args.chuyen_huong and not sources:
        # Only rewrite the nginx map after content/data/chuyen-huong.yml was edited.
        written = Importer(content, settings, args.force).save_redirects()
        print(
            "Chuyển hướng từ địa chỉ cũ: " + ", ".join(written) + "."
            if written
            else f"Không có content/{DATA_FILE}: chưa có gì để chuyển hướng."
        )
        return 0
    if not sources:
        print(
            "Chưa chọn nguồn: ghi tệp hoặc thư mục cần nhập (.html, .xml, .docx, .doc, "
            ".pdf), "
            'hoặc --nguon "THƯ_MỤC=ĐƠN_VỊ".',
            file=sys.stderr,
        )
        return 1
    importer = Importer(content, settings, args.force)
    for source in sources:
        if len(sources) > 1 or source.unit:
            print(f"\n== {source.path}" + (f" ({source.unit})" if source.unit else ""))
        importer.run_source(source, uploads)
    written = importer.save_redirects()

    totals = {name: sum(s.counts[name] for s in sources) for name in COUNT_NAMES}
    print("\nTổng kết theo nguồn:")
    print("\n".join(_table(sources)))
    if importer.renamed:
        print("\nĐịa chỉ bài trùng nhau giữa các nguồn, đã đổi:")
        print("\n".join(f"  - {line}" for line in importer.renamed))
    if written:
        print("\nChuyển hướng từ địa chỉ cũ: " + ", ".join(written) + ".")
    if importer.undated:
        print(
            f"\nCó {len(importer.undated)} bài không tìm thấy ngày đăng, nằm trong "
            f'posts/{UNDATED_FOLDER}/ với "date: CHƯA RÕ NGÀY". make check và việc '
            "xây dựng trang sẽ báo lỗi cho đến khi bạn điền ngày thật:"
        )
        print("\n".join(f"  - {importer._shown(p)}" for p in importer.undated))
    print(
        f"\nTổng kết: {totals['mới']} bài mới, {totals['cập nhật']} cập nhật, "
        f"{totals['không đổi']} không đổi, {totals['bỏ qua']} bỏ qua, {totals['lỗi']} lỗi."
    )
    print(
        'Các dòng plan/documents/officials ghi "CẦN KIỂM TRA" do máy tự trích: hãy đọc lại, '
        "rồi chạy make check."
    )
    _report_check(settings, content)
    imported = sum(totals[k] for k in ("mới", "cập nhật", "không đổi", "bỏ qua"))
    return 1 if totals["lỗi"] and not imported else 0


def _report_check(settings: dict, content: Path) -> None:
    """What `make check` (and so the build) says of the site as imported, in the
    same words: the import never leaves a surprise for the next build."""
    from ..check import check_site, render_finding

    problems = check_site(settings, content, final=True)
    errors = [p for p in problems if p.error]
    print(
        f"\nKiểm tra như make check: {len(errors)} lỗi, {len(problems) - len(errors)} "
        "lưu ý." + (" Sửa các lỗi dưới đây trước khi xây dựng trang:" if errors else "")
    )
    for problem in errors:
        print(f"  {render_finding(problem)}")


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "import",
        help="nhập bài từ cổng thông tin cũ (trang HTML đã lưu, tệp WordPress, tệp "
        "Word .docx/.doc, PDF)",
        description="Nhập các trang HTML đã lưu (NukeViet, WordPress… kèm thư mục ảnh), "
        "tệp WXR của WordPress, tệp Word (.docx, .doc) hoặc PDF thành các bài trong "
        "content/posts/<năm>/. Khi sáp nhập phường: mỗi nguồn một --nguon "
        '"THƯ_MỤC=ĐƠN_VỊ", ví dụ --nguon "luu-tru/phuong-7=Phường 7 (cũ)".',
    )
    parser.add_argument(
        "src",
        nargs="*",
        metavar="NGUỒN",
        help="tệp hoặc thư mục cần nhập (.html, .htm, .xml, .docx, .doc, .pdf)",
    )
    parser.add_argument(
        "--don-vi",
        metavar="ĐƠN_VỊ",
        help='đơn vị cũ của các NGUỒN trên, ví dụ "Phường 7 (cũ)" (ghi vào former_unit)',
    )
    parser.add_argument(
        "--nguon",
        action="extend",
        nargs="+",
        default=[],
        metavar="THƯ_MỤC=ĐƠN_VỊ",
        help="nguồn kèm đơn vị cũ của nó, mỗi phường cũ một cặp "
        '(--nguon "a=Phường 7 (cũ)" "b=Phường 8 (cũ)", hoặc lặp lại --nguon)',
    )
    parser.add_argument(
        "--uploads",
        metavar="THƯ_MỤC",
        help="thư mục wp-content/uploads của WordPress (ảnh trong tệp WXR)",
    )
    parser.add_argument("--force", action="store_true", help="ghi đè cả bài đã sửa tay")
    parser.add_argument(
        "--chuyen-huong",
        action="store_true",
        help=f"chỉ tạo lại content/{NGINX_FILE} từ content/{DATA_FILE} "
        "(sau khi sửa tay tệp đó)",
    )
    add_site_options(parser)
    parser.set_defaults(handler=run)
