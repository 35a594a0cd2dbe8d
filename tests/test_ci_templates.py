"""The CI files we hand out are valid before a ward or province uses them (hosted
mode's snippets, the README's daily rebuild, ward init's and ward province ci's files):
YAML that parses, GitLab CI and GitHub workflows that match the schemas
check-jsonschema ships (offline), and workflows actionlint accepts (no unknown
keys or expressions, no action version on a runtime GitHub has retired)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.sitekit import PROJECT

BIN = Path(sys.executable).parent
GITLAB = PROJECT / "deploy" / "ci" / "gitlab-ci.yml"
GITHUB = PROJECT / "deploy" / "ci" / "github-pages.yml"


def readme_workflows() -> list[str]:
    """The README's ```yaml blocks that are GitHub workflows (the daily rebuild)."""
    text = (PROJECT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```yaml\n(.*?)^```", text, flags=re.M | re.S)
    return [block for block in blocks if ".github/workflows/" in block]


def schema_check(schema: str, path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def actionlint(path: Path) -> subprocess.CompletedProcess:
    # Shell scripts in run: are not checked (shellcheck is not installed).
    return subprocess.run(
        [str(BIN / "actionlint"), "-shellcheck=", "-no-color", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def github_workflows(tmp_path: Path) -> list[Path]:
    paths = [GITHUB]
    for index, block in enumerate(readme_workflows()):
        path = tmp_path / f"readme-{index}.yml"
        path.write_text(block, encoding="utf-8")
        paths.append(path)
    return paths


def test_the_readme_documents_a_workflow_to_check():
    assert len(readme_workflows()) >= 1


def assert_valid_ci_file(path: Path) -> dict:
    """``path`` parses, matches its schema (GitLab CI or GitHub workflow) and,
    for a workflow, passes actionlint; its parsed YAML."""
    parsed = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert parsed, path
    gitlab = path.name.endswith("gitlab-ci.yml")
    checks = [schema_check("vendor.gitlab-ci", path)] if gitlab else []
    if not gitlab:
        checks += [schema_check("vendor.github-workflows", path), actionlint(path)]
    for result in checks:
        assert result.returncode == 0, f"{path}\n{result.stdout}{result.stderr}"
    return parsed


def test_gitlab_template_parses_and_matches_gitlab_ci_schema():
    assert "pages" in assert_valid_ci_file(GITLAB)


def test_github_workflows_match_the_schema_and_pass_actionlint(tmp_path):
    for path in github_workflows(tmp_path):
        assert "jobs" in assert_valid_ci_file(path), path


@pytest.mark.parametrize(
    ("template", "old", "new", "checker"),
    [
        # A job key GitLab does not have.
        (GITLAB, "  script:\n", "  scripts:\n", "gitlab"),
        # A typo in an expression, and an action on the retired node20 runtime.
        (GITHUB, "github.repository", "github.repositry", "actionlint"),
        (GITHUB, "actions/checkout@v5", "actions/checkout@v4", "actionlint"),
        (GITHUB, "runs-on: ubuntu-latest", "runs_on: ubuntu-latest", "github"),
    ],
)
def test_the_checks_catch_a_broken_template(tmp_path, template, old, new, checker):
    text = template.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / template.name
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    if checker == "actionlint":
        result = actionlint(broken)
    else:
        schema = {"gitlab": "vendor.gitlab-ci", "github": "vendor.github-workflows"}
        result = schema_check(schema[checker], broken)
    assert result.returncode != 0, result.stdout


WARDS = """\
  - slug: tan-an
    name: "Phường Tân An"
    source: phuong/tan-an
  - slug: ninh-kieu
    name: "Phường Ninh Kiều"
    source: phuong/ninh-kieu
"""


def generated_ci_files(tmp_path: Path) -> list[Path]:
    """The CI files a new ward's site (ward init) and a province's repository
    (ward province init + ci) are given: the wards copy them unchanged."""
    import datetime as dt

    from wardtools.province_cmd import init as province_init
    from wardtools.province_cmd import write_ci
    from wardtools.site_init import WardAnswers, write_site

    site = tmp_path / "phuong"
    write_site(site, WardAnswers("Phường Tân An", "Thành phố Cần Thơ"), dt.date.today())
    province = tmp_path / "tinh"
    assert province_init(province, "Thành phố Cần Thơ", "cantho.gov.vn") == 0
    wards = province / "wards.yml"
    wards.write_text(  # two wards, as the file's own example shows them
        wards.read_text(encoding="utf-8").replace("wards:\n", "wards:\n" + WARDS, 1),
        encoding="utf-8",
    )
    return [
        site / ".gitlab-ci.yml",
        site / ".github" / "workflows" / "trang.yml",
        *write_ci(province),
    ]


def test_the_ward_and_province_ci_files_pass_the_same_checks(tmp_path):
    files = generated_ci_files(tmp_path)
    assert len(files) == 5
    for path in files:
        assert_valid_ci_file(path)
