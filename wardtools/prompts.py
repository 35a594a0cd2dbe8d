"""Questions the interactive officer commands (`make new`, `make comment`) ask.

Every answer can be checked as soon as it is typed: a wrong one is explained and
asked again, so nothing already typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable

# Returns a Vietnamese explanation when the answer cannot be used, else None.
Validator = Callable[[str], str | None]


def ask(label: str, default: str = "", validate: Validator | None = None) -> str:
    suffix = f" [{default}]" if default else ""
    while True:
        answer = input(f"{label}{suffix}: ").strip() or default
        problem = validate(answer) if validate else None
        if problem is None:
            return answer
        print(f"  → {problem} Nhập lại.")


def ask_text(label: str) -> str:
    """Several lines, ended by an empty line."""
    print(f"{label} (gõ xong, để một dòng trống rồi Enter):")
    lines = []
    while True:
        line = input()
        if not line.strip():
            break
        lines.append(line)
    return "\n".join(lines)
