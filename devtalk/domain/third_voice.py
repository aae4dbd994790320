"""A third voice from the work floor: what colleagues or the work mentor said, as the comparison shows it.

Colleagues speak more freely when the employee cannot tell who said what. So their input shows only
as a group of at least MIN_GROUP: the average per skill item and the open answers without names, in
an order that says nothing about who wrote which: alphabetical. Any order drawn from the invitations
(their order, or a shuffle seeded by the conversation that anyone can redo) would match the answers
to the invitation list the two sides see, and with it to who handed in. The one
exception is the work mentor, whom the employee knows anyway: when the mentor is the only one who
answered and agreed to be named, their own answers show under their name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from devtalk.domain.models import Answer

KINDS = ("colleague", "mentor")
MAX_VOICES = 3
MIN_GROUP = 3
# The one open question, stored beside the skill items under this id (no questionnaire item has it).
OPEN_ITEM = "third_voice_open"


@dataclass(frozen=True)
class ThirdVoice:
    """One invitation: who gives input on which conversation, and where it stands."""

    id: int
    conversation_id: int
    colleague_id: int
    kind: str
    invited_by: int | None
    consented_by: int | None
    consented_at: datetime | None
    named: bool
    created_at: datetime
    withdrawn_at: datetime | None = None
    submitted_at: datetime | None = None

    @property
    def awaits_consent(self) -> bool:
        """Proposed by the employee; the manager has not agreed yet, so the colleague is not asked yet."""
        return self.consented_at is None and self.withdrawn_at is None

    @property
    def is_live(self) -> bool:
        """The colleague is asked: consented and not withdrawn."""
        return self.consented_at is not None and self.withdrawn_at is None


@dataclass(frozen=True)
class ThirdColumn:
    """The third column of a comparison. ``shown`` False: too few answered to show anything
    (``answered`` says how many); ``named`` is the work mentor's name when it is their own input.
    ``values`` per skill item: the mentor's value or the group's average, None for none to show."""

    named: str | None
    shown: bool
    answered: int
    values: dict[str, float | None]
    open_answers: tuple[str, ...]


def third_column(voices: list[tuple[ThirdVoice, str, dict[str, Answer]]], item_ids: list[str]) -> ThirdColumn | None:
    """The column for these invitations (each with the colleague's name and answers); None when
    nobody was asked. Only submitted input counts."""
    asked = [voice for voice in voices if voice[0].is_live]
    if not asked:
        return None
    given = [(voice, name, answers) for voice, name, answers in asked if voice.submitted_at is not None]
    if len(given) == 1 and given[0][0].kind == "mentor" and given[0][0].named:
        _, name, answers = given[0]
        values = {item_id: answers[item_id].value if item_id in answers else None for item_id in item_ids}
        return ThirdColumn(name, True, 1, values, tuple(_texts([answers])))
    if len(given) < MIN_GROUP:
        return ThirdColumn(None, False, len(given), {}, ())
    every = [answers for _, _, answers in given]
    texts = sorted(_texts(every), key=lambda text: (text.casefold(), text))
    return ThirdColumn(None, True, len(given), {item_id: _average(every, item_id) for item_id in item_ids}, tuple(texts))


def _average(every: list[dict[str, Answer]], item_id: str) -> float | None:
    """The mean of the values given; None unless MIN_GROUP gave one (a lone value among "n.v.t."s
    would be one person's)."""
    values = [answers[item_id].value for answers in every if item_id in answers and answers[item_id].value is not None]
    return sum(values) / len(values) if len(values) >= MIN_GROUP else None


def _texts(every: list[dict[str, Answer]]) -> list[str]:
    return [answers[OPEN_ITEM].text.strip() for answers in every
            if OPEN_ITEM in answers and answers[OPEN_ITEM].text and answers[OPEN_ITEM].text.strip()]
