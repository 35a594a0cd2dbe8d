"""The paths other operating systems take, forced on Linux: the swap without
renameat2 and the portable build lock."""

from __future__ import annotations

import re
import subprocess
import sys
import time

from tests.sitekit import (
    PROJECT,
    leftovers_beside,
    run_build,
    tree_digest,
    write_post,
)

POST = "---\ntitle: {title}\ndate: 2024-05-01 08:00\ncategory: Tin\n---\nNội dung.\n"


def test_swap_without_renameat2_replaces_the_output_whole(tmp_path):
    content = tmp_path / "content"
    write_post(content, "posts/a.md", POST.format(title="Bài một"))
    output = tmp_path / "output"
    env = {"WARD_PORTABLE_SWAP": "1"}
    assert run_build(content, output, env=env).ok
    first = tree_digest(output)
    write_post(content, "posts/a.md", POST.format(title="Bài hai"))
    second = run_build(content, output, env=env)
    assert second.ok, second.log
    assert re.search(
        r"Đã xây dựng xong trang web vào .+: \d+ trang, 0 ảnh mới xử lý", second.log
    )
    assert "Done:" not in second.log
    assert "Bài hai" in (output / "index.html").read_text()
    assert tree_digest(output) != first
    # Nothing left beside the output once the detached deletion of the old
    # site has finished: no staging or old folder.
    assert leftovers_beside(output) == []
    assert sorted(
        p.name for p in tmp_path.iterdir() if p.name.startswith(".output")
    ) == [
        ".output-build.lock",
        ".output-inputs.json",
        ".output-pages.json",
    ]


def test_a_second_build_waits_for_the_first(tmp_path):
    from filelock import FileLock

    content = tmp_path / "content"
    write_post(content, "posts/a.md", POST.format(title="Bài một"))
    output = tmp_path / "output"
    lock = FileLock(tmp_path / ".output-build.lock")
    with lock:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "wardtools",
                "build",
                "--content",
                str(content),
                "-o",
                str(output),
                "--set",
                f'CACHE_PATH="{tmp_path / "cache"}"',
            ],
            cwd=PROJECT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        time.sleep(3)
        assert process.poll() is None and not output.exists()  # still waiting
    log, _ = process.communicate(timeout=120)
    assert process.returncode == 0, log
    assert (output / "index.html").is_file()
