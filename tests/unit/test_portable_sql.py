"""The repositories' SQL is the portable subset (docs/architecture.md): one string that SQLite and
PostgreSQL both run. A construct only SQLite reads passes every SQLite test and fails only where a
PostgreSQL run reaches it, so this reads each repository's SQL texts (string constants, f-string
parts; not comments or docstrings) and names the construct and its portable spelling."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

DB = Path(__file__).resolve().parents[2] / "db"
# Storage that is one backend's by purpose: opening and migrating SQLite files, the PostgreSQL
# adapter and registry, SQLite's online backup, and the copy from a SQLite file to PostgreSQL.
BACKEND_OWN = {"connection.py", "migrations.py", "postgres.py", "tenants.py", "backup.py", "copy.py"}
REPOSITORIES = sorted(path for path in DB.glob("*.py") if path.name not in BACKEND_OWN)

SQLITE_ONLY = {
    r"\bjson_each\b": "an IN list or db._rows.values_table",
    r"\bgroup_concat\b": "rows grouped apart and joined in Python",
    r"\bCOLLATE\s+NOCASE\b": "lower(...)",
    r"\bINSERT\s+OR\b": "INSERT ... ON CONFLICT",
    r"\b(?:strftime|datetime|julianday|date|time)\s*\(": "ISO text compared as text, or substr(...)",
    r"\b(?:typeof|ifnull|iif|instr|printf)\s*\(": "standard SQL (coalesce, CASE, position)",
    r"\bIS\s+NOT\s+(?:\?|:\w)": "IS DISTINCT FROM",
    r"\bPRAGMA\b": "nothing: PRAGMA is SQLite's",
    r"\bIN\s*\(\s*SELECT\s+value\b": "an IN list",
    # PostgreSQL types a parameter by its first use; a bare IS NULL gives it none.
    r"\(\s*(?::\w+|\?)\s+IS\s+(?:NOT\s+)?NULL\b": "the comparison first: (col = :x OR :x IS NULL)",
    r"\(\s*(?::\w+|\?)\s+(?:OR|AND)\b": "a comparison (? = 1): PostgreSQL's OR takes booleans only",
}


def sql_texts(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string constant and f-string part of the module, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and ast.get_docstring(node) is not None}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


@pytest.mark.parametrize("path", REPOSITORIES, ids=[path.name for path in REPOSITORIES])
def test_a_repository_writes_only_sql_that_both_backends_read(path):
    found = [f"{path.name}:{line}: {re.search(pattern, text).group()!r}, write {instead}"
             for line, text in sql_texts(path) for pattern, instead in SQLITE_ONLY.items()
             if re.search(pattern, text, re.IGNORECASE)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("path", REPOSITORIES, ids=[path.name for path in REPOSITORIES])
def test_a_repository_takes_new_ids_from_returning_not_from_lastrowid(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr == "lastrowid"]


def test_the_check_names_what_sqlite_alone_reads():
    texts = ["SELECT * FROM people ORDER BY name COLLATE NOCASE", "INSERT OR IGNORE INTO t VALUES (1)",
             "DELETE FROM s WHERE token IS NOT ?", "SELECT value FROM json_each(?)", "CAST(strftime('%Y', x) AS INTEGER)",
             "WHERE (:team IS NULL OR manager_id = :team)", "AND (? OR third_voice_id IS NULL)"]
    assert all(any(re.search(pattern, text, re.IGNORECASE) for pattern in SQLITE_ONLY) for text in texts)
    portable = ["SELECT * FROM people ORDER BY lower(name), id", "INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING",
                "DELETE FROM s WHERE token IS DISTINCT FROM ?", "SELECT updated_at, created_at FROM reports",
                "WHERE (manager_id = :team OR :team IS NULL)", "AND (? = 1 OR third_voice_id IS NULL)"]
    assert not any(re.search(pattern, text, re.IGNORECASE) for pattern in SQLITE_ONLY for text in portable)
