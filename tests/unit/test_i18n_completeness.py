"""Every text key the code uses exists in the catalogue, and every catalogue key is used.

Keys are found as string literals in calls (tr("..."), t("..."), Message("..."), key = "..."),
and as f-string prefixes (tr(f"status.{status}")) which cover every key starting with that prefix.
"""

import re
from pathlib import Path

from devtalk.i18n import catalogue

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py")),
           *sorted((ROOT / "devtalk").rglob("*.py")), *sorted((ROOT / "db").glob("*.py"))]
LITERAL = re.compile(r"""(?:\btr|\bt|Message|InvalidInput|NotAllowed|DevtalkError|ImportFailed)\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")
KEY_ATTRIBUTE = re.compile(r"""^\s*key = ["']([a-z_]+\.[a-z0-9_.]+)["']""", re.M)
PREFIX = re.compile(r"""f["']([a-z_]+\.[a-z0-9_]*)\{""")
ANY_KEY_STRING = re.compile(r"""["']([a-z_]+\.[a-z0-9_]+)["']""")


def used_keys() -> tuple[set[str], set[str]]:
    literals, prefixes = set(), set()
    for path in SOURCES:
        source = path.read_text(encoding="utf-8")
        literals |= set(LITERAL.findall(source)) | set(KEY_ATTRIBUTE.findall(source))
        prefixes |= set(PREFIX.findall(source))
        literals |= {key for key in ANY_KEY_STRING.findall(source) if key in catalogue()}
    return literals, prefixes


def test_every_key_used_in_code_is_in_the_catalogue():
    literals, _ = used_keys()
    missing = sorted(key for key in literals if key not in catalogue() and not key.endswith((".py", ".yaml", ".db")))
    assert missing == []


def test_every_catalogue_key_is_used_somewhere():
    literals, prefixes = used_keys()
    unused = sorted(key for key in catalogue() if key not in literals and not key.startswith(tuple(prefixes)))
    assert unused == []


def test_pages_pass_no_literal_text_to_streamlit():
    literal_text = re.compile(r"""\bst\.\w+\(\s*f?["'][A-Za-zÀ-ž]""")
    offenders = [
        f"{path.name}:{number}"
        for path in SOURCES if path.parent.name in ("pages", "ui") or path.name == "app.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if literal_text.search(line)
    ]
    assert offenders == []
