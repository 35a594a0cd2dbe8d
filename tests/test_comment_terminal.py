"""`make comment` typed at a real terminal (a pseudo-terminal): every answer is
checked as it is typed, a wrong one is asked again, the ward's reply is asked."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

from tests.sitekit import PROJECT, copy_sample_content

SLUG = "thong-bao-lich-tiep-cong-dan-cua-lanh-dao-ubnd-phuong-thang-6-2023"


class Terminal:
    def __init__(self, command: list[str]) -> None:
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(
            command,
            cwd=PROJECT,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            close_fds=True,
        )
        os.close(slave)
        self.screen = ""

    def expect(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.screen:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"never saw {text!r}; screen:\n{self.screen}"
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                try:
                    self.screen += os.read(self.master, 4096).decode("utf-8", "replace")
                except OSError:
                    break
        assert text in self.screen, self.screen

    def type(self, line: str) -> None:
        os.write(self.master, (line + "\n").encode())

    def finish(self) -> int:
        code = self.process.wait(timeout=60)
        try:
            while select.select([self.master], [], [], 0.2)[0]:
                chunk = os.read(self.master, 4096)
                if not chunk:
                    break
                self.screen += chunk.decode("utf-8", "replace")
        except OSError:
            pass
        os.close(self.master)
        return code


def test_comment_command_checks_each_answer_and_asks_for_the_reply(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    term = Terminal(
        [sys.executable, "-m", "wardtools", "comment", "--content", str(content)]
    )
    term.expect("Slug của bài")
    term.type("thong-bao-lich-tiep")
    term.expect("Có phải: " + SLUG)
    term.type(SLUG)
    term.expect("Người gửi")
    term.type("")
    term.expect("cần ghi họ tên người gửi")
    term.type("Nguyễn Thị Hoa")
    term.expect("Khu vực")
    term.type("Khu vực 2")
    term.expect("Ngày giờ gửi")
    term.type("31/02/2024 08:00")
    term.expect("không có thật")
    term.type("20/06/2023 08:00")
    term.expect("Nội dung bình luận")
    term.type("Xin hỏi lịch tiếp dân tháng 7.")
    term.type("")
    term.expect("Có trả lời của phường không?")
    term.type("c")
    term.expect("Người trả lời")
    term.type("Phạm Thanh Hòa")
    term.expect("Chức vụ")
    term.type("Phó Chủ tịch UBND phường")
    term.expect("Ngày giờ trả lời")
    term.type("19/06/2023 08:00")
    term.expect("trả lời không thể trước ngày bình luận")
    term.type("21/06/2023 09:00")
    term.expect("Nội dung trả lời")
    term.type("Lịch tháng 7 đã đăng trên trang.")
    term.type("")
    assert term.finish() == 0, term.screen
    assert "Traceback" not in term.screen
    saved = (content / "comments" / f"{SLUG}.yml").read_text(encoding="utf-8")

    import datetime as dt

    from ward_comments.model import parse_comments

    from ward_core.dates import VIETNAM

    parsed = parse_comments(saved, dt.datetime(2024, 1, 1, tzinfo=VIETNAM))
    assert parsed.problems == []
    (comment,) = parsed.comments
    assert comment.author == "Nguyễn Thị Hoa" and comment.area == "Khu vực 2"
    assert comment.reply and comment.reply.role == "Phó Chủ tịch UBND phường"
    assert comment.reply.text == "Lịch tháng 7 đã đăng trên trang."
