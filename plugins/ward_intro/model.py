"""The introduction data file model lives in ward_core.intro (the portal plugin reads it too)."""

from ward_core.intro import FIELDS, Intro, Parsed, Relic, Unit, parse_intro_file

__all__ = ["FIELDS", "Intro", "Parsed", "Relic", "Unit", "parse_intro_file"]
