"""Every action the code records in the audit log has words for HR in both languages."""

import ast
from pathlib import Path

from devtalk.i18n import catalogue
from devtalk.services.exports import EXPORTS

SERVICES = Path(__file__).resolve().parents[2] / "devtalk" / "services"


def _names(node: ast.AST) -> set[str]:
    """The action names an argument can hold: a string, either side of a conditional, or
    ``export.{what}`` for every export."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _names(node.body) | _names(node.orelse)
    if isinstance(node, ast.JoinedStr):
        return {f"export.{what}" for what in EXPORTS}
    return set()


def recorded_actions() -> set[str]:
    actions = set()
    for path in SERVICES.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "record_event":
                actions |= _names(node.args[2])
            elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_save_function":
                actions |= _names(node.args[-1])
    return actions


def test_every_recorded_action_has_words_in_the_audit_log():
    actions = recorded_actions()
    assert {"conversation.submit", "export.answers", "function.deactivate", "person.deactivate"} <= actions
    assert sorted(action for action in actions if f"audit.{action}" not in catalogue()) == []
