"""The procedures data file model lives in ward_core.procedures (the portal plugin reads
it too)."""

from ward_core.procedures import (
    FIELDS,
    Parsed,
    Procedure,
    check_code,
    parse_procedures_file,
)

__all__ = ["FIELDS", "Parsed", "Procedure", "check_code", "parse_procedures_file"]
