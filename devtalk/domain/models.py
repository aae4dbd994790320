"""Plain records the storage layer hands out; no I/O, no framework."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

ROLES = ("employee", "manager", "hr_admin", "training_coordinator")
# The fund portal's administrators (issue 20) hold this role, in the fund's own firm only. It is not
# among a firm's ROLES: no firm's HR, import or export can grant it.
FUND_ADMIN = "fund_admin"
SIDES = ("employee", "manager")
ACTION_KINDS = (
    "on_the_job",
    "walk_along",
    "mentor",
    "coaching",
    "course",
    "certificate_renewal",
    "job_rotation",
    "task_enrichment",
    "peer_consultation",
    "reading",
    "other",
)
ACTION_STATUSES = ("open", "in_progress", "done", "dropped")
HELPED = ("helped", "partly", "not")
# The "n.v.t." choice of a scale question, offered beside its points (in the form and its preview).
NOT_APPLICABLE = "na"


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    username: str
    email: str | None = None
    function_id: str | None = None
    manager_id: int | None = None
    roles: tuple[str, ...] = ("employee",)
    language: str = "nl"
    active: bool = True
    # Signed in with an invitation code: this person's own conversations only, whatever roles
    # they have, because a code on a printed card is easier to lose than a password.
    restricted: bool = False
    # Signed in with a card for one third-voice input alone (devtalk.services.third_voice): that
    # invitation's form and nothing else; every rule in devtalk.domain.access refuses it.
    only_third_voice: int | None = None

    @property
    def is_hr(self) -> bool:
        """Holds HR's rights now: a deactivated person holds none, even through a stale record."""
        return self.active and "hr_admin" in self.roles

    @property
    def is_fund_admin(self) -> bool:
        return self.active and FUND_ADMIN in self.roles


@dataclass(frozen=True)
class JobFunction:
    id: str
    name: str
    description: str = ""
    active: bool = True


@dataclass(frozen=True)
class QuestionnaireVersion:
    id: int
    questionnaire_id: str
    version: int
    content_hash: str
    yaml: str
    created_at: datetime


@dataclass(frozen=True)
class Round:
    id: int
    name: str
    questionnaire_version_id: int
    fill_deadline: date | None
    meeting_deadline: date | None
    created_at: datetime
    closed_at: datetime | None = None


@dataclass(frozen=True)
class Conversation:
    id: int
    round_id: int
    employee_id: int
    manager_id: int
    questionnaire_version_id: int
    status: str
    employee_submitted_at: datetime | None = None
    manager_submitted_at: datetime | None = None
    held_at: datetime | None = None

    def submitted_at(self, side: str) -> datetime | None:
        return self.employee_submitted_at if side == "employee" else self.manager_submitted_at

    def side_of(self, person_id: int) -> str | None:
        """Which form this person fills in, if any."""
        if person_id == self.employee_id:
            return "employee"
        if person_id == self.manager_id:
            return "manager"
        return None


@dataclass(frozen=True)
class Answer:
    item_id: str
    value: int | None = None
    not_applicable: bool = False
    text: str | None = None

    @property
    def is_given(self) -> bool:
        return self.value is not None or self.not_applicable or bool(self.text and self.text.strip())


@dataclass(frozen=True)
class AgendaPoint:
    """One thing to talk about; ``ref`` names the item or action it is about, or holds the
    manager's own wording for a point they added."""

    key: str
    kind: str
    ref: str
    note: str = ""


@dataclass(frozen=True)
class Report:
    conversation_id: int
    agenda: tuple[AgendaPoint, ...] = ()
    agreements: str = ""
    summary: str = ""
    employee_comment: str = ""
    finalised_at: datetime | None = None
    acknowledged_at: datetime | None = None


@dataclass(frozen=True)
class ProgressNote:
    id: int
    action_id: int
    author_id: int
    note: str
    created_at: datetime


@dataclass(frozen=True)
class Action:
    id: int
    conversation_id: int
    employee_id: int
    what: str
    kind: str
    owner_id: int | None
    due_date: date | None
    status: str = "open"
    helped: str | None = None
    created_at: datetime | None = None
    notes: tuple[ProgressNote, ...] = field(default=())


@dataclass(frozen=True)
class DossierNote:
    id: int
    employee_id: int
    author_id: int
    note: str
    private: bool
    created_at: datetime


@dataclass(frozen=True)
class AuditEvent:
    id: int
    at: datetime
    actor_id: int | None
    action: str
    record_type: str
    record_id: str
    detail: str = ""


@dataclass(frozen=True)
class QuestionnaireDraft:
    """A questionnaire an HR person is composing in the builder, stored at every change; ``revision``
    counts the changes, so a tab that saw an older one is told instead of overwriting it."""

    id: int
    owner_id: int
    questionnaire_id: str
    base_version_id: int | None  # the questionnaire's newest stored version as the draft started; None: none yet
    content: str  # the draft as devtalk.questionnaire.builder.to_json wrote it: it may still be invalid
    revision: int
    created_at: datetime
    updated_at: datetime
    yaml_text: str | None = None  # typed in the YAML view, not readable as a draft yet; None: none waiting


@dataclass(frozen=True)
class CheckIn:
    """A short talk between two yearly ones, started by the employee or their manager on a version
    of HR's check-in list (``list_id``); ``status`` is "open" until one of them finishes it."""

    id: int
    employee_id: int
    started_by: int
    started_at: datetime
    list_id: int
    status: str = "open"
    done_at: datetime | None = None
