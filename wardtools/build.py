"""Safe builds: any error fails the build; output/ is replaced only on success."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ward_core.buildtime import calendar_day
from ward_core.paths import display_path
from ward_core.problems import Problem, SiteError
from ward_core.release import ReleaseSettings
from ward_core.report import RunRecord
from ward_core.reuse import save_record, stamp_files
from ward_core.session import BuildInterruptedError, BuildSession, with_session
from ward_core.textfile import why

from .content_cache import prepare as prepare_content_cache
from .publish_swap import build_lock, remove_leftovers, staging_dir, swap_in
from .uptodate import forget, inputs_fingerprints, is_up_to_date, remember

if TYPE_CHECKING:
    from ward_core.sources import SiteSources

    from .check import SiteAnalysis

logger = logging.getLogger(__name__)


@dataclass
class BuildReport:
    ok: bool
    output: Path
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    up_to_date: bool = False
    in_place: bool = False  # a preview rebuild that writes into its folder directly
    pages_written: int = 0
    pages_reused: int = 0  # of those, files taken unchanged from the last build
    # A preview rebuild in place: the files it wrote, relative to the output.
    written: list[str] = field(default_factory=list)
    photos_processed: int = 0
    record: RunRecord | None = None  # what the plugins reported of this run
    analysis: SiteAnalysis | None = None  # the checks' (check.SiteAnalysis)


class ProblemCollector(logging.Handler):
    """Keeps every warning and error that any logger emits during a build."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a malformed log call must not hide the real problem
            message = str(record.msg)
        # Pelican logs "Could not process X" from inside its except block and
        # drops the exception text unless DEBUG is on; recover it from there.
        handled = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
        if handled is not None and record.levelno >= logging.ERROR:
            explained = officer_message(handled)
            unexpected = explained.startswith("Lỗi không mong đợi")
            message = (
                f"{message}: {type(handled).__name__}: {handled}"
                if unexpected
                else explained
            )
        target = self.errors if record.levelno >= logging.ERROR else self.warnings
        # One problem per line: an officer message may list several.
        target.extend(line for line in message.splitlines() if line.strip())


def officer_message(exc: BaseException) -> str:
    message = getattr(exc, "officer_message", None)
    if message:
        return message
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return DISK_FULL
    if isinstance(exc, OSError):
        where = display_path(exc.filename) if exc.filename else "một tệp"
        return f"{where}: {why(exc)}"
    return (
        f"Lỗi không mong đợi khi xây dựng trang ({type(exc).__name__}: {exc}). "
        "Chạy lại với --debug để xem chi tiết kỹ thuật."
    )


def _count_html(folder: Path) -> int:
    return sum(
        1 for _, _, files in os.walk(folder) for name in files if name.endswith(".html")
    )


def run_site(
    settings: dict[str, Any],
    output: Path,
    *,
    debug: bool = False,
    in_place: bool = False,
    session: BuildSession | None = None,
    known: SiteSources | None = None,
) -> BuildReport:
    """The one build path: check the sources (the same checkers as `make check`
    and the editor), then run Pelican into ``output``. Used by `build` (into a
    staging folder) and by the preview worker (``in_place``, a few pages).
    ``known``: the sources of this process's last analysis (the preview's
    worker): files unchanged since are not read again.

    ``session``: this build's control data (ward_core.session), a fresh one if
    not given; carried into Pelican in the settings and ended when the run is
    over, whether it succeeded or failed half-way (helper processes stop, the
    plugins' state is dropped)."""
    from pelican import Pelican

    session = session or BuildSession()
    run_settings = with_session({**settings, "OUTPUT_PATH": str(output)}, session)

    def pelican_run() -> None:
        with _quiet_pelican_console():
            Pelican(run_settings).run()

    try:
        report = checked_run(
            settings,
            output,
            pelican_run,
            debug=debug,
            in_place=in_place,
            session=session,
            passthrough=(BuildInterruptedError,),
            known=known,
        )
    finally:
        session.end()
    report.photos_processed = session.record.photos_processed
    report.record = session.record
    return report


def checked_run(
    settings: dict[str, Any],
    output: Path,
    work: Callable[[], None],
    *,
    debug: bool = False,
    in_place: bool = False,
    passthrough: tuple[type[Exception], ...] = (),
    session: BuildSession | None = None,
    edit: tuple[SiteAnalysis | None, list[str]] = (None, []),
    known: SiteSources | None = None,
) -> BuildReport:
    """Run the checkers, then ``work`` (a Pelican run, or the preview's render of
    a few pages) if they found no error, collecting every problem either logs
    or raises into one report. Exceptions of the ``passthrough`` types are the
    caller's to handle. ``session``: the run's, given the sources the checkers
    analysed (ward_core.session). ``edit``: the preview's last analysis and the
    files saved since, analysed from it when only bodies changed
    (check.analyse_edit). ``known``: sources of an earlier analysis whose
    unchanged files are taken, not read again (the edit's analysis's by
    default). The report carries the analysis (None when the plugins could not
    be found)."""
    from .analysis import trusted_problems
    from .check import SiteAnalysis, analyse_edit, analyse_site, read_site

    started = time.monotonic()
    collector = ProblemCollector()
    problems: list[Problem] = []
    analysis: SiteAnalysis | None = None
    root = logging.getLogger()
    root.addHandler(collector)
    try:
        previous, changed = edit
        if previous is not None:
            read: dict = {}
            if changed:
                analysis = analyse_edit(previous, changed, read=read)
            known = known or previous.sources.with_files(read)
        # A build of exactly what the editor's save checked takes its findings.
        trusted = None if analysis is not None else trusted_problems(settings)
        if analysis is None and trusted is None:
            sources, problems = analyse_site(settings, known=known)
            if sources is not None:
                analysis = SiteAnalysis(sources, problems)
        elif trusted is not None:
            problems = trusted
            if session is not None:
                # Read, not checked again: the generators take the sources, and
                # the preview analyses the next body edit from them.
                analysis = SiteAnalysis(read_site(settings, known=known), trusted)
        if session is not None:
            session.sources = analysis.sources if analysis is not None else None
            session.record.analysis = analysis
        if analysis is not None:
            problems = analysis.problems
        if not any(problem.error for problem in problems):
            work()
    except passthrough:
        raise
    except Exception as exc:
        if debug:
            logger.exception("build failed")
        collector.errors.append(officer_message(exc))
    finally:
        root.removeHandler(collector)
    errors = [p.render() for p in problems if p.error] + collector.errors
    return BuildReport(
        ok=not errors,
        output=output,
        # Pelican reads files in file-system order; sort so reports are stable.
        errors=sorted(errors),
        warnings=[p.render() for p in problems if not p.error] + collector.warnings,
        seconds=time.monotonic() - started,
        in_place=in_place,
        analysis=analysis,
    )


@contextlib.contextmanager
def _quiet_pelican_console():
    """Pelican prints its own English summary ("Done: Processed …"); the officer
    gets ours, in Vietnamese, from print_report."""
    from pelican.log import console

    was_quiet = console.quiet
    console.quiet = True
    try:
        yield
    finally:
        console.quiet = was_quiet


def read_site_settings(
    settings_file: Path, overrides: dict[str, Any] | None = None
) -> dict[str, Any]:
    from pelican.settings import read_settings

    from ward_core.sitesettings import settings_file_error

    path = settings_file.resolve()
    try:
        return read_settings(str(path), override=dict(overrides or {}))
    except Exception as exc:  # the settings file's own code failed
        raise settings_file_error(path, exc) from None


def build_site(
    settings_file: Path,
    output: Path | None = None,
    overrides: dict[str, Any] | None = None,
    debug: bool = False,
    force: bool = False,
    fresh: bool = False,
    search_later: bool = False,
    interrupted: Callable[[], bool] | None = None,
    known: SiteSources | None = None,
) -> BuildReport:
    """Build into a staging folder; publish it only if nothing failed.

    ``force``: build even when nothing changed. ``fresh``: render every page,
    taking none from the last build (ward_core.reuse). ``search_later`` (the
    preview): no search index in the build; the last one is carried over and
    the caller indexes the new site in the background. ``interrupted``: asked
    between pages; when it says so the build is given up (BuildInterruptedError)
    and the output stays as it was. ``known``: as for ``run_site``."""
    started = time.monotonic()
    settings_file = settings_file.resolve()
    overrides = dict(overrides or {})
    # Read once: the same settings give the output folder, the fingerprint and the run.
    settings = read_site_settings(settings_file, overrides)
    output = (output or Path(settings["OUTPUT_PATH"])).resolve()

    with build_lock(output):
        remove_leftovers(output)
        # Before the fingerprint: following a moved post edits content/.
        notices = _follow_moved_addresses(settings)
        day = calendar_day(settings)
        everything, without_sources = inputs_fingerprints(
            settings, settings_file, overrides, day
        )
        if not force and is_up_to_date(output, everything):
            return BuildReport(
                ok=True,
                output=output,
                seconds=time.monotonic() - started,
                up_to_date=True,
            )
        forget(output)
        staging = staging_dir(output)
        prepare_content_cache(settings, settings_file, overrides)
        session = BuildSession(
            inputs=without_sources,
            previous=str(output) if not fresh and output.is_dir() else "",
            search=not search_later,
            day=day,
            interrupted=interrupted,
        )
        _start_search(settings, session, staging)
        try:
            report = run_site(
                settings, staging, debug=debug, session=session, known=known
            )
        except BuildInterruptedError:
            _remove(staging)
            raise
        report.warnings[:0] = notices
        if report.ok:
            report.pages_written = _count_html(staging)
            reused = report.record.reused_files if report.record else []
            report.pages_reused = sum(1 for name in reused if name.endswith(".html"))
            pages = report.record.pages if report.record else {}
            search = report.record.search_state if report.record else None
            stamp_files(staging, pages)
            if search_later:
                _carry_search_index(output, staging)
            swap_in(staging, output)
            save_record(output, pages, search)
            remember(output, everything)
        else:
            _explain_full_disk(staging, report.errors)
            _remove(staging)
    report.output = output
    report.seconds = time.monotonic() - started
    return report


def _start_search(settings: dict[str, Any], session: BuildSession, staging: Path):
    """Pagefind takes the last build's pages while the checks run (ward_search:
    the index of an edit build is seeded with them)."""
    from ward_search import start_early

    start_early(with_session(settings, session), staging)


def _carry_search_index(output: Path, staging: Path) -> None:
    """The last search index, linked into the new site until it is indexed again
    (the preview: search may lag a few seconds behind an edit, pages may not)."""
    from ward_search.indexer import INDEX_FOLDER

    from ward_core.reuse import link_all

    previous = output / INDEX_FOLDER
    if not previous.is_dir():
        return
    link_all(
        (path, staging / INDEX_FOLDER / path.relative_to(previous))
        for path in previous.rglob("*")
        if path.is_file()
    )


def _follow_moved_addresses(settings: dict[str, Any]) -> list[str]:
    if not ReleaseSettings.from_settings(settings).final:
        return []
    from .addresses import follow_moved_addresses

    try:
        return follow_moved_addresses(settings, Path(settings["PATH"]))
    except SiteError as exc:  # an unreadable data file: the checkers report it
        logger.debug("addresses not followed: %s", exc)
        return []


DISK_FULL = (
    "Ổ đĩa đã đầy, không ghi được trang web. Xóa bớt tệp (ví dụ make clean-cache) "
    "rồi chạy lại."
)


def _explain_full_disk(staging: Path, errors: list[str]) -> None:
    """Tools that fail on a full disk (Pagefind, for one) say so unclearly: if the
    disk is (nearly) full when the build fails, say it plainly first."""
    import shutil

    try:
        free = shutil.disk_usage(staging).free
    except OSError:
        return
    if free < 256 * 1024 and DISK_FULL not in errors:
        errors.insert(0, DISK_FULL)


def _remove(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def print_report(report: BuildReport, stream=sys.stderr) -> None:
    for warning in report.warnings:
        print(f"Lưu ý: {warning}", file=stream)
    if report.up_to_date:
        print(
            f"Không có gì thay đổi: trang trong {report.output} đã mới nhất "
            "(thêm --force để xây dựng lại).",
            file=stream,
        )
        return
    if report.ok:
        pages = f"{report.pages_written} trang"
        if report.pages_reused:
            pages += f" ({report.pages_reused} trang không đổi, giữ từ lần trước)"

        print(
            f"Đã xây dựng xong trang web vào {report.output}: {pages}, "
            f"{report.photos_processed} ảnh mới xử lý ({report.seconds:.1f} giây).",
            file=stream,
        )
        return
    print(
        f"\nXÂY DỰNG THẤT BẠI: {len(report.errors)} lỗi cần sửa.",
        file=stream,
    )
    for number, error in enumerate(report.errors, 1):
        print(f"  {number}. {error}", file=stream)
    if report.in_place:
        print(
            "\nBản xem trước chưa cập nhật được bài này. Sửa các lỗi trên rồi lưu lại tệp.",
            file=stream,
        )
        return
    print(
        f"\nTrang web đã xuất bản trong {report.output} không bị thay đổi. "
        "Sửa các lỗi trên rồi chạy lại.",
        file=stream,
    )
