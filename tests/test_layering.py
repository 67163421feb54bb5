"""The layers stay apart: console/ knows no Qt; widgets/ and reports/ no SQLAlchemy."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QT = {"PySide6", "PyQt5", "PyQt6", "shiboken6", "pyqtgraph"}
RULES = {"console": QT, "widgets": {"sqlalchemy", "alembic"}, "reports": {"sqlalchemy", "alembic"} | QT - {"pyqtgraph"}}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(RULES))
def test_package_imports_nothing_forbidden(package):
    files = sorted((ROOT / package).rglob("*.py"))
    assert files or package == "reports", f"{package}/ has no modules"
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_modules(path) & RULES[package])
        for path in files
        if imported_modules(path) & RULES[package]
    }
    assert offenders == {}


def test_the_checker_sees_a_forbidden_import(tmp_path):
    sample = tmp_path / "bad.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport sqlalchemy.orm\n")
    assert imported_modules(sample) == {"PySide6", "sqlalchemy"}
