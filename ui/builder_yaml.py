"""The questionnaire builder's YAML view (pages/hr_builder.py): the draft as YAML in a code editor
(streamlit-code-editor: Ace, with line numbers and syntax colours, bundled, so it works offline)."""

from __future__ import annotations

import streamlit as st
from code_editor import code_editor

from devtalk.questionnaire import InvalidQuestionnaire
from devtalk.questionnaire import builder as ops
from devtalk.services import builder
from ui import callbacks, session
from ui.builder_draft import (
    BUILDER,
    CONFLICT,
    FORMS,
    SEEN,
    YAML,
    generation,
    new_generation,
    remember,
)
from ui.session import tr

YAML_SEED = "bld_yaml_seed"  # (generation, the text the editor started from, the text the draft last took)
YAML_EVENT = "bld_yaml_event"  # the editor's last edit handled


def code_editor_yaml(person, opened: builder.Opened, lang: str) -> None:
    """The draft as YAML in a code editor (line numbers, colours); valid text typed there becomes the
    draft about a second after the last keystroke, and the forms follow. Invalid text is stored as
    typed beside the draft (which keeps its last valid form), so a reload or a closed tab brings it
    back in the editor, its problems beside it."""
    st.caption(tr("builder.yaml_explained"))
    current, waiting = generation(YAML), opened.record.yaml_text
    if st.session_state.get(YAML_SEED, (None,))[0] != current:
        text = builder.as_yaml(session.database(), person, opened.record.id)
        st.session_state[YAML_SEED] = (current, text if waiting is None else waiting, text)
    # The editor keeps the text it was started with as long as its key stays: what is typed is its own
    # (take_typed reads it).
    code_editor(st.session_state[YAML_SEED][1], lang="yaml", height=[16, 40], response_mode=["debounce", "blur"],
                options={"showLineNumbers": True, "wrap": False, "tabSize": 2},
                props={"debounceChangePeriod": 1000}, key=f"bw_yaml_{current}")
    if opened.typed_problems:
        st.error(tr("builder.yaml_problems", count=len(opened.typed_problems)))
        for problem in opened.typed_problems:
            st.text(problem.render(lang))


def take_typed(opened: builder.Opened) -> None:
    """Store what the editor sent since the last run. The editor calls nothing on a change, so the
    page asks this before it looks for a change from another tab: text typed meanwhile is then
    kept for "keep mine", as a text box's words are (its on_change runs first)."""
    seeded = st.session_state.get(YAML_SEED)
    typed_in = st.session_state.get(f"bw_yaml_{generation(YAML)}") if seeded else None
    event = (typed_in or {}).get("id")
    if not event or event == st.session_state.get(YAML_EVENT) or seeded[0] != generation(YAML):
        return
    st.session_state[YAML_EVENT] = event
    taken, waiting = seeded[2], opened.record.yaml_text
    text = typed_in.get("text", taken)
    # Nothing to store when it is what is stored already (typed back to it, or only the cursor moved).
    if text != (taken if waiting is None else waiting) and callbacks.run(BUILDER, _from_yaml, text):
        st.rerun()


def forget_yaml() -> None:
    """The YAML tab is closed: opened again, the editor starts from the draft as it is then (the
    editor is drawn anew, and would show the text it was first given)."""
    new_generation(YAML)


def _from_yaml(person, text: str) -> bool:
    draft_id, revision, content, _ = st.session_state[SEEN]
    try:
        remember(builder.replace_with_yaml(session.database(), person, draft_id, revision, text))
    except builder.YamlKept as kept:  # stored beside the draft; the page lists its problems
        remember(kept.record)
        return True
    except builder.DraftChanged as changed:
        st.session_state[CONFLICT] = changed.changed_at
        # "Keep mine" then keeps the text just typed: as the draft when it reads as one, else beside it.
        try:
            st.session_state[SEEN] = (draft_id, revision, ops.to_json(ops.from_yaml(text, "concept.yaml")), None)
        except InvalidQuestionnaire:
            st.session_state[SEEN] = (draft_id, revision, content, text)
        return True
    yaml_generation, seed, _ = st.session_state[YAML_SEED]
    st.session_state[YAML_SEED] = (yaml_generation, seed, text)
    new_generation(FORMS)
    return True
