"""What the validator finds wrong with a draft, each problem at the draft field it concerns.

The draft is written as YAML and read back by the one validator there is, so the builder can
accept nothing the YAML upload would refuse. A problem's path in that file (``sections[2].items[0].text.en``)
names the part, the field and the language: that is where the builder shows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from devtalk.i18n import Message, t
from devtalk.questionnaire.draft import Draft
from devtalk.questionnaire.draft_yaml import to_yaml
from devtalk.questionnaire.model import Questionnaire
from devtalk.questionnaire.problems import InvalidQuestionnaire, Problem
from devtalk.questionnaire.validation import parse_questionnaire

STEP = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


@dataclass(frozen=True)
class DraftProblem:
    """One validator problem, placed: a section (by index), an item (by id, with its section), a scale
    (by id) or the questionnaire itself (all None); ``field`` as the file names it, ``lang`` for a text."""

    section: int | None
    item: str | None
    scale: str | None
    field: str
    lang: str | None
    message: Message
    point: int | None = None  # a scale label's point

    def render(self, lang: str = "nl") -> str:
        """Where, then what: "sectie 2 · vraag mig-mag-lassen · tekst (en): De tekst is leeg." in ``lang``."""
        where = []
        if self.section is not None:
            where.append(t("builder_model.where_section", lang, number=self.section + 1))
        if self.item is not None:
            where.append(t("builder_model.where_item", lang, id=self.item))
        if self.scale is not None:
            where.append(t("builder_model.where_scale", lang, id=self.scale))
        if self.point is not None:
            where.append(t("builder_model.where_point", lang, point=self.point))
        if self.field:
            name = t(f"builder_model.field_{self.field}", lang)
            where.append(f"{name} ({self.lang})" if self.lang else name)
        return f"{' · '.join(where)}: {self.message.render(lang)}" if where else self.message.render(lang)


def to_questionnaire(draft: Draft) -> Questionnaire:
    """The questionnaire a valid draft is, for a preview or a comparison; raises InvalidQuestionnaire."""
    checked = _checked(to_yaml(draft))
    if isinstance(checked, tuple):
        raise InvalidQuestionnaire(list(checked))
    return checked


# One page draw asks for the problems and the preview of the same draft: the validator reads it once.
@lru_cache(maxsize=16)
def _checked(text: str) -> Questionnaire | tuple[Problem, ...]:
    try:
        return parse_questionnaire(text)
    except InvalidQuestionnaire as error:
        return tuple(error.problems)


def validate(draft: Draft) -> tuple[DraftProblem, ...]:
    """Every problem the validator finds in the draft, each at its field; () when it can be saved."""
    try:
        to_questionnaire(draft)
    except InvalidQuestionnaire as error:
        return tuple(_placed(draft, problem) for problem in error.problems)
    return ()


def _placed(draft: Draft, problem: Problem) -> DraftProblem:
    steps = [int(index) if index else name for index, name in STEP.findall(problem.path)]
    section = item = scale = point = None
    if steps[:1] == ["sections"] and len(steps) > 1:
        section, steps = steps[1], steps[2:]
        if steps[:1] == ["items"] and len(steps) > 1:
            item, steps = draft.sections[section].items[steps[1]].id, steps[2:]
    elif steps[:1] == ["scales"] and len(steps) > 1:
        scale, steps = steps[1], steps[2:]
        if steps[:1] == ["labels"] and len(steps) > 1:
            point, steps = int(steps[1]), ["labels", *steps[2:]]
    # A missing part is noted at its parent; the field is the part it misses.
    field = steps[0] if steps else problem.message.params.get("name", "")
    lang = steps[1] if len(steps) > 1 and steps[1] in draft.languages else None
    return DraftProblem(section, item, scale, str(field), lang, problem.message, point)
