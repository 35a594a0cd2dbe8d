"""argparse speaking Vietnamese, so `--help` is readable for the officer."""

from __future__ import annotations

import argparse

_TRANSLATIONS = {
    "usage: ": "cách dùng: ",
    "options": "tùy chọn",
    "positional arguments": "tham số",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)"
    ),
    "expected one argument": "cần một giá trị",
    "invalid %(type)s value: %(value)r": "giá trị %(type)s không hợp lệ: %(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
}


def _translate(message: str) -> str:
    return _TRANSLATIONS.get(message, message)


# argparse looks its strings up through a module-level gettext alias.
argparse._ = _translate  # type: ignore[attr-defined]


class ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage()
        self.exit(2, f"{self.prog}: lỗi: {message}\n")
