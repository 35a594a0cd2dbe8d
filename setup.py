"""Wheel build: puts the engine's non-package files inside ward_engine/.

This repository keeps its layout (theme/, plugins/, pelicanconf.py at the top)
as the engine's source and sample ward; an installed engine finds the same
files in site-packages/ward_engine/ (ward_engine.files() knows both). Decap
CMS's built files come from node_modules when present (`make dist` requires
them), so the browser editor works offline after `pip install`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".*.swp")
DECAP = HERE / "node_modules" / "decap-cms"
DECAP_NOTICE = (
    "Decap CMS {version} (https://github.com/decaporg/decap-cms), MIT License,\n"
    "copied from node_modules/decap-cms/dist when the wheel was built.\n"
    "Licence notices of its bundled modules: decap-cms.js.LICENSE.txt.\n"
)


def decap_files(dist: Path) -> list[Path]:
    """What the browser loads (decap-cms.js, its chunks and wasm) and the
    licence notice; not the source maps nor the second "cms" build (the same
    choice as `ward editor-bundle`)."""
    return sorted(
        file
        for file in dist.iterdir()
        if file.is_file()
        and not file.name.endswith(".map")
        and not file.name.startswith("cms.")
        and not file.name.endswith(".cms.js")
    )


class BuildWithEngineFiles(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "ward_engine"
        for name in ("theme", "plugins"):
            shutil.rmtree(target / name, ignore_errors=True)
            shutil.copytree(HERE / name, target / name, ignore=SKIP)
        for name in ("site_template", "province_template", "overview_theme"):
            shutil.rmtree(target / name, ignore_errors=True)
            if (HERE / "ward_engine" / name).is_dir():
                shutil.copytree(HERE / "ward_engine" / name, target / name, ignore=SKIP)
        (target / "sample").mkdir(exist_ok=True)
        for name in ("pelicanconf.py", "publishconf.py"):
            shutil.copy2(HERE / name, target / "sample" / name)
        if (DECAP / "dist" / "decap-cms.js").is_file():
            import json

            version = json.loads((DECAP / "package.json").read_text())["version"]
            shutil.rmtree(target / "decap", ignore_errors=True)
            (target / "decap").mkdir()
            for file in decap_files(DECAP / "dist"):
                shutil.copy2(file, target / "decap" / file.name)
            (target / "decap" / "NOTICE.txt").write_text(
                DECAP_NOTICE.format(version=version), encoding="utf-8"
            )


setup(cmdclass={"build_py": BuildWithEngineFiles})
