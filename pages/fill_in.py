"""Filling in the questionnaire: one item per block, every answer saved the moment it is given."""

import streamlit as st

from devtalk.errors import DevtalkError
from devtalk.formatting import format_datetime
from devtalk.questionnaire import Item, Scale, localized
from devtalk.services import conversations
from devtalk.services.conversations import FillInForm, MissingAnswers
from ui import callbacks, session
from ui.session import tr
from ui.text import escape_markdown

NOT_APPLICABLE = "na"

person = session.require_person()
conversation_id = session.query_int("conversation")
lang = session.language()
try:
    form = conversations.open_form(session.database(), person, conversation_id or 0)
except DevtalkError as error:
    session.show_error(error)
    st.stop()
frozen = form.frozen
# Shown beside most of the sixty items: looked up once per run.
OPTIONAL, SAVED = tr("fill.optional"), tr("fill.saved")


def widget_key(item: Item) -> str:
    return f"answer_{form.conversation.id}_{item.id}"


def save(item: Item) -> None:
    """on_change of one answer: store it at once, remember a refusal to show beside the item."""
    value = st.session_state.get(widget_key(item))
    arguments = {"text": value} if item.type == "open" else {
        "not_applicable": value == NOT_APPLICABLE,
        "value": None if value in (None, NOT_APPLICABLE) else int(value),
    }
    refusal = f"error_{widget_key(item)}"
    st.session_state.pop(refusal, None)  # an earlier refusal of this answer is moot now
    callbacks.attempt(refusal, conversations.save_answer, form.conversation.id, item.id, **arguments)


def stored_value(form: FillInForm, item: Item):
    answer = form.answers.get(item.id)
    if answer is None:
        return None
    if item.type == "open":
        return answer.text or ""
    return NOT_APPLICABLE if answer.not_applicable else answer.value


def show_item(item: Item) -> None:
    key = widget_key(item)
    session.seed(key, stored_value(form, item))
    with st.container(border=True, key=f"item_{item.id}"):
        wording = escape_markdown(item.wording(form.side, lang))
        st.markdown(f"**{wording}**" + ("" if item.required else f" · _{OPTIONAL}_"))
        if item.help:
            st.caption(escape_markdown(localized(item.help, lang)))
        if item.type == "likert":
            labels = labels_by_scale[item.scale]
            st.pills(
                wording, list(labels), key=key, on_change=save, args=(item,), disabled=frozen,
                label_visibility="collapsed", format_func=labels.__getitem__,
            )
        else:
            st.text_area(
                wording, key=key, on_change=save, args=(item,), disabled=frozen,
                max_chars=conversations.MAX_TEXT, label_visibility="collapsed", placeholder=tr("fill.open_placeholder"),
            )
        error = st.session_state.get(f"error_{key}")
        if error:
            st.error(escape_markdown(error))
        elif item.id in form.answers and not frozen:
            st.caption(SAVED)


def option_labels(scale: Scale) -> dict:
    """The answer buttons of a scale and their labels."""
    labels = {}
    for point in scale.points:
        label = scale.label(point, lang)
        labels[point] = f"{point} · {label}" if label else str(point)
    if scale.not_applicable:
        labels[NOT_APPLICABLE] = tr("fill.not_applicable")
    return labels


# Sixty items share a scale or two: each is worded once per run, not once per button.
labels_by_scale = {scale_id: option_labels(scale) for scale_id, scale in form.questionnaire.scales.items()}


@callbacks.signed_in("submit_error")
def submit(person) -> None:
    try:
        conversations.submit(session.database(), person, form.conversation.id)
        st.session_state["submitted_message"] = True
    except MissingAnswers as error:
        st.session_state["missing"] = [item.id for item in error.items]


employee_name = escape_markdown(form.employee.name)
st.title(tr("fill.title"))
st.caption(escape_markdown(form.round.name))
if form.side == "employee":
    st.info(tr("fill.intro_employee"))
else:
    st.info(tr("fill.intro_manager", name=employee_name))
if form.questionnaire.intro:
    st.write(escape_markdown(localized(form.questionnaire.intro, lang)))

progress = form.progress
submitted_note = tr("fill.submitted_on", date=format_datetime(form.conversation.submitted_at(form.side), lang)) if frozen else ""
st.progress(
    progress.required_answered / progress.required if progress.required else 1.0,
    text=tr("fill.progress", answered=progress.required_answered, required=progress.required),
)
if frozen:
    st.success(submitted_note)

for section in form.sections:
    st.header(escape_markdown(localized(section.title, lang)))
    if section.intro:
        st.caption(escape_markdown(localized(section.intro, lang)))
    for item in section.items:
        show_item(item)

if frozen:
    # Again at the bottom: on a phone that is where the person just pressed "submit".
    st.success(submitted_note)
else:
    st.divider()
    st.subheader(tr("fill.submit_heading"))
    st.write(tr("fill.submit_explained"))
    missing = [form.questionnaire.item(item_id) for item_id in st.session_state.get("missing", [])]
    missing = [item for item in missing if item in form.missing_required()]
    if missing:
        st.warning(tr("fill.missing", count=len(missing)))
        for item in missing:
            st.markdown(f"- {escape_markdown(item.wording(form.side, lang))}")
    session.show_pending("submit_error")
    ready = st.checkbox(tr("fill.confirm"), key="confirm_submit")
    st.button(tr("fill.submit"), key="submit", type="primary", disabled=not ready, on_click=submit, width="stretch")
