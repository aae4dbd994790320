"""Filling in the questionnaire: one item per block, every answer saved the moment it is given.

Each block with answer buttons is a fragment (``st.fragment``): a tap reruns only its own block,
and the two parts that count every answer when they change (the progress line on top, the list of
what is missing at the foot), not the sixty blocks and the database reads of the whole page.
Between two runs of the whole page, what this tab knows stored is kept in session state, where
those parts read it.

Nothing typed is dropped without a word: each answer is stored expecting the answer this tab
last read or saved, so a change from another tab is shown beside the item instead of being
overwritten; and a value the browser brings that no callback stored (typed while the server
restarted) is stored on the next run, or shown as not stored.
"""

from dataclasses import replace

import streamlit as st

from devtalk.domain.models import NOT_APPLICABLE, Answer, Person
from devtalk.presentation.formatting import format_datetime
from devtalk.questionnaire import Item, Scale, localized
from devtalk.services import conversations
from devtalk.services.conversations import AnswerChangedElsewhere, FillInForm, MissingAnswers
from ui import callbacks, seen, session
from ui import third_voice as third_voice_ui
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
# The answers as stored, read afresh on every run of the whole page; a tap's callback keeps them
# up to date in between, when only the tapped block and the counts run.
STORED = f"stored_{form.conversation.id}"
st.session_state[STORED] = dict(form.answers)
# The fragments a tap reruns besides its own block: they show what depends on every answer.
PROGRESS, FOOT = "fill_progress", "fill_foot"


def given(answers) -> list[tuple]:
    """Answers as plain values, for the digest of what this tab saw."""
    return [(a.item_id, a.value, a.not_applicable, a.text or "") for a in answers if a is not None]


# This tab saw what is stored now: any other value its browser brings is its own unsaved edit.
in_step = seen.tab_saw(given(form.answers.values()))
recovered: list[Item] = []  # items whose unsaved value from the browser was stored this run


def widget_key(item: Item) -> str:
    return f"answer_{form.conversation.id}_{item.id}"


def block_key(item: Item) -> str:
    """The key of the item's fragment, for ``st.rerun``."""
    return f"block_{widget_key(item)}"


def known() -> FillInForm:
    """The form with the answers as this tab knows them stored now, for the counts."""
    return replace(form, answers=st.session_state[STORED])


def counts() -> tuple:
    """What the progress line and the list of what is missing show."""
    shown = known()
    return shown.progress, [item.id for item in shown.missing_required() if item.id in st.session_state.get(MISSING, ())]


def save(item: Item) -> None:
    """on_change of one answer: store it at once, for whoever is signed in now; then draw again
    only its block, and the counts when they changed (naming them costs a second run). A
    refusal (submitted in another tab, too long) waits beside the item until it is answered again,
    and the whole page is drawn afresh, since a submit elsewhere freezes it; the widget keeps the
    person's text either way."""
    key, before = widget_key(item), counts()
    callbacks.run(key, store, item)
    if session.kept(key):
        st.rerun()
    redraw(item, before)


def redraw(item: Item, before: tuple) -> None:
    """After a callback of the item's block: the block reruns, and the counts with it if they
    changed; an open question's block is no fragment, so the whole page reruns."""
    remember_seen()
    changed = in_fragment(item) and counts() != before
    callbacks.rerun_fragments(*((block_key(item), PROGRESS, FOOT) if changed else ()))


def in_fragment(item: Item) -> bool:
    """Whether the item's block is a fragment. A text box is not: the first run of a new server
    process registers the fragments only as it draws them, and Streamlit drops a fragment's rerun
    that comes before (streamlit/runtime/app_session.py, "does not exist anymore"), so text a
    person goes on typing as the tab reconnects after a restart would not be stored. A tap in that
    moment is dropped too, but it shows (no "Opgeslagen" appears) and the next run of anything
    stores it: Streamlit calls the callback of every widget whose value changed."""
    return item.type == "likert"


def remember_seen() -> None:
    """The address says what this tab now knows stored (ui/seen.py)."""
    seen.remember(given(st.session_state.get(f"known_{widget_key(item)}") for item in form.items))


def know_stored(item: Item, stored: Answer | None) -> None:
    """What this tab now knows stored for the item, for the counts and the saved mark."""
    answers = st.session_state[STORED]
    if stored is not None and stored.is_given:
        answers[item.id] = stored
    else:
        answers.pop(item.id, None)


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
        know_stored(item, conflict.stored)
    else:
        st.session_state[f"known_{key}"] = saved if saved.is_given else None
        know_stored(item, saved)


def use_stored(item: Item) -> None:
    """The other tab's answer wins: it goes into the box and is what this tab knows stored."""
    key, before = widget_key(item), counts()
    stored = st.session_state.pop(f"conflict_{key}").stored
    st.session_state[key] = widget_value(item, stored)
    st.session_state[f"known_{key}"] = stored
    redraw(item, before)


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
        callbacks.run(key, store, item)
        recovered.append(item)
    else:
        st.session_state[f"conflict_{key}"] = AnswerChangedElsewhere(stored)


def show_item(item: Item) -> None:
    """The item's block: run with the whole page, and alone after a change of its answer (see
    ``save``), so what it reads of the page's run must not change between runs of the page."""
    key = widget_key(item)
    stored = st.session_state[STORED].get(item.id)
    # Drawn for the first time in this session (a first visit, or a new server process after a
    # restart). Its widget starts from the stored answer unless the browser brings a value of its
    # own; a value put in session state would override the browser's, so none is seeded.
    fresh = key not in st.session_state
    initial = widget_value(item, stored) if fresh else None
    with st.container(border=True, key=f"item_{item.id}"):
        if item.id in st.session_state.get(MISSING, ()):
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
    elif item.id in st.session_state[STORED] and not frozen:
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


@st.fragment(key=PROGRESS)
def show_progress() -> None:
    progress = known().progress
    st.progress(
        progress.required_answered / progress.required if progress.required else 1.0,
        text=tr("fill.progress", answered=progress.required_answered, required=progress.required),
    )


@st.fragment(key=FOOT)
def show_missing() -> None:
    """After a refused submit, the required items still open, each a link to its question."""
    missing = [] if frozen else [item for item in known().missing_required() if item.id in st.session_state.get(MISSING, ())]
    if missing:
        st.warning(tr("fill.missing", count=len(missing)))
        # The label is the question escaped to literal text; the target is fixed text of ours.
        st.markdown("\n".join(f"- [{escape_markdown(item.wording(form.side, lang))}](#{anchor(item)})" for item in missing))


submitted_note = tr("fill.submitted_on", date=format_datetime(form.conversation.submitted_at(form.side), lang)) if frozen else ""
show_progress()
if frozen:
    st.success(submitted_note)

# The required items a refused submit named: their blocks carry the anchor the links jump to.
MISSING = f"missing_{form.conversation.id}"
number = {item.id: position for position, item in enumerate(form.items, 1)}
for section in form.sections:
    st.subheader(escape_markdown(localized(section.title, lang)))
    if section.intro and explains:
        st.caption(escape_markdown(localized(section.intro, lang)))
    for item in section.items:
        if in_fragment(item):
            st.fragment(show_item, key=block_key(item))(item)
        else:
            show_item(item)

if not frozen:
    st.divider()
    st.subheader(tr("fill.submit_heading"))
    st.write(tr("fill.submit_explained"))
show_missing()
if frozen:
    # Again at the bottom: on a phone that is where the person just pressed "submit".
    st.success(submitted_note)
else:
    session.show("submit")
    ready = st.checkbox(tr("fill.confirm"), key="confirm_submit")
    st.button(tr("fill.submit"), key="submit", type="primary", disabled=not ready, on_click=submit, width="stretch")

third_voice_ui.invite_section(form.conversation.id)

# After every block has adopted its answer.
remember_seen()
if recovered:
    st.rerun()  # draw progress and marks with the answers just stored
