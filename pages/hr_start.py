"""HR: the checklist from an empty firm to the first conversations, each step a link."""

import streamlit as st

from devtalk.questionnaire import load_questionnaire_file, localized
from devtalk.services import setup
from devtalk.services.library import bundled_templates, store_bundled
from ui import callbacks, navigation, session
from ui.session import tr
from ui.text import escape_markdown

person = session.require_hr()
db = session.database()
lang = session.language()
# Each step's link: the page, and on the people page the tab where that step is done.
LINK_OF_STEP = {"functions": (navigation.HR_PEOPLE, {"tab": "functions"}), "people": (navigation.HR_PEOPLE, {"tab": "people"}),
                "questionnaire": (navigation.HR_LIBRARY, None), "round": (navigation.HR_ROUNDS, None),
                "cards": (navigation.HR_INVITATIONS, None)}


@callbacks.signed_in("start")
def use_template(person, path) -> None:
    store_bundled(db, person, path)
    session.say("start", "start.template_stored")


st.title(tr("start.title"))
st.write(tr("start.intro"))
for number, step in enumerate(setup.checklist(db, person), 1):
    with st.container(border=True):
        label = f"{number}. {tr(f'start.step_{step.key}')}"
        st.markdown(f"**{label}**" + (f" · {tr('start.done')}" if step.done else ""))
        page, query_params = LINK_OF_STEP[step.key]
        st.page_link(page, label=tr(f"start.step_{step.key}"), icon=":material/arrow_forward:", query_params=query_params)
        if step.key == "questionnaire":
            for path in bundled_templates():
                title = localized(load_questionnaire_file(path).title, lang)
                st.button(escape_markdown(tr("start.use_template", name=title)), key=f"start_use_{path.stem}",
                          on_click=use_template, args=(path,))
session.show("start")
