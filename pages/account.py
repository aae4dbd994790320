"""My account: language, password, signing out. A card's session only picks its language."""

import streamlit as st

from devtalk.i18n import LANGUAGES
from devtalk.services import account, auth
from ui import callbacks, oidc, session
from ui.session import tr

person = session.require_person()
db = session.database()


@callbacks.signed_in("account")
def change_language(person) -> None:
    """A card's session keeps the choice for itself: it changes nothing about the account."""
    chosen = st.session_state["account_language"]
    if not person.restricted:
        account.set_language(db, person, chosen)
    st.session_state["lang"] = chosen


def change_password() -> None:
    """The typed passwords leave the boxes whatever came of it."""
    callbacks.run("account", store_password)
    st.session_state["account_current_password"] = st.session_state["account_password"] = ""


def store_password(_person) -> None:
    """The service checks the session itself, from its token (a card's session has no password)."""
    state = st.session_state
    auth.change_password(db, session.session_token(), state.get("account_current_password", ""),
                         state.get("account_password", ""))
    session.say("account", "account.password_changed")


st.title(tr("account.title"))
session.seed("account_language", session.language())
st.radio(tr("account.language"), LANGUAGES, key="account_language", horizontal=True,
         format_func=lambda code: tr(f"account.language_{code}"), on_change=change_language)

if person.restricted:
    st.caption(tr("account.card_session"))
else:
    st.subheader(tr("account.password"))
    st.text_input(tr("account.current_password"), type="password", key="account_current_password",
                  autocomplete="current-password")
    st.text_input(tr("account.new_password"), type="password", key="account_password", autocomplete="new-password")
    st.button(tr("account.save_password"), key="account_save_password", on_click=change_password)
session.show("account")

st.divider()
if st.button(tr("account.sign_out"), key="sign_out", type="primary"):
    oidc.sign_out()
