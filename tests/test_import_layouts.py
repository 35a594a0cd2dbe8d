"""Older portal layouts: NukeViet 3's lead and main photo, and captions kept in
one-column photo tables (CKEditor's table.image)."""

from __future__ import annotations

from bench.photos import save_photo
from tests.sitekit import copy_sample_content, run_tool

NUKEVIET3 = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Hội nghị tổng kết công tác dân vận năm 2012</title></head>
<body><div id="header">UBND PHƯỜNG 7</div>
<div class="news_column" style="padding:0 !important;margin:0 !important;">
 <div id="news_detail">
  <h1>Hội nghị tổng kết công tác dân vận năm 2012</h1>
  <span class="time">Thứ sáu, 28/12/2012 - 08:30</span>
  <div class="control"><ul><li><a class="print" title="In ra" href="#"></a></li></ul></div>
  <div style="clear: both;"></div>
  <div id="hometext">
   <div id="imghome" class="fl" style="width:160px;margin-right:8px;">
    <a href="/uploads/news/hoi-nghi-lon.jpg" title="Hội nghị" rel="shadowbox"><img alt="Hội nghị" src="/uploads/news/hoi-nghi.jpg" width="160"/></a>
    <p><em>Quang cảnh hội nghị tại hội trường phường</em></p>
   </div>Sáng 28/12, Ban Dân vận phường tổ chức hội nghị tổng kết công tác năm 2012.
  </div>
  <div class="bodytext"><p>Hội nghị đánh giá kết quả thực hiện phong trào "Dân vận khéo".</p>
   <table class="image" align="center"><tr><td><img src="/uploads/news/khen-thuong.jpg" alt="" /></td></tr>
    <tr><td class="caption">Trao giấy khen cho các tập thể tiêu biểu</td></tr></table>
   <p>Năm 2013, phường tiếp tục đẩy mạnh công tác dân vận.</p></div>
  <p style="text-align: right;"><strong>Tác giả: </strong>Ban Dân vận</p>
 </div>
</div></body></html>
"""


def test_a_nukeviet3_page_keeps_its_lead_main_photo_and_table_caption(tmp_path):
    archive = tmp_path / "phuong-7"
    files = archive / "uploads" / "news"
    for seed, name in enumerate(("hoi-nghi.jpg", "khen-thuong.jpg")):
        save_photo(files / name, 640, 480, seed=seed)
    (archive / "hoi-nghi-tong-ket.html").write_text(NUKEVIET3, encoding="utf-8")
    content = copy_sample_content(tmp_path / "content")
    result = run_tool("import", str(archive), "--content", str(content))
    assert result.returncode == 0, result.stdout + result.stderr
    index = content / "posts" / "2012" / "hoi-nghi-tong-ket" / "index.md"
    head, body = index.read_text(encoding="utf-8").split("\n---\n", 1)
    assert 'summary: "Sáng 28/12, Ban Dân vận phường tổ chức hội nghị' in head
    # The main photo first, with its caption; the table's caption, not a table.
    assert head.index("Quang cảnh hội nghị tại hội trường phường") < head.index(
        "Trao giấy khen cho các tập thể tiêu biểu"
    )
    assert 'caption: ""' not in head
    assert sorted(p.name for p in index.parent.glob("*.jpg")) == [
        "hoi-nghi.jpg",
        "khen-thuong.jpg",
    ]
    assert body.lstrip().startswith("Sáng 28/12, Ban Dân vận phường")
    assert "|" not in body and "Trao giấy khen" not in body
    assert "Năm 2013, phường tiếp tục" in body
