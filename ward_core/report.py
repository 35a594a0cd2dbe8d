"""What one Pelican run reports back to the tool that started it.

The tool puts a fresh ``RunRecord`` into the settings under ``RECORD_SETTING``;
Pelican shares the settings with every generator and signal receiver, so the
plugins fill it in (photos processed, what each post shows in listings) and
the tool reads it after the run. No module-level state, no signals in tools.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

RECORD_SETTING = "WARD_RUN_RECORD"


@dataclass
class RunRecord:
    photos_total: int = 0
    photos_processed: int = 0  # decoded and encoded in this run (cache misses)
    # Per source file: where it is written and what lists and indexes show of it.
    save_as: dict[str, str] = field(default_factory=dict)
    listing: dict[str, tuple] = field(default_factory=dict)


def record_of(settings: Mapping[str, Any]) -> RunRecord | None:
    record = settings.get(RECORD_SETTING)
    return record if isinstance(record, RunRecord) else None
