"""The questionnaire library: bundled templates and the immutable versions stored in the database."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import sqlite_utils

from db import audit, questionnaires
from db.connection import transaction
from devtalk.errors import NotAllowed, NotFound
from devtalk.models import Person, QuestionnaireVersion
from devtalk.questionnaire import Questionnaire, content_hash, parse_questionnaire

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
    version = questionnaires.get_version(db, version_id)
    if version is None:
        raise NotFound()
    return version


def store_questionnaire(
    db: sqlite_utils.Database, actor: Person | None, text: str, filename: str = "<tekst>"
) -> QuestionnaireVersion:
    """Validate and store ``text`` as a new version; the same text again returns the stored one.

    Raises InvalidQuestionnaire, listing every problem, and stores nothing when the text is invalid.
    """
    if actor is not None and not actor.is_hr:
        raise NotAllowed()
    questionnaire = parse_questionnaire(text, filename)
    digest = content_hash(text)
    with transaction(db):
        existing = questionnaires.version_by_hash(db, digest)
        if existing:
            return existing
        version = questionnaires.add_version(db, questionnaire.id, text, digest, actor.id if actor else None)
        audit.record_event(
            db, actor.id if actor else None, "questionnaire.store", "questionnaire", version.id,
            detail={"questionnaire": questionnaire.id, "version": version.version},
        )
    return version


def store_bundled(db: sqlite_utils.Database, actor: Person | None, path: Path) -> QuestionnaireVersion:
    return store_questionnaire(db, actor, path.read_text(encoding="utf-8"), path.name)


def list_versions(db: sqlite_utils.Database, actor: Person) -> list[QuestionnaireVersion]:
    if not actor.is_hr:
        raise NotAllowed()
    return questionnaires.list_versions(db)
