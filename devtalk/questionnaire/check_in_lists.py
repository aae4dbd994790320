"""A check-in list: the short list of questions of a check-in between two yearly talks.

It is a questionnaire file like any other (the same reader, the same contract, the same
line-numbered problems), held to two rules more: its questions are open ones (a check-in is a
talk, not a score) and its sections are for everyone (no job functions, no learning climate).
"""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, SequenceNode

from devtalk.i18n import Message
from devtalk.questionnaire.model import Questionnaire
from devtalk.questionnaire.nodes import line_of
from devtalk.questionnaire.problems import InvalidQuestionnaire, Problem
from devtalk.questionnaire.validation import parse_questionnaire
from devtalk.questionnaire.yaml_reading import compose

# Section keys that would give a section to some people only.
_NOT_FOR_EVERYONE = ("functions", "condition")


def parse_check_in_list(text: str | bytes, filename: str = "<tekst>") -> Questionnaire:
    """The check-in list in ``text``; raises InvalidQuestionnaire listing every problem at once."""
    questionnaire = parse_questionnaire(text, filename)
    root = compose(text, filename)  # read again only for the lines of what the extra rules refuse
    problems = []
    for s, section in enumerate(questionnaire.sections):
        section_node = _at(_at(root, "sections"), s)
        for key in _NOT_FOR_EVERYONE:
            if getattr(section, key) is not None:
                problems.append(_problem(filename, _at(section_node, key), f"sections[{s}].{key}", "list_for_everyone"))
        for i, item in enumerate(section.items):
            if item.type != "open":
                node = _at(_at(_at(section_node, "items"), i), "type")
                problems.append(_problem(filename, node, f"sections[{s}].items[{i}].type", "list_open_only"))
    if problems:
        raise InvalidQuestionnaire(problems)
    return questionnaire


def _at(node: Node, step: str | int) -> Node:
    """The child of a node the parse has already accepted: a mapping's value or a list's entry."""
    if isinstance(node, SequenceNode):
        return node.value[step]
    assert isinstance(node, MappingNode)
    return next(value for key, value in node.value if key.value == step)


def _problem(filename: str, node: Node, path: str, kind: str) -> Problem:
    return Problem(filename, line_of(node), path, Message(f"check_ins.{kind}"))
