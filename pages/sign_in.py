"""Sign in with username and password, with the code on a sign-in card (and its PIN), or with an office
account where the firm offers one (ui/oidc.py)."""

import streamlit as st

from devtalk.services import auth, invitations
from ui import oidc, session
from ui.session import tr


def sign_in() -> None:
    """Runs before the next script run, so that run already shows this person's pages."""
    with session.refusal_kept("login"):
        session.start(auth.sign_in(session.database(), st.session_state.get("login_username", ""),
                                   st.session_state.get("login_password", "")))


def sign_in_with_code() -> None:
    session.sign_in_with_card(st.session_state.get("login_code", ""))


def sign_in_with_pin() -> None:
    state = st.session_state
    if session.PENDING_CARD in state:
        code, step = state[session.PENDING_CARD]
        session.sign_in_with_card(code, state.get("login_pin", ""),
                                  state.get("login_pin_again", "") if step == invitations.CHOOSE_PIN else None)
    state["login_pin"] = state["login_pin_again"] = ""


def use_another_code() -> None:
    st.session_state.pop(session.PENDING_CARD, None)


def pin_step(step: str) -> None:
    """The card was right; now the PIN this person chose, or the one they choose now."""
    choosing = step == invitations.CHOOSE_PIN
    st.subheader(tr("sign_in.pin_choose_heading" if choosing else "sign_in.pin_enter_heading"))
    st.caption(tr("sign_in.pin_choose_explained" if choosing else "sign_in.pin_enter_explained"))
    with st.form(key="sign_in_pin"):
        st.text_input(tr("sign_in.pin"), type="password", key="login_pin", max_chars=6, autocomplete="off")
        if choosing:
            st.text_input(tr("sign_in.pin_again"), type="password", key="login_pin_again", max_chars=6,
                          autocomplete="off")
        st.form_submit_button(tr("sign_in.pin_submit"), key="login_pin_submit", type="primary", width="stretch",
                              on_click=sign_in_with_pin)
    session.show(session.CODE)
    st.button(tr("sign_in.pin_cancel"), key="login_pin_cancel", on_click=use_another_code)


def password_and_code_forms(provider: str | None) -> None:
    st.write(tr("sign_in.intro"))
    oidc.sign_in_button(provider)
    with st.form(key="sign_in"):
        st.text_input(tr("sign_in.username"), key="login_username", autocomplete="username")
        st.text_input(tr("sign_in.password"), type="password", key="login_password", autocomplete="current-password")
        st.form_submit_button(tr("sign_in.submit"), key="login_submit", type="primary", width="stretch",
                              on_click=sign_in)
    session.show("login")

    st.subheader(tr("sign_in.code_heading"))
    st.caption(tr("sign_in.code_explained"))
    with st.form(key="sign_in_code"):
        st.text_input(tr("sign_in.code"), key="login_code", max_chars=20, autocomplete="one-time-code")
        st.form_submit_button(tr("sign_in.code_submit"), key="login_code_submit", width="stretch",
                              on_click=sign_in_with_code)
    session.show(session.CODE)


offered = oidc.sign_in_from_office_account()
st.title(tr("sign_in.title"))
session.show(session.LINK_ERROR)
if session.PENDING_CARD in st.session_state:
    pin_step(st.session_state[session.PENDING_CARD][1])
else:
    password_and_code_forms(offered)
