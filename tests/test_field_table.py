"""The field table (ward_core.fields) drives the schema, the editor and the
listing fields; one helper and one wording for unknown keys."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ward_core.fields import EDITOR_ORDER, FIELDS, LISTING_FIELDS, TABLE
from ward_core.problems import unknown_keys
from ward_core.yamltree import parse_yaml_text
from wardtools.editor.web import STATIC, editor_config, table_mismatches

ROOT = Path(__file__).resolve().parent.parent


# --- one helper, one wording ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "known", "what", "expected"),
    [
        (
            "title: A\ntitel: B\n",
            ("title", "date"),
            "ở phần đầu bài",
            [
                (
                    3,
                    'không có trường "titel" ở phần đầu bài. Có phải ý bạn là '
                    '"title"? Các trường dùng được: title, date.',
                )
            ],
        ),
        # Every unknown key, each on its own line; no suggestion when none is near.
        (
            "src: a.jpg\nmau: do\nxyz: 1\n",
            ("src", "caption"),
            "cho ảnh",
            [
                (
                    3,
                    'không có trường "mau" cho ảnh. Các trường dùng được: src, caption.',
                ),
                (
                    4,
                    'không có trường "xyz" cho ảnh. Các trường dùng được: src, caption.',
                ),
            ],
        ),
        ("src: a.jpg\n", ("src", "caption"), "cho ảnh", []),
    ],
)
def test_unknown_keys_name_the_key_the_line_and_what_to_write(
    text, known, what, expected
):
    problems = unknown_keys(parse_yaml_text(text, 2), known, what=what, field="f")
    assert [(p.line, p.message) for p in problems] == expected
    assert all(p.field == "f" and p.error for p in problems)


def test_unknown_key_of_a_plain_dict_is_on_the_given_line():
    (problem,) = unknown_keys({"nam": 1}, ("name",), path="pelicanconf.py", line=7)
    assert problem.render() == (
        'pelicanconf.py:7: không có trường "nam". Có phải ý bạn là "name"? '
        "Các trường dùng được: name."
    )


@pytest.mark.parametrize(
    ("check", "fragment"),
    [
        # Front matter, an item of a list, settings, identity: the same words.
        (
            lambda: _schema("title: A\ndate: 01/01/2024\nofficals: []\n"),
            'không có trường "officals" ở phần đầu bài. Có phải ý bạn là "officials"?',
        ),
        (
            lambda: _schema(
                "title: A\ndate: 01/01/2024\nattachments:\n  - file: a.pdf\n    tieu_de: x\n"
            ),
            'không có trường "tieu_de" cho tệp đính kèm. '
            "Các trường dùng được: file, title.",
        ),
        (
            lambda: _settings({"widht": 1}),
            'không có trường "widht" trong WARD_SITEMAP',
        ),
    ],
)
def test_every_checker_uses_the_one_wording(check, fragment):
    assert fragment in check()


def _schema(text: str) -> str:
    from ward_frontmatter.schema import validate_front_matter

    result = validate_front_matter(parse_yaml_text(text, 2))
    return "\n".join(p.render() for p in result.problems)


def _settings(raw: dict) -> str:
    from ward_sitemap.settings import SitemapSettings

    from ward_core.problems import SiteError

    with pytest.raises(SiteError) as error:
        SitemapSettings.from_settings({"WARD_SITEMAP": raw})
    return error.value.officer_message


def test_no_checker_writes_the_unknown_key_rule_itself():
    """The old wordings are gone from the code: one helper says it."""
    old = ("trường lạ", "khóa không hợp lệ", "không được hỗ trợ. Có phải")
    for folder in ("plugins", "ward_core", "wardtools"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert not [w for w in old if w in text], path


# --- the table drives the schema, the editor and the listing fields ----------------


def test_the_editor_config_and_the_table_agree():
    config = yaml.safe_load((STATIC / "config.yml").read_text(encoding="utf-8"))
    assert table_mismatches(config) == []


def test_a_widget_the_table_does_not_know_is_a_mismatch_and_so_is_a_missing_one():
    config = yaml.safe_load((STATIC / "config.yml").read_text(encoding="utf-8"))
    posts = config["collections"][0]["fields"]
    posts.append({"name": "nguoi_viet", "widget": "string"})
    posts[:] = [widget for widget in posts if widget["name"] != "location"]
    assert table_mismatches(config) == [
        "posts: nguoi_viet is not in ward_core.fields",
        "posts: no widget for location",
    ]


def test_the_served_form_follows_the_table_order(tmp_path):
    (tmp_path / "posts").mkdir()
    config = yaml.safe_load(editor_config({}, tmp_path))
    posts = next(c for c in config["collections"] if c["name"] == "posts")
    names = [widget["name"] for widget in posts["fields"]]
    from wardtools.editor.documents import SORT_FIELD

    # The hidden date the list sorts on (never written) sits before the body.
    assert names == [*EDITOR_ORDER, SORT_FIELD, "body"]
    for widget in posts["fields"]:
        if widget.get("fields"):
            items = TABLE.by_name[widget["name"]].items
            shown = [item["name"] for item in widget["fields"]]
            assert shown == [name for name in items if name in shown]


def test_the_schema_knows_exactly_the_table():
    from ward_frontmatter.schema import KNOWN_FIELDS, PASS_THROUGH_FIELDS

    assert {field.name for field in FIELDS} == KNOWN_FIELDS
    assert {
        "gallery",
        "cover",
        "cover_focus",
        "comments",
        "links",
    } == PASS_THROUGH_FIELDS
    assert {"title", "date", "category", "cover"} <= set(LISTING_FIELDS)
    assert "location" not in LISTING_FIELDS and "attendees" not in LISTING_FIELDS


# A newcomer's change: one row in the table (and the editor's widget for it).
NEW_ROW = '    _field("host_unit", "text", PAGE, LISTS, INDEX),\n'
NEW_WIDGET = "      - {label: Đơn vị chủ trì, name: host_unit, widget: string, required: false}\n"
ANCHOR_ROW = '    _field("location", "text", PAGE, INDEX),\n'
ANCHOR_WIDGET = (
    "      - {label: Địa điểm, name: location, widget: string, required: false}\n"
)

FOLLOWS = r"""
import json, sys
from pathlib import Path
from types import SimpleNamespace

import yaml
import ward_core.fields
from ward_core.views import listing_key
from ward_core.yamltree import parse_yaml_text
from ward_frontmatter.schema import validate_front_matter
from ward_search.generator import _texts
from wardtools.editor.documents import POST_FIELD_ORDER, post_for_disk
from wardtools.editor.web import editor_config, table_mismatches

found = {"table": ward_core.fields.__file__}
text = "title: A\ndate: 01/01/2024\nhost_unit: Đoàn phường\n"
result = validate_front_matter(parse_yaml_text(text, 2))
found["schema"] = [p.message for p in result.problems]
found["order"] = list(POST_FIELD_ORDER)
written = post_for_disk(
    "---\nhost_unit: Đoàn phường\nlocation: Nhà văn hóa\ntitle: A\n---\nBody\n", {}
)
found["written"] = [line.split(":")[0] for line in written.splitlines()[1:4]]
config = yaml.safe_load(editor_config({}, Path(sys.argv[1])))
found["form"] = [w["name"] for w in config["collections"][0]["fields"]]
found["mismatches"] = table_mismatches(config)

def content(unit):
    return SimpleNamespace(
        title="A", metadata={"host_unit": unit}, host_unit=unit,
        content="", category=SimpleNamespace(name="Tin"),
    )

found["listed"] = listing_key(content("X")) != listing_key(content("Y"))
found["search"] = "Đoàn phường" in _texts(content("Đoàn phường"))
print(json.dumps(found))
"""


def _follows(project: Path, tmp_path: Path) -> dict:
    (tmp_path / "posts").mkdir(exist_ok=True)
    run = subprocess.run(
        [sys.executable, "-c", FOLLOWS, str(tmp_path)],
        cwd=tmp_path,
        env={"PYTHONPATH": f"{project}:{project / 'plugins'}", "PATH": "/usr/bin"},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(run.stdout)


def test_a_field_added_to_the_table_reaches_schema_editor_lists_and_search(tmp_path):
    """A temporary copy of the code with one new row (and its widget): the
    schema accepts the field, the editor writes and shows it in the table's
    place, the listing key sees it change (the pages lists show it on are
    rendered again: page reuse, the preview), search folds it."""
    copy = tmp_path / "project"
    for folder in ("ward_core", "plugins", "wardtools"):
        shutil.copytree(
            ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    fields = copy / "ward_core" / "fields.py"
    assert ANCHOR_ROW in fields.read_text(encoding="utf-8")
    before = _follows(copy, tmp_path)
    assert before["table"].startswith(str(copy))
    # Unchanged, the field is refused and in no list.
    assert 'không có trường "host_unit"' in before["schema"][0]
    assert "host_unit" not in before["order"] and not before["listed"]

    fields.write_text(
        fields.read_text(encoding="utf-8").replace(ANCHOR_ROW, NEW_ROW + ANCHOR_ROW),
        encoding="utf-8",
    )
    config = copy / "wardtools" / "editor" / "static" / "config.yml"
    # The widget goes at the end of the form: the served form puts it in place.
    text = config.read_text(encoding="utf-8")
    body = "      - {label: Nội dung, name: body, widget: markdown}\n"
    assert ANCHOR_WIDGET in text and body in text
    config.write_text(text.replace(body, NEW_WIDGET + body, 1), encoding="utf-8")

    after = _follows(copy, tmp_path)
    assert after["schema"] == []
    place = after["order"].index("location")
    assert after["order"][place - 1] == "host_unit"
    assert after["written"] == ["title", "host_unit", "location"]
    assert after["form"][after["form"].index("location") - 1] == "host_unit"
    assert after["mismatches"] == []
    assert after["listed"] and after["search"]


def test_editor_config_has_no_label_split_at_a_comma():
    """An unquoted "Tệp (PDF, DOCX)" in a YAML flow mapping is cut at the comma:
    the officer sees half a label and Decap gets a stray key with no value."""
    config = yaml.safe_load((STATIC / "config.yml").read_text(encoding="utf-8"))
    stray = []

    def walk(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                if value is None:
                    stray.append(f"{where}: {key}")
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, item in enumerate(node):
                walk(item, f"{where}/{index}")

    walk(config, "")
    assert stray == []
