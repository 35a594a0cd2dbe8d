"""One build session per build (ward_core.session): the tools' control data
and the plugins' state live in it, not in settings keys or module globals, and
it is dropped when the build ends."""

from __future__ import annotations

import ast
import json
import pickle
import subprocess
import sys
from pathlib import Path

from ward_core.report import RunRecord
from ward_core.session import (
    SESSION_SETTING,
    BuildSession,
    session_in,
    session_of,
    with_session,
)

from .sitekit import PROJECT, write_post

# --- the object ------------------------------------------------------------------


def test_ending_a_session_stops_helpers_and_drops_the_plugins_state():
    stopped = []
    session = BuildSession()
    session.record.at_end.append(lambda: stopped.append("pagefind"))
    entries = session.plugin_state("ward_sitemap", list)
    entries.append("a/")
    assert session.plugin_state("ward_sitemap", list) == ["a/"]  # the same object
    session.end()
    assert stopped == ["pagefind"] and session.state == {} and session.ended
    # Objects of the ended build that still point at it get state nobody keeps.
    session.plugin_state("ward_sitemap", list).append("b/")
    assert session.state == {}


def test_the_session_travels_in_the_settings_and_the_template_context():
    session = BuildSession(write_only=("a/index.html",), search=False)
    settings = with_session({"SITENAME": "P"}, session)
    assert session_of(settings) is session
    context = settings.copy()  # what Pelican's context starts as
    assert session_in(context) is session
    assert session_in({}) is None and session_in(None) is None


def test_a_bare_pelican_run_gets_one_session_per_settings():
    settings: dict = {}
    first = session_of(settings)
    assert settings[SESSION_SETTING] is first and session_of(settings) is first
    assert session_of({}) is not first


def test_pelicans_content_cache_can_pickle_the_settings_without_the_state():
    session = BuildSession(record=RunRecord(photos_total=3))
    session.plugin_state("ward_search", lambda: lambda: None)  # not picklable
    session.record.at_end.append(lambda: None)
    session.sources = ["every post of the site"]  # what the checks read
    again = pickle.loads(pickle.dumps(with_session({}, session)))[SESSION_SETTING]
    assert again.state == {} and again.record.photos_total == 3
    assert again.record.at_end == [] and again.sources is None
    assert session.sources  # the build's own session keeps them until it ends


# --- no module-level state in plugins --------------------------------------------------

MUTATING = {"append", "add", "update", "clear", "pop", "setdefault", "extend"}
MUTATING |= {"remove", "discard", "insert", "popitem"}


def _root(node: ast.expr) -> str | None:
    """The name at the start of ``a["x"].y[0]``."""
    while isinstance(node, ast.Subscript | ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _module_state(path: Path) -> list[str]:
    """Module-level containers that code in the module changes, and `global`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    containers = set()
    for node in tree.body:
        if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        value = node.value
        made = isinstance(value, ast.Dict | ast.List | ast.Set) or (
            isinstance(value, ast.Call)
            and getattr(value.func, "id", "") in ("dict", "list", "set")
        )
        if made:
            containers |= {t.id for t in targets if isinstance(t, ast.Name)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            found += [f"{path.name}: global {', '.join(node.names)}"]
        target = None
        if isinstance(node, ast.Assign | ast.AugAssign):
            for item in getattr(node, "targets", None) or [node.target]:
                if isinstance(item, ast.Subscript):
                    target = _root(item)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in MUTATING
        ):
            target = _root(node.func)
        if target in containers:
            found.append(f"{path.name}:{node.lineno}: {target} changed")
    return found


def test_no_plugin_keeps_build_state_in_its_module():
    found = []
    for path in sorted((PROJECT / "plugins").rglob("*.py")):
        found += _module_state(path)
    assert found == []


def test_the_state_finder_finds_what_plugins_used_to_keep(tmp_path):
    """The finder above, on the forms the plugins had before the session."""
    old = tmp_path / "old.py"
    old.write_text(
        "_state: dict = {'entries': []}\n"
        "_open = set()\n"
        "_LAST = [None]\n"
        "def written(x):\n"
        "    _state['entries'].append(x)\n"
        "    _open.add(x)\n"
        "    _LAST[:] = [x]\n"
        "def reset():\n"
        "    global _count\n",
        encoding="utf-8",
    )
    assert len(_module_state(old)) == 4


# --- two builds in one process -------------------------------------------------------

TWO_BUILDS = """\
import json, os, sys
from pathlib import Path
from ward_core.session import BuildSession
from wardtools.build import read_site_settings, run_site

found = []
for content, output in zip(sys.argv[1::2], sys.argv[2::2]):
    settings = read_site_settings(
        Path("pelicanconf.py"),
        {"PATH": content, "CACHE_PATH": str(Path(output).parent / "cache")},
    )
    session = BuildSession()
    report = run_site(settings, Path(output), session=session)
    sitemap = (Path(output) / "sitemap.xml")
    found.append({
        "ok": report.ok, "errors": report.errors, "ended": session.ended,
        "sources": session.sources is not None,
        "state": sorted(session.state), "record": report.record is session.record,
        "pages": len(report.record.save_as),
    })
print(json.dumps(found))
"""


def test_each_build_has_its_own_session_and_leaves_nothing_behind(tmp_path):
    """The preview's worker builds again and again in one process: each build
    gets a session, ended when it returns, and its plugins' state goes."""
    arguments = []
    for site, posts in (("a", 2), ("b", 1)):
        content = tmp_path / site / "content"
        (content / "pages").mkdir(parents=True)
        for number in range(posts):
            write_post(
                content,
                f"posts/2024/bai-{site}-{number}.md",
                f"""\
                ---
                title: Bài {site} {number}
                date: 0{number + 1}/03/2024 08:00
                category: Tin tức
                ---
                Nội dung bài.
                """,
            )
        arguments += [str(content), str(tmp_path / site / "output")]
    run = subprocess.run(
        [sys.executable, "-c", TWO_BUILDS, *arguments],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    first, second = json.loads(run.stdout.splitlines()[-1])
    for build in (first, second):
        assert build["ok"], build["errors"]
        assert build["ended"] and build["state"] == [] and build["record"]
        assert not build["sources"]  # the analysed site goes with the build
    assert (first["pages"], second["pages"]) == (2, 1)
    sitemap = (tmp_path / "b" / "output" / "sitemap.xml").read_text(encoding="utf-8")
    assert "bai-b-0" in sitemap and "bai-a-" not in sitemap
