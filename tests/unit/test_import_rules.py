"""The house rules, read from every .py file's syntax tree (docs/architecture.md says them in words):
Streamlit only where pages are drawn, SQL only in db/, the benchmark outside the product, and
imports that go down the layers, never up.

The SQL rules hold for the product and the bench; tests may read and write the database directly
(a migration or a crash test checks rows no repository function returns).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("app.py", "pages", "ui", "devtalk", "db")
STREAMLIT_ALLOWED = ("app.py", "pages", "ui", "tests", "bench")
# The bench's floor is raw SQL by definition: what no implementation of a page can avoid.
SQL_ALLOWED = ("db", "bench/floor_sql.py")
SQL_CALLS = {"execute", "executemany", "executescript", "query"}  # called: a URL's .query is no SQL
RAW_CONNECTION = "conn"  # sqlite-utils' sqlite3 connection, reached at all
# A table reached through a database object: db["people"], database.table("people").
DATABASE_NAMES = {"db", "database", "storage"}
SQL_TEXT = re.compile(r"\bSELECT\b[\s\S]*\bFROM\b|\bINSERT\s+INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b")

# Which packages a layer may not import: each one only reaches down.
LAYERS = {
    "domain and questionnaire import no services, presentation, ui or pages": (
        ("devtalk/domain", "devtalk/questionnaire"),
        ("devtalk.services", "devtalk.presentation", "devtalk.spreadsheets", "ui", "pages", "db")),
    "presentation imports no services, ui or pages": (
        ("devtalk/presentation",), ("devtalk.services", "ui", "pages", "db")),
    "spreadsheets import no services, ui or pages": (("devtalk/spreadsheets",), ("devtalk.services", "ui", "pages", "db")),
    "db imports no services, presentation, ui or pages": (
        ("db",), ("devtalk.services", "devtalk.presentation", "devtalk.spreadsheets", "ui", "pages")),
    "services import no ui or pages": (("devtalk/services",), ("ui", "pages")),
    "ui imports no pages": (("ui",), ("pages",)),
    "pages import no db: they reach storage through services": (("pages",), ("db",)),
}


def python_files() -> list[Path]:
    skipped = {".venv", "test-artifacts", "node_modules", "__pycache__"}
    return sorted(path for path in ROOT.rglob("*.py")
                  if not skipped & set(path.relative_to(ROOT).parts) and not path.relative_to(ROOT).parts[0].startswith("."))


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def within(name: str, places) -> bool:
    return any(name == place or name.startswith(place.rstrip("/") + "/") for place in places)


def module_of(name: str) -> str:
    return name.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def imported(tree: ast.AST, name: str) -> list[tuple[int, str]]:
    """(line, module) of every import in the file, at any depth; relative imports resolved."""
    package = module_of(name) if name.endswith("__init__.py") else module_of(name).rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def under(module: str, packages) -> bool:
    return any(module == package or module.startswith(package + ".") for package in packages)


def parsed() -> list[tuple[str, ast.AST]]:
    return [(relative(path), ast.parse(path.read_text(encoding="utf-8"), relative(path))) for path in python_files()]


FILES = parsed()


def streamlit_outside_its_places(files) -> list[str]:
    return [f"{name}:{line} imports {module}" for name, tree in files if not within(name, STREAMLIT_ALLOWED)
            for line, module in imported(tree, name) if under(module, ("streamlit",))]


def sql_outside_db(files) -> list[str]:
    found = []
    for name, tree in files:
        if not within(name, (*PRODUCT, "bench")) or within(name, SQL_ALLOWED):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_CALLS:
                found.append(f"{name}:{node.lineno} .{node.func.attr}()")
            elif isinstance(node, ast.Attribute) and node.attr == RAW_CONNECTION:
                found.append(f"{name}:{node.lineno} .{node.attr}")
            elif isinstance(node, ast.Subscript) and _database(node.value) and isinstance(node.slice, ast.Constant):
                found.append(f"{name}:{node.lineno} a table by name")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "table" \
                    and _database(node.func.value):
                found.append(f"{name}:{node.lineno} .table()")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_TEXT.search(node.value):
                found.append(f"{name}:{node.lineno} SQL text")
        found += [f"{name}:{line} imports {module}" for line, module in imported(tree, name) if under(module, ("sqlite3",))]
    return sorted(found, key=lambda finding: (finding.split(":")[0], int(finding.split(":")[1].split()[0]), finding))


def _database(node: ast.AST) -> bool:
    return (isinstance(node, ast.Name) and node.id in DATABASE_NAMES) or \
        (isinstance(node, ast.Attribute) and node.attr in DATABASE_NAMES)


def bench_imports_in_the_product(files) -> list[str]:
    return [f"{name}:{line} imports {module}" for name, tree in files if within(name, PRODUCT)
            for line, module in imported(tree, name) if under(module, ("bench",))]


def upward_imports(files, places, forbidden) -> list[str]:
    return [f"{name}:{line} imports {module}" for name, tree in files if within(name, places)
            for line, module in imported(tree, name) if under(module, forbidden)]


def test_streamlit_is_imported_only_by_app_pages_ui_tests_and_the_bench():
    assert streamlit_outside_its_places(FILES) == []


def test_no_sql_outside_db_no_sqlite3_no_execute_query_or_table_by_name():
    assert sql_outside_db(FILES) == []


def test_nothing_in_the_product_imports_the_bench():
    assert bench_imports_in_the_product(FILES) == []


@pytest.mark.parametrize("rule", LAYERS)
def test_imports_go_down_the_layers(rule):
    places, forbidden = LAYERS[rule]
    assert upward_imports(FILES, places, forbidden) == []


PLANTED = {
    "devtalk/domain/planted.py": "import streamlit as st\nfrom devtalk.services import team\nfrom ..presentation import x\n",
    "devtalk/services/planted.py": (
        "import sqlite3\nfrom ui import session\n"
        "def f(db):\n    db.execute('x')\n    db['people'].insert({})\n    db.table('people')\n"
        "    return 'SELECT id FROM people'\n"),
    "pages/planted.py": "def f():\n    from bench.run import table\n",
    "bench/planted.py": "def f(seeded):\n    seeded.db.conn.execute('UPDATE people SET name = 1')\n",
    "bench/floor_sql.py": "def f(db):\n    db.conn.execute('SELECT * FROM answers')\n",
    "ui/planted.py": "from urllib.parse import urlsplit\ndef f(st, url):\n    st.table([])\n    return urlsplit(url).query\n",
}


def test_each_rule_finds_a_planted_violation_and_spares_what_is_allowed():
    """The rules above pass on the tree only if they can fail: each catches its kind of file."""
    files = [(name, ast.parse(source)) for name, source in PLANTED.items()]
    assert streamlit_outside_its_places(files) == ["devtalk/domain/planted.py:1 imports streamlit"]
    assert sql_outside_db(files) == [
        "bench/planted.py:2 .conn", "bench/planted.py:2 .execute()", "bench/planted.py:2 SQL text",
        "devtalk/services/planted.py:1 imports sqlite3", "devtalk/services/planted.py:4 .execute()",
        "devtalk/services/planted.py:5 a table by name", "devtalk/services/planted.py:6 .table()",
        "devtalk/services/planted.py:7 SQL text",
    ]
    assert bench_imports_in_the_product(files) == ["pages/planted.py:2 imports bench.run", "pages/planted.py:2 imports bench.run.table"]
    domain, forbidden = LAYERS["domain and questionnaire import no services, presentation, ui or pages"]
    assert upward_imports(files, domain, forbidden) == [
        "devtalk/domain/planted.py:2 imports devtalk.services", "devtalk/domain/planted.py:2 imports devtalk.services.team",
        "devtalk/domain/planted.py:3 imports devtalk.presentation", "devtalk/domain/planted.py:3 imports devtalk.presentation.x",
    ]
    assert upward_imports(files, *LAYERS["services import no ui or pages"]) == [
        "devtalk/services/planted.py:2 imports ui", "devtalk/services/planted.py:2 imports ui.session"]
