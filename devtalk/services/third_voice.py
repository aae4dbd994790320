"""A third voice from the work floor: colleagues or the work mentor give input on a conversation.

The manager invites up to MAX_VOICES of them (the employee may propose one; it counts once the
manager consents). An invited colleague fills in the skill items of the employee's job function and
one open question, and sees nothing else of the conversation: not the two sides, not the report.
What they give is blind like the two sides: nobody reads any of it before both sides have
submitted, and then only as devtalk.domain.third_voice shows it. A colleague without a password
gets a card for that input alone: its session opens that one form and nothing else.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime

import sqlite_utils

from db import audit, people, rounds
from db import conversations as conversation_rows
from db import invitations as cards
from db import third_voice as storage
from db.connection import transaction
from devtalk.domain import access
from devtalk.domain.models import Answer, Conversation, Person, Round
from devtalk.domain.status import STATUSES, is_revealed
from devtalk.domain.third_voice import (
    KINDS,
    MAX_VOICES,
    OPEN_ITEM,
    ThirdColumn,
    ThirdVoice,
    third_column,
)
from devtalk.errors import ChangedElsewhere, InvalidInput, NotAllowed
from devtalk.questionnaire import Item, Questionnaire
from devtalk.services import invitations
from devtalk.services.conversations import (
    MissingAnswers,
    NotRevealed,
    _checked_answer,
    get_conversation,
)
from devtalk.services.library import get_version, parsed

# The one open question of every input; its wording is the catalogue's (third_voice.open_question).
OPEN_QUESTION = Item(OPEN_ITEM, "open", text={}, required=False)


@dataclass(frozen=True)
class InvitePanel:
    """Who gives input on a conversation, and what this person may do about it now."""

    conversation: Conversation
    voices: tuple[tuple[ThirdVoice, Person], ...]  # not withdrawn, in the order asked
    can_invite: bool  # invite (the manager) or propose (the employee) one more
    can_decide: bool  # the manager: consent, withdraw, print a card
    carded: frozenset[int] = frozenset()  # the invitations with a sign-in card that works now

    @property
    def has_mentor(self) -> bool:
        return any(voice.kind == "mentor" for voice, _ in self.voices)


@dataclass(frozen=True)
class InputRequest:
    """An input this colleague was asked for."""

    voice: ThirdVoice
    employee: Person
    round: Round
    open: bool  # still to fill in


@dataclass(frozen=True)
class InputForm:
    voice: ThirdVoice
    employee: Person
    round: Round
    questionnaire: Questionnaire
    items: tuple[Item, ...]  # the skill items of the employee's job function
    answers: dict[str, Answer]
    frozen: bool  # submitted, or the meeting was held: nothing changes any more

    def missing_required(self) -> list[Item]:
        return [item for item in self.items if item.required
                and not (item.id in self.answers and self.answers[item.id].is_given)]


def _before_meeting(conversation: Conversation) -> bool:
    """Input is asked and given until the meeting; after it, it would come too late to talk about."""
    return STATUSES.index(conversation.status) < STATUSES.index("held")


def _decides(actor: Person, conversation: Conversation) -> bool:
    """The conversation's manager (in a password session) decides who is asked."""
    return access.may_act(actor) and not actor.restricted and actor.id == conversation.manager_id


def _voice_in(db, actor: Person, third_voice_id: int) -> tuple[ThirdVoice, Conversation]:
    """The invitation and its conversation, for someone who may see the conversation."""
    voice = storage.get_voice(db, third_voice_id)
    if voice is None:
        raise NotAllowed()
    return voice, get_conversation(db, actor, voice.conversation_id)


def invite(db: sqlite_utils.Database, actor: Person, conversation_id: int, colleague_id: int,
           kind: str = "colleague") -> ThirdVoice:
    """Ask a colleague (or the work mentor) for input: the manager at once, the employee as a
    proposal the manager consents to."""
    with transaction(db):
        panel = invitations_of(db, actor, conversation_id)
        if not panel.can_invite:
            raise NotAllowed()
        if kind not in KINDS:
            raise InvalidInput("third_voice.unknown_kind")
        if colleague_id not in {person.id for person in _candidates(db, panel)}:
            raise InvalidInput("third_voice.not_a_candidate")
        if kind == "mentor" and panel.has_mentor:
            raise InvalidInput("third_voice.one_mentor")
        by_manager = actor.id == panel.conversation.manager_id
        voice = storage.add_voice(db, conversation_id, colleague_id, kind, access.recorded_id(actor),
                                  actor.id if by_manager else None)
        audit.record_event(db, access.recorded_id(actor), "third_voice.invite", "conversation", conversation_id,
                           detail={"people": [colleague_id]})
    return voice


def consent(db: sqlite_utils.Database, actor: Person, third_voice_id: int) -> ThirdVoice:
    """The manager agrees to a colleague the employee proposed: from now on that colleague is asked."""
    with transaction(db):
        voice, conversation = _voice_in(db, actor, third_voice_id)
        if not _decides(actor, conversation) or not voice.awaits_consent or not _before_meeting(conversation):
            raise NotAllowed()
        storage.consent(db, voice.id, actor.id)
        audit.record_event(db, access.recorded_id(actor), "third_voice.consent", "conversation", conversation.id,
                           detail={"people": [voice.colleague_id]})
    return storage.get_voice(db, voice.id)


def withdraw(db: sqlite_utils.Database, actor: Person, third_voice_id: int) -> None:
    """No longer ask this colleague (before they submitted): the manager any, the employee their
    own proposal still waiting for consent. A card for it stops working."""
    with transaction(db):
        voice, conversation = _voice_in(db, actor, third_voice_id)
        own_proposal = (access.may_act(actor) and actor.id == conversation.employee_id
                        and voice.invited_by == actor.id and voice.awaits_consent)
        if voice.withdrawn_at is not None or not (_decides(actor, conversation) or own_proposal):
            raise NotAllowed()
        if voice.submitted_at is not None:
            raise InvalidInput("third_voice.already_given")
        storage.withdraw(db, voice.id)
        _stop_cards(db, voice.id)
        audit.record_event(db, access.recorded_id(actor), "third_voice.withdraw", "conversation", conversation.id,
                           detail={"people": [voice.colleague_id]})


def invitations_of(db: sqlite_utils.Database, actor: Person, conversation_id: int) -> InvitePanel:
    """Who is asked for input on the conversation: for its two people and HR outside it."""
    conversation = get_conversation(db, actor, conversation_id)
    voices = [voice for voice in storage.voices_of_conversation(db, conversation_id) if voice.withdrawn_at is None]
    named = people.people_by_id(db, [voice.colleague_id for voice in voices])
    may_ask = _before_meeting(conversation) and len(voices) < MAX_VOICES and (
        _decides(actor, conversation) or actor.id == conversation.employee_id)
    decides = _decides(actor, conversation) and _before_meeting(conversation)
    carded = storage.with_live_card(db, conversation_id, datetime.now(UTC).isoformat()) if decides else frozenset()
    return InvitePanel(conversation, tuple((voice, named[voice.colleague_id]) for voice in voices),
                       may_ask, decides, carded)


def candidates(db: sqlite_utils.Database, actor: Person, conversation_id: int) -> tuple[Person, ...]:
    """Whom this person may still invite (the manager) or propose (the employee) for the conversation;
    asked for apart from the panel, since it lists the firm and is wanted only while choosing."""
    panel = invitations_of(db, actor, conversation_id)
    if not panel.can_invite:
        raise NotAllowed()
    return _candidates(db, panel)


def _candidates(db, panel: InvitePanel) -> tuple[Person, ...]:
    conversation = panel.conversation
    in_it = {conversation.employee_id, conversation.manager_id} | {voice.colleague_id for voice, _ in panel.voices}
    # Not HR staff: they read the conversation's answers anyway, and an invited colleague must not.
    return tuple(person for person in people.list_people(db, active_only=True)
                 if person.id not in in_it and not access.sees_every_conversation(person))


def _gives_input(actor: Person | None, voice: ThirdVoice) -> bool:
    """The invited colleague themselves, signed in as ever or with the card for this input; the
    invitation must be live."""
    return (actor is not None and actor.active and actor.id == voice.colleague_id and voice.is_live
            and actor.only_third_voice in (None, voice.id))


def my_requests(db: sqlite_utils.Database, actor: Person) -> list[InputRequest]:
    """The inputs this person was asked for, newest first (with a card for one input: that one)."""
    if actor is None or not actor.active:
        raise NotAllowed()
    found = [voice for voice in storage.voices_of_colleague(db, actor.id) if _gives_input(actor, voice)]
    requests = []
    for voice in found:
        form = _form(db, voice)
        requests.append(InputRequest(voice, form.employee, form.round, not form.frozen))
    return requests


def _asked_about(db, conversation: Conversation) -> tuple[Questionnaire, Person]:
    """The questionnaire the conversation is answered on, and its employee (whose skills are asked)."""
    return parsed(get_version(db, conversation.questionnaire_version_id)), people.get_person(db, conversation.employee_id)


def _form(db, voice: ThirdVoice) -> InputForm:
    # Read past get_conversation on purpose: the colleague may see this form, not the conversation.
    conversation = conversation_rows.get_conversation(db, voice.conversation_id)
    questionnaire, employee = _asked_about(db, conversation)
    return InputForm(voice, employee, rounds.get_round(db, conversation.round_id), questionnaire,
                     questionnaire.skill_items(employee.function_id), storage.answers_of(db, voice.id),
                     voice.submitted_at is not None or not _before_meeting(conversation))


def open_input(db: sqlite_utils.Database, actor: Person, third_voice_id: int) -> InputForm:
    """The form as the invited colleague fills it in; anyone else: NotAllowed (also for unknown ids)."""
    voice = storage.get_voice(db, third_voice_id)
    if voice is None or not _gives_input(actor, voice):
        raise NotAllowed()
    return _form(db, voice)


class InputChangedElsewhere(ChangedElsewhere):
    """Another tab or device of the colleague changed the open answer meanwhile."""

    key = "conversation.answer_changed_elsewhere"  # the words the two sides' form uses


def save_input(db: sqlite_utils.Database, actor: Person, third_voice_id: int, item_id: str, *,
               value: int | None = None, not_applicable: bool = False, text: str | None = None,
               expected: str | None = None) -> Answer:
    """Store one answer as it is given (autosave), checked and written in one write transaction;
    an empty answer removes the stored one. ``expected`` is the open answer as the caller last read
    or saved it: a text changed elsewhere since is refused with InputChangedElsewhere instead of
    overwritten."""
    with transaction(db):
        form = open_input(db, actor, third_voice_id)
        if form.frozen:
            raise InvalidInput("third_voice.closed")
        item = next((item for item in (*form.items, OPEN_QUESTION) if item.id == item_id), None)
        if item is None:
            raise NotAllowed()
        # The same checks as the two sides' answers: on the scale, "n.v.t." only where offered, a
        # text no longer than theirs.
        answer = _checked_answer(form.questionnaire, item, value, not_applicable, text)
        stored = (form.answers[item_id].text or "") if item_id in form.answers else ""
        # Stored texts are stripped; the caller may know one with the space just typed after it.
        InputChangedElsewhere.check(stored, None if expected is None else expected.strip(), answer.text or "")
        if answer.is_given:
            storage.save_answer(db, third_voice_id, answer)
        else:
            storage.delete_answer(db, third_voice_id, item_id)
    return answer


def set_named(db: sqlite_utils.Database, actor: Person, third_voice_id: int, named: bool) -> None:
    """The work mentor agrees (or no longer) to be named with their input; before they submit."""
    with transaction(db):
        form = open_input(db, actor, third_voice_id)
        if form.voice.kind != "mentor":
            raise NotAllowed()
        if form.frozen:
            raise InvalidInput("third_voice.closed")
        storage.set_named(db, third_voice_id, named)


def submit_input(db: sqlite_utils.Database, actor: Person, third_voice_id: int) -> ThirdVoice:
    """Hand the input in once every required skill item is answered; after that it stays as it is."""
    with transaction(db):
        form = open_input(db, actor, third_voice_id)
        if form.frozen:
            raise InvalidInput("third_voice.closed")
        missing = form.missing_required()
        if missing:
            raise MissingAnswers(missing)
        storage.mark_submitted(db, third_voice_id)
        audit.record_event(db, access.recorded_id(actor), "third_voice.submit", "conversation", form.voice.conversation_id)
    return storage.get_voice(db, third_voice_id)


def _card_holder(db, actor: Person, third_voice_id: int) -> tuple[ThirdVoice, Person]:
    """The invitation and its colleague, for the conversation's manager or HR outside it."""
    voice, conversation = _voice_in(db, actor, third_voice_id)
    if not (_decides(actor, conversation) or access.acts_as_hr(actor, conversation)) or not voice.is_live:
        raise NotAllowed()
    return voice, people.get_person(db, voice.colleague_id)


def input_card_pdf(db: sqlite_utils.Database, actor: Person, third_voice_id: int, lang: str,
                   seen_address: str | None = None) -> bytes:
    """A sign-in card for this input alone, for a colleague without a password; an earlier one
    for it stops working."""
    voice, colleague = _card_holder(db, actor, third_voice_id)
    if voice.submitted_at is not None:
        raise InvalidInput("third_voice.already_given")
    if not colleague.active:
        raise NotAllowed()
    return invitations.third_voice_card_pdf(db, actor, colleague, voice.id, lang, seen_address)


def revoke_input_card(db: sqlite_utils.Database, actor: Person, third_voice_id: int) -> None:
    """The card for this input stops working, and whoever it signed in is signed out."""
    with transaction(db):
        voice, colleague = _card_holder(db, actor, third_voice_id)
        _stop_cards(db, voice.id)
        audit.record_event(db, access.recorded_id(actor), "invitation.revoke", "person", colleague.id)


def _stop_cards(db, third_voice_id: int) -> None:
    cards.revoke_third_voice_cards(db, third_voice_id)
    storage.end_card_sessions(db, third_voice_id)


def comparison_column(db: sqlite_utils.Database, actor: Person, conversation_id: int) -> ThirdColumn | None:
    """The third voice beside the two sides: only once both have submitted, for whoever may read
    the comparison; None when nobody was asked."""
    conversation = get_conversation(db, actor, conversation_id)
    if not is_revealed(conversation.status):
        raise NotRevealed()
    questionnaire, employee = _asked_about(db, conversation)
    voices = storage.voices_of_conversation(db, conversation_id)
    names = people.people_by_id(db, [voice.colleague_id for voice in voices])
    given = [(voice, names[voice.colleague_id].name, storage.answers_of(db, voice.id)) for voice in voices]
    return third_column(given, [item.id for item in questionnaire.skill_items(employee.function_id)])


def privacy_export(db: sqlite_utils.Database, actor: Person, person_id: int) -> dict[str, list[dict]]:
    """For HR's privacy export of a person: the invitations they got and every answer they gave,
    and about their own conversations the third column as the comparison shows it (once both sides
    are in; never one colleague's answers, which are theirs)."""
    access.require_hr(actor)
    data = storage.rows_about(db, person_id)
    shown = []
    for conversation in conversation_rows.conversations_of_employee(db, person_id):
        if is_revealed(conversation.status):
            column = comparison_column(db, actor, conversation.id)
            if column is not None:
                shown.append({"conversation_id": conversation.id, **asdict(column)})
    data["third_voice_received"] = shown
    return data
