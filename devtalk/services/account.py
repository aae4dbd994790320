"""What a person changes about their own account."""

from __future__ import annotations

import sqlite_utils

from db import people
from devtalk.errors import InvalidInput
from devtalk.i18n import LANGUAGES
from devtalk.models import Person


def set_language(db: sqlite_utils.Database, actor: Person, language: str) -> Person:
    if language not in LANGUAGES:
        raise InvalidInput("account.unknown_language", language=language)
    return people.update_person(db, actor.id, language=language)
