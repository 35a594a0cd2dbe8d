"""Two former wards whose WordPress sites used /%postname%/ addresses and the
same titles: the importer keeps every old address without writing one onto the
new site's own pages, and `make check` and the build agree."""

from __future__ import annotations

from pathlib import Path

from tests.sitekit import refused_by_check_and_build, run_build, run_tool

POSTS = [
    ("Ra quân Ngày Chủ nhật xanh", "ra-quan-chu-nhat-xanh"),
    ("Hội nghị tổng kết năm 2023", "tong-ket-2023"),
]


def _wxr(path: Path, domain: str, ward: str) -> Path:
    items = "".join(
        f"""<item><title>{title}</title>
<link>https://{domain}/{slug}/</link>
<content:encoded><![CDATA[<p>{ward}: {title.lower()}.</p>]]></content:encoded>
<wp:post_date>2023-0{n + 5}-07 07:00:00</wp:post_date>
<wp:post_name>{slug}</wp:post_name><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>
<category domain="category" nicename="tin"><![CDATA[Tin hoạt động]]></category></item>
"""
        for n, (title, slug) in enumerate(POSTS)
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        f"<title>{ward}</title>{items}</channel></rss>\n",
        encoding="utf-8",
    )
    return path


def test_shared_postname_addresses_are_kept_and_check_agrees_with_build(tmp_path):
    seven = _wxr(tmp_path / "p7" / "phuong-7.xml", "phuong7.example.vn", "Phường 7")
    eight = _wxr(tmp_path / "p8" / "phuong-8.xml", "phuong8.example.vn", "Phường 8")
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    result = run_tool(
        "import",
        "--content",
        str(content),
        "--nguon",
        f"{seven}=Phường 7 (cũ)",
        "--nguon",
        f"{eight}=Phường 8 (cũ)",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert 'giữ lại ở "/phuong-8-cu/ra-quan-chu-nhat-xanh/"' in result.stdout
    data = (content / "data" / "chuyen-huong.yml").read_text(encoding="utf-8")
    assert "/phuong-8-cu/tong-ket-2023/" in data
    check = run_tool("check", "--content", str(content))
    build = run_build(content, tmp_path / "output")
    assert check.returncode == 0, check.stdout + check.stderr
    assert build.ok, build.log
    # Ward 7's old address is its post; ward 8's lives on under its folder.
    output = tmp_path / "output"
    assert "Phường 7" in (output / "ra-quan-chu-nhat-xanh" / "index.html").read_text()
    moved = output / "phuong-8-cu" / "ra-quan-chu-nhat-xanh" / "index.html"
    assert "ra-quan-chu-nhat-xanh-phuong-8-cu/" in moved.read_text(encoding="utf-8")


def test_an_old_address_over_a_post_is_refused_alike_by_check_and_build(tmp_path):
    seven = _wxr(tmp_path / "p7" / "phuong-7.xml", "phuong7.example.vn", "Phường 7")
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    assert run_tool("import", str(seven), "--content", str(content)).returncode == 0
    data = content / "data" / "chuyen-huong.yml"
    data.write_text(
        data.read_text(encoding="utf-8")
        + "- from: https://phuong8.example.vn/tong-ket-2023/\n"
        "  to: ra-quan-chu-nhat-xanh\n  don_vi: Phường 8 (cũ)\n"
        "- from: /ra-quan-chu-nhat-xanh/\n  to: tong-ket-2023\n",
        encoding="utf-8",
    )
    logs = refused_by_check_and_build(content, tmp_path / "output")
    for log in logs:
        assert log.count("trùng địa chỉ của một bài hoặc trang trên trang mới") == 2
        assert 'from: "/phuong-8-cu/tong-ket-2023/"' in log
        assert "Traceback" not in log
    assert "2 lỗi" in logs[1], logs[1]
