"""What changed between two versions of a questionnaire, item by item, and which changes break trends.

Answers and year-on-year trends hang on an item's id and on its scale's points. A trend breaks when a
question gets another id (a removed and an added item that read alike: ``Rewording``, so HR can keep
the old id) or when the points it is answered on change (another scale, a scale of other points, or
a scale question become an open one).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field

from devtalk.i18n import Message, t
from devtalk.questionnaire.model import Item, Questionnaire, Scale, Section

# How alike two wordings must be (difflib's ratio, 0 to 1) to be offered as one question reworded.
REWORDING_SIMILARITY = 0.7


@dataclass(frozen=True)
class Change:
    """One difference, about the item, scale or section ``id`` (the questionnaire's id for its title)."""

    what: str
    id: str
    breaks_trends: bool = False
    params: Mapping[str, object] = field(default_factory=dict, hash=False)

    def render(self, lang: str = "nl") -> str:
        """One line, by id: "mig-mag-lassen: anders verwoord (...)" with " · breekt de trend" when it does."""
        params = {name: _shown(value, lang) for name, value in self.params.items()}
        line = f"{self.id}: {t(f'builder_model.diff_{self.what}', lang, **params)}"
        return f"{line} · {t('builder_model.diff_breaks_trends', lang)}" if self.breaks_trends else line


def _shown(value: object, lang: str) -> object:
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, tuple):
        return ", ".join(str(_shown(part, lang)) for part in value)
    return value


@dataclass(frozen=True)
class Rewording:
    """A removed and an added item that look like one question reworded: giving ``added`` the id
    ``removed`` keeps its trend."""

    removed: str
    added: str
    similarity: float


@dataclass(frozen=True)
class Diff:
    """Every change, in the order compare lists them; false when nothing differs."""

    changes: tuple[Change, ...]
    rewordings: tuple[Rewording, ...]

    def __bool__(self) -> bool:
        return bool(self.changes)

    @property
    def breaks_trends(self) -> bool:
        return any(change.breaks_trends for change in self.changes)

    def lines(self, lang: str = "nl") -> list[str]:
        return [change.render(lang) for change in self.changes]


def compare(old: Questionnaire, new: Questionnaire) -> Diff:
    """Every difference from ``old`` to ``new``: the title, the scales, the sections, then the items."""
    rewordings = _rewordings(old, new)
    changes = []
    if old.title != new.title:
        changes.append(Change("title", new.id))
    if old.intro != new.intro:
        changes.append(Change("intro", new.id))
    changes += _scale_changes(old, new)
    changes += _section_changes(old, new)
    changes += _item_changes(old, new, rewordings)
    return Diff(tuple(changes), rewordings)


# -- scales ----------------------------------------------------------------------------------

def _scale_changes(old: Questionnaire, new: Questionnaire) -> list[Change]:
    changes = [Change("scale_removed", scale_id) for scale_id in old.scales if scale_id not in new.scales]
    for scale_id, scale in new.scales.items():
        before = old.scales.get(scale_id)
        if before is None:
            changes.append(Change("scale_added", scale_id, params={"points": _points(scale)}))
            continue
        if before.points != scale.points:
            users = sum(1 for item in new.all_items() if item.scale == scale_id)
            changes.append(Change("scale_points", scale_id, True,
                                  {"old": _points(before), "new": _points(scale), "count": users}))
        relabelled = tuple(str(point) for point in sorted({*before.labels, *scale.labels})
                           if before.labels.get(point) != scale.labels.get(point))
        if relabelled:
            changes.append(Change("scale_labels", scale_id, params={"points": relabelled}))
        if before.not_applicable != scale.not_applicable:
            changes.append(Change("scale_na_on" if scale.not_applicable else "scale_na_off", scale_id))
    return changes


def _points(scale: Scale) -> str:
    return ", ".join(map(str, scale.points))


def _same_points(old: Questionnaire, new: Questionnaire, before: Item, after: Item) -> bool:
    old_scale, new_scale = old.scale_of(before), new.scale_of(after)
    return (old_scale.points if old_scale else None) == (new_scale.points if new_scale else None)


# -- sections --------------------------------------------------------------------------------

def _section_changes(old: Questionnaire, new: Questionnaire) -> list[Change]:
    old_sections = {section.id: section for section in old.sections}
    new_ids = {section.id for section in new.sections}
    changes = [Change("section_removed", section.id) for section in old.sections if section.id not in new_ids]
    in_order = _in_order([section.id for section in old.sections], [section.id for section in new.sections])
    for number, section in enumerate(new.sections, 1):
        before = old_sections.get(section.id)
        if before is None:
            changes.append(Change("section_added", section.id))
            continue
        if section.id not in in_order:
            changes.append(Change("section_moved", section.id, params={"position": number}))
        if before.title != section.title:
            changes.append(Change("section_title", section.id))
        if before.intro != section.intro:
            changes.append(Change("section_intro", section.id))
        if before.functions != section.functions:
            changes.append(Change("section_functions", section.id,
                                  params={"old": _functions(before), "new": _functions(section)}))
        if before.condition != section.condition:
            changes.append(Change("section_condition", section.id,
                                  params={"old": before.condition or "-", "new": section.condition or "-"}))
    return changes


def _functions(section: Section) -> tuple | Message:
    return section.functions or Message("builder_model.diff_everyone")


# -- items -----------------------------------------------------------------------------------

def _placement(questionnaire: Questionnaire) -> dict[str, tuple[str, int]]:
    """Each item's section id and 1-based position in it."""
    return {item.id: (section.id, number) for section in questionnaire.sections
            for number, item in enumerate(section.items, 1)}


def _item_changes(old: Questionnaire, new: Questionnaire, rewordings: tuple[Rewording, ...]) -> list[Change]:
    old_place, new_place = _placement(old), _placement(new)
    as_removed = {pair.removed: pair.added for pair in rewordings}
    as_added = {pair.added: pair.removed for pair in rewordings}
    changes = []
    for item in old.all_items():
        if item.id not in new_place:
            if item.id in as_removed:
                changes.append(Change("removed_reworded", item.id, True, {"new": as_removed[item.id]}))
            else:
                changes.append(Change("removed", item.id, params={"section": old_place[item.id][0]}))
    kept_in_order = _kept_in_order(old, new)
    for item in new.all_items():
        if item.id not in old_place:
            if item.id in as_added:
                changes.append(Change("added_reworded", item.id, True, {"old": as_added[item.id]}))
            else:
                changes.append(Change("added", item.id, params={"section": new_place[item.id][0]}))
            continue
        before = old.item(item.id)
        changes += _changed(old, new, before, item)
        (old_section, old_number), (new_section, new_number) = old_place[item.id], new_place[item.id]
        if old_section != new_section:
            changes.append(Change("moved", item.id, params={"old": old_section, "new": new_section,
                                                            "old_position": old_number, "new_position": new_number}))
        elif item.id not in kept_in_order:
            changes.append(Change("moved_within", item.id, params={"section": new_section, "old_position": old_number,
                                                                   "new_position": new_number}))
    return changes


def _kept_in_order(old: Questionnaire, new: Questionnaire) -> set[str]:
    """The items that stayed in their section and kept their order to the others that stayed there."""
    kept: set[str] = set()
    old_sections = {section.id: section for section in old.sections}
    for section in new.sections:
        if section.id in old_sections:
            kept |= _in_order([item.id for item in old_sections[section.id].items], [item.id for item in section.items])
    return kept


def _in_order(before: list[str], after: list[str]) -> set[str]:
    """The ids in both lists that kept their order to one another (the longest such run): the others moved."""
    both = set(before) & set(after)
    before, after = [one for one in before if one in both], [one for one in after if one in both]
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return {one for block in matcher.get_matching_blocks() for one in before[block.a:block.a + block.size]}


def _changed(old: Questionnaire, new: Questionnaire, before: Item, after: Item) -> list[Change]:
    changes = []
    reworded = tuple(Message(f"builder_model.field_{name}") for name in ("text", "text_manager")
                     if getattr(before, name) != getattr(after, name))
    if reworded:
        changes.append(Change("reworded", after.id, params={"fields": reworded}))
    if before.help != after.help:
        changes.append(Change("help", after.id))
    if before.type != after.type:
        changes.append(Change("type", after.id, True, {"new": Message(f"builder_model.diff_type_{after.type}")}))
    elif before.scale != after.scale:
        changes.append(Change("item_scale", after.id, not _same_points(old, new, before, after),
                              {"old": before.scale, "new": after.scale}))
    if before.kind != after.kind and before.type == after.type == "likert":
        changes.append(Change("kind", after.id, params={"old": Message(f"builder_model.diff_kind_{before.kind}"),
                                                        "new": Message(f"builder_model.diff_kind_{after.kind}")}))
    if before.required != after.required:
        changes.append(Change("required_on" if after.required else "required_off", after.id))
    if before.tags != after.tags:
        changes.append(Change("tags", after.id, params={"old": before.tags or "-", "new": after.tags or "-"}))
    return changes


# -- rewordings ------------------------------------------------------------------------------

def _rewordings(old: Questionnaire, new: Questionnaire) -> tuple[Rewording, ...]:
    """Removed and added items of one type whose wordings read alike, most alike first, each item in one pair at most."""
    new_ids = {item.id for item in new.all_items()}
    old_ids = {item.id for item in old.all_items()}
    removed = [item for item in old.all_items() if item.id not in new_ids]
    added = [item for item in new.all_items() if item.id not in old_ids]
    scored = sorted(((_similarity(gone, came), index, gone.id, came.id)
                     for index, (gone, came) in enumerate((g, c) for g in removed for c in added if g.type == c.type)),
                    key=lambda entry: (-entry[0], entry[1]))
    paired, used = [], set()
    for similarity, _, gone, came in scored:
        if similarity >= REWORDING_SIMILARITY and gone not in used and came not in used:
            paired.append(Rewording(gone, came, round(similarity, 2)))
            used |= {gone, came}
    return tuple(paired)


def _similarity(before: Item, after: Item) -> float:
    """How alike the employee's wordings are, in the language where they are most alike."""
    shared = set(before.text) & set(after.text)
    return max((difflib.SequenceMatcher(None, before.text[lang].lower(), after.text[lang].lower()).ratio()
                for lang in shared), default=0.0)
