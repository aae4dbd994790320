"""First run: the firm and the first HR account, on an empty database only."""

import streamlit as st

from devtalk.errors import DevtalkError
from devtalk.i18n import LANGUAGES
from devtalk.services import auth, setup
from ui import session
from ui.session import tr


def create() -> None:
    state = st.session_state
    try:
        setup.create_firm(session.database(), firm_name=state.get("setup_firm", ""), language=state["setup_language"],
                          name=state.get("setup_name", ""), username=state.get("setup_username", ""),
                          password=state.get("setup_password", ""))
        session.start(auth.sign_in(session.database(), state["setup_username"], state["setup_password"]))
    except DevtalkError as error:
        state["setup_error"] = error.render(session.language())


st.title(tr("setup.title"))
st.write(tr("setup.intro"))
with st.form(key="setup"):
    st.text_input(tr("setup.firm_name"), key="setup_firm", max_chars=120)
    st.radio(tr("setup.language"), LANGUAGES, key="setup_language", horizontal=True,
             format_func=lambda code: tr(f"account.language_{code}"))
    st.text_input(tr("setup.name"), key="setup_name", max_chars=200)
    st.text_input(tr("setup.username"), key="setup_username", max_chars=64)
    st.text_input(tr("setup.password"), key="setup_password", type="password")
    st.form_submit_button(tr("setup.submit"), key="setup_submit", type="primary", on_click=create, width="stretch")
session.show_pending("setup_error")
