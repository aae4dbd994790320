"""The demo firm's third voice: Daan's work mentor (sign-in ``collega``) is asked for input on his open
conversation, and three colleagues have given theirs on Piotr's, where both sides are in."""

from __future__ import annotations

import random

import sqlite_utils

from db import accounts, conversations, people, rounds
from db import third_voice as storage
from devtalk.domain.models import Answer, Person
from devtalk.domain.third_voice import OPEN_ITEM
from devtalk.services import demo_firm
from devtalk.services.library import get_version, parsed


def add_third_voice(db: sqlite_utils.Database, staff: dict[str, Person]) -> None:
    """Within the demo's transaction, after the rounds: the mentor and the colleagues' input."""
    username, name, function_id, manager, roles, language = demo_firm.THIRD_VOICE_MENTOR
    mentor = people.add_person(db, name=name, username=username, function_id=function_id,
                               manager_id=staff[manager].id if manager else None, roles=roles, language=language)
    # The same password as every demo account ("demo"), without hashing it once more.
    accounts.set_password_hash(db, mentor.id, accounts.get_account(db, staff["employee"].id).password_hash)
    staff[username] = mentor
    current = _current_conversation(db, staff["employee"])
    storage.add_voice(db, current.id, mentor.id, "mentor", current.manager_id, current.manager_id)

    employee_name, colleagues = demo_firm.THIRD_VOICE_GIVEN
    conversation = _current_conversation(db, staff[employee_name])
    questionnaire = parsed(get_version(db, conversation.questionnaire_version_id))
    skills = questionnaire.skill_items(staff[employee_name].function_id)
    rng = random.Random(19)
    for colleague, text in zip(colleagues, demo_firm.THIRD_VOICE_TEXTS):
        voice = storage.add_voice(db, conversation.id, staff[colleague].id, "colleague", conversation.manager_id,
                                  conversation.manager_id)
        for item in skills:
            storage.save_answer(db, voice.id, Answer(item.id, value=rng.randint(2, 4)))
        storage.save_answer(db, voice.id, Answer(OPEN_ITEM, text=text))
        storage.mark_submitted(db, voice.id)


def _current_conversation(db, employee: Person):
    newest = rounds.list_rounds(db)[0]
    return next(c for c in conversations.conversations_of_employee(db, employee.id) if c.round_id == newest.id)
