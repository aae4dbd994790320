"""The conversation report: the manager writes it with agenda notes and follow-up actions;
the employee reads it, may reply, and acknowledges it.

Nothing the manager typed is dropped without a word: a text the browser brings that no callback
stored (typed while the server restarted) is stored on the next run if this tab had seen what is
stored, or else shown as not stored beside what is stored now.
"""

from datetime import date

import streamlit as st

from devtalk.domain import agenda
from devtalk.domain.models import ACTION_KINDS, HELPED, Report
from devtalk.presentation.comparison_frames import agreed_frame
from devtalk.presentation.formatting import format_date, format_datetime
from devtalk.services import actions, printing, reports, skills
from ui import callbacks, learning_help, seen, session, widgets
from ui.agenda import show_agenda_point
from ui.downloads import pdf_download
from ui.session import tr
from ui.text import escape_markdown, plain_table, user_text

person = session.require_person()
lang = session.language()
db = session.database()
conversation_id = session.query_int("conversation") or 0
view = session.or_stop(reports.report_view, db, person, conversation_id)
compared = session.or_stop(skills.levelled_view, db, person, conversation_id)
conversation, report = view.conversation, view.report
earlier = {action.id: action for action in view.earlier_actions}
FIELDS = ("agreements", "summary")
NOTE = "agenda_note_"  # + the agenda point's key: the text box of its note
# One reply box per conversation: a reply begun on another report in this tab stays with that one.
ACK = f"ack_comment_{conversation_id}"
LEVEL = f"agreed_{conversation_id}_"  # + the item's id: its agreed-level pills, one set per report
NOT_APPLICABLE = "na"


@callbacks.signed_in("report")
def act(person, operation, *args, **kwargs):
    """A callback that is one service call, ``operation(db, person, ...)``, for whoever clicked."""
    return operation(db, person, *args, **kwargs)


@callbacks.signed_in("report")
def save_text(person, key: str, operation, **arguments) -> None:
    """Autosave of the text box ``key``, expecting the text this tab last read or saved there: a
    text changed in another tab meanwhile is shown beside this one instead of overwritten, and
    this tab's text stays in the box (its next change is then stored knowingly)."""
    try:
        operation(db, person, conversation_id, **arguments)
    except reports.ReportChangedElsewhere as conflict:
        st.session_state[f"elsewhere_{key}"] = st.session_state[f"known_{key}"] = conflict.stored
        return
    st.session_state[f"known_{key}"] = st.session_state[key]
    st.session_state.pop(f"elsewhere_{key}", None)


def save_field(field: str) -> None:
    key = f"report_{field}"
    save_text(key, reports.save_draft, expected={field: st.session_state.get(f"known_{key}")},
              **{field: st.session_state[key]})


def save_comment() -> None:
    save_text(ACK, reports.save_comment_draft, comment=st.session_state[ACK], expected=st.session_state.get(f"known_{ACK}"))


def save_agenda(points) -> Report | None:
    return act(reports.save_draft, conversation_id, agenda=points)


def save_note(point_key: str) -> None:
    key = NOTE + point_key
    save_text(key, reports.save_note, point_key=point_key, note=st.session_state[key],
              expected=st.session_state.get(f"known_{key}"))


def text_box(label: str, key: str, on_change, args: tuple, **options) -> None:
    """A report text that autosaves. Drawn for the first time in this session (a first visit, or
    a new server process after a restart), it starts from the stored text unless the browser
    brings one of its own; a value put in session state would override the browser's, so none is
    seeded. A browser's own text is stored after the page is drawn, or, if this tab may be an old
    copy, shown as not stored next to the stored text."""
    stored = stored_texts[key]
    fresh = key not in st.session_state
    value = st.text_area(label, value=stored if fresh else None, key=key, on_change=on_change, args=args,
                         max_chars=reports.MAX_REPORT_TEXT, **options)
    if fresh:
        # Drawn afresh, the box starts from what is stored now: a notice of a conflict from an
        # earlier visit (of this report or another) no longer applies.
        st.session_state.pop(f"elsewhere_{key}", None)
        st.session_state[f"known_{key}"] = stored
        if (value or "") != stored:
            if in_step:
                recovered[key] = value
            else:
                st.session_state[f"elsewhere_{key}"] = stored
    if f"elsewhere_{key}" in st.session_state:
        st.warning(tr("report.not_stored_elsewhere"))
        user_text(st.session_state[f"elsewhere_{key}"], empty=tr("report.stored_nothing"))


def store_recovered() -> None:
    """Store the texts the browser brought, in one save, then draw the page again with them."""
    if ACK in recovered:
        stored = act(reports.save_comment_draft, conversation_id, recovered[ACK])
        if stored is not None:
            st.session_state[f"known_{ACK}"] = stored
        st.rerun()
    notes = report.agenda
    for key, value in recovered.items():
        if key.startswith(NOTE):
            notes = agenda.with_note(notes, key.removeprefix(NOTE), value)
    changes = {field: recovered[f"report_{field}"] for field in FIELDS if f"report_{field}" in recovered}
    if notes != report.agenda:
        changes["agenda"] = notes
    if act(reports.save_draft, conversation_id, **changes) is not None:
        for key, value in recovered.items():
            st.session_state[f"known_{key}"] = value
    st.rerun()


def add_point() -> None:
    text = st.session_state.get("agenda_new", "").strip()
    if text:
        save_agenda(agenda.add_custom(report.agenda, text))
        st.session_state["agenda_new"] = ""


@callbacks.signed_in("action")
def add_action(person) -> None:
    due = st.session_state.get("action_due")
    actions.add_action(
        db, person, conversation_id, what=st.session_state.get("action_what", ""),
        kind=st.session_state.get("action_kind"), owner_id=st.session_state.get("action_owner"), due_date=due,
    )
    st.session_state["action_what"] = ""


def save_level(item_id: str, shown: object) -> None:
    """Store the tapped level at once; a second tap on the chosen one (which clears pills) keeps it."""
    key = LEVEL + item_id
    chosen = st.session_state[key]
    if chosen is None:
        st.session_state[key] = shown
        return
    act(skills.set_agreed_level, conversation_id, item_id, None if chosen == NOT_APPLICABLE else chosen,
        not_applicable=chosen == NOT_APPLICABLE)


def level_label(point, row) -> str:
    """A level with who gave it: the two answers marked, so one tap takes either."""
    text = tr("fill.not_applicable") if point == NOT_APPLICABLE else str(point)
    marks = [tr(f"skills.mark_{side}") for side, answer in (("employee", row.employee), ("manager", row.manager))
             if answer is not None and (NOT_APPLICABLE if answer.not_applicable else answer.value) == point]
    return f"{text} · {'/'.join(marks)}" if marks else text


def agreed_levels_section(editing: bool) -> None:
    """Per skill item the level agreed in the meeting: pills while the report is a draft, a table once final."""
    if not editing:
        # A report from before agreed levels existed has none: it shows no empty table.
        if compared.comparison.has_agreed:
            st.header(tr("skills.agreed_heading"))
            plain_table(agreed_frame(compared.comparison, lang))
        return
    levels = skills.agreed_or_prefilled(compared)
    if not levels:
        return
    st.header(tr("skills.agreed_heading"))
    st.caption(tr("skills.agreed_explained"))
    for row in (compared.comparison.likert_row(item_id) for item_id in levels):
        level = levels[row.item.id]
        shown = NOT_APPLICABLE if level.not_applicable else level.value
        session.seed(LEVEL + row.item.id, shown)
        options = list(row.scale.points) + ([NOT_APPLICABLE] if row.scale.not_applicable else [])
        label = row.item.wording("manager", lang)
        if row.required is not None:
            label = f"{label} ({tr('skills.required_level', level=row.required)})"
        st.pills(escape_markdown(label), options, key=LEVEL + row.item.id,
                 format_func=lambda point, row=row: level_label(point, row),
                 on_change=save_level, args=(row.item.id, shown))


# What a gap to a requirement becomes in one tap: learning on the job for a skill, a course
# (obtaining or renewing it) for a certificate.
GAP_ACTIONS = {"below_required": "on_the_job", "certificate": "certificate_renewal"}


def gap_action_text(point) -> str:
    if point.kind == "certificate":
        return tr("skills.action_certificate", certificate=point.ref)
    row = compared.comparison.likert_row(point.ref)
    return tr("skills.action_skill", item=row.item.wording("employee", lang), level=row.required)


def rate(action_id: int) -> None:
    act(actions.rate, action_id, st.session_state[f"helped_{action_id}"])


st.title(tr("report.title"))
st.caption(escape_markdown(tr("compare.subtitle", employee=compared.employee.name, manager=compared.manager.name,
                              round=compared.round.name)))
session.show("report")

if conversation.status == "ready":
    if view.can_hold:
        st.info(tr("report.hold_explained"))
        st.button(tr("report.mark_held"), key="mark_held", type="primary",
                  on_click=act, args=(reports.mark_held, conversation_id))
    else:
        st.info(tr("report.waiting_for_meeting"))
    st.stop()

editing = view.can_edit
stored_texts = {f"report_{field}": getattr(report, field) or "" for field in FIELDS} | {
    f"{NOTE}{point.key}": point.note or "" for point in report.agenda}
if view.can_acknowledge:
    stored_texts[ACK] = session.or_stop(reports.comment_draft, db, person, conversation_id)
# This tab saw what is stored now: any other text its browser brings is its own unsaved edit.
in_step = seen.tab_saw(stored_texts.items())
recovered: dict[str, str] = {}  # text box -> the browser's text that no callback stored
pdf_download("report", tr("download.report"),
             lambda person: printing.conversation_report_pdf(db, person, conversation_id, lang),
             f"verslag-{conversation_id}.pdf")
st.write(tr(f"status.{conversation.status}"))
if conversation.held_at:
    st.caption(tr("report.held_on", date=format_date(conversation.held_at, lang)))

st.header(tr("report.agenda"))
if editing:
    st.caption(tr("report.agenda_explained"))
learned = learning_help.checks_by_action(person, conversation.employee_id, conversation_id)
# Read, the report holds what the PDF holds: the points the meeting wrote something about.
for index, point in enumerate(report.agenda if editing else agenda.discussed(report.agenda, earlier)):
    with st.container(border=True):
        show_agenda_point(point, compared.questionnaire, compared.comparison, earlier, lang)
        learning_help.beside_point(point, learned)
        if editing:
            text_box(tr("report.point_note"), NOTE + point.key, save_note, (point.key,))
            up, down, drop = st.columns(3)
            up.button("↑", key=f"agenda_up_{point.key}", help=tr("report.move_up"), disabled=index == 0,
                      on_click=save_agenda, args=(agenda.move(report.agenda, point.key, -1),))
            down.button("↓", key=f"agenda_down_{point.key}", help=tr("report.move_down"),
                        disabled=index == len(report.agenda) - 1,
                        on_click=save_agenda, args=(agenda.move(report.agenda, point.key, 1),))
            drop.button("✕", key=f"agenda_remove_{point.key}", help=tr("report.remove_point"),
                        on_click=save_agenda, args=(agenda.remove(report.agenda, point.key),))
            if point.kind in GAP_ACTIONS and (point.kind == "certificate" or compared.comparison.likert_row(point.ref)):
                what = gap_action_text(point)
                st.button(tr("skills.make_action"), key=f"agenda_action_{point.key}",
                          disabled=any(action.what == what for action in view.actions),
                          on_click=act, args=(actions.add_action, conversation_id),
                          kwargs={"what": what, "kind": GAP_ACTIONS[point.kind], "owner_id": conversation.employee_id})
            if point.kind == "action_review" and int(point.ref) in earlier:
                current = earlier[int(point.ref)].helped
                session.seed(f"helped_{point.ref}", current)
                st.pills(tr("report.did_it_help"), HELPED, key=f"helped_{point.ref}",
                         format_func=lambda h: tr(f"report.helped_{h}"), on_change=rate, args=(int(point.ref),))
        elif point.note:
            user_text(point.note)
if editing:
    st.text_input(tr("report.new_point"), key="agenda_new", max_chars=300)
    st.button(tr("report.add_point"), key="agenda_add", on_click=add_point)

agreed_levels_section(editing)

for field in ("agreements", "summary"):
    st.header(tr(f"report.{field}"))
    if editing:
        text_box(tr(f"report.{field}"), f"report_{field}", save_field, (field,), label_visibility="collapsed")
    else:
        user_text(getattr(report, field))

st.header(tr("report.actions"))
people_here = {compared.employee.id: compared.employee.name, compared.manager.id: compared.manager.name}
for action in view.actions:
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(action.what)}**")
        st.caption(escape_markdown(" · ".join(filter(None, [
            tr(f"action.kind_{action.kind}"),
            people_here.get(action.owner_id, ""),
            format_date(action.due_date, lang),
            tr(f"action.status_{action.status}"),
        ]))))
        if editing:
            st.button(tr("report.remove_action"), key=f"action_remove_{action.id}",
                      on_click=act, args=(actions.remove_action, action.id))
if editing:
    with st.container(border=True):
        st.subheader(tr("report.new_action"))
        st.text_input(tr("report.action_what"), key="action_what", max_chars=actions.MAX_WHAT)
        st.selectbox(tr("report.action_kind"), ACTION_KINDS, key="action_kind", format_func=lambda k: tr(f"action.kind_{k}"))
        st.selectbox(tr("report.action_owner"), list(people_here), key="action_owner", format_func=people_here.get)
        st.date_input(tr("report.action_due"), key="action_due", value=None, min_value=date.today(), format=widgets.DATE_FORMAT)
        session.show("action")
        st.button(tr("report.add_action"), key="action_add", on_click=add_action)

if editing:
    st.divider()
    st.write(tr("report.finalise_explained"))
    sure = st.checkbox(tr("report.finalise_confirm"), key="confirm_finalise")
    st.button(tr("report.finalise"), key="finalise", type="primary", disabled=not sure,
              on_click=act, args=(reports.finalise, conversation_id), width="stretch")
elif report.finalised_at:
    st.caption(tr("report.finalised_on", date=format_datetime(report.finalised_at, lang)))

if view.can_acknowledge:
    st.divider()
    st.subheader(tr("report.acknowledge_heading"))
    st.write(tr("report.acknowledge_explained"))
    text_box(tr("report.comment"), ACK, save_comment, ())
    st.button(tr("report.acknowledge"), key="acknowledge", type="primary", width="stretch",
              on_click=lambda: act(reports.acknowledge, conversation_id, st.session_state.get(ACK, "")))
elif report.acknowledged_at:
    st.success(tr("report.acknowledged_on", date=format_datetime(report.acknowledged_at, lang)))
    if report.employee_comment:
        # "Mijn reactie" only to the one who wrote it: the manager and HR read whose it is.
        own = person.id == conversation.employee_id
        st.subheader(tr("report.comment") if own else escape_markdown(tr("report.comment_of", name=compared.employee.name)))
        user_text(report.employee_comment)
if recovered:
    store_recovered()
if editing or view.can_acknowledge:
    seen.remember((key, st.session_state.get(f"known_{key}", "")) for key in stored_texts)
