"""Who may see or change what (DESIGN.md's table), as plain rules over records.

Services call these before every read or write; pages never decide access themselves.
Three rules run through all of them:

- A deactivated person may do nothing: a stale Person of someone since deactivated (an open tab,
  a cached object) is refused by every rule here.
- Whoever takes part in a conversation is bound by the rules of their part in it, HR staff too:
  an HR person who is the employee in a conversation is that conversation's employee, blind rule,
  draft report and all. HR's wider view covers only conversations they are not in.
- A draft report and its draft actions are the manager's own work until the report is final.
"""

from __future__ import annotations

from devtalk.domain.models import Action, Conversation, DossierNote, Person
from devtalk.domain.status import is_reported, is_revealed, submitted_sides
from devtalk.errors import NotAllowed

# The command line runs as whoever can read the database file: it acts with HR's rights, as this
# one explicit person. No row has id 0, so the operator takes part in no conversation and leads
# nobody; what it does is recorded without a person (``recorded_id``), as the log always showed it.
OPERATOR = Person(id=0, name="command line", username="cli", roles=("hr_admin",))


def may_act(actor: Person | None) -> bool:
    """Every call checks again: someone deactivated since signing in can do nothing more.
    None (a caller that lost track of who acts) is nobody, never a superuser. A session from a card
    for one third-voice input may open that form only (devtalk.services.third_voice), nothing here."""
    return actor is not None and actor.active and actor.only_third_voice is None


def require_hr(actor: Person) -> None:
    """The one gate of every HR-only service: HR outside a sign-in-code session, else NotAllowed."""
    if not sees_every_conversation(actor):
        raise NotAllowed()


def require_fund_admin(actor: Person) -> None:
    """The gate of every fund-portal service: a fund administrator signed in with a password."""
    if not (may_act(actor) and actor.is_fund_admin and not actor.restricted):
        raise NotAllowed()


def recorded_id(actor: Person) -> int | None:
    """Who the audit log and ``created_by`` name: the person, or none for the command line (the
    columns reference people, and the operator is not one of them)."""
    return None if actor.id == OPERATOR.id else actor.id


def takes_part(actor: Person, conversation: Conversation) -> bool:
    return actor.id in (conversation.employee_id, conversation.manager_id)


def acts_as_hr(actor: Person, conversation: Conversation) -> bool:
    """HR's wider view, which stops at the conversations HR staff take part in themselves."""
    return may_act(actor) and actor.is_hr and not actor.restricted and not takes_part(actor, conversation)


def leads(actor: Person, employee: Person) -> bool:
    """The employee's manager now (a sign-in-code session leads nobody)."""
    return may_act(actor) and not actor.restricted and employee.manager_id == actor.id and actor.id != employee.id


def sees_every_conversation(actor: Person) -> bool:
    """HR outside a sign-in-code session (and the command line): to them an unknown id may say so,
    as it reveals nothing they could not see anyway."""
    return may_act(actor) and actor.is_hr and not actor.restricted


def can_view_conversation(actor: Person, conversation: Conversation) -> bool:
    if not may_act(actor):
        return False
    if actor.restricted:
        return actor.id == conversation.employee_id
    return actor.is_hr or takes_part(actor, conversation)


def can_read_side(actor: Person, conversation: Conversation, side: str) -> bool:
    """Your own side always; the other side only once both are in (the blind rule, which binds HR
    staff in their own conversations like anyone); HR reads both sides of the others."""
    if not can_view_conversation(actor, conversation):
        return False
    own = conversation.side_of(actor.id)
    if own is None:
        return acts_as_hr(actor, conversation)
    return own == side or is_revealed(conversation.status)


def can_write_side(actor: Person, conversation: Conversation, side: str) -> bool:
    return (can_view_conversation(actor, conversation) and conversation.side_of(actor.id) == side
            and side not in submitted_sides(conversation.status))


def can_write_report(actor: Person, conversation: Conversation) -> bool:
    return may_act(actor) and not actor.restricted and actor.id == conversation.manager_id


def can_acknowledge_report(actor: Person, conversation: Conversation) -> bool:
    """Only the employee of the conversation says they read its report (HR staff too, in their own)."""
    return can_view_conversation(actor, conversation) and actor.id == conversation.employee_id


def can_read_draft(actor: Person, conversation: Conversation) -> bool:
    """The draft report and its draft actions: the manager who writes it, and HR outside it."""
    return can_write_report(actor, conversation) or acts_as_hr(actor, conversation)


def can_read_report(actor: Person, conversation: Conversation, finalised: bool) -> bool:
    """Everyone in the conversation (and HR) reads the report once it is final; a draft is the manager's own work."""
    if not can_view_conversation(actor, conversation):
        return False
    return finalised or can_read_draft(actor, conversation)


def can_read_history(actor: Person, employee: Person, conversation: Conversation) -> bool:
    """A conversation's final report and agreed actions, as the dossier shows them: whoever may read
    the report, and also the employee's manager now when it was held with someone else, who carries
    the development on (its answers, comparison and private notes stay with those who were there)."""
    if conversation.employee_id != employee.id or not is_reported(conversation.status):
        return False
    return can_read_report(actor, conversation, finalised=True) or leads(actor, employee)


def can_follow_up_action(actor: Person, action: Action, conversation: Conversation, employee: Person) -> bool:
    """See an action and follow it up (status, progress notes, "did it help?").

    An agreed action (its report is final): the employee, its owner, the manager who agreed it, the
    employee's manager now and HR. A draft action belongs to the draft: only who may read that.
    An HR person who is the employee here follows up like any employee; changing what was agreed
    happens only in the report, by its manager (services.actions)."""
    if not may_act(actor) or action.conversation_id != conversation.id or action.employee_id != employee.id:
        return False
    if not is_reported(conversation.status):
        return can_read_draft(actor, conversation)
    if actor.restricted:
        return actor.id == action.employee_id
    return can_read_history(actor, employee, conversation) or actor.id == action.owner_id


def can_view_dossier(actor: Person, employee: Person) -> bool:
    if not may_act(actor):
        return False
    if actor.restricted:
        return actor.id == employee.id
    return actor.is_hr or actor.id == employee.id or leads(actor, employee)


def can_write_dossier_note(actor: Person, employee: Person) -> bool:
    """A note between conversations: by the employee's manager now, or by HR (not on themselves)."""
    if not can_view_dossier(actor, employee) or actor.restricted or actor.id == employee.id:
        return False
    return actor.is_hr or leads(actor, employee)


def can_read_dossier_note(actor: Person, employee: Person, note: DossierNote) -> bool:
    """Whoever opens the dossier reads its notes; a private note only its author and HR, never the
    employee (HR staff included, on themselves) nor a later manager."""
    if not can_view_dossier(actor, employee) or note.employee_id != employee.id:
        return False
    if not note.private:
        return True
    if actor.restricted or actor.id == employee.id:
        return False
    return actor.is_hr or actor.id == note.author_id


# --- learning requests (issue 17) ------------------------------------------------------------

def coordinates_learning(actor: Person) -> bool:
    """The training coordinator's queue, budget and costs: the role, or HR (who has its rights);
    never in a sign-in-code session."""
    return may_act(actor) and not actor.restricted and (actor.is_hr or "training_coordinator" in actor.roles)


def can_view_learning_request(actor: Person, employee: Person) -> bool:
    """A learning request: its employee (a card session too), their manager now and the coordinator."""
    if not may_act(actor):
        return False
    return actor.id == employee.id or coordinates_learning(actor) or leads(actor, employee)
