"""The wheel ships resources/, declares what the code imports, and works installed elsewhere.

The slow test (`-m packaging`, ~30-40 s, part of the default run) builds the
wheel from a copy of the checkout, installs it into a fresh virtual environment
in a temporary folder and runs the installed entry points from there: the GUI's
offscreen smoke check (login window, a Chinese receipt PDF) and the admin CLI's
migrations. The venv sees the system's site-packages (PySide6 is not installed
again), so the test proves our own modules come from the venv, not a checkout.
"""

from __future__ import annotations

import ast
import io
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tomllib
import zipfile
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from pypdf import PdfReader
from setuptools import find_packages

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
OURS = {"console", "widgets", "reports", "main", "griddesk_resources"}
# shiboken6 is PySide6's own runtime, released and pinned with it.
PART_OF = {"shiboken6": "pyside6"}
SOURCES = ("console", "widgets", "reports", "resources", "main.py", "pyproject.toml",
           "README.md")


def _dist_name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _third_party_imports() -> dict[str, set[str]]:
    """Top-level modules imported anywhere in the shipped code (lazy imports too): files."""
    found: dict[str, set[str]] = {}
    files = [ROOT / "main.py", *[p for d in ("console", "widgets", "reports")
                                 for p in (ROOT / d).rglob("*.py")]]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0
                     and node.module else [])
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in OURS | {"__future__"}:
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_imported_library_is_declared():
    declared = {_dist_name(r) for r in PYPROJECT["project"]["dependencies"]}
    owners = packages_distributions()
    missing = {}
    for module, files in _third_party_imports().items():
        dists = {d.lower().replace("_", "-") for d in owners.get(module, [module])}
        dists = {PART_OF.get(d, d) for d in dists}
        if not dists & declared:
            missing[module] = sorted(files)
    assert missing == {}


def test_libraries_whose_internals_we_use_are_bounded():
    reportlab = next(r for r in PYPROJECT["project"]["dependencies"]
                     if _dist_name(r) == "reportlab")
    assert "<" in reportlab  # reports/fast_table.py writes through its private API


def test_every_package_of_the_checkout_is_in_the_wheel_list():
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    found = set(find_packages(str(ROOT), include=["console*", "widgets*", "reports*"]))
    assert found - listed == set()
    assert PYPROJECT["tool"]["setuptools"]["package-dir"] == {"griddesk_resources": "resources"}


def _build_wheel(work: Path) -> Path:
    """The wheel of a copy of the checkout (an in-tree build would leave build/ behind)."""
    source = work / "source"
    for name in SOURCES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            source.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, source / name)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
          "--no-index", "-q", "-w", str(work / "dist"), str(source)], cwd=work)
    [wheel] = (work / "dist").glob("griddesk-*.whl")
    return wheel


def _run(args: list, *, cwd: Path, env: dict | None = None) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=180)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _clean_env(venv: Path) -> dict:
    """No PYTHONPATH, no database of ours, offscreen; the venv's scripts first."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "GRIDDESK_DB", "PYTHONSAFEPATH"}}
    env["PATH"] = f"{_bin(venv)}{os.pathsep}{env.get('PATH', '')}"
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _bin(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin")


WHERE = """
import importlib.util, json, sys
names = ["console", "widgets", "reports", "main", "griddesk_resources", "console.assets"]
print(json.dumps({n: importlib.util.find_spec(n).origin for n in names}))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return _build_wheel(tmp_path_factory.mktemp("wheel"))


def test_wheel_contents_are_the_layers_main_and_resources(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names if not n.startswith("griddesk-0")}
    assert top == {"console", "widgets", "reports", "griddesk_resources", "main.py"}
    for shipped in ("griddesk_resources/fonts/wqy-microhei.ttc", "griddesk_resources/style.qss",
                    "griddesk_resources/i18n/griddesk_zh_CN.qm",
                    "griddesk_resources/icons/logo.svg", "console/migrations/env.py"):
        assert shipped in names
    assert not [n for n in names if n.endswith((".ts", ".sh", "fill.py", "screenshot.png"))]


@pytest.mark.packaging
def test_the_wheel_works_installed_outside_the_checkout(wheel, tmp_path):
    venv, run_dir = tmp_path / "venv", tmp_path / "elsewhere"
    run_dir.mkdir()
    # No pip of its own (ensurepip is slow): our pip installs into it (--python).
    _run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", venv],
         cwd=tmp_path)
    python = _bin(venv) / "python"
    env = _clean_env(venv)
    _run([sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps",
          "--no-index", "--ignore-installed", wheel], cwd=run_dir, env=env)

    origins = eval(_run([python, "-c", WHERE], cwd=run_dir, env=env))  # our JSON
    assert all(Path(o).is_relative_to(venv) for o in origins.values()), origins

    smoke = run_dir / "smoke"
    _run([_bin(venv) / "griddesk", "--smoke", smoke], cwd=run_dir, env=env)
    text = PdfReader(io.BytesIO((smoke / "receipt.pdf").read_bytes())).pages[0].extract_text()
    assert "电费缴费凭证" in text and "王建国" in text and "玖拾捌元陆角贰分" in text
    assert (smoke / "login.png").stat().st_size > 10_000

    site = run_dir / "site.db"
    _run([_bin(venv) / "griddesk-admin", "db", "upgrade", "--db", f"sqlite:///{site}"],
         cwd=run_dir, env=env)
    head = max(p.name.split("_")[0] for p in (ROOT / "console/migrations/versions").glob("0*.py"))
    with sqlite3.connect(site) as conn:  # the migrations shipped in the wheel ran
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head,)]
