"""A colleague's input on someone's conversation, made for a phone: the employee's skill items and
one open question, every answer stored the moment it is given. The colleague sees this form and
nothing else of the conversation; without ``?input=`` the page lists the inputs they were asked for.

Nothing typed is dropped without a word, as on the fill-in page: the open answer is stored
expecting the text this tab last read or saved, so a change from the colleague's other tab or
phone meanwhile is shown beside the box with both choices, never overwritten; an answer the
browser brings that no callback stored (given while the server restarted) is stored on the next
run only if this tab had seen what is stored (ui/seen.py), and otherwise shown the same way.
"""

import streamlit as st

from devtalk.domain.models import NOT_APPLICABLE, Answer
from devtalk.domain.third_voice import OPEN_ITEM
from devtalk.presentation.formatting import format_datetime
from devtalk.questionnaire import Scale
from devtalk.services import third_voice
from devtalk.services.conversations import MAX_TEXT, MissingAnswers
from devtalk.services.third_voice import OPEN_QUESTION, InputChangedElsewhere
from ui import callbacks, seen, session
from ui.session import tr
from ui.text import escape_markdown, user_text

person = session.require_person()
db = session.database()
lang = session.language()
chosen = session.query_int("input")
if chosen is None and person.only_third_voice is not None:
    chosen = person.only_third_voice  # a card for this input alone opens it straight away

st.title(tr("third_voice.page_title"))

if chosen is None:
    requests = session.or_stop(third_voice.my_requests, db, person)
    if not requests:
        st.info(tr("third_voice.none_asked"))
    for request in requests:
        with st.container(border=True):
            st.markdown(f"**{escape_markdown(request.employee.name)}**")
            st.caption(escape_markdown(request.round.name))
            label = "third_voice.fill_in" if request.open else "third_voice.view"
            # A button, not a link: a link to this same page would leave ``input`` out of the
            # address bar, and the next tap or reload would come back to this list.
            st.button(tr(label), key=f"third_voice_open_{request.voice.id}", icon=":material/arrow_forward:",
                      on_click=st.query_params.__setitem__, args=("input", str(request.voice.id)))
    st.stop()

form = session.or_stop(third_voice.open_input, db, person, chosen)
voice_id = form.voice.id
if st.query_params.get("input") != str(voice_id):
    # A card for this input alone opens it without ``input``: put it in the address, so a reload
    # opens this form again.
    st.query_params["input"] = str(voice_id)


def widget_key(item_id: str) -> str:
    # "answer_" makes the text box save while typing (ui/save_while_typing.py), as on the fill-in page.
    return f"answer_third_voice_{voice_id}_{item_id}"


def save(item_id: str, likert: bool) -> None:
    """on_change of one answer: stored at once, for whoever is signed in now."""
    callbacks.run(widget_key(item_id), store, item_id, likert)


def store(actor, item_id: str, likert: bool) -> None:
    """Store what the widget holds; the open answer expecting what this tab last knew stored (a
    change elsewhere meanwhile is kept to show beside the box with both choices)."""
    key = widget_key(item_id)
    value = st.session_state.get(key)
    if likert and value is None:
        # Pills let go of the chosen value on a second tap: a thumb's slip must not clear a given
        # answer, so the buttons take the stored one back, as on the fill-in page.
        st.session_state[key] = shown(third_voice.open_input(db, actor, voice_id).answers.get(item_id))
        return
    if likert:
        arguments = {"not_applicable": value == NOT_APPLICABLE,
                     "value": None if value in (None, NOT_APPLICABLE) else int(value)}
    else:
        arguments = {"text": value, "expected": st.session_state.get(f"known_{key}")}
    st.session_state.pop(f"elsewhere_{key}", None)  # an earlier conflict is moot: this is the answer now
    try:
        saved = third_voice.save_input(db, actor, voice_id, item_id, **arguments)
    except InputChangedElsewhere as conflict:
        st.session_state[f"elsewhere_{key}"] = st.session_state[f"known_{key}"] = conflict.stored
        return
    st.session_state[f"known_{key}"] = shown(saved)


def use_stored(item_id: str) -> None:
    """The answer stored elsewhere wins: it goes into the widget and is what this tab knows stored."""
    key = widget_key(item_id)
    st.session_state[key] = st.session_state[f"known_{key}"] = st.session_state.pop(f"elsewhere_{key}")


def keep_mine(item_id: str, likert: bool) -> None:
    """This tab's answer wins, knowingly: stored over the one stored elsewhere."""
    key = widget_key(item_id)
    st.session_state[f"known_{key}"] = st.session_state.pop(f"elsewhere_{key}")
    save(item_id, likert)


def empty(item_id: str):
    """What the widget holds for no answer."""
    return "" if item_id == OPEN_ITEM else None


def stored_value(item_id: str):
    """The answer stored as the run started, as its widget holds it."""
    stored = shown(form.answers.get(item_id))
    return empty(item_id) if stored is None else stored


def shown(answer: Answer | None):
    """A stored answer as its widget holds it."""
    if answer is None:
        return None
    if answer.item_id == OPEN_ITEM:
        return answer.text or ""
    return NOT_APPLICABLE if answer.not_applicable else answer.value


def option_labels(scale: Scale) -> dict:
    labels = {point: f"{point} · {scale.label(point, lang)}" if scale.label(point, lang) else str(point)
              for point in scale.points}
    if scale.not_applicable:
        labels[NOT_APPLICABLE] = tr("fill.not_applicable")
    return labels


def saved_mark(item_id: str, options: dict | None = None) -> None:
    """Beside the answer: saved, refused and why, or changed elsewhere with both choices."""
    key = widget_key(item_id)
    errors = session.kept(key)
    if f"elsewhere_{key}" in st.session_state:
        st.warning(tr("conversation.answer_changed_elsewhere"))
        st.caption(tr("fill.stored_elsewhere"))
        stored = st.session_state[f"elsewhere_{key}"]
        user_text(options[stored] if options and stored is not None else stored, empty=tr("fill.stored_nothing"))
        use, keep = st.columns(2)
        use.button(tr("fill.use_stored"), key=f"use_stored_{key}", on_click=use_stored, args=(item_id,), width="stretch")
        keep.button(tr("fill.keep_mine"), key=f"keep_mine_{key}", on_click=keep_mine, args=(item_id, options is not None),
                    width="stretch")
    elif errors:
        st.error(escape_markdown(tr("fill.not_saved", reason=errors[0])))
    elif st.session_state.get(f"known_{key}") not in (None, "") and not form.frozen:
        st.caption(tr("fill.saved"))


@callbacks.signed_in("third_voice_submit")
def submit(actor) -> None:
    try:
        third_voice.submit_input(db, actor, voice_id)
    except MissingAnswers as missing:
        session.say("third_voice_submit", "third_voice.missing", kind=session.ERROR, count=len(missing.items))


@callbacks.signed_in("third_voice_named")
def name_me(actor) -> None:
    third_voice.set_named(db, actor, voice_id, bool(st.session_state.get("third_voice_named")))


# On a phone Streamlit's room above the page leaves little for the first question, as on the fill-in page.
st.html("<style>@media (max-width: 640px) {.stMainBlockContainer {padding-top: 3.5rem}"
        " .stMainBlockContainer h1 {font-size: 2rem}}</style>")
st.caption(escape_markdown(tr("third_voice.about", name=form.employee.name, round=form.round.name)))
st.info(tr("third_voice.intro_mentor" if form.voice.kind == "mentor" else "third_voice.intro_colleague",
           name=escape_markdown(form.employee.name)))
if form.frozen and form.voice.submitted_at:
    st.success(tr("third_voice.submitted_on", date=format_datetime(form.voice.submitted_at, lang)))
elif form.frozen:
    st.info(tr("third_voice.closed"))

if form.voice.kind == "mentor":
    session.seed("third_voice_named", form.voice.named)
    st.checkbox(tr("third_voice.named", name=escape_markdown(form.employee.name)), key="third_voice_named",
                on_change=name_me, disabled=form.frozen)
    session.show("third_voice_named")

def adopt(item_id: str, likert: bool, value) -> bool:
    """A widget drawn afresh (a first visit, or a new server process after a restart) starts from the
    stored answer, unless the browser brings a value of its own: typed while the server restarted,
    so no callback stored it. It is stored now if this tab had seen what is stored; otherwise it may
    be an old copy of what another tab changed since, so it is shown as not stored, beside the stored
    answer. Whether it was stored."""
    key, stored = widget_key(item_id), stored_value(item_id)
    st.session_state[f"known_{key}"] = stored
    st.session_state.pop(f"elsewhere_{key}", None)
    if form.frozen or (value or None) == (stored or None):
        return False
    if not in_step:
        st.session_state[f"elsewhere_{key}"] = stored
        return False
    callbacks.run(key, store, item_id, likert)
    return True


def fresh_value(item_id: str):
    """The stored answer for a widget drawn for the first time in this session; None after that (the
    widget owns its value). Never put in session state: that would override what the browser brings."""
    return shown(form.answers.get(item_id)) if widget_key(item_id) not in st.session_state else None


def known_values() -> list[tuple]:
    """What this tab knows stored, per answer, for the digest in its address (ui/seen.py)."""
    return [(item.id, st.session_state.get(f"known_{widget_key(item.id)}")) for item in (*form.items, OPEN_QUESTION)]


# This tab saw what is stored now: any other answer its browser brings is its own unsaved edit.
in_step = seen.tab_saw([(item.id, stored_value(item.id)) for item in (*form.items, OPEN_QUESTION)])
recovered = False
labels = {scale_id: option_labels(scale) for scale_id, scale in form.questionnaire.scales.items()}
for item in form.items:
    key, fresh = widget_key(item.id), widget_key(item.id) not in st.session_state
    with st.container(border=True, key=f"third_voice_item_{item.id}"):
        wording = escape_markdown(item.wording("manager", lang))
        st.markdown(f"**{wording}**")
        options = labels[item.scale]
        value = st.pills(wording, list(options), default=fresh_value(item.id), key=key, on_change=save,
                         args=(item.id, True), disabled=form.frozen, label_visibility="collapsed",
                         format_func=lambda point, options=options: escape_markdown(options[point]))
        recovered |= fresh and adopt(item.id, True, value)
        saved_mark(item.id, options)

with st.container(border=True, key="third_voice_item_open"):
    question = tr("third_voice.open_question", name=escape_markdown(form.employee.name))
    st.markdown(f"**{question}**")
    fresh = widget_key(OPEN_ITEM) not in st.session_state
    value = st.text_area(question, value=fresh_value(OPEN_ITEM), key=widget_key(OPEN_ITEM), on_change=save,
                         args=(OPEN_ITEM, False), disabled=form.frozen, max_chars=MAX_TEXT,
                         label_visibility="collapsed", placeholder=tr("fill.open_placeholder"))
    recovered |= fresh and adopt(OPEN_ITEM, False, value)
    saved_mark(OPEN_ITEM)

if not form.frozen:
    st.divider()
    session.show("third_voice_submit")
    ready = st.checkbox(tr("third_voice.confirm"), key="third_voice_confirm")
    st.button(tr("third_voice.submit"), key="third_voice_submit", type="primary", disabled=not ready,
              on_click=submit, width="stretch")

seen.remember(known_values())
if recovered:
    st.rerun()  # draw the saved marks with the answers just stored
