"""Who may see or change what (DESIGN.md's table), as plain rules over records.

Services call these before every read or write; pages never decide access themselves.
"""

from __future__ import annotations

from devtalk.models import Action, Conversation, Person
from devtalk.status import is_revealed, submitted_sides


def takes_part(actor: Person, conversation: Conversation) -> bool:
    return actor.id in (conversation.employee_id, conversation.manager_id)


def sees_every_conversation(actor: Person) -> bool:
    """HR outside a sign-in-code session (and the command line): to them an unknown id may say so,
    as it reveals nothing they could not see anyway."""
    return actor.is_hr and not actor.restricted


def can_view_conversation(actor: Person, conversation: Conversation) -> bool:
    if actor.restricted:
        return actor.id == conversation.employee_id
    return actor.is_hr or takes_part(actor, conversation)


def can_read_side(actor: Person, conversation: Conversation, side: str) -> bool:
    """Your own side always; the other side only once both are in (the blind rule)."""
    if actor.is_hr:
        return True
    own = conversation.side_of(actor.id)
    if own is None:
        return False
    return own == side or is_revealed(conversation.status)


def can_write_side(actor: Person, conversation: Conversation, side: str) -> bool:
    return conversation.side_of(actor.id) == side and side not in submitted_sides(conversation.status)


def can_write_report(actor: Person, conversation: Conversation) -> bool:
    return not actor.restricted and actor.id == conversation.manager_id


def can_read_report(actor: Person, conversation: Conversation, finalised: bool) -> bool:
    """The employee reads the report once it is final; a draft is the manager's own work."""
    if actor.is_hr or actor.id == conversation.manager_id:
        return True
    return actor.id == conversation.employee_id and finalised


def can_view_dossier(actor: Person, employee: Person) -> bool:
    if actor.restricted:
        return actor.id == employee.id
    return actor.is_hr or actor.id == employee.id or employee.manager_id == actor.id


def can_see_private_notes(actor: Person, employee: Person) -> bool:
    if actor.restricted:
        return False
    return actor.is_hr or (employee.manager_id == actor.id and actor.id != employee.id)


def can_manage_action(actor: Person, action: Action, conversation: Conversation) -> bool:
    """Change what, kind, owner, due date: the manager of that conversation, or HR."""
    return not actor.restricted and (actor.is_hr or actor.id == conversation.manager_id)


def can_follow_up_action(actor: Person, action: Action, conversation: Conversation) -> bool:
    """Set status and add progress notes: also the employee and the owner."""
    if actor.restricted:
        return actor.id == action.employee_id
    return can_manage_action(actor, action, conversation) or actor.id in (action.employee_id, action.owner_id)
