"""My learning requests, made for a phone: what I agreed to learn, what the training coordinator
decided in plain words, the question behind the question to answer in my own words, and after it
is done the three evaluation questions. A manager also reads their team's requests (no costs:
devtalk.services.learning says who sees them).

Both texts are saved while typing (ui/save_while_typing.py), as the report's are: each save
expects the text this tab last read or saved, so a change from another screen is shown beside the
box instead of being overwritten; a text the browser brings that no callback stored (typed while
the server restarted) is stored on the next run if this tab had seen what is stored (ui/seen.py).
"""

from datetime import date

import streamlit as st

from devtalk.domain.learning import SATISFACTION
from devtalk.domain.models import HELPED
from devtalk.presentation.learning_words import helped_words, satisfaction_words
from devtalk.services import learning
from ui import callbacks, learning_requests, seen, session
from ui.session import tr
from ui.text import escape_markdown, user_text

person = session.require_person()
lang = session.language()
db = session.database()
own = session.or_stop(learning.my_requests, db, person)
team = session.or_stop(learning.team_requests, db, person)
TEXT = "learning_text_"  # + field + request id: a box the browser script saves while typing
FIELDS = ("question", "learned", "satisfaction", "helped")  # a refusal shows beside its field
FINISHED = ("evaluated", "declined")


def text_key(field: str, request_id: int) -> str:
    return f"{TEXT}{field}_{request_id}"


def slot(request_id: int) -> str:
    return f"learning_{request_id}"


stored_texts = {text_key("question", view.request.id): view.request.question for view in own if view.may_edit_question}
stored_texts |= {text_key("learned", view.request.id): view.evaluation.learned if view.evaluation else ""
                 for view in own if view.may_evaluate}
# This tab saw what is stored now: any other text its browser brings is its own unsaved edit.
in_step = seen.tab_saw(stored_texts.items())
recovered: dict[str, tuple[int, str]] = {}  # text box -> (request, field) whose browser text no callback stored


def store_text(person, request_id: int, field: str) -> None:
    """Store what the box holds, expecting the text this tab last read or saved there: a text
    changed on another screen meanwhile is kept to show beside the box, and this tab's text stays
    in the box (its next change is then stored knowingly)."""
    key = text_key(field, request_id)
    text, expected = st.session_state[key], st.session_state.get(f"known_{key}")
    try:
        if field == "question":
            learning.save_question(db, person, request_id, text, expected=expected)
        else:
            learning.save_evaluation(db, person, request_id, learned=text, expected=expected)
    except learning.TextChangedElsewhere as conflict:
        st.session_state[f"elsewhere_{key}"] = st.session_state[f"known_{key}"] = conflict.stored
        return
    st.session_state[f"known_{key}"] = text
    st.session_state.pop(f"elsewhere_{key}", None)


def save_text(request_id: int, field: str) -> None:
    callbacks.run(slot(request_id), store_text, request_id, field, fields=FIELDS)


def text_box(label: str, request_id: int, field: str, help_text: str) -> None:
    """A text that saves while typing. Drawn for the first time in this session it starts from the
    stored text unless the browser brings one of its own (a value put in session state would
    override the browser's, so none is seeded)."""
    key = text_key(field, request_id)
    stored = stored_texts[key]
    fresh = key not in st.session_state
    value = st.text_area(label, value=stored if fresh else None, key=key, on_change=save_text,
                         args=(request_id, field), max_chars=learning.MAX_TEXT, help=help_text)
    if fresh:
        st.session_state.pop(f"elsewhere_{key}", None)
        st.session_state[f"known_{key}"] = stored
        if (value or "") != stored:
            if in_step:
                recovered[key] = (request_id, field)
            else:
                st.session_state[f"elsewhere_{key}"] = stored
    session.show(slot(request_id), field)
    if f"elsewhere_{key}" in st.session_state:
        st.warning(tr("learning.changed_elsewhere"))
        user_text(st.session_state[f"elsewhere_{key}"], empty=tr("learning_pages.stored_nothing"))


def choose(person, request_id: int, field: str, shown: object) -> None:
    """Store a tapped answer at once; a second tap on the chosen one (which clears pills) keeps it."""
    key = f"learning_{field}_{request_id}"
    if st.session_state[key] is None:
        st.session_state[key] = shown
        return
    learning.save_evaluation(db, person, request_id, **{field: st.session_state[key]})


def finish(person, request_id: int) -> None:
    learning.finish_evaluation(db, person, request_id)
    session.say(slot(request_id), "learning_pages.evaluation_done")


def evaluation_questions(view) -> None:
    """The three questions once the learning is done: what, how satisfied, did it help at work."""
    request_id, evaluation = view.request.id, view.evaluation
    st.subheader(tr("learning_pages.evaluation_heading"))
    text_box(tr("learning_pages.learned_label"), request_id, "learned", tr("learning_pages.saved_while_typing"))
    for field, label, options, words in (("satisfaction", "learning_pages.satisfaction_label", SATISFACTION, satisfaction_words),
                                         ("helped", "learning_pages.helped_label", HELPED, helped_words)):
        key = f"learning_{field}_{request_id}"
        shown = getattr(evaluation, field) if evaluation else None
        session.seed(key, shown)
        st.pills(tr(label), options, key=key, format_func=lambda o, words=words: words(o, lang),
                 on_change=callbacks.run, args=(slot(request_id), choose, request_id, field, shown),
                 kwargs={"fields": FIELDS})
        session.show(slot(request_id), field)
    st.button(tr("learning_pages.finish_evaluation"), key=f"learning_finish_{request_id}", type="primary",
              width="stretch", on_click=callbacks.run, args=(slot(request_id), finish, request_id))


def evaluation_answers(view) -> None:
    evaluation = view.evaluation
    st.caption(tr("learning_pages.learned_label"))
    user_text(evaluation.learned)
    st.caption(tr("learning_pages.satisfaction_label"))
    st.write(satisfaction_words(evaluation.satisfaction, lang))
    st.caption(tr("learning_pages.helped_label"))
    st.write(helped_words(evaluation.helped, lang))


def own_card(view) -> None:
    request = view.request
    with st.container(border=True, key=f"learning_card_{request.id}"):
        learning_requests.heading(view, lang)
        st.markdown(escape_markdown(learning_requests.decision_words(view, lang)))
        if request.status == "declined":
            user_text(request.decline_reason)
        if view.may_edit_question:
            text_box(tr("learning_pages.question_label"), request.id, "question", tr("learning_pages.question_help"))
        elif request.question:
            st.caption(tr("learning_pages.question_label"))
            user_text(request.question)
        if view.may_evaluate:
            evaluation_questions(view)
        elif request.status == "evaluated" and view.evaluation is not None:
            evaluation_answers(view)
        session.show(slot(request.id))


def team_card(view) -> None:
    request = view.request
    with st.container(border=True, key=f"learning_team_card_{request.id}"):
        learning_requests.heading(view, lang, with_employee=True)
        st.markdown(escape_markdown(learning_requests.decision_words(view, lang, own=False)))
        if request.status == "declined":
            user_text(request.decline_reason)


st.title(tr("learning_pages.nav_mine"))
if own:
    st.caption(tr("learning_pages.mine_intro"))
else:
    st.info(tr("learning_pages.mine_none"))
# What is finished and from an earlier year is folded away: the phone shows what still asks something first.
earlier = [view for view in own if view.request.status in FINISHED and view.request.year < date.today().year]
for view in own:
    if view not in earlier:
        own_card(view)
if earlier:
    with st.expander(tr("learning_pages.earlier_years", count=len(earlier))):
        for view in earlier:
            own_card(view)
if recovered:
    for request_id, field in recovered.values():
        save_text(request_id, field)
    st.rerun()
if stored_texts:
    seen.remember((key, st.session_state.get(f"known_{key}", "")) for key in stored_texts)

if team:
    st.header(tr("learning_pages.team_heading"))
    st.caption(tr("learning_pages.team_explained"))
    for view in (view for view in team if view.request.status not in FINISHED):
        team_card(view)
    if finished := [view for view in team if view.request.status in FINISHED]:
        with st.expander(tr("learning_pages.team_finished", count=len(finished))):
            for view in finished:
                team_card(view)
