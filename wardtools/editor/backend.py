"""Decap CMS's local backend protocol (decap-server's `local_fs` actions) over
the site's content folder, for the preview server.

One JSON request in, one JSON answer out: `handle(body)` returns an HTTP status
and a JSON-able payload; every refusal is a 4xx with a Vietnamese `error`
(Decap shows it to the officer) and nothing is written.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import logging
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path, PurePosixPath
from typing import Any

from ward_core.slugs import shorten_slug, unique_slug
from ward_core.sources import MARKDOWN_SUFFIXES, SiteSources, read_source, slug_for

from .. import comment_queue
from ..analysis import remember_analysis
from ..comment_cmd import HEADER as COMMENTS_HEADER
from ..comment_cmd import CommentCommandError
from ..content_index import iter_posts, yaml_quote
from .documents import (
    DocumentError,
    data_for_disk,
    for_editor,
    post_for_disk,
    sort_key,
)
from .paths import ContentPaths, PathRefusedError
from .trash import Trash, TrashError
from .uploads import (
    MEDIA_SUFFIXES,
    UploadRefusedError,
    free_name,
    prepare,
)
from .validate import SiteAnalysis, checked
from .versions import ConflictError, ServedTexts, check_version

log = logging.getLogger(__name__)

# A 30 MB photo is 40 MB in base64; a save may carry several new photos at once.
MAX_BODY_BYTES = 160 * 1024 * 1024
ENTRY_SUFFIXES = (*MARKDOWN_SUFFIXES, ".yml", ".yaml")


class RefusedError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# What a file copied in by hand gets under the usual umask (022).
FILE_MODE = 0o644


def write_atomically(path: Path, data: bytes) -> None:
    """Temporary file beside the target, then one rename: readers (the build,
    the watcher) see the old file or the whole new one, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); a photo or PDF copied as it is
        # into output/ must stay readable by the web server, like a hand-copied file.
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class LocalBackend:
    def __init__(
        self,
        settings: dict,
        content_root: Path,
        on_saved: Callable[[list[Path]], None] | None = None,
    ) -> None:
        self.settings = settings
        self.paths = ContentPaths(content_root)
        self.on_saved = on_saved
        # The site as this editor last analysed it, while nothing else has
        # changed it: a save that changes only a body is checked from it
        # (check.analyse_edit) instead of reading the whole site again.
        # Dropped by any other change (``forget_analysis``, the preview's
        # watcher) and by every write but such a save.
        self.analysis: SiteAnalysis | None = None
        self._changes_seen = 0  # by forget_analysis
        # The sources of the last analysis, whatever changed since: the next
        # whole analysis reads only files changed since (by size and time).
        self.sources_read: SiteSources | None = None
        # Only while something tells of the other changes (the preview's watcher).
        self.keep_analysis = False
        # Held around every write (the preview's watcher waits for the save).
        self.writing: Callable[[], contextlib.AbstractContextManager] = (
            contextlib.nullcontext
        )
        # One change at a time: the preview server answers requests in threads.
        self._writing = threading.Lock()
        self.trash = Trash(settings, self.paths.root)
        self.served = ServedTexts()
        self.actions: dict[str, Callable[[dict], Any]] = {
            "info": self.info,
            "entriesByFolder": self.entries_by_folder,
            "entriesByFiles": self.entries_by_files,
            "getEntry": self.get_entry,
            "persistEntry": self.persist_entry,
            "getMedia": self.get_media,
            "getMediaFile": self.get_media_file,
            "persistMedia": self.persist_media,
            "deleteFile": self.delete_file,
            "deleteFiles": self.delete_files,
            "getDeployPreview": self.get_deploy_preview,
            "trashList": self.trash_list,
            "trashRestore": self.restore_from_trash,
            # Ours, not Decap's: editor's uploads.js asks before Decap names a file.
            "prepareMedia": self.prepare_media,
            # Ours (drafts.js): the address of a new post, before Decap names its folder.
            "wardAddress": self.address_for,
        }

    # --- the request -----------------------------------------------------------

    def handle(self, body: bytes) -> tuple[int, Any]:
        try:
            request = self._parse(body)
            action = self.actions.get(request.get("action"))
            if action is None:
                raise RefusedError(
                    422,
                    f'không có thao tác "{request.get("action")}" trong trình soạn.',
                )
            params = request.get("params", {})
            if not isinstance(params, dict):
                raise RefusedError(400, '"params" phải là một đối tượng JSON.')
            if action.__name__.startswith(("persist", "delete", "restore")):
                with self._writing, self.writing():
                    return 200, action(params)
            return 200, action(params)
        except RefusedError as refused:
            return refused.status, {"error": refused.message}
        except ConflictError as conflict:
            mine = [{"label": label, "value": value} for label, value in conflict.mine]
            return 409, {"error": str(conflict), "conflict": True, "mine": mine}
        except PathRefusedError as refused:
            return 400, {"error": f"Không được phép: {refused}"}
        except UploadRefusedError as refused:
            return 422, {"error": str(refused)}
        except OSError as exc:
            log.warning("editor request failed: %s", exc)
            return 500, {
                "error": f"Không đọc/ghi được tệp ({exc.strerror or exc}). "
                "Kiểm tra ổ đĩa còn chỗ trống và quyền ghi thư mục content/."
            }
        except Exception as exc:  # the officer gets a sentence, never a traceback
            log.error("editor request failed: %s: %s", type(exc).__name__, exc)
            return 500, {
                "error": "Trình soạn gặp lỗi không mong đợi, chưa lưu gì. Lưu lại "
                "nội dung đang soạn ra chỗ khác rồi tải lại trang; nếu lặp lại, báo "
                "cho người quản trị kèm dòng ghi trong cửa sổ dòng lệnh."
            }

    @staticmethod
    def _parse(body: bytes) -> dict:
        if len(body) > MAX_BODY_BYTES:
            raise RefusedError(413, body_too_large_message())
        try:
            request = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise RefusedError(400, "Yêu cầu không phải JSON hợp lệ.") from None
        if not isinstance(request, dict):
            raise RefusedError(400, "Yêu cầu phải là một đối tượng JSON.")
        return request

    @staticmethod
    def _string(params: dict, key: str) -> str:
        value = params.get(key)
        if not isinstance(value, str):
            raise RefusedError(400, f'thiếu "{key}" (chuỗi) trong yêu cầu.')
        return value

    # --- reading ----------------------------------------------------------------

    def info(self, _params: dict) -> dict:
        return {
            "repo": self.paths.root.parent.name,
            "publish_modes": ["simple"],
            "type": "local_fs",
        }

    def _entry(
        self, api_path: str, label: Any = None, posts: dict | None = None
    ) -> dict:
        path = self.paths.resolve(api_path)
        file = {"path": api_path, "label": label, "id": None}
        comments_of = path.parent == self.comments and path.suffix == ".yml"
        if comments_of or path.parent == self.queue:
            posts = self._posts() if posts is None else posts
        if not path.is_file():
            if comments_of and path.stem in posts:
                # A post without comments yet: an empty list the officer can fill.
                text = COMMENTS_HEADER.format(slug=path.stem) + "[]\n"
                data = for_editor(api_path, text, self._about(posts, path.stem))
                return {"data": data, "file": file}
            return {"data": None, "file": file}
        raw = path.read_bytes()
        text = raw.decode("utf-8", errors="replace")
        file["id"] = _sha256(raw)
        self.served.keep(file["id"], text)  # what the officer has open (versions)
        if comments_of:
            data = for_editor(api_path, text, self._about(posts, path.stem))
        elif path.parent == self.queue:
            slug, sent = comment_queue.read_header(text)
            title = self._about(posts, slug)["title"]
            data = (
                f"{text.rstrip()}\npost_title: {yaml_quote(title)}\n"
                f"ngay_sap_xep: {yaml_quote(sort_key(sent))}\n"
            )
        else:
            data = for_editor(api_path, text)
        return {"data": data, "file": file}

    # --- comments: every post listed, the queue -----------------------------------

    @property
    def comments(self) -> Path:
        return self.paths.root / "comments"

    @property
    def queue(self) -> Path:
        return comment_queue.queue_folder(self.paths.root)

    def _posts(self) -> dict[str, tuple[str, str]]:
        """Each post's (title, sort key) by address."""
        return {
            post.slug: (
                str(post.title or post.slug),
                sort_key((post.front_matter or {}).get("date")),
            )
            for post in iter_posts(self.paths.root, self.settings)
        }

    @staticmethod
    def _about(posts: dict, slug: str) -> dict[str, str]:
        title, key = posts.get(slug, (f"(không còn bài có địa chỉ {slug})", ""))
        return {"title": title, "ngay_sap_xep": key}

    def _comment_entries(self) -> list[dict]:
        """One entry per post (by title), with its comments file or an empty one."""
        posts = self._posts()
        stems = set(posts) | {
            f.stem for f in self.comments.glob("*.yml") if f.is_file()
        }
        return [
            self._entry(f"content/comments/{stem}.yml", posts=posts)
            for stem in sorted(stems)
        ]

    def entries_by_folder(self, params: dict) -> list[dict]:
        folder = self.paths.resolve(self._string(params, "folder"))
        extension = params.get("extension") or ""
        depth = params.get("depth", 1)
        if not isinstance(extension, str) or not isinstance(depth, int):
            raise RefusedError(400, '"extension" là chuỗi và "depth" là số.')
        if folder == self.comments:
            return self._comment_entries()
        if folder == self.queue:
            comment_queue.take_in_mail(self.paths.root)
        files = self.paths.walk(folder, min(depth, 10))
        return [
            self._entry(self.paths.api_name(f))
            for f in files
            if f.name.endswith(extension) and f.suffix in ENTRY_SUFFIXES
        ]

    def entries_by_files(self, params: dict) -> list[dict]:
        files = params.get("files")
        if not isinstance(files, list) or not all(isinstance(f, dict) for f in files):
            raise RefusedError(400, '"files" phải là danh sách {path}.')
        return [self._entry(self._string(f, "path"), f.get("label")) for f in files]

    def get_entry(self, params: dict) -> dict:
        return self._entry(self._string(params, "path"))

    def _media_file(self, path: Path) -> dict:
        raw = path.read_bytes()
        return {
            "id": _sha256(raw),
            "content": base64.b64encode(raw).decode("ascii"),
            "encoding": "base64",
            "path": self.paths.api_name(path),
            "name": path.name,
        }

    def get_media(self, params: dict) -> list[dict]:
        folder = self.paths.resolve(self._string(params, "mediaFolder"))
        return [
            self._media_file(f)
            for f in self.paths.walk(folder, 1)
            if f.suffix.lower() in MEDIA_SUFFIXES
        ]

    def get_media_file(self, params: dict) -> dict:
        path = self.paths.resolve(self._string(params, "path"))
        if not path.is_file():
            raise RefusedError(404, f'không có tệp "{params["path"]}".')
        return self._media_file(path)

    def entry_source(self, collection: Any, slug: Any) -> Path | None:
        """The Markdown file of a post ("2026/<slug>/index") or page ("<slug>")."""
        if not isinstance(slug, str) or collection not in ("posts", "pages"):
            return None
        folder = self.paths.root / collection
        candidates = [folder / slug / "index.md", folder / f"{slug}.md"]
        path = next((c for c in candidates if c.is_file()), None)
        if path is None or not path.resolve().is_relative_to(self.paths.root):
            return None
        return path

    def get_deploy_preview(self, params: dict) -> dict | None:
        """The page of the entry in the preview ("Xem trên trang" in the editor):
        Pelican's DRAFT_URL / DRAFT_PAGE_URL for drafts, else ARTICLE_URL / PAGE_URL."""
        collection = params.get("collection")
        path = self.entry_source(collection, params.get("slug"))
        if path is None:
            return None
        header = read_header(path, self.sources_read)
        own = str(header.get("slug", "") or "") or slug_for(
            str(header.get("title", "") or ""), self.settings
        )
        draft = str(header.get("status", "")).strip() == "draft"
        setting = {
            ("posts", False): "ARTICLE_URL",
            ("posts", True): "DRAFT_URL",
            ("pages", False): "PAGE_URL",
            ("pages", True): "DRAFT_PAGE_URL",
        }[collection, draft]
        pattern = self.settings.get(setting) or ""
        if not pattern or not own:
            return None
        return {"url": "/" + pattern.format(slug=own), "status": "SUCCESS"}

    def address_for(self, params: dict) -> dict:
        """A new post's address: the title shortened by the rule `make new` and
        the importer use (ward_core.slugs), numbered when another post has it.
        Decap names the folder with it ({{fields.slug}}), so folder and slug agree."""
        title = self._string(params, "title")
        slug = slug_for(title, self.settings) or "bai-viet"
        posts = self.paths.root / "posts"
        taken = {post.slug for post in iter_posts(self.paths.root, self.settings)}
        taken |= {p.parent.name for p in posts.glob("*/*/index.md")}
        found = unique_slug(slug, taken.__contains__)
        if found is None:
            raise RefusedError(
                409, f'Đã có quá nhiều bài địa chỉ "{slug}"; đổi tiêu đề.'
            )
        return {"slug": found}

    # --- writing ----------------------------------------------------------------

    def _asset(self, asset: Any) -> tuple[Path, bytes]:
        if not isinstance(asset, dict):
            raise RefusedError(400, "tệp đính kèm phải là {path, content, encoding}.")
        api_path = self._string(asset, "path")
        if asset.get("encoding", "base64") != "base64":
            raise RefusedError(400, 'tệp đính kèm phải mã hóa "base64".')
        pure = PurePosixPath(api_path)
        if pure.suffix.lower() not in MEDIA_SUFFIXES:
            raise RefusedError(
                415,
                f'"{pure.name}" không phải ảnh hay văn bản được nhận '
                "(JPEG, PNG, WebP, GIF, HEIC, PDF, Word, Excel).",
            )
        data = self._base64(asset, pure.name)
        # Checked as at upload (a photo decoded, a document's type and size); the
        # name the editor sends is already clean, other clients get it cleaned.
        upload = prepare(pure.name, data, self.settings)
        if upload.converted:  # a HEIC the editor did not convert: keep it as sent
            clean = str(PurePosixPath(upload.name).with_suffix(pure.suffix.lower()))
            return self.paths.resolve(str(pure.with_name(clean))), data
        return self.paths.resolve(str(pure.with_name(upload.name))), upload.data

    def _base64(self, params: dict, name: str) -> bytes:
        try:
            return base64.b64decode(self._string(params, "content"), validate=True)
        except (binascii.Error, ValueError):
            raise RefusedError(
                400, f'nội dung tệp "{name}" không đúng base64.'
            ) from None

    def prepare_media(self, params: dict) -> dict:
        """The name and bytes an upload is stored under, before Decap names it:
        refused (Vietnamese) when it is no photo or document the site publishes;
        numbered when the post's folder, or this editing session, has the name."""
        name = self._string(params, "name")
        taken = params.get("taken") or []
        if not isinstance(taken, list) or not all(isinstance(t, str) for t in taken):
            raise RefusedError(400, '"taken" phải là danh sách tên tệp.')
        folder = params.get("folder")
        if isinstance(folder, str) and folder:
            path = self.paths.resolve(folder)
            if path.is_dir():
                taken = [*taken, *(child.name for child in path.iterdir())]
        upload = prepare(name, self._base64(params, name), self.settings)
        answer = {"name": free_name(upload.name, taken), "converted": upload.converted}
        if upload.converted:
            answer["content"] = base64.b64encode(upload.data).decode("ascii")
        return answer

    def _check(
        self,
        params: dict,
        api_path: str,
        path: Path,
        new: bool = False,
        sent: str | None = None,
    ):
        """The version the editor read (safety.js sends it), or a 409 that
        carries the officer's own changes (`sent`: the refused text)."""
        versions = params.get("versions")
        expected = versions.get(api_path) if isinstance(versions, dict) else None
        zone = str(self.settings.get("TIMEZONE") or "Asia/Ho_Chi_Minh")
        check_version(
            api_path,
            path,
            expected,
            new_entry=new,
            served=self.served,
            zone=zone,
            sent=sent,
        )

    def persist_media(self, params: dict) -> dict:
        path, data = self._asset(params.get("asset"))
        self._check(params, self.paths.api_name(path), path)
        write_atomically(path, data)
        self._saved([path])
        return self._media_file(path)

    def _delete(self, api_path: Any) -> list[Path]:
        """Into the trash (trash.py), with the post's photos and comments; a
        file a previous name of the batch already took along is skipped."""
        path = self.paths.resolve(api_path)
        if path.is_dir():
            raise RefusedError(400, f'"{api_path}" là thư mục, không xóa được.')
        if not path.is_file():
            return []
        return self.trash.put(path)

    def delete_file(self, params: dict) -> dict:
        return self.delete_files({**params, "paths": [self._string(params, "path")]})

    def delete_files(self, params: dict) -> dict:
        names = params.get("paths")
        if not isinstance(names, list):
            raise RefusedError(400, '"paths" phải là danh sách đường dẫn.')
        for name in names:  # refuse the whole batch before deleting anything
            self._check(params, name, self.paths.resolve(name))
        self._saved([moved for name in names for moved in self._delete(name)])
        return {"message": f"đã chuyển {len(names)} tệp vào Thùng rác"}

    def trash_list(self, _params: dict) -> list[dict]:
        return [asdict(item) for item in self.trash.items()]

    def restore_from_trash(self, params: dict) -> dict:
        try:
            item, changed = self.trash.restore(self._string(params, "id"))
        except TrashError as exc:
            raise RefusedError(409, str(exc)) from None
        self._saved(changed)
        return {"restored": asdict(item)}

    def persist_entry(self, params: dict) -> dict:
        data_files = params.get("dataFiles")
        if data_files is None and isinstance(params.get("entry"), dict):
            data_files = [params["entry"]]
        if not isinstance(data_files, list) or not data_files:
            raise RefusedError(400, 'thiếu "dataFiles" (các tệp cần lưu).')
        assets = params.get("assets") or []
        if not isinstance(assets, list):
            raise RefusedError(400, '"assets" phải là danh sách tệp đính kèm.')
        options = params.get("options")
        new_entry = isinstance(options, dict) and options.get("newEntry") is True
        texts: dict[Path, str] = {}
        for data_file in data_files:
            if not isinstance(data_file, dict):
                raise RefusedError(400, "mỗi tệp cần lưu là {path, raw}.")
            api_path = self._string(data_file, "path")
            new_path = data_file.get("newPath")
            if new_path and new_path != api_path:
                # Moving a post would leave its photos and comments behind, and its
                # address is fixed anyway (slug:): the folder stays where it is.
                raise RefusedError(
                    422,
                    f'Chưa lưu. Không chuyển được "{api_path}" sang "{new_path}": '
                    "bài đã có giữ nguyên thư mục và địa chỉ.",
                )
            raw = self._string(data_file, "raw")
            path = self.paths.resolve(api_path)
            self._check(params, api_path, path, new_entry, raw)
            if path.parent == self.queue and len(data_files) == 1:
                return self._decide(path, raw)
            if path.suffix not in ENTRY_SUFFIXES:
                raise RefusedError(
                    415,
                    f'"{api_path}" không phải tệp bài viết (.md) hay dữ liệu (.yml).',
                )
            try:
                texts[path] = self._for_disk(api_path, path, raw)
            except DocumentError as exc:
                raise RefusedError(422, f"Chưa lưu. {api_path}: {exc}") from None
        # Photos and documents are checked where the entry names them before
        # anything is written (check.analyse_site: proposed_media): a refused
        # save leaves the content folder as it was.
        media = dict(self._asset(asset) for asset in assets)
        changes_seen = self._changes_seen
        problems, notes, analysis = self._checked(texts, media)
        if problems:
            raise RefusedError(
                422, refusal_message([f"LỖI  {p.render()}" for p in problems])
            )
        for path, data in media.items():
            write_atomically(path, data)
        for path, text in texts.items():
            write_atomically(path, text.encode("utf-8"))
        if media and analysis is not None:
            # Kept once written: the stamp takes the new files' times.
            remember_analysis(self.settings, self.paths.root, texts, analysis.problems)
        self._saved([*texts, *media])
        # What was analysed is now on disk (photos included), unless something
        # else changed the site meanwhile.
        if self.keep_analysis and self._changes_seen == changes_seen:
            self.analysis = analysis
        # The new versions, for versions.js: the next save starts from these.
        versions = {
            self.paths.api_name(path): _sha256(text.encode("utf-8"))
            for path, text in texts.items()
        }
        for path, text in texts.items():
            self.served.keep(versions[self.paths.api_name(path)], text)
        answer = {"message": "đã lưu", "versions": versions}
        # Notes on a data file (a downtime announced late, a budget period due)
        # are shown after the save (editor-notes.js); a post's notes stay with
        # make check.
        data_notes = [p.render() for p in notes if p.path.endswith((".yml", ".yaml"))]
        if data_notes:
            answer["notes"] = data_notes
        return answer

    def _decide(self, path: Path, raw: str) -> dict:
        """A queued comment saved: approved into its post, rejected, or kept."""
        try:
            decision = comment_queue.read_decision(raw)
            changed = comment_queue.apply_decision(
                self.paths.root, self.settings, path, decision
            )
        except (comment_queue.DecisionError, CommentCommandError) as exc:
            raise RefusedError(422, f"Chưa lưu. Bình luận chờ duyệt: {exc}") from None
        self._saved(changed)
        return {"message": "đã lưu"}

    def _for_disk(self, api_path: str, path: Path, raw: str) -> str:
        previous = (
            path.read_text(encoding="utf-8", errors="replace")
            if path.is_file()
            else None
        )
        if path.suffix in MARKDOWN_SUFFIXES:
            return post_for_disk(raw, self._fixed_fields(path, previous))
        return data_for_disk(api_path, raw, previous)

    def _fixed_fields(self, path: Path, previous: str | None) -> dict[str, str]:
        """The address is fixed once: a new post takes its folder's name (Decap's
        slug), an existing one keeps the address it already had."""
        relative = path.relative_to(self.paths.root)
        is_post = relative.parts[0] in self.settings.get("ARTICLE_PATHS", ["posts"])
        is_page = relative.parts[0] in self.settings.get("PAGE_PATHS", ["pages"])
        if not is_post and not is_page:
            return {}
        if previous is None:
            # The editor asks for the address first (drafts.js, wardAddress); a
            # longer name (a page, an old editor tab) is shortened the same way.
            slug = shorten_slug(path.parent.name if path.stem == "index" else path.stem)
            return {"slug": slug, "status": "draft"} if is_post else {"slug": slug}
        header = read_header(path, self.sources_read)
        slug = str(header.get("slug", "") or "") or slug_for(
            str(header.get("title", "") or ""), self.settings
        )
        return {"slug": slug} if slug else {}

    def _checked(
        self, texts: dict[Path, str], media: dict[Path, bytes]
    ) -> tuple[list, list, SiteAnalysis | None]:
        """validate.checked on the proposed texts and files, from this
        editor's last analysis (a save with files analyses the whole site)."""
        problems, notes, analysis = checked(
            self.settings,
            self.paths.root,
            texts,
            self.analysis,
            self.sources_read,
            media,
        )
        if analysis is not None:
            # Without what the checkers parsed for a build (data files'
            # models, galleries): the editor renders nothing.
            analysis = SiteAnalysis(analysis.sources.with_files({}), analysis.problems)
            self.sources_read = analysis.sources
        return problems, notes, analysis

    def _saved(self, paths: list[Path]) -> None:
        self.analysis = None  # the site changed (persist_entry keeps its own)
        if self.on_saved is not None:
            self.on_saved(paths)

    def forget_analysis(self) -> None:
        """Something else changed the site: the next save analyses it whole."""
        self._changes_seen += 1
        self.analysis = None


def body_too_large_message() -> str:
    limit = MAX_BODY_BYTES // (1024 * 1024)
    return (
        f"Yêu cầu quá lớn (trên {limit} MB). Lưu bớt ảnh mỗi lần, "
        "hoặc thu nhỏ ảnh trước khi đưa lên."
    )


def refusal_message(lines: list[str]) -> str:
    return "Chưa lưu vì nội dung có lỗi, sửa rồi lưu lại:\n" + "\n".join(lines)


def read_header(path: Path, known: SiteSources | None = None) -> dict:
    """A post's front matter as the build reads it ({} when unreadable),
    taken from ``known`` (an earlier analysis) when the file is unchanged."""
    earlier = known.file_at(path) if known is not None else None
    return dict(read_source(path, is_page=False, known=earlier).header)
