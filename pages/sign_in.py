"""Sign in with username and password."""

import streamlit as st

from devtalk.errors import DevtalkError
from devtalk.services import auth, invitations
from ui import session
from ui.session import tr


def sign_in() -> None:
    """Runs before the next script run, so that run already shows this person's pages."""
    try:
        token = auth.sign_in(
            session.database(), st.session_state.get("login_username", ""), st.session_state.get("login_password", "")
        )
    except DevtalkError as error:
        st.session_state["login_error"] = error.render(session.language())
    else:
        session.start(token)


def sign_in_with_code() -> None:
    try:
        token = invitations.sign_in_with_code(session.database(), st.session_state.get("login_code", ""), session.client())
    except DevtalkError as error:
        st.session_state["code_error"] = error.render(session.language())
    else:
        session.start(token)


st.title(tr("sign_in.title"))
st.write(tr("sign_in.intro"))
with st.form(key="sign_in"):
    st.text_input(tr("sign_in.username"), key="login_username", autocomplete="username")
    st.text_input(tr("sign_in.password"), type="password", key="login_password", autocomplete="current-password")
    st.form_submit_button(tr("sign_in.submit"), key="login_submit", type="primary", width="stretch", on_click=sign_in)
session.show_pending("login_error")

st.subheader(tr("sign_in.code_heading"))
st.caption(tr("sign_in.code_explained"))
with st.form(key="sign_in_code"):
    st.text_input(tr("sign_in.code"), key="login_code", max_chars=20, autocomplete="one-time-code")
    st.form_submit_button(tr("sign_in.code_submit"), key="login_code_submit", width="stretch", on_click=sign_in_with_code)
session.show_pending("code_error")
