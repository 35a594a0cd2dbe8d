"""Paths the editor may touch: only files under the site's content folder.

Decap names files relative to the project root ("content/posts/2024/x/index.md").
Every such name is mapped onto the real content folder and refused when it is
absolute, climbs with "..", names a hidden file, or resolves (through a
symlink) to anything outside the content folder.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

API_PREFIX = "content"


class PathRefusedError(ValueError):
    """A path the editor must not read or write (the message is for the officer)."""


class ContentPaths:
    def __init__(self, content_root: Path) -> None:
        self.root = content_root.resolve()

    def resolve(self, api_path: object) -> Path:
        """The file inside content/ that `api_path` names, or PathRefusedError."""
        if not isinstance(api_path, str) or not api_path.strip():
            raise PathRefusedError("thiếu đường dẫn tệp.")
        if "\x00" in api_path or "\\" in api_path:
            raise PathRefusedError(f'đường dẫn "{api_path}" có ký tự không hợp lệ.')
        pure = PurePosixPath(api_path)
        if pure.is_absolute() or api_path.startswith("~"):
            raise PathRefusedError(f'đường dẫn "{api_path}" phải nằm trong content/.')
        parts = pure.parts
        if not parts or parts[0] != API_PREFIX:
            raise PathRefusedError(f'đường dẫn "{api_path}" phải nằm trong content/.')
        inner = parts[1:]
        if any(part in ("..", ".") or part.startswith(".") for part in inner):
            raise PathRefusedError(
                f'đường dẫn "{api_path}" không được chứa ".." hay tệp ẩn.'
            )
        candidate = self.root.joinpath(*inner)
        # resolve() follows every symlink on the way, including the last one.
        if not candidate.resolve().is_relative_to(self.root):
            raise PathRefusedError(f'đường dẫn "{api_path}" trỏ ra ngoài content/.')
        return candidate

    def api_name(self, path: Path) -> str:
        """The name Decap uses for a file inside content/."""
        return "/".join((API_PREFIX, *path.relative_to(self.root).parts))

    def walk(self, folder: Path, depth: int) -> list[Path]:
        """Files under `folder` down to `depth` levels, never through a symlink
        that leaves content/ and never into hidden folders."""
        found: list[Path] = []
        if depth <= 0 or not folder.is_dir():
            return found
        for child in sorted(folder.iterdir()):
            if child.name.startswith("."):
                continue
            if not child.resolve().is_relative_to(self.root):
                continue
            if child.is_dir():
                found += self.walk(child, depth - 1)
            elif child.is_file():
                found.append(child)
        return found
