"""A questionnaire being composed in the builder: the file's own shape, as plain frozen records.

Unlike the model a conversation is answered on, a draft may be incomplete or wrong (the validator
says where, see ``draft_problems``), and it keeps what the file wrote rather than what it means:
a section's ``kind`` stays a default for its items, an item without its own ``kind`` follows it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from devtalk.errors import DevtalkError
from devtalk.questionnaire.model import default_kind

Texts = Mapping[str, str]


def texts(values: Mapping[str, str] | None = None) -> Texts:
    """A read-only {language: text} without empty texts; the records hold only these."""
    return MappingProxyType({lang: text.strip() for lang, text in (values or {}).items() if text and text.strip()})


def required_by_default(item_type: str) -> bool:
    """A scale question must be answered unless the file says otherwise; an open one need not."""
    return item_type == "likert"


class DraftError(DevtalkError):
    """An operation the draft cannot do: an unknown part, an id already taken, a count out of range."""

    def __init__(self, reason: str, **params: object):
        super().__init__(f"builder_model.error_{reason}", **params)


@dataclass(frozen=True)
class DraftScale:
    id: str
    points: tuple[int, ...]
    labels: Mapping[int, Texts] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    not_applicable: bool = False


@dataclass(frozen=True)
class DraftItem:
    id: str
    type: str
    text: Texts = field(default_factory=texts, hash=False)
    text_manager: Texts = field(default_factory=texts, hash=False)
    help: Texts = field(default_factory=texts, hash=False)
    scale: str | None = None
    kind: str | None = None  # the item's own kind; None follows the section (always None on open items)
    required: bool = True
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class DraftSection:
    id: str
    title: Texts = field(default_factory=texts, hash=False)
    intro: Texts = field(default_factory=texts, hash=False)
    functions: tuple[str, ...] | None = None  # None: every job function
    condition: str | None = None
    kind: str | None = None  # the default kind of its scale questions
    items: tuple[DraftItem, ...] = ()


@dataclass(frozen=True)
class Draft:
    id: str
    title: Texts = field(default_factory=texts, hash=False)
    intro: Texts = field(default_factory=texts, hash=False)
    languages: tuple[str, ...] = ("nl", "en")
    scales: tuple[DraftScale, ...] = ()
    sections: tuple[DraftSection, ...] = ()
    comment: str = ""  # the file's leading comment block, without the "# "

    def locate(self, item_id: str) -> tuple[int, int]:
        """The section index and position of an item; DraftError when there is none."""
        for section_index, section in enumerate(self.sections):
            for position, item in enumerate(section.items):
                if item.id == item_id:
                    return section_index, position
        raise DraftError("unknown_item", id=item_id)

    def item(self, item_id: str) -> DraftItem:
        section_index, position = self.locate(item_id)
        return self.sections[section_index].items[position]

    def scale(self, scale_id: str) -> DraftScale:
        for scale in self.scales:
            if scale.id == scale_id:
                return scale
        raise DraftError("unknown_scale", id=scale_id)

    def section(self, index: int) -> DraftSection:
        if not 0 <= index < len(self.sections):
            raise DraftError("unknown_section", number=index + 1)
        return self.sections[index]


def effective_kind(draft: Draft, item_id: str) -> str | None:
    """What a scale question counts as (its own kind, else its section's, else the default); None for open ones."""
    section_index, _ = draft.locate(item_id)
    section, item = draft.sections[section_index], draft.item(item_id)
    if item.type != "likert":
        return None
    return item.kind or section.kind or default_kind(section.functions, section.condition)


# -- a draft in progress, stored between reloads ---------------------------------------------

def to_json(draft: Draft) -> str:
    """The draft as JSON, also while it is invalid."""
    return json.dumps({
        "id": draft.id, "title": dict(draft.title), "intro": dict(draft.intro), "languages": list(draft.languages),
        "comment": draft.comment,
        "scales": [{"id": scale.id, "points": list(scale.points), "not_applicable": scale.not_applicable,
                    "labels": {str(point): dict(label) for point, label in scale.labels.items()}}
                   for scale in draft.scales],
        "sections": [{"id": section.id, "title": dict(section.title), "intro": dict(section.intro),
                      "functions": None if section.functions is None else list(section.functions),
                      "condition": section.condition, "kind": section.kind,
                      "items": [{"id": item.id, "type": item.type, "text": dict(item.text),
                                 "text_manager": dict(item.text_manager), "help": dict(item.help),
                                 "scale": item.scale, "kind": item.kind, "required": item.required,
                                 "tags": list(item.tags)} for item in section.items]}
                     for section in draft.sections],
    }, ensure_ascii=False)


def from_json(text: str) -> Draft:
    """The draft ``to_json`` wrote."""
    data = json.loads(text)
    return Draft(
        id=data["id"], title=texts(data["title"]), intro=texts(data["intro"]), languages=tuple(data["languages"]),
        comment=data["comment"],
        scales=tuple(DraftScale(scale["id"], tuple(scale["points"]),
                                MappingProxyType({int(point): texts(label) for point, label in scale["labels"].items()}),
                                scale["not_applicable"]) for scale in data["scales"]),
        sections=tuple(DraftSection(
            id=section["id"], title=texts(section["title"]), intro=texts(section["intro"]),
            functions=None if section["functions"] is None else tuple(section["functions"]),
            condition=section["condition"], kind=section["kind"],
            items=tuple(DraftItem(id=item["id"], type=item["type"], text=texts(item["text"]),
                                  text_manager=texts(item["text_manager"]), help=texts(item["help"]),
                                  scale=item["scale"], kind=item["kind"], required=item["required"],
                                  tags=tuple(item["tags"])) for item in section["items"]),
        ) for section in data["sections"]),
    )
