"""Every action the code records in the audit log has words for HR in both languages, and so have its details."""

import ast
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from devtalk.domain.models import AuditEvent
from devtalk.i18n import catalogue
from devtalk.presentation.audit_words import Names, detail_words, record_words
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


def event(action: str, detail: str = "", record_type: str = "person", record_id: str = "7") -> AuditEvent:
    return AuditEvent(1, datetime(2026, 3, 1, tzinfo=timezone.utc), None, action, record_type, record_id, detail)


NAMES = Names(people={7: "Daan Smit", 8: "Marco Jansen", 9: "Sandra Visser"}, rounds={3: "Ontwikkelgesprekken 2026"},
              functions={"lasser": "Lasser"}, questionnaires={4: ("techniek-carrosserie", 2)},
              subjects={("conversation", "5"): 7, ("action", "11"): 7})


def stored(values: dict) -> str:
    return json.dumps(values)


# (action, detail as stored now, as an older version stored it, in Dutch, in English)
DETAILS = [
    ("export.actions", stored({"format": "csv", "rows": 60}), "csv, 60 rows", "CSV, 60 rijen", "CSV, 60 rows"),
    ("people.export", stored({"format": "xlsx", "rows": 1}), "xlsx, 1 rows", "XLSX, 1 rij", "XLSX, 1 row"),
    ("people.import", stored({"added": 3, "changed": 1}), "added 3, changed 1", "3 toegevoegd, 1 gewijzigd", "3 added, 1 changed"),
    ("round.remind", stored({"sent": 2}), "sent 2", "aan 2 mensen", "to 2 people"),
    ("action.status", stored({"status": "done"}), "done", "nu: Klaar", "now: Done"),
    ("conversation.submit", stored({"side": "manager"}), "manager", "door de leidinggevende", "by the manager"),
    ("conversation.reopen", stored({"side": "employee", "reason": "Verkeerd begrepen"}), "employee: Verkeerd begrepen",
     "deel van de medewerker; reden: Verkeerd begrepen", "the employee's part; reason: Verkeerd begrepen"),
    ("person.manager", stored({"from": 8, "to": None}), "8 -> -", "van Marco Jansen naar niemand", "from Marco Jansen to nobody"),
    ("conversation.reassign", stored({"from": 8, "to": 9}), "8 -> 9", "van Marco Jansen naar Sandra Visser",
     "from Marco Jansen to Sandra Visser"),
    ("round.add_people", stored({"people": [7, 9]}), "7, 9", "Daan Smit, Sandra Visser", "Daan Smit, Sandra Visser"),
    ("person.edit", stored({"fields": ["email", "function_id"]}), "email, function_id", "gewijzigd: e-mail, functie",
     "changed: e-mail, job function"),
    ("settings.card_pin", stored({"on": False}), "off", "pincode uit", "PIN off"),
    ("settings.public_url", stored({"address": ""}), "-", "nieuw adres: geen", "new address: none"),
    ("questionnaire.store", stored({"questionnaire": "leerklimaat", "version": 3}), "leerklimaat v3",
     "leerklimaat, versie 3", "leerklimaat, version 3"),
]


@pytest.mark.parametrize("action, now, before, dutch, english", DETAILS, ids=[row[0] for row in DETAILS])
def test_details_read_in_the_readers_language_whether_stored_now_or_by_an_older_version(action, now, before, dutch, english):
    for detail in (now, before):
        assert (detail_words(event(action, detail), NAMES, "nl"), detail_words(event(action, detail), NAMES, "en")) == (dutch, english)


def test_every_action_with_detail_words_is_an_action_the_log_knows():
    detail_actions = {key.removeprefix("audit.detail.") for key in catalogue() if key.startswith("audit.detail.")}
    assert detail_actions - {"export"} <= {key.removeprefix("audit.") for key in catalogue()}


@pytest.mark.parametrize(
    "detail", ["Ontwikkelgesprekken 2027", "{kapot", stored({"rows": "veel"}), stored({"onbekend": 1}), stored([1, 2])],
    ids=["free-text", "broken-json", "wrong-kind-of-value", "missing-value", "not-an-object"],
)
def test_a_detail_that_cannot_be_put_in_words_shows_as_stored(detail):
    assert detail_words(event("export.actions", detail), NAMES, "nl") == detail


# (record type, record id, in Dutch)
RECORDS = [
    ("export", "actions", "export van acties"),
    ("person", "7", "Daan Smit"),
    ("person", "99", "persoon 99 (niet meer in devtalk)"),
    ("conversation", "5", "gesprek van Daan Smit"),
    ("action", "11", "actie van Daan Smit"),
    ("action", "12", "actie 12 (verwijderd)"),
    ("round", "3", "Ontwikkelgesprekken 2026"),
    ("job_function", "lasser", "Lasser"),
    ("questionnaire", "4", "vragenlijst techniek-carrosserie, versie 2"),
    ("people", "*", "de mensenlijst"),
    ("settings", "firm_name", "naam van het bedrijf"),
    ("setting", "card_pin", "pincode bij inlogkaartjes"),
    ("iets", "nieuws", "iets nieuws"),
]


@pytest.mark.parametrize("record_type, record_id, dutch", RECORDS, ids=[f"{r[0]}-{r[1]}" for r in RECORDS])
def test_what_an_event_was_about_reads_in_words_not_internal_names(record_type, record_id, dutch):
    assert record_words(event("x", record_type=record_type, record_id=record_id), NAMES, "nl") == dutch
