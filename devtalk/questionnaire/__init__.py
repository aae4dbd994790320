"""Questionnaires: the model a conversation is answered on (``model``), what can be wrong with a
file (``problems``), reading YAML safely (``yaml_reading``, ``nodes``) and checking it against the
contract (``validation``). Imports go model/problems <- yaml_reading <- nodes <- validation; this
module only names the public parts."""

from devtalk.questionnaire.model import (
    CONDITIONS,
    ITEM_TYPES,
    KINDS,
    TAGS,
    Item,
    Questionnaire,
    Scale,
    Section,
    content_hash,
    localized,
)
from devtalk.questionnaire.problems import InvalidQuestionnaire, Problem
from devtalk.questionnaire.validation import load_questionnaire_file, parse_questionnaire

__all__ = [
    "CONDITIONS", "ITEM_TYPES", "KINDS", "TAGS", "InvalidQuestionnaire", "Item", "Problem", "Questionnaire", "Scale",
    "Section", "content_hash", "load_questionnaire_file", "localized", "parse_questionnaire",
]
