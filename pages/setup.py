"""First run: the firm and the first HR account, on an empty database only."""

import streamlit as st

from devtalk.i18n import LANGUAGES
from devtalk.services import address, auth, setup
from ui import navigation, session
from ui.browser_address import seen_address
from ui.session import tr


def create() -> None:
    state = st.session_state
    with session.refusal_kept("setup"):
        setup.create_firm(session.database(), firm_name=state.get("setup_firm", ""), language=state["setup_language"],
                          name=state.get("setup_name", ""), username=state.get("setup_username", ""),
                          password=state.get("setup_password", ""), public_address=state.get("setup_address", ""))
        session.start(auth.sign_in(session.database(), state["setup_username"], state["setup_password"]))
        # A new firm has nothing to show under "my conversations" yet: start on the checklist.
        state[session.LAND_ON] = navigation.HR_START


st.title(tr("setup.title"))
st.write(tr("setup.intro"))
# Prefilled with the address this browser reached devtalk at, which is often the one to print.
seen = address.public_address(session.database(), seen_address())
with st.form(key="setup"):
    st.text_input(tr("setup.firm_name"), key="setup_firm", max_chars=120)
    st.radio(tr("setup.language"), LANGUAGES, key="setup_language", horizontal=True,
             format_func=lambda code: tr(f"account.language_{code}"))
    st.text_input(tr("setup.name"), key="setup_name", max_chars=200)
    st.text_input(tr("setup.username"), key="setup_username", max_chars=64)
    st.text_input(tr("setup.password"), key="setup_password", type="password")
    st.text_input(tr("setup.address"), key="setup_address", value=seen.url, max_chars=200, help=tr("setup.address_help"))
    if seen.local:
        st.caption(tr("setup.address_local"))
    st.form_submit_button(tr("setup.submit"), key="setup_submit", type="primary", on_click=create, width="stretch")
session.show("setup")
