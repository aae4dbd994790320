"""What gets printed about one conversation, gathered by the printing service.

The PDF builders take this plain record instead of reaching into the database: access has
already been checked by the service that filled it, and the builders stay easy to test.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from devtalk.domain.comparison import Comparison
from devtalk.domain.models import Action, AgendaPoint, Conversation, Person, QuestionnaireVersion, Report, Round
from devtalk.domain.third_voice import ThirdColumn
from devtalk.questionnaire import Questionnaire


@dataclass(frozen=True)
class ConversationContent:
    firm: str
    conversation: Conversation
    employee: Person
    manager: Person
    round: Round
    version: QuestionnaireVersion
    questionnaire: Questionnaire
    comparison: Comparison | None
    report: Report | None = None
    actions: tuple[Action, ...] = ()
    # Actions of earlier conversations, by id: agenda points look back on them.
    earlier_actions: Mapping[int, Action] = field(default_factory=dict)
    # Everyone an action or note may name as owner or author.
    names: Mapping[int, str] = field(default_factory=dict)
    # The proposed agenda, for the preparation sheet (the report carries its own).
    proposed_agenda: tuple[AgendaPoint, ...] = ()
    # The colleagues' input beside the two sides, for the preparation sheet (None: nobody asked).
    third_voice: ThirdColumn | None = None
