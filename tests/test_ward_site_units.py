"""Unit tests of the ward_site plugin's plain modules (no Pelican involved)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from pelican.utils import slugify
from ward_site.collisions import Output, find_collisions, find_reserved

from tests.sitekit import PROJECT
from ward_core.dates import format_vi_date, format_vi_month
from ward_core.identity import WardIdentity, address_note, expected_host
from ward_core.problems import SiteError
from ward_core.summary import plain_summary


def _slug_substitutions():
    namespace: dict = {}
    exec((PROJECT / "pelicanconf.py").read_text(), namespace)
    return namespace["SLUG_REGEX_SUBSTITUTIONS"]


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đường Đỗ Xuân Hợp", "duong-do-xuan-hop"),
        ("Kế hoạch 342/KH-UBND", "ke-hoach-342-kh-ubnd"),
        ("34/2021/NĐ-CP", "34-2021-nd-cp"),
        ("Thông báo", "thong-bao"),
        ("Thông bào", "thong-bao"),
        ("  Hội nghị   đối thoại!  ", "hoi-nghi-doi-thoai"),
        ("Quyết định 25/QĐ-TTg", "quyet-dinh-25-qd-ttg"),
    ],
)
def test_slugify_with_site_substitutions(title, slug):
    assert slugify(title, regex_subs=_slug_substitutions()) == slug


@pytest.mark.parametrize(
    ("value", "pattern", "expected"),
    [
        (dt.datetime(2023, 4, 27, 19, 30), None, "Thứ Năm, 27/04/2023 19:30"),
        (dt.datetime(2023, 4, 27), None, "Thứ Năm, 27/04/2023"),
        (dt.date(2023, 4, 30), None, "Chủ Nhật, 30/04/2023"),
        (dt.date(2024, 2, 10), "dd/MM/yyyy", "10/02/2024"),
        (None, None, ""),
    ],
)
def test_format_vi_date(value, pattern, expected):
    assert format_vi_date(value, pattern) == expected


def test_format_vi_month():
    assert format_vi_month(dt.date(2023, 4, 1)) == "Tháng 4/2023"


def test_babel_dates_do_not_depend_on_os_locale():
    code = (
        "import datetime, sys; sys.path.insert(0, 'plugins');"
        "from ward_core.dates import format_vi_date;"
        "print(format_vi_date(datetime.datetime(2023, 4, 27, 19, 30)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env={**os.environ, "LC_ALL": "C", "LANG": "C"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "Thứ Năm, 27/04/2023 19:30"


def test_find_collisions_groups_by_target():
    outputs = [
        Output("a/index.html", "posts/a.md", "a"),
        Output("b/index.html", "posts/b1.md", "b"),
        Output("b/index.html", "posts/b2.md", "b"),
        Output("", "posts/hidden.md", "x"),
        Output("", "posts/hidden2.md", "x"),
    ]
    collisions = find_collisions(outputs)
    assert [(t, [o.source for o in g]) for t, g in collisions] == [
        ("b/index.html", ["posts/b1.md", "posts/b2.md"])
    ]


def test_find_reserved():
    outputs = [
        Output("the/index.html", "posts/the.md", "the"),
        Output("theo-doi/index.html", "posts/ok.md", "theo-doi"),
    ]
    assert [o.source for o in find_reserved(outputs, {"the"})] == ["posts/the.md"]


def test_identity_from_settings():
    ward = WardIdentity.from_settings(
        {
            "name": " Phường Bàn Cờ ",
            "province": "Thành phố Hồ Chí Minh",
            "phone": "(028) 3930 1234",
            "former_units": [
                {"name": "Phường 1", "address": "Số 1  đường Nguyễn Thiện Thuật"},
                {"name": "Phường 2"},
            ],
        }
    )
    assert ward.name == "Phường Bàn Cờ"
    assert ward.region == "Thành phố Hồ Chí Minh"
    assert ward.phone_uri == "tel:02839301234"
    assert [(u.name, u.address) for u in ward.former_units] == [
        ("Phường 1", "Số 1 đường Nguyễn Thiện Thuật"),
        ("Phường 2", ""),
    ]
    assert ward.notes == []


def test_identity_city_is_migrated_with_a_note():
    ward = WardIdentity.from_settings({"name": "Xã A", "city": "Tỉnh An Giang"})
    assert ward.province == "Tỉnh An Giang"
    [note] = ward.notes
    assert not note.error
    assert '"city" đã đổi tên thành "province"' in note.render()


@pytest.mark.parametrize(
    ("name", "province", "host"),
    [
        ("Phường Hòa Thuận", "Thành phố Cần Thơ", "phuonghoathuan.cantho.gov.vn"),
        ("Xã Đông Hòa", "Tỉnh Đắk Lắk", "xadonghoa.daklak.gov.vn"),
        ("Phường Bến Thành", "TP. Hồ Chí Minh", "phuongbenthanh.hochiminh.gov.vn"),
        ("Phường 7", "", ""),
    ],
)
def test_expected_host_follows_the_decree(name, province, host):
    ward = WardIdentity.from_settings({"name": name, "province": province})
    assert expected_host(ward) == host


@pytest.mark.parametrize(
    ("siteurl", "noted"),
    [
        ("https://phuonghoathuan.cantho.gov.vn", False),
        ("https://PhuongHoaThuan.cantho.gov.vn/", False),
        ("https://hoathuan.cantho.gov.vn", True),
        ("https://cantho.gov.vn/phuong-hoa-thuan", True),
        ("", False),
    ],
)
def test_publish_address_note(siteurl, noted):
    ward = WardIdentity.from_settings(
        {"name": "Phường Hòa Thuận", "province": "Thành phố Cần Thơ"}
    )
    note = address_note(ward, siteurl)
    assert (note is not None) == noted
    if note:
        assert not note.error
        assert "phuonghoathuan.cantho.gov.vn" in note.message


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (None, "thiếu khối WARD"),
        ({"name": ""}, "không được để trống"),
        ({"name": "P", "fax": "1"}, 'không có trường "fax" trong WARD'),
        ({"name": "P", "phone": 123}, 'WARD["phone"] phải là một chuỗi'),
        ({"name": "P", "district": "Quận 3"}, "không còn cấp huyện"),
        ({"name": "P", "city": "A", "province": "A"}, 'xóa dòng "city"'),
        ({"name": "P", "former_units": "Phường 1"}, "former_units"),
        ({"name": "P", "former_units": [{"ten": "Phường 1"}]}, "former_units"),
    ],
)
def test_identity_errors(raw, fragment):
    with pytest.raises(SiteError) as error:
        WardIdentity.from_settings(raw)
    assert fragment in error.value.officer_message


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            "<table><tr><th>Ngày</th><th>Người tiếp</th></tr>"
            "<tr><td>Thứ Năm, 08/6/2023</td><td>Chủ tịch</td></tr></table>"
            "<p>Thời gian tiếp: buổi sáng.</p>",
            "<p>Thời gian tiếp: buổi sáng.</p>",
        ),
        (
            '<figure class="photo"><picture><img src="a.jpg" alt="x"></picture>'
            "<figcaption>Chú thích ảnh</figcaption></figure><p>Nội dung.</p>",
            "<p>Nội dung.</p>",
        ),
        (
            "<p>Thành phần:</p><ul><li>Ông A – Chủ tịch;</li><li>Bà B</li></ul>",
            "<p>Thành phần: Ông A – Chủ tịch; Bà B.</p>",
        ),
        ("<table><tr><td>chỉ có bảng</td></tr></table>", ""),
        ("<p>a &lt;b&gt; &amp; c</p>", "<p>a &lt;b&gt; &amp; c</p>"),
    ],
)
def test_plain_summary_keeps_only_running_text(html, expected):
    assert plain_summary(html, 50) == expected


def test_plain_summary_cuts_at_the_word_limit():
    html = "<p>Một <strong>hai</strong>\nba</p><p>bốn năm sáu</p>"
    assert plain_summary(html, 4, " […]") == "<p>Một hai ba bốn […]</p>"
    assert plain_summary(html, 6) == "<p>Một hai ba bốn năm sáu</p>"
