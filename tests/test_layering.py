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


# -- every file on its floor (issue 15) -----------------------------------------------------


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(package: Path, root: Path = ROOT) -> dict[str, set[str]]:
    """module -> the package's modules it imports, function-local imports included.

    `from pkg import name` counts as importing pkg.name when that is a module
    (as Python loads it), else pkg itself.
    """
    paths = {module_name(p, root): p for p in sorted(package.rglob("*.py"))}
    graph = {}
    for name, path in paths.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = here.split(".")[:len(here.split(".")) - node.level + 1]
                    base = ".".join(up + ([node.module] if node.module else []))
                subs = {f"{base}.{a.name}" for a in node.names}
                found |= (subs & paths.keys()) or {base}
        graph[name] = (found & paths.keys()) - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one member (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                member, component = None, []
                while member != node:
                    member = stack.pop()
                    component.append(member)
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The same edges between console's top-level packages and modules (console.services, …)."""
    def floor(name: str) -> str:
        return ".".join(name.split(".")[:2])
    out: dict[str, set[str]] = {}
    for name, targets in graph.items():
        out.setdefault(floor(name), set()).update(floor(t) for t in targets)
    return {name: targets - {name} for name, targets in out.items()}


def test_no_import_cycles_among_console_modules():
    assert cycles(import_graph(ROOT / "console")) == []


def test_no_import_cycles_among_console_packages():
    """console.services may use console.fieldwork, console.signing, console.seals, … but
    none of them the services back."""
    assert cycles(package_graph(import_graph(ROOT / "console"))) == []


def test_the_cycle_finder_sees_a_circle_dodged_inside_a_function(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "a.py").write_text("from pkg import b\n")
    (tmp_path / "pkg" / "b.py").write_text("def f():\n    from pkg.a import x\n")
    (tmp_path / "pkg" / "c.py").write_text("from . import a\n")
    graph = import_graph(tmp_path / "pkg", tmp_path)
    assert graph["pkg.c"] == {"pkg.a"}
    assert cycles(graph) == [["pkg.a", "pkg.b"]]
    assert cycles(package_graph({"x.a.m": {"x.b.n"}, "x.b.n": {"x.a.k"}})) == [["x.a", "x.b"]]


def engine_uses(path: Path) -> list[str]:
    """What a widget module does with the database below the Database handle."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr == "engine":
            found.append(f"line {node.lineno}: .engine")
        elif isinstance(node, ast.ImportFrom) and node.module == "console.db":
            found += [f"line {node.lineno}: {a.name}" for a in node.names if a.name != "Database"]
    return found


def full_imports(path: Path) -> set[str]:
    """Every module a file imports, by its full dotted name."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


# The pure packages decide from plain values: no database, no query, no ORM row.
PURE = ("console/billing", "console/analysis")
IMPURE = ("sqlalchemy", "alembic", "console.db", "console.models", "console.services")
PURE_ALLOWED = {"console.models.enums"}  # plain StrEnums of stored codes


def impure_imports(path: Path) -> list[str]:
    return sorted(name for name in full_imports(path) - PURE_ALLOWED
                  if any(name == bad or name.startswith(bad + ".") for bad in IMPURE))


@pytest.mark.parametrize("package", PURE)
def test_pure_packages_query_nothing(package):
    files = sorted((ROOT / package).rglob("*.py"))
    assert files
    offenders = {str(f.relative_to(ROOT)): impure_imports(f) for f in files if impure_imports(f)}
    assert offenders == {}


def test_the_purity_checker_sees_a_query(tmp_path):
    sample = tmp_path / "impure.py"
    sample.write_text("from console.models.enums import BillStatus\n"
                      "from console.models import Bill\nfrom sqlalchemy.orm import Session\n")
    assert impure_imports(sample) == ["console.models", "sqlalchemy.orm"]


def test_widgets_hold_no_engine():
    """Widgets pass the Database handle to services; they never reach its engine."""
    offenders = {str(p.relative_to(ROOT)): engine_uses(p)
                 for p in sorted((ROOT / "widgets").rglob("*.py"))}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_engine_checker_sees_an_engine(tmp_path):
    sample = tmp_path / "bad.py"
    sample.write_text("from console.db import Database, check_connection\n"
                      "def f(db):\n    return db.engine\n")
    assert engine_uses(sample) == ["line 1: check_connection", "line 3: .engine"]


def parses_command_lines(path: Path) -> bool:
    return any(isinstance(node, ast.Attribute) and node.attr in ("add_parser", "add_subparsers")
               for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))


def test_command_lines_are_parsed_only_in_console_cli():
    outside = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "console").rglob("*.py")
                     if parses_command_lines(p) and (ROOT / "console" / "cli") not in p.parents)
    assert outside == []
    assert parses_command_lines(ROOT / "console" / "cli" / "seals.py")


def test_local_time_comes_from_console_timeutil():
    """One zone and one formatter: widgets and reports take them from console.timeutil."""
    wrong = []
    for path in sorted([*(ROOT / "widgets").rglob("*.py"), *(ROOT / "reports").rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name == "local_time":
                wrong.append(f"{path.relative_to(ROOT)}: defines local_time")
            elif isinstance(node, ast.ImportFrom) and node.module != "console.timeutil" and any(
                    a.name == "local_time" for a in node.names):
                wrong.append(f"{path.relative_to(ROOT)}: local_time from {node.module}")
    assert wrong == []


def test_the_zone_is_named_once():
    named = sorted(str(p.relative_to(ROOT)) for folder in ("console", "widgets", "reports", "bench")
                   for p in (ROOT / folder).rglob("*.py")
                   if '"Asia/Shanghai"' in p.read_text(encoding="utf-8")
                   or "'Asia/Shanghai'" in p.read_text(encoding="utf-8"))
    assert named == ["console/timeutil.py"]
