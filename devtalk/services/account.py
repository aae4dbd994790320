"""What a person changes about their own account (the password: ``auth.change_password``).

A card's session changes nothing about the account: whoever holds a card is not yet shown to
be the person, so the account is managed after signing in with a password.
"""

from __future__ import annotations

import sqlite_utils

from db import people
from devtalk.domain.models import Person
from devtalk.errors import InvalidInput, NotAllowed
from devtalk.i18n import LANGUAGES


def set_language(db: sqlite_utils.Database, actor: Person, language: str) -> Person:
    """The language the person's sessions start in."""
    if actor.restricted:
        raise NotAllowed()
    if language not in LANGUAGES:
        raise InvalidInput("account.unknown_language", language=language)
    return people.update_person(db, actor.id, language=language)
