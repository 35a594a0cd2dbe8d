"""The leaders data file model lives in ward_core.leaders (the portal plugin reads it too)."""

from ward_core.leaders import FIELDS, Leader, Parsed, parse_leaders_file

__all__ = ["FIELDS", "Leader", "Parsed", "parse_leaders_file"]
