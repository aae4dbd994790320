"""A proposed agenda for the conversation, which the manager can reorder and trim.

What to talk about follows from the comparison: where the two pictures differ most, where
one side says "not applicable", what both rate low, what gives the employee energy and what
they want to learn, and how the actions agreed last time worked out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date

from devtalk.domain.check_ins import CarriedPoint
from devtalk.domain.comparison import NA_ONE_SIDE, Comparison, shown_answer
from devtalk.domain.models import Action, AgendaPoint
from devtalk.i18n import t
from devtalk.questionnaire import Questionnaire, localized

_OPEN_TAGS = ("energy", "learning_wish")
_SCALE_KINDS = ("gap", "na_one_side", "both_low", "below_required")
_OWN_REFS = ("certificate", "action_review")  # points whose ref is no item id  # points about one scale item, whose answers they recall


def propose_agenda(comparison: Comparison, earlier_actions: Iterable[Action] = (),
                   certificate_gaps: Iterable[str] = (), check_ins: Iterable[CarriedPoint] = ()) -> tuple[AgendaPoint, ...]:
    """The points worth discussing, most telling first, each item at most once; an item below
    what the job function requires comes before a mere difference of view. ``certificate_gaps``
    names the required certificate types (by name) that are missing or run out before the next round;
    ``check_ins`` what the check-ins since the last talk left open (domain.check_ins.carried_points)."""
    points: list[AgendaPoint] = []
    seen: set[str] = set()

    def add(kind: str, ref: str) -> None:
        # An item is discussed once whatever made it a point; a certificate or an action is no item.
        mark = f"{kind}:{ref}" if kind in _OWN_REFS else ref
        if mark not in seen:
            seen.add(mark)
            points.append(AgendaPoint(key=f"{kind}:{ref}", kind=kind, ref=ref))

    for row in comparison.short_of_required():
        add("below_required", row.item.id)
    for type_id in certificate_gaps:
        add("certificate", str(type_id))
    for row in comparison.largest_gaps():
        add("gap", row.item.id)
    for row in comparison.likert:
        if row.flag == NA_ONE_SIDE:
            add("na_one_side", row.item.id)
    for row in comparison.likert:
        if row.both_low:
            add("both_low", row.item.id)
    for row in comparison.open:
        tag = next((tag for tag in _OPEN_TAGS if tag in row.item.tags), None)
        if tag and (row.employee_text or row.manager_text):
            add(tag, row.item.id)
    for carried in check_ins:
        key, ref = _check_in_point(carried)
        if key not in seen:
            seen.add(key)
            points.append(AgendaPoint(key=key, kind="check_in", ref=ref))
        if carried.action_id is not None:
            # An action a check-in left open is talked about as that; its plain look back would repeat it.
            seen.add(f"action_review:{carried.action_id}")
    for action in earlier_actions:
        add("action_review", str(action.id))
    return tuple(points)


def _check_in_point(carried: CarriedPoint) -> tuple[str, str]:
    """The key and ref of a point a check-in left. The ref holds what its title needs (the date,
    the question in every language of the list, or the action's id), so a report keeps it as it
    was agreed whatever the check-in list becomes."""
    if carried.action_id is not None:
        return f"check_in:action:{carried.action_id}", json.dumps({"on": carried.on.isoformat(), "action": carried.action_id})
    question = carried.question
    ref = {"on": carried.on.isoformat(), "question": dict(question.text)}
    return f"check_in:{question.id}", json.dumps(ref, ensure_ascii=False)


def move(points: tuple[AgendaPoint, ...], key: str, offset: int) -> tuple[AgendaPoint, ...]:
    """The agenda with one point moved up (negative offset) or down, clamped at the ends."""
    order = list(points)
    index = next(i for i, point in enumerate(order) if point.key == key)
    target = min(max(index + offset, 0), len(order) - 1)
    order.insert(target, order.pop(index))
    return tuple(order)


def remove(points: tuple[AgendaPoint, ...], key: str) -> tuple[AgendaPoint, ...]:
    return tuple(point for point in points if point.key != key)


def add_custom(points: tuple[AgendaPoint, ...], text: str) -> tuple[AgendaPoint, ...]:
    """A point the manager adds in their own words."""
    number = 1 + sum(1 for point in points if point.kind == "custom")
    return points + (AgendaPoint(key=f"custom:{number}:{len(points)}", kind="custom", ref=text.strip()),)


def with_note(points: tuple[AgendaPoint, ...], key: str, note: str) -> tuple[AgendaPoint, ...]:
    return tuple(AgendaPoint(p.key, p.kind, p.ref, note) if p.key == key else p for p in points)


def agenda_title(point: AgendaPoint, questionnaire: Questionnaire, actions: dict[int, Action], lang: str) -> str:
    """The point's subject in words a person reads (plain text: the caller escapes it for its medium)."""
    if point.kind in ("custom", "certificate"):
        return point.ref
    if point.kind == "check_in":
        return _check_in_title(json.loads(point.ref), actions, lang)
    if point.kind == "action_review":
        action = actions.get(int(point.ref))
        if action is None:
            return "?"
        # A person may agree the same action in two years (a course that fell through): the year tells them apart.
        return f"{action.what} ({action.created_at.year})" if action.created_at else action.what
    try:
        return questionnaire.item(point.ref).wording("employee", lang)
    except KeyError:
        return point.ref


def _check_in_title(ref: dict, actions: dict[int, Action], lang: str) -> str:
    on = date.fromisoformat(ref["on"]).strftime("%d-%m-%Y")
    if "action" in ref:
        action = actions.get(ref["action"])
        return t("check_ins.agenda_action", lang, what=action.what if action else "?", date=on)
    return t("check_ins.agenda_question", lang, question=localized(ref["question"], lang), date=on)


def agenda_scores(point: AgendaPoint, comparison: Comparison | None, lang: str) -> str | None:
    """Both sides' answers to the scale item a point is about, as one line (plain text); None for
    a point about something else."""
    row = comparison.likert_row(point.ref) if comparison is not None and point.kind in _SCALE_KINDS else None
    if row is None:
        return None
    parts = [t("compare.both_values", lang, employee=shown_answer(row.employee, lang), manager=shown_answer(row.manager, lang))]
    if row.agreed is not None:
        parts.append(t("skills.agreed_value", lang, level=shown_answer(row.agreed, lang)))
    if row.required is not None:
        parts.append(t("skills.required_level", lang, level=row.required))
    return " · ".join(parts)


def discussed(points: Iterable[AgendaPoint], earlier: Mapping[int, Action]) -> tuple[AgendaPoint, ...]:
    """The points the meeting left a trace of: the manager's own points, any point with a note,
    a look back on an earlier action that says whether it helped. A proposed point nobody wrote
    anything about says nothing in a report."""
    return tuple(point for point in points
                 if point.kind == "custom" or point.note.strip() or action_helped(point, earlier))


def action_helped(point: AgendaPoint, earlier: Mapping[int, Action]) -> str | None:
    """For a look back on an earlier action: whether it helped, once someone said so."""
    if point.kind != "action_review" or not point.ref.isdigit():
        return None
    action = earlier.get(int(point.ref))
    return action.helped if action else None
