"""My account: language, password, signing out."""

import streamlit as st

from devtalk.errors import DevtalkError
from devtalk.i18n import LANGUAGES
from devtalk.services import account, auth
from ui import session
from ui.session import tr

person = session.require_person()
db = session.database()


def change_language() -> None:
    chosen = st.session_state["account_language"]
    account.set_language(db, person, chosen)
    st.session_state["lang"] = chosen


def change_password() -> None:
    try:
        auth.set_password(db, person, person.id, st.session_state.get("account_password", ""))
        st.session_state["account_message"] = "account.password_changed"
    except DevtalkError as error:
        st.session_state["account_error"] = error.render(session.language())
    st.session_state["account_password"] = ""


st.title(tr("account.title"))
session.seed("account_language", session.language())
st.radio(tr("account.language"), LANGUAGES, key="account_language", horizontal=True,
         format_func=lambda code: tr(f"account.language_{code}"), on_change=change_language)

st.subheader(tr("account.password"))
st.text_input(tr("account.new_password"), type="password", key="account_password", autocomplete="new-password")
st.button(tr("account.save_password"), key="account_save_password", on_click=change_password)
session.show_pending("account_error")
if "account_message" in st.session_state:
    st.success(tr(st.session_state.pop("account_message")))

st.divider()
if st.button(tr("account.sign_out"), key="sign_out", type="primary"):
    session.end()
    st.rerun()
