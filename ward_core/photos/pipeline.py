"""Process the photos a build needs: cache hits are free, misses go to a process pool."""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from ward_core.textfile import why

from .cache import CachedPhoto, DerivativeCache, write_entry
from .imaging import EncodeSettings, PhotoError, process_photo


@dataclass
class PipelineResult:
    photos: dict[Path, CachedPhoto] = field(default_factory=dict)
    errors: dict[Path, str] = field(default_factory=dict)
    processed: int = 0  # photos actually decoded and encoded in this run


def _process_one(source: str, entry_dir: str, settings: EncodeSettings) -> str | None:
    """Worker: encode one photo straight into its cache entry; an error text or None."""
    try:
        write_entry(Path(entry_dir), process_photo(Path(source), settings))
    except PhotoError as exc:
        return str(exc)
    except MemoryError:
        return "không đủ bộ nhớ để xử lý ảnh này. Thu nhỏ ảnh trước khi đăng."
    except OSError as exc:
        return f"không đọc hoặc ghi được ảnh: {why(exc)}"
    except Exception:
        return (
            "thư viện xử lý ảnh không đọc được tệp này. Mở ảnh và lưu lại dạng JPEG, "
            "hoặc chép lại ảnh gốc."
        )
    return None


def _duration(seconds: float) -> str:
    seconds = max(1, round(seconds))
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} phút {rest} giây" if minutes else f"{rest} giây"


class Progress:
    """ "Đang xử lý ảnh: 12/500, còn khoảng 2 phút 10 giây" while many photos are
    processed: in place on a terminal, every tenth of the way otherwise."""

    MIN_PHOTOS = 5

    def __init__(self, total: int, stream=None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.enabled = total >= self.MIN_PHOTOS
        self.in_place = self.enabled and self.stream.isatty()
        self.every = max(1, total // 10)
        self.started = time.monotonic()

    def line(self) -> str:
        elapsed = time.monotonic() - self.started
        text = f"Đang xử lý ảnh: {self.done}/{self.total}"
        if 0 < self.done < self.total:
            left = elapsed / self.done * (self.total - self.done)
            text += f", còn khoảng {_duration(left)}"
        elif self.done == self.total:
            text += f", xong trong {_duration(elapsed)}"
        return text

    def step(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        if self.in_place:
            end = "\n" if self.done == self.total else ""
            print(f"\r{self.line()}", end=end, file=self.stream, flush=True)
        elif self.done % self.every == 0 or self.done == self.total:
            print(self.line(), file=self.stream, flush=True)


def run_pipeline(
    sources: Iterable[Path], cache: DerivativeCache, workers: int
) -> PipelineResult:
    result = PipelineResult()
    misses: dict[Path, str] = {}
    for source in sorted(set(sources)):
        try:
            key = cache.key_for(source)
        except OSError as exc:
            result.errors[source] = f"không đọc được ảnh: {why(exc)}"
            continue
        cached = cache.lookup(key)
        if cached is None:
            misses[source] = key
        else:
            result.photos[source] = cached
    # Byte-identical photos (the same photo in two posts) share one cache entry:
    # process each entry once, or two workers would write the same folder.
    by_key: dict[str, list[Path]] = {}
    for source, key in misses.items():
        by_key.setdefault(key, []).append(source)
    misses = {sources[0]: key for key, sources in by_key.items()}
    progress = Progress(len(misses))
    if len(misses) == 1 or workers <= 1:
        for source, key in misses.items():
            error = _process_one(str(source), str(cache.entry_dir(key)), cache.settings)
            _collect(result, cache, by_key[key], key, error)
            progress.step()
    elif misses:
        # fork where the system has it (fast start); spawn on Windows and macOS.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        context = multiprocessing.get_context(method)
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = {
                pool.submit(
                    _process_one, str(source), str(cache.entry_dir(key)), cache.settings
                ): (source, key)
                for source, key in misses.items()
            }
            for future in as_completed(futures):
                _, key = futures[future]
                _collect(result, cache, by_key[key], key, future.result())
                progress.step()
    return result


def _collect(
    result: PipelineResult,
    cache: DerivativeCache,
    sources: list[Path],
    key: str,
    error: str | None,
) -> None:
    """Record one processed cache entry for every source that has its bytes."""
    if error:
        for source in sources:
            result.errors[source] = error
        return
    cached = cache.lookup(key)
    if cached is None:
        for source in sources:
            result.errors[source] = "không lưu được ảnh đã xử lý vào bộ nhớ đệm."
        return
    for source in sources:
        result.photos[source] = cached
    result.processed += 1
