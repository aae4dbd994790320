"""TEMPORARY stand-in for the questionnaire model while the real validator is written."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import yaml

from devtalk.errors import DevtalkError


class InvalidQuestionnaire(DevtalkError):
    key = "error.invalid_input"

    def __init__(self, problems):
        super().__init__()
        self.problems = problems


def localized(texts, lang: str) -> str:
    if not texts:
        return ""
    if isinstance(texts, str):
        return texts
    return texts.get(lang) or texts.get("nl") or next(iter(texts.values()), "")


@dataclass(frozen=True)
class Scale:
    id: str
    points: tuple
    labels: Mapping
    not_applicable: bool

    def label(self, point, lang):
        return localized(self.labels.get(point), lang)


@dataclass(frozen=True)
class Item:
    id: str
    type: str
    text: Mapping
    scale: str | None = None
    text_manager: Mapping | None = None
    help: Mapping | None = None
    required: bool = True
    tags: tuple = ()

    def wording(self, side, lang):
        if side == "manager" and self.text_manager:
            return localized(self.text_manager, lang)
        return localized(self.text, lang)


@dataclass(frozen=True)
class Section:
    id: str
    title: Mapping
    intro: Mapping | None
    functions: tuple | None
    condition: str | None
    items: tuple

    def applies_to(self, function_id):
        return self.functions is None or function_id in self.functions


@dataclass(frozen=True)
class Questionnaire:
    id: str
    title: Mapping
    intro: Mapping | None
    languages: tuple
    scales: Mapping
    sections: tuple

    def sections_for(self, function_id):
        return tuple(s for s in self.sections if s.applies_to(function_id))

    def items_for(self, function_id):
        return tuple(i for s in self.sections_for(function_id) for i in s.items)

    def all_items(self):
        return tuple(i for s in self.sections for i in s.items)

    def item(self, item_id):
        for i in self.all_items():
            if i.id == item_id:
                return i
        raise KeyError(item_id)

    def scale_of(self, item):
        return self.scales.get(item.scale) if item.scale else None


def content_hash(text) -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


def parse_questionnaire(text, filename="<tekst>") -> Questionnaire:
    raw = yaml.safe_load(text)
    scales = {
        sid: Scale(sid, tuple(s["points"]), MappingProxyType(dict(s.get("labels", {}))), bool(s.get("not_applicable")))
        for sid, s in (raw.get("scales") or {}).items()
    }
    sections = tuple(
        Section(
            s["id"], s["title"], s.get("intro"), tuple(s["functions"]) if s.get("functions") else None, s.get("condition"),
            tuple(
                Item(i["id"], i["type"], i["text"], i.get("scale"), i.get("text_manager"), i.get("help"),
                     i.get("required", i["type"] == "likert"), tuple(i.get("tags", ())))
                for i in s["items"]
            ),
        )
        for s in raw["sections"]
    )
    return Questionnaire(raw["id"], raw["title"], raw.get("intro"), tuple(raw.get("languages", ["nl"])), scales, sections)


def load_questionnaire_file(path) -> Questionnaire:
    return parse_questionnaire(Path(path).read_text(encoding="utf-8"), str(path))
