"""The preview's build worker over its real stdin/stdout protocol: a body edit
takes the fast path (one page rewritten), a title edit a full build, and a
broken edit changes nothing that is served."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.sitekit import PROJECT, copy_sample_content, tree_digest

POST = "posts/2023/ra-quan-chu-nhat-xanh/index.md"
PAGE = "ra-quan-ngay-chu-nhat-xanh-don-ve-sinh-kenh-rach/index.html"


class Worker:
    def __init__(self, content, output, cache) -> None:
        overrides = {"PATH": str(content), "CACHE_PATH": str(cache)}
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "wardtools",
                "worker",
                "-s",
                str(PROJECT / "pelicanconf.py"),
                "-o",
                str(output),
                "--overrides",
                json.dumps(overrides),
            ],
            cwd=PROJECT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def reply(self) -> dict:
        line = self.process.stdout.readline()
        assert line, self.process.stderr.read()
        return json.loads(line)

    def changed(self, *paths) -> dict:
        self.process.stdin.write(
            json.dumps({"changed": [str(p) for p in paths]}) + "\n"
        )
        self.process.stdin.flush()
        return self.reply()

    def stop(self) -> str:
        self.process.stdin.close()
        self.process.wait(timeout=60)
        return self.process.stderr.read()


def test_body_edit_is_incremental_and_title_edit_is_full(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    output = tmp_path / "output"
    worker = Worker(content, output, tmp_path / "cache")
    try:
        first = worker.reply()
        assert first["ok"] and first["mode"] == "full"
        home = output / "index.html"
        home_bytes = home.read_bytes()
        home_stamp = home.stat().st_mtime_ns

        post = content / POST
        post.write_text(post.read_text() + "\nĐoạn bổ sung sau khi sửa.\n")
        reply = worker.changed(post)
        assert reply == {**reply, "ok": True, "mode": "incremental"}
        assert "Đoạn bổ sung sau khi sửa." in (output / PAGE).read_text()
        assert home.stat().st_mtime_ns == home_stamp  # no other page rewritten

        post.write_text(post.read_text().replace("title: ", "title: Tin mới – ", 1))
        reply = worker.changed(post)
        assert reply["ok"] and reply["mode"] == "full"
        assert "Tin mới –" in home.read_text()
        assert home.read_bytes() != home_bytes

        served = tree_digest(output)
        post.write_text(post.read_text().replace("date: ", "date: 31/02/2023 #", 1))
        reply = worker.changed(post)
        assert not reply["ok"]
        assert tree_digest(output) == served
    finally:
        log = worker.stop()
    assert "Traceback" not in log
    assert "index.md:" in log and "không có thật" in log
