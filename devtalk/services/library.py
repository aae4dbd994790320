"""The questionnaire library: the bundled templates and the immutable versions stored in the database;
for HR every questionnaire with its versions, new versions from the builder or an upload (and what
each changes since the version before it), copies of the bundled templates, downloads, and a
preview per job function.

A save never changes a stored version: it stores a new one, so every conversation keeps the
exact text it was answered on.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import sqlite_utils

from db import audit, people
from db import questionnaires as versions
from db.connection import transaction
from devtalk.domain import access
from devtalk.domain.models import SIDES, JobFunction, Person, QuestionnaireVersion
from devtalk.errors import InvalidInput, NotFound
from devtalk.questionnaire import (
    Item,
    Questionnaire,
    content_hash,
    diff,
    localized,
    parse_questionnaire,
)

BUNDLED = Path(__file__).resolve().parents[2] / "questionnaires"


def bundled_templates() -> list[Path]:
    return sorted(BUNDLED.glob("*.yaml"))


@lru_cache(maxsize=64)
def _parse_cached(text: str, filename: str) -> Questionnaire:
    return parse_questionnaire(text, filename)


def parsed(version: QuestionnaireVersion) -> Questionnaire:
    """The questionnaire of a stored version; parsed once per process, since versions never change."""
    return _parse_cached(version.yaml, f"{version.questionnaire_id}-v{version.version}.yaml")


def get_version(db: sqlite_utils.Database, version_id: int) -> QuestionnaireVersion:
    version = versions.get_version(db, version_id)
    if version is None:
        raise NotFound()
    return version


def store_questionnaire(
    db: sqlite_utils.Database, actor: Person, text: str, filename: str = "<tekst>"
) -> QuestionnaireVersion:
    """Validate and store ``text`` as a new version; the same text again returns the stored one.

    Raises InvalidQuestionnaire, listing every problem, and stores nothing when the text is invalid.
    """
    access.require_hr(actor)
    questionnaire = parse_questionnaire(text, filename)
    digest = content_hash(text)
    with transaction(db):
        existing = versions.version_by_hash(db, digest)
        if existing:
            return existing
        version = versions.add_version(db, questionnaire.id, text, digest, access.recorded_id(actor))
        audit.record_event(
            db, access.recorded_id(actor), "questionnaire.store", "questionnaire", version.id,
            detail={"questionnaire": questionnaire.id, "version": version.version},
        )
    return version


def store_bundled(db: sqlite_utils.Database, actor: Person, path: Path) -> QuestionnaireVersion:
    return store_questionnaire(db, actor, path.read_text(encoding="utf-8"), path.name)


def list_versions(db: sqlite_utils.Database, actor: Person) -> list[QuestionnaireVersion]:
    access.require_hr(actor)
    return versions.list_versions(db)


def version_label(version: QuestionnaireVersion, lang: str) -> str:
    """A stored version as a choice names it: its title and number ("Functioneren · v3")."""
    return f"{localized(parsed(version).title, lang)} · v{version.version}"


@dataclass(frozen=True)
class LibraryEntry:
    """One questionnaire and its stored versions, newest first."""

    questionnaire_id: str
    versions: tuple[QuestionnaireVersion, ...]

    @property
    def latest(self) -> QuestionnaireVersion:
        return self.versions[0]

    def title(self, lang: str) -> str:
        return localized(parsed(self.latest).title, lang)


@dataclass(frozen=True)
class Saved:
    version: QuestionnaireVersion
    new: bool  # False: the very same text was stored before, as this version


@dataclass(frozen=True)
class PreviewItem:
    id: str
    type: str
    wording: str
    help: str
    required: bool
    options: tuple[tuple[int, str], ...]  # a Likert item's points with their labels ("" for none)
    not_applicable: bool


@dataclass(frozen=True)
class PreviewSection:
    id: str
    title: str
    intro: str
    items: tuple[PreviewItem, ...]


@dataclass(frozen=True)
class Preview:
    """The questionnaire as one side of a person in one job function fills it in."""

    title: str
    intro: str
    side: str
    sections: tuple[PreviewSection, ...]


def library(db: sqlite_utils.Database, actor: Person) -> list[LibraryEntry]:
    """Every questionnaire in the library, by id, each with its versions newest first."""
    access.require_hr(actor)
    grouped: dict[str, list[QuestionnaireVersion]] = {}
    for version in versions.list_versions(db):
        grouped.setdefault(version.questionnaire_id, []).append(version)
    return [LibraryEntry(qid, tuple(found)) for qid, found in grouped.items()]


def save_text(db: sqlite_utils.Database, actor: Person, text: str, filename: str) -> Saved:
    """Store an edited text as a new version; raises InvalidQuestionnaire and stores nothing when invalid."""
    access.require_hr(actor)
    text = _normalised(text)
    # Only for telling HR whether anything new was stored; store_questionnaire decides under its lock.
    known = versions.version_by_hash(db, content_hash(text))
    version = store_questionnaire(db, actor, text, filename)
    return Saved(version, new=known is None)


def save_upload(db: sqlite_utils.Database, actor: Person, data: bytes, filename: str) -> Saved:
    """Store an uploaded YAML file as a new version; a file that is not UTF-8 is refused like any invalid one."""
    access.require_hr(actor)
    parse_questionnaire(data, filename)
    return save_text(db, actor, data.decode("utf-8-sig"), filename)


def changes_from_previous(db: sqlite_utils.Database, actor: Person, version_id: int
                          ) -> tuple[QuestionnaireVersion, diff.Diff] | None:
    """What a stored version changes against the version of the same questionnaire stored before it
    (an upload's "what changed"), and that version; None for a first version."""
    access.require_hr(actor)
    version = get_version(db, version_id)
    earlier = [other for other in versions.list_versions(db)
               if other.questionnaire_id == version.questionnaire_id and other.version < version.version]
    if not earlier:
        return None
    previous = max(earlier, key=lambda other: other.version)
    return previous, diff.compare(parsed(previous), parsed(version))


def templates(actor: Person) -> list[str]:
    """The file names of the bundled templates."""
    access.require_hr(actor)
    return [path.name for path in bundled_templates()]


def copy_template(db: sqlite_utils.Database, actor: Person, name: str) -> Saved:
    """Put a bundled template into the library, where it can be adapted as new versions."""
    access.require_hr(actor)
    found = {path.name: path for path in bundled_templates()}
    if name not in found:
        raise NotFound()
    return save_text(db, actor, Path(found[name]).read_text(encoding="utf-8"), name)


def version_yaml(db: sqlite_utils.Database, actor: Person, version_id: int) -> tuple[str, bytes]:
    """A stored version as a file name and the exact bytes it was stored with."""
    access.require_hr(actor)
    version = get_version(db, version_id)
    return f"{version.questionnaire_id}-v{version.version}.yaml", version.yaml.encode("utf-8")


def job_functions(db: sqlite_utils.Database, actor: Person) -> list[JobFunction]:
    """The functions a preview can be shown for."""
    access.require_hr(actor)
    return people.list_functions(db)


def preview(
    db: sqlite_utils.Database, actor: Person, version_id: int, function_id: str | None, side: str, lang: str
) -> Preview:
    """What the fill-in page shows this side for a person in ``function_id``: the same sections,
    the same wording, the same answer options."""
    access.require_hr(actor)
    return preview_of(parsed(get_version(db, version_id)), function_id, side, lang)


def preview_of(questionnaire: Questionnaire, function_id: str | None, side: str, lang: str) -> Preview:
    """``preview`` of a questionnaire not stored yet (the builder's draft); the caller checks access."""
    if side not in SIDES:
        raise InvalidInput()
    sections = tuple(
        PreviewSection(section.id, localized(section.title, lang), localized(section.intro, lang),
                       tuple(_preview_item(questionnaire, item, side, lang) for item in section.items))
        for section in questionnaire.sections_for(function_id, side)
    )
    return Preview(localized(questionnaire.title, lang), localized(questionnaire.intro, lang), side, sections)


def _preview_item(questionnaire: Questionnaire, item: Item, side: str, lang: str) -> PreviewItem:
    scale = questionnaire.scale_of(item)
    options = tuple((point, scale.label(point, lang)) for point in scale.points) if scale else ()
    return PreviewItem(item.id, item.type, item.wording(side, lang), localized(item.help, lang), item.required,
                       options, bool(scale and scale.not_applicable))


def _normalised(text: str) -> str:
    # A browser's text area and a Windows editor disagree on line ends; the same text must stay one version.
    return text.replace("\r\n", "\n")
