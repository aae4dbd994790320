"""The questionnaire builder's operations: each takes a draft and returns a new one.

Sections are addressed by index, items by id (unique in the questionnaire), scales by id. An id is
made once, from the first wording or name, and never follows later wording: answers and trends
across years hang on it. Nothing here checks the contract; ``validate`` asks the validator and
says at which field each problem is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from types import MappingProxyType

from devtalk.questionnaire.draft import (
    Draft,
    DraftError,
    DraftItem,
    DraftScale,
    DraftSection,
    Texts,
    effective_kind,
    from_json,
    required_by_default,
    texts,
    to_json,
)
from devtalk.questionnaire.draft_problems import DraftProblem, to_questionnaire, validate
from devtalk.questionnaire.draft_yaml import from_yaml, to_yaml
from devtalk.questionnaire.model import CONDITIONS, ITEM_TYPES, KINDS, TAGS
from devtalk.questionnaire.validation import MAX_POINTS, MIN_POINTS

__all__ = [
    "Draft", "DraftError", "DraftItem", "DraftProblem", "DraftScale", "DraftSection", "Texts", "add_item",
    "add_scale", "add_section", "effective_kind", "from_json", "from_yaml", "move_item", "move_section", "new_draft",
    "remove_item", "remove_scale", "remove_section", "rename_section", "set_intro", "set_item_id", "set_item_kind",
    "set_item_required", "set_item_scale", "set_item_tags", "set_item_text", "set_item_type", "set_questionnaire_id",
    "set_scale_label", "set_scale_not_applicable", "set_scale_points", "set_section_condition",
    "set_section_functions", "set_section_intro", "set_section_kind", "set_title", "to_json", "to_questionnaire",
    "to_yaml", "validate",
]

ITEM_TEXTS = ("text", "text_manager", "help")
SLUG_WORDS = re.compile(r"[a-z0-9]+")
SLUG_LENGTH = 40  # short enough to read in a diff line, long enough to tell items apart


def slug(text: str, fallback: str) -> str:
    """An id made of the text's first words, without accents: "Ik kan MIG/MAG lassen" -> "ik-kan-mig-mag-lassen"."""
    words = SLUG_WORDS.findall(unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower())
    made = ""
    for word in words:
        if len(made) + len(word) + 1 > SLUG_LENGTH:
            break
        made = f"{made}-{word}" if made else word
    return made or (words[0][:SLUG_LENGTH] if words else fallback)


def unique(base: str, taken: Iterable[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is still free."""
    taken = set(taken)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _first_wording(values: Texts, languages: tuple[str, ...]) -> str:
    return next((values[lang] for lang in languages if values.get(lang)), "")


def _with_text(draft: Draft, values: Texts, lang: str, text: str) -> Texts:
    if lang not in draft.languages:
        raise DraftError("unknown_language", language=lang)
    return texts({**values, lang: text})


def _choice(value: str | None, options: tuple[str, ...]) -> str | None:
    if value is not None and value not in options:
        raise DraftError("unknown_choice", value=value, options=", ".join(options))
    return value


def _insert(parts: tuple, part, position: int | None) -> tuple:
    at = len(parts) if position is None else max(0, min(position, len(parts)))
    return (*parts[:at], part, *parts[at:])


# -- the questionnaire -----------------------------------------------------------------------

def new_draft(title: Texts | None = None, languages: tuple[str, ...] = ("nl", "en")) -> Draft:
    """An empty questionnaire, its id made from the title."""
    title = texts(title)
    return Draft(id=slug(_first_wording(title, languages), "vragenlijst"), title=title, languages=languages)


def set_title(draft: Draft, lang: str, text: str) -> Draft:
    return replace(draft, title=_with_text(draft, draft.title, lang, text))


def set_intro(draft: Draft, lang: str, text: str) -> Draft:
    return replace(draft, intro=_with_text(draft, draft.intro, lang, text))


def set_questionnaire_id(draft: Draft, new_id: str) -> Draft:
    """The questionnaire's id as typed; the validator says when it is no usable id."""
    return replace(draft, id=new_id.strip())


# -- sections --------------------------------------------------------------------------------

def _with_section(draft: Draft, index: int, **changes) -> Draft:
    section = replace(draft.section(index), **changes)
    return replace(draft, sections=(*draft.sections[:index], section, *draft.sections[index + 1:]))


def add_section(draft: Draft, title: Texts, position: int | None = None) -> Draft:
    """A new empty section, its id made from the title; at the end unless ``position`` says where."""
    title = texts(title)
    section_id = unique(slug(_first_wording(title, draft.languages), "sectie"), (s.id for s in draft.sections))
    return replace(draft, sections=_insert(draft.sections, DraftSection(id=section_id, title=title), position))


def rename_section(draft: Draft, index: int, lang: str, text: str) -> Draft:
    return _with_section(draft, index, title=_with_text(draft, draft.section(index).title, lang, text))


def set_section_intro(draft: Draft, index: int, lang: str, text: str) -> Draft:
    return _with_section(draft, index, intro=_with_text(draft, draft.section(index).intro, lang, text))


def move_section(draft: Draft, index: int, new_index: int) -> Draft:
    section = draft.section(index)
    rest = (*draft.sections[:index], *draft.sections[index + 1:])
    return replace(draft, sections=_insert(rest, section, new_index))


def remove_section(draft: Draft, index: int) -> Draft:
    draft.section(index)
    return replace(draft, sections=(*draft.sections[:index], *draft.sections[index + 1:]))


def set_section_functions(draft: Draft, index: int, functions: Iterable[str] | None) -> Draft:
    """The job functions the section is for; none means everyone."""
    chosen = tuple(dict.fromkeys(function.strip() for function in functions or () if function.strip()))
    return _with_section(draft, index, functions=chosen or None)


def set_section_kind(draft: Draft, index: int, kind: str | None) -> Draft:
    """What the section's scale questions measure unless one says otherwise; None: the default for its functions."""
    return _with_section(draft, index, kind=_choice(kind, KINDS))


def set_section_condition(draft: Draft, index: int, condition: str | None) -> Draft:
    """A learning-climate condition makes the section the employee's alone; None: both sides answer it."""
    return _with_section(draft, index, condition=_choice(condition, CONDITIONS))


# -- items -----------------------------------------------------------------------------------

def _item_ids(draft: Draft) -> list[str]:
    return [item.id for section in draft.sections for item in section.items]


def _with_item(draft: Draft, item_id: str, **changes) -> Draft:
    section_index, position = draft.locate(item_id)
    items = draft.sections[section_index].items
    item = replace(items[position], **changes)
    return _with_section(draft, section_index, items=(*items[:position], item, *items[position + 1:]))


def add_item(draft: Draft, section_index: int, text: Texts, type: str = "likert", scale: str | None = None,
             position: int | None = None) -> Draft:
    """A new question with its first wording, its id made from that wording once and for all.

    A scale question gets ``scale``, else the first scale there is."""
    _choice(type, ITEM_TYPES)
    if scale is not None:
        draft.scale(scale)
    wording = texts(text)
    item = DraftItem(
        id=unique(slug(_first_wording(wording, draft.languages), "vraag"), _item_ids(draft)),
        type=type, text=wording, required=required_by_default(type),
        scale=(scale or next((s.id for s in draft.scales), None)) if type == "likert" else None,
    )
    section = draft.section(section_index)
    return _with_section(draft, section_index, items=_insert(section.items, item, position))


def move_item(draft: Draft, item_id: str, section_index: int, position: int) -> Draft:
    """The item into section ``section_index`` at ``position`` (counted without the item itself)."""
    item = draft.item(item_id)
    without = remove_item(draft, item_id)
    return _with_section(without, section_index, items=_insert(without.section(section_index).items, item, position))


def remove_item(draft: Draft, item_id: str) -> Draft:
    section_index, position = draft.locate(item_id)
    items = draft.sections[section_index].items
    return _with_section(draft, section_index, items=(*items[:position], *items[position + 1:]))


def set_item_type(draft: Draft, item_id: str, type: str, scale: str | None = None) -> Draft:
    """A scale question or an open one; whether it must be answered follows the new type's default.

    An open question has no scale and no kind; a scale question gets ``scale``, else its old one, else the first."""
    _choice(type, ITEM_TYPES)
    item = draft.item(item_id)
    if type == item.type and scale in (None, item.scale):
        return draft  # choosing the type it has keeps what was set for it, "required" too
    if type == "open":
        return _with_item(draft, item_id, type=type, scale=None, kind=None, required=required_by_default(type))
    if scale is not None:
        draft.scale(scale)
    chosen = scale or item.scale or next((s.id for s in draft.scales), None)
    return _with_item(draft, item_id, type=type, scale=chosen, required=required_by_default(type))


def set_item_text(draft: Draft, item_id: str, field: str, lang: str, text: str) -> Draft:
    """The employee's wording (``text``), the manager's (``text_manager``) or "why we ask this" (``help``); the id stays."""
    _choice(field, ITEM_TEXTS)
    return _with_item(draft, item_id, **{field: _with_text(draft, getattr(draft.item(item_id), field), lang, text)})


def set_item_scale(draft: Draft, item_id: str, scale_id: str) -> Draft:
    draft.scale(scale_id)
    return _with_item(draft, item_id, scale=scale_id)


def set_item_required(draft: Draft, item_id: str, required: bool) -> Draft:
    return _with_item(draft, item_id, required=bool(required))


def set_item_kind(draft: Draft, item_id: str, kind: str | None) -> Draft:
    """The question's own kind; None follows its section. The validator refuses a kind on an open question."""
    return _with_item(draft, item_id, kind=_choice(kind, KINDS))


def set_item_tags(draft: Draft, item_id: str, tags: Iterable[str]) -> Draft:
    """What the conversation's agenda reads an open question as (energy, learning wish, ...), in the order given."""
    return _with_item(draft, item_id, tags=tuple(dict.fromkeys(_choice(tag, TAGS) for tag in tags)))


def set_item_id(draft: Draft, item_id: str, new_id: str) -> Draft:
    """Give an item another id: last year's, so a reworded question keeps its answers' trend."""
    new_id = new_id.strip()
    if new_id != item_id and new_id in _item_ids(draft):
        raise DraftError("id_taken", id=new_id)
    return _with_item(draft, item_id, id=new_id)


# -- scales ----------------------------------------------------------------------------------

def _with_scale(draft: Draft, scale_id: str, **changes) -> Draft:
    scale = replace(draft.scale(scale_id), **changes)
    return replace(draft, scales=tuple(scale if s.id == scale_id else s for s in draft.scales))


def _points(count: int, start: int = 1) -> tuple[int, ...]:
    if not MIN_POINTS <= count <= MAX_POINTS:
        raise DraftError("points_count", count=count, min=MIN_POINTS, max=MAX_POINTS)
    return tuple(range(start, start + count))


def add_scale(draft: Draft, name: str, points: int = 5, not_applicable: bool = False) -> Draft:
    """A new scale of ``points`` points (1 up), its id made from ``name``; every scale question can use it."""
    scale_id = unique(slug(name, "schaal"), (s.id for s in draft.scales))
    return replace(draft, scales=(*draft.scales, DraftScale(scale_id, _points(points), MappingProxyType({}),
                                                            bool(not_applicable))))


def set_scale_points(draft: Draft, scale_id: str, count: int) -> Draft:
    """``count`` points from the scale's first one on; the labels of points that go, go with them."""
    scale = draft.scale(scale_id)
    points = _points(count, scale.points[0] if scale.points else 1)
    labels = MappingProxyType({point: label for point, label in scale.labels.items() if point in points})
    return _with_scale(draft, scale_id, points=points, labels=labels)


def set_scale_label(draft: Draft, scale_id: str, point: int, lang: str, text: str) -> Draft:
    scale = draft.scale(scale_id)
    if point not in scale.points:
        raise DraftError("unknown_point", point=point, points=", ".join(map(str, scale.points)))
    labels = {**scale.labels, point: _with_text(draft, scale.labels.get(point, texts()), lang, text)}
    return _with_scale(draft, scale_id, labels=MappingProxyType(labels))


def set_scale_not_applicable(draft: Draft, scale_id: str, on: bool) -> Draft:
    """Whether the scale offers "n.v.t." (not applicable)."""
    return _with_scale(draft, scale_id, not_applicable=bool(on))


def remove_scale(draft: Draft, scale_id: str) -> Draft:
    """The scale goes; questions still on it are then reported at their scale field."""
    draft.scale(scale_id)
    return replace(draft, scales=tuple(s for s in draft.scales if s.id != scale_id))
