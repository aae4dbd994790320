"""Filling in the questionnaire: one item per block, every answer saved the moment it is given.

Nothing typed is dropped without a word: each answer is stored expecting the answer this tab
last read or saved, so a change from another tab is shown beside the item instead of being
overwritten; and a value the browser brings that no callback stored (typed while the server
restarted) is stored on the next run, or shown as not stored.
"""

import streamlit as st

from devtalk.domain.models import NOT_APPLICABLE, Answer, Person
from devtalk.presentation.formatting import format_datetime
from devtalk.questionnaire import Item, Scale, localized
from devtalk.services import conversations
from devtalk.services.conversations import AnswerChangedElsewhere, MissingAnswers
from ui import callbacks, seen, session
from ui.session import tr
from ui.text import escape_markdown, user_text

person = session.require_person()
conversation_id = session.query_int("conversation")
lang = session.language()
form = session.or_stop(conversations.open_form, session.database(), person, conversation_id or 0)
frozen = form.frozen
# A questionnaire's intros and help texts speak to the employee ("bij jouw werk"): the manager's
# form has the manager's wording of each question and its own intro instead.
explains = form.side == "employee"
# Shown beside most of the sixty items: looked up once per run.
OPTIONAL, SAVED = tr("fill.optional"), tr("fill.saved")


def given(answers) -> list[tuple]:
    """Answers as plain values, for the digest of what this tab saw."""
    return [(a.item_id, a.value, a.not_applicable, a.text or "") for a in answers if a is not None]


# This tab saw what is stored now: any other value its browser brings is its own unsaved edit.
in_step = seen.tab_saw(given(form.answers.values()))
recovered: list[Item] = []  # items whose unsaved value from the browser was stored this run


def widget_key(item: Item) -> str:
    return f"answer_{form.conversation.id}_{item.id}"


def save(item: Item) -> None:
    """on_change of one answer: store it at once, for whoever is signed in now. A refusal
    (submitted, too long) waits beside the item until it is answered again; the widget keeps the
    person's text either way."""
    callbacks.run(widget_key(item), store, item)


def store(actor: Person, item: Item) -> None:
    """Store what the item's widget holds, expecting what this tab last knew stored; an answer
    changed in another tab meanwhile is kept to show beside the item with both choices."""
    key = widget_key(item)
    value = st.session_state.get(key)
    known = st.session_state.get(f"known_{key}")
    if item.type == "likert" and value is None and known is not None:
        # Pills let go of the chosen value on a second tap: a thumb's slip must not clear a
        # given answer, so the box takes the stored answer back and nothing changes.
        st.session_state[key] = widget_value(item, known)
        return
    arguments = {"text": value} if item.type == "open" else {
        "not_applicable": value == NOT_APPLICABLE,
        "value": None if value in (None, NOT_APPLICABLE) else int(value),
    }
    # An earlier refusal of this answer is moot now.
    session.forget(key)
    st.session_state.pop(f"conflict_{key}", None)
    try:
        saved = conversations.save_answer(session.database(), actor, form.conversation.id, item.id,
                                          expected=known, **arguments)
    except AnswerChangedElsewhere as conflict:
        st.session_state[f"conflict_{key}"] = conflict
    else:
        st.session_state[f"known_{key}"] = saved if saved.is_given else None


def use_stored(item: Item) -> None:
    """The other tab's answer wins: it goes into the box and is what this tab knows stored."""
    key = widget_key(item)
    stored = st.session_state.pop(f"conflict_{key}").stored
    st.session_state[key] = widget_value(item, stored)
    st.session_state[f"known_{key}"] = stored


def keep_mine(item: Item) -> None:
    """This tab's answer wins, knowingly: stored over the other tab's."""
    key = widget_key(item)
    st.session_state[f"known_{key}"] = st.session_state.pop(f"conflict_{key}").stored
    save(item)


def widget_value(item: Item, answer: Answer | None):
    """An answer as the item's widget holds it."""
    if answer is None:
        return None
    if item.type == "open":
        return answer.text or ""
    return NOT_APPLICABLE if answer.not_applicable else answer.value


def blank(value):
    return None if value in (None, "") else value


def adopt(item: Item, stored: Answer | None, value) -> None:
    """An item drawn afresh in this session knows the stored answer. A different value came from
    the browser itself: typed while a new server process took over, so no callback stored it.
    It is stored now if this tab had seen what is stored; otherwise it may be an old copy of
    what another tab changed since, so it is shown as not stored, next to the stored answer."""
    key = widget_key(item)
    st.session_state[f"known_{key}"] = stored
    if blank(value) == blank(widget_value(item, stored)) or frozen:
        return
    if in_step:
        save(item)
        recovered.append(item)
    else:
        st.session_state[f"conflict_{key}"] = AnswerChangedElsewhere(stored)


def show_item(item: Item) -> None:
    key = widget_key(item)
    stored = form.answers.get(item.id)
    # Drawn for the first time in this session (a first visit, or a new server process after a
    # restart). Its widget starts from the stored answer unless the browser brings a value of its
    # own; a value put in session state would override the browser's, so none is seeded.
    fresh = key not in st.session_state
    initial = widget_value(item, stored) if fresh else None
    with st.container(border=True, key=f"item_{item.id}"):
        if item in missing:
            # Where the link under "Klaar?" jumps to, below Streamlit's header. Our own fixed
            # markup: the id is the item's number on the form, never text from the questionnaire.
            st.html(f'<span id="{anchor(item)}" style="scroll-margin-top: 5rem"></span>')
        wording = escape_markdown(item.wording(form.side, lang))
        st.markdown(f"**{wording}**" + ("" if item.required else f" · _{OPTIONAL}_"))
        if item.help and explains:
            st.caption(escape_markdown(localized(item.help, lang)))
        if item.type == "likert":
            labels = labels_by_scale[item.scale]
            value = st.pills(
                wording, list(labels), default=initial, key=key, on_change=save, args=(item,), disabled=frozen,
                label_visibility="collapsed", format_func=lambda point, labels=labels: escape_markdown(labels[point]),
            )
        else:
            value = st.text_area(
                wording, value=initial, key=key, on_change=save, args=(item,), disabled=frozen,
                max_chars=conversations.MAX_TEXT, label_visibility="collapsed", placeholder=tr("fill.open_placeholder"),
            )
        if fresh:
            adopt(item, stored, value)
        show_state(item)


def show_state(item: Item) -> None:
    """Beside the answer: saved, refused and why, or changed in another tab with both choices."""
    key = widget_key(item)
    error, conflict = session.kept(key), st.session_state.get(f"conflict_{key}")
    if conflict is not None:
        st.warning(escape_markdown(conflict.render(lang)))
        st.caption(tr("fill.stored_elsewhere"))
        stored = widget_value(item, conflict.stored)
        user_text(stored if item.type == "open" or stored is None else labels_by_scale[item.scale][stored],
                  empty=tr("fill.stored_nothing"))
        use, keep = st.columns(2)
        use.button(tr("fill.use_stored"), key=f"use_stored_{key}", on_click=use_stored, args=(item,), width="stretch")
        keep.button(tr("fill.keep_mine"), key=f"keep_mine_{key}", on_click=keep_mine, args=(item,), width="stretch")
    elif error:
        st.error(escape_markdown(tr("fill.not_saved", reason=error[0])))
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


@callbacks.signed_in("submit")
def submit(person) -> None:
    try:
        conversations.submit(session.database(), person, form.conversation.id)
    except MissingAnswers as error:
        st.session_state[MISSING] = [item.id for item in error.items]


def anchor(item: Item) -> str:
    return f"vraag-{number[item.id]}"


def intro() -> str:
    """One intro, so the first question fits on a phone's first screen: for the employee the
    questionnaire's own (or ours) and that the manager sees nothing yet; the manager's own."""
    if form.side == "manager":
        return tr("fill.intro_manager", name=escape_markdown(form.employee.name))
    if not form.questionnaire.intro:
        return tr("fill.intro_employee")
    return f"{escape_markdown(localized(form.questionnaire.intro, lang))} {tr('fill.blind_employee')}"


# On a phone Streamlit's room above the page and its large title leave no room for the first
# question: both smaller on narrow screens. Our own fixed style, no user text in it.
st.html("<style>@media (max-width: 640px) {"
        ".stMainBlockContainer {padding-top: 3.5rem} .stMainBlockContainer h1 {font-size: 2rem} .stMainBlockContainer h3 {font-size: 1.3rem}}</style>")
st.title(tr("fill.title"))
st.caption(escape_markdown(form.round.name))
st.info(intro())

progress = form.progress
submitted_note = tr("fill.submitted_on", date=format_datetime(form.conversation.submitted_at(form.side), lang)) if frozen else ""
st.progress(
    progress.required_answered / progress.required if progress.required else 1.0,
    text=tr("fill.progress", answered=progress.required_answered, required=progress.required),
)
if frozen:
    st.success(submitted_note)

# After a refused submit: the required items still open, each with a link to it under "Klaar?".
MISSING = f"missing_{form.conversation.id}"
missing = [] if frozen else [item for item in form.missing_required() if item.id in st.session_state.get(MISSING, ())]
number = {item.id: position for position, item in enumerate(form.items, 1)}
for section in form.sections:
    st.subheader(escape_markdown(localized(section.title, lang)))
    if section.intro and explains:
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
    if missing:
        st.warning(tr("fill.missing", count=len(missing)))
        # The label is the question escaped to literal text; the target is fixed text of ours.
        st.markdown("\n".join(f"- [{escape_markdown(item.wording(form.side, lang))}](#{anchor(item)})" for item in missing))
    session.show("submit")
    ready = st.checkbox(tr("fill.confirm"), key="confirm_submit")
    st.button(tr("fill.submit"), key="submit", type="primary", disabled=not ready, on_click=submit, width="stretch")

seen.remember(given(st.session_state.get(f"known_{widget_key(item)}") for item in form.items))
if recovered:
    st.rerun()  # draw progress and marks with the answers just stored
