"""A settings file the officer broke by hand (or a wrong -s path) is a
Vietnamese message with the file and line, for check and build alike, never
a Python traceback."""

from __future__ import annotations

import pytest

from tests.sitekit import run_tool

BROKEN = {
    "syntax": ('SITENAME = "Phường"\nMENU = [1,\n', "dòng 2", "viết sai"),
    "missing-file": (
        'SITENAME = "Phường"\nLOGO = open("khong-co.txt").read()\n',
        "dòng 2",
        "không có tệp khong-co.txt",
    ),
    "unquoted": ("SITENAME = Phường\n", "dòng 1", "tên Phường chưa được đặt"),
}


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_settings_file_is_named_with_its_line(tmp_path, command, case):
    text, line, what = BROKEN[case]
    settings = tmp_path / "pelicanconf.py"
    settings.write_text(text, encoding="utf-8")
    result = run_tool(command, "-s", str(settings))
    assert result.returncode == 1
    assert f"{settings}, {line}" in result.stderr
    assert what in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_settings_path_that_does_not_exist_says_so(tmp_path, command):
    result = run_tool(command, "-s", str(tmp_path / "pelicanconf.py"))
    assert result.returncode == 1
    assert "Không tìm thấy tệp cấu hình" in result.stderr
    assert "Traceback" not in result.stderr
