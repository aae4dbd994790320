"""Filling in, submitting and comparing: the blind part of a conversation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlite_utils

from db import audit, conversations, people, rounds
from db._rows import now
from db.connection import transaction
from devtalk.domain import access
from devtalk.domain.comparison import Comparison, compare
from devtalk.domain.models import Answer, Conversation, Person, Round
from devtalk.domain.status import STATUSES, AlreadySubmitted, is_revealed, next_status, still_to_fill_in
from devtalk.errors import ChangedElsewhere, InvalidInput, NotAllowed, NotFound
from devtalk.questionnaire import Item, Questionnaire, Section
from devtalk.services.library import get_version, parsed

MAX_TEXT = 5000


class MissingAnswers(InvalidInput):
    """Submit refused: these required items have no answer yet."""

    key = "conversation.missing_answers"

    def __init__(self, items: list[Item]):
        super().__init__(count=len(items))
        self.items = items


class AnswerChangedElsewhere(ChangedElsewhere):
    """The stored answer (an Answer, None when nothing is stored) changed meanwhile."""

    key = "conversation.answer_changed_elsewhere"


# save_answer's ``expected`` when the caller does not know what is stored (the CLI, the demo).
UNCHECKED = object()


class NotRevealed(NotAllowed):
    """The blind rule: the other side stays hidden until both have submitted."""

    key = "conversation.not_revealed"


@dataclass(frozen=True)
class Progress:
    required: int
    required_answered: int


@dataclass(frozen=True)
class ConversationSummary:
    conversation: Conversation
    employee: Person
    manager: Person
    round: Round
    my_side: str | None
    to_fill_in: bool = False  # my side still has to be filled in, in a round that is still running
    overdue: bool = False  # ... and the round's fill-in deadline has passed
    current: bool = True  # in the newest round of all my conversations (else an earlier year's)


@dataclass(frozen=True)
class FillInForm:
    conversation: Conversation
    side: str
    employee: Person
    round: Round
    questionnaire: Questionnaire
    sections: tuple[Section, ...]
    answers: dict[str, Answer]

    @property
    def frozen(self) -> bool:
        return self.conversation.submitted_at(self.side) is not None

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items)

    def missing_required(self) -> list[Item]:
        return [i for i in self.items if i.required and not (i.id in self.answers and self.answers[i.id].is_given)]

    @property
    def progress(self) -> Progress:
        required = [item for item in self.items if item.required]
        given = {item_id for item_id, answer in self.answers.items() if answer.is_given}
        return Progress(
            required=len(required),
            required_answered=sum(1 for item in required if item.id in given),
        )


@dataclass(frozen=True)
class ComparisonView:
    conversation: Conversation
    employee: Person
    manager: Person
    round: Round
    questionnaire: Questionnaire
    comparison: Comparison


def get_conversation(db: sqlite_utils.Database, actor: Person, conversation_id: int) -> Conversation:
    """The conversation if this person may see it at all; NotAllowed otherwise (also for unknown ids,
    so probing ids tells nothing), NotFound for an unknown id only to those who see every one."""
    conversation = conversations.get_conversation(db, conversation_id)
    if conversation is None and access.sees_every_conversation(actor):
        raise NotFound()
    if conversation is None or not access.can_view_conversation(actor, conversation):
        raise NotAllowed()
    return conversation


def my_conversations(db: sqlite_utils.Database, actor: Person, today: date | None = None,
                     ) -> tuple[list[ConversationSummary], list[ConversationSummary]]:
    """My own conversations, newest first, and those I lead as a manager: newest round first,
    within a round by status (the ones still to do first), then by name."""
    if not access.may_act(actor):
        raise NotAllowed()
    own = conversations.conversations_of_employee(db, actor.id)
    led = [] if actor.restricted else conversations.conversations_led_by(db, actor.id)
    own, led = _summaries(db, actor, own, led, today=today or date.today())
    return own, sorted(led, key=lambda summary: (
        _newest_first(summary.round), STATUSES.index(summary.conversation.status), summary.employee.name.casefold()))


def _summaries(db: sqlite_utils.Database, actor: Person, *lists: list[Conversation], today: date,
               ) -> list[list[ConversationSummary]]:
    found = [c for conversations_ in lists for c in conversations_]
    persons = people.people_by_id(db, [c.employee_id for c in found] + [c.manager_id for c in found])
    round_of = rounds.rounds_by_id(db, [c.round_id for c in found])
    newest = min(round_of.values(), key=_newest_first, default=None)

    def summary(c: Conversation) -> ConversationSummary:
        side, found_round = c.side_of(actor.id), round_of[c.round_id]
        deadline = found_round.fill_deadline
        to_fill_in = found_round.closed_at is None and still_to_fill_in(c.status, side)
        # The same rule as the round's dashboard (completion): past the fill-in deadline.
        overdue = to_fill_in and deadline is not None and deadline < today
        return ConversationSummary(c, persons[c.employee_id], persons[c.manager_id], found_round, side,
                                   to_fill_in=to_fill_in, overdue=overdue, current=found_round.id == newest.id)

    return [[summary(c) for c in conversations_] for conversations_ in lists]


def _newest_first(found: Round) -> tuple:
    return -found.created_at.timestamp(), -found.id


def _questionnaire_for(db: sqlite_utils.Database, conversation: Conversation) -> tuple[Questionnaire, Person]:
    employee = people.get_person(db, conversation.employee_id)
    return parsed(get_version(db, conversation.questionnaire_version_id)), employee


def read_answers(db: sqlite_utils.Database, actor: Person, conversation_id: int, side: str) -> dict[str, Answer]:
    """One side's answers, under the blind rule."""
    return _answers_of_side(db, actor, get_conversation(db, actor, conversation_id), side)


def _answers_of_side(db: sqlite_utils.Database, actor: Person, conversation: Conversation, side: str) -> dict[str, Answer]:
    if not access.can_read_side(actor, conversation, side):
        raise NotRevealed()
    answers = conversations.answers_of(db, conversation.id, side)
    if actor.id == conversation.employee_id:
        return answers
    # The learning climate is the employee's own experience: nobody else reads it per person.
    questionnaire = parsed(get_version(db, conversation.questionnaire_version_id))
    return {item_id: answer for item_id, answer in answers.items() if not questionnaire.employee_only(item_id)}


def open_form(db: sqlite_utils.Database, actor: Person, conversation_id: int) -> FillInForm:
    """The questionnaire as this person fills it in: their side, their answers so far."""
    conversation = get_conversation(db, actor, conversation_id)
    side = conversation.side_of(actor.id)
    if side is None:
        raise NotAllowed()
    questionnaire, employee = _questionnaire_for(db, conversation)
    return FillInForm(
        conversation=conversation,
        side=side,
        employee=employee,
        round=rounds.get_round(db, conversation.round_id),
        questionnaire=questionnaire,
        sections=questionnaire.sections_for(employee.function_id, side),
        answers=conversations.answers_of(db, conversation_id, side),
    )


def save_answer(
    db: sqlite_utils.Database,
    actor: Person,
    conversation_id: int,
    item_id: str,
    *,
    value: int | None = None,
    not_applicable: bool = False,
    text: str | None = None,
    expected: Answer | None | object = UNCHECKED,
) -> Answer:
    """Store one answer as it is given (autosave); an empty answer removes the stored one.

    ``expected`` is the answer as the caller last read or saved it (None: nothing stored then):
    if the stored one differs now, another tab changed it and AnswerChangedElsewhere refuses,
    so neither text is lost without the person knowing. Checked and written in one write
    transaction: a submit or a save from another tab cannot land between the checks and the write.
    """
    with transaction(db):
        conversation = get_conversation(db, actor, conversation_id)
        side = conversation.side_of(actor.id)
        if side is None:
            raise NotAllowed()
        if not access.can_write_side(actor, conversation, side):
            raise AlreadySubmitted(side=side)
        questionnaire, employee = _questionnaire_for(db, conversation)
        item = _asked_item(questionnaire, employee, side, item_id)
        answer = _checked_answer(questionnaire, item, value, not_applicable, text)
        stored = conversations.answer_of(db, conversation_id, side, item_id)
        if expected is not UNCHECKED and stored != expected and stored != _as_stored(answer):
            raise AnswerChangedElsewhere(stored)
        if answer.is_given:
            conversations.save_answer(db, conversation_id, side, answer)
        else:
            conversations.delete_answer(db, conversation_id, side, item_id)
    return answer


def _as_stored(answer: Answer) -> Answer | None:
    """What storing ``answer`` leaves: the answer, or nothing for an empty one."""
    return answer if answer.is_given else None


def _asked_item(questionnaire: Questionnaire, employee: Person, side: str, item_id: str) -> Item:
    """The item if this side's form asks it (the manager's form leaves out the learning climate)."""
    for item in questionnaire.items_for(employee.function_id, side):
        if item.id == item_id:
            return item
    raise NotFound()


def _checked_answer(questionnaire: Questionnaire, item: Item, value, not_applicable: bool, text) -> Answer:
    if item.type == "open":
        text = (text or "").strip()
        if len(text) > MAX_TEXT:
            raise InvalidInput("conversation.text_too_long", maximum=MAX_TEXT)
        return Answer(item.id, text=text or None)
    scale = questionnaire.scale_of(item)
    if not_applicable:
        if not scale.not_applicable:
            raise InvalidInput("conversation.not_applicable_not_offered")
        return Answer(item.id, not_applicable=True)
    if value is not None and value not in scale.points:
        raise InvalidInput("conversation.value_not_on_scale", value=value)
    return Answer(item.id, value=value)


def submit(db: sqlite_utils.Database, actor: Person, conversation_id: int) -> Conversation:
    """Freeze this person's side once every required item is answered; checked and frozen in one
    write transaction, so an answer cleared in another tab cannot slip in between."""
    with transaction(db):
        form = open_form(db, actor, conversation_id)
        missing = form.missing_required()
        if missing:
            raise MissingAnswers(missing)
        status = next_status(form.conversation.status, "submit", form.side)
        updated = conversations.update_conversation(
            db, conversation_id, status=status, **{f"{form.side}_submitted_at": now()}
        )
        audit.record_event(db, access.recorded_id(actor), "conversation.submit", "conversation", conversation_id, detail={"side": form.side})
    return updated


def comparison_view(db: sqlite_utils.Database, actor: Person, conversation_id: int) -> ComparisonView:
    """Both sides next to each other; only once both are in."""
    conversation = get_conversation(db, actor, conversation_id)
    if not is_revealed(conversation.status):
        raise NotRevealed()
    questionnaire, employee = _questionnaire_for(db, conversation)
    comparison = compare(
        questionnaire,
        employee.function_id,
        _answers_of_side(db, actor, conversation, "employee"),
        _answers_of_side(db, actor, conversation, "manager"),
    )
    return ComparisonView(
        conversation=conversation,
        employee=employee,
        manager=people.get_person(db, conversation.manager_id),
        round=rounds.get_round(db, conversation.round_id),
        questionnaire=questionnaire,
        comparison=comparison,
    )


def reopen_side(db: sqlite_utils.Database, actor: Person, conversation_id: int, side: str, reason: str) -> Conversation:
    """HR lets one side change its answers again, before the meeting, with a recorded reason."""
    access.require_hr(actor)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("conversation.reason_required")
    with transaction(db):
        conversation = get_conversation(db, actor, conversation_id)
        # Not in a conversation of their own: reopening their side after seeing the other would
        # undo the blind rule, reopening the manager's would rewrite the other side of their own talk.
        if not access.acts_as_hr(actor, conversation):
            raise NotAllowed()
        status = next_status(conversation.status, "reopen", side)
        updated = conversations.update_conversation(db, conversation_id, status=status, **{f"{side}_submitted_at": None})
        audit.record_event(db, access.recorded_id(actor), "conversation.reopen", "conversation", conversation_id,
                           {"side": side, "reason": reason[:500]})
    return updated


