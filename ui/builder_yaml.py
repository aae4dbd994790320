"""The questionnaire builder's YAML view (pages/hr_builder.py): the draft as YAML in a code editor
(streamlit-code-editor: Ace, with line numbers and syntax colours, bundled, so it works offline)."""

from __future__ import annotations

import streamlit as st
from code_editor import code_editor

from devtalk.questionnaire import InvalidQuestionnaire
from devtalk.services import builder
from ui import callbacks, session
from ui.builder_draft import (
    BUILDER,
    CONFLICT,
    FORMS,
    SEEN,
    YAML,
    YAML_PROBLEMS,
    generation,
    new_generation,
    remember,
)
from ui.session import tr

YAML_SEED = "bld_yaml_seed"  # (generation, the text the editor started from, the text the draft last took)
YAML_EVENT = "bld_yaml_event"  # the editor's last edit handled


def code_editor_yaml(person, opened: builder.Opened, lang: str) -> None:
    """The draft as YAML in a code editor (line numbers, colours); valid text typed there becomes the
    draft about a second after the last keystroke, and the forms follow. Invalid text stays in the
    editor with its problems beside it; the draft keeps its last valid form."""
    st.caption(tr("builder.yaml_explained"))
    current = generation(YAML)
    if st.session_state.get(YAML_SEED, (None,))[0] != current:
        text = builder.as_yaml(session.database(), person, opened.record.id)
        st.session_state[YAML_SEED] = (current, text, text)
    _, seed, taken = st.session_state[YAML_SEED]
    # The editor keeps the text it was started with as long as its key stays: what is typed is its own.
    typed_in = code_editor(seed, lang="yaml", height=[16, 40], response_mode=["debounce", "blur"],
                           options={"showLineNumbers": True, "wrap": False, "tabSize": 2},
                           props={"debounceChangePeriod": 1000}, key=f"bw_yaml_{current}")
    event = (typed_in or {}).get("id")
    if event and event != st.session_state.get(YAML_EVENT):
        st.session_state[YAML_EVENT] = event
        text = typed_in.get("text", taken)
        if text == taken:  # typed back to what the draft holds
            st.session_state.pop(YAML_PROBLEMS, None)
        elif callbacks.run(BUILDER, _from_yaml, text, lang):
            st.session_state[YAML_SEED] = (current, seed, text)
            st.rerun()
    if problems := st.session_state.get(YAML_PROBLEMS):
        st.error(tr("builder.yaml_problems", count=len(problems)))
        for line in problems:
            st.text(line)


def forget_yaml() -> None:
    """The YAML tab is closed: opened again, the editor starts from the draft as it is then (the
    editor is drawn anew, and would show the text it was first given)."""
    new_generation(YAML)
    st.session_state.pop(YAML_PROBLEMS, None)


def _from_yaml(person, text: str, lang: str) -> bool:
    draft_id, revision, _ = st.session_state[SEEN]
    try:
        remember(builder.replace_with_yaml(session.database(), person, draft_id, revision, text))
    except InvalidQuestionnaire as error:
        st.session_state[YAML_PROBLEMS] = [problem.render(lang) for problem in error.problems]
        return False
    except builder.DraftChanged as changed:
        st.session_state[CONFLICT] = changed.changed_at
        return True
    st.session_state.pop(YAML_PROBLEMS, None)
    new_generation(FORMS)
    return True
