"""Signing in with an office account through Streamlit's ``st.login``, where the firm offers it:
the button, the first run after the provider sent the person back, signing out, HR's switch.

The providers are the server's: ``[auth.<name>]`` sections of ``.streamlit/secrets.toml``.
devtalk/services/oidc_sign_in.py says who an office account lets in.
"""

from __future__ import annotations

from collections.abc import Mapping

import sqlite_utils
import streamlit as st

from devtalk.domain.models import Person
from devtalk.services import oidc_sign_in
from ui import callbacks, session
from ui.session import tr
from ui.text import escape_markdown

REFUSED = "oidc"  # why the office account did not sign in, on the sign-in page


def configured_providers() -> list[str]:
    """The provider sections the server's secrets hold, by name; none without a secrets file."""
    if not st.secrets.load_if_toml_exists():
        return []
    auth = st.secrets.get("auth") or {}
    return sorted(name for name, section in auth.items() if isinstance(section, Mapping) and "client_id" in section)


def offered_here(db: sqlite_utils.Database) -> str | None:
    """The provider this firm offers, when the server has it too: a setting naming a section the
    secrets lack (since removed, or set on another server) shows no button that could only fail."""
    provider = oidc_sign_in.offered_provider(db)
    return provider if provider in configured_providers() else None


def sign_in_from_office_account() -> str | None:
    """On the sign-in page: a person the provider just sent back gets their devtalk session, and
    this run starts again as them; an office account that names nobody here is told why. Returns
    the provider offered here, for the page's button (None: no button)."""
    db = session.database()
    provider = offered_here(db)
    if provider is None:
        return None
    with session.refusal_kept(REFUSED):
        token = oidc_sign_in.sign_in(db, st.user.to_dict())
        if token is not None:
            session.start(token)
            st.rerun()
    return provider


def sign_in_button(provider: str | None) -> None:
    """The office account's button for ``provider``, the one sign_in_from_office_account found
    offered here (None: no button); a refusal of the account the person is signed in with there
    comes with the way out: choosing another account."""
    if provider is None:
        return
    refused = bool(session.kept(REFUSED))
    session.show(REFUSED)
    if refused:
        st.button(tr("oidc.other_account"), key="oidc_other_account", width="stretch", on_click=st.logout)
    else:
        st.button(tr("oidc.sign_in"), key="oidc_sign_in", type="primary", width="stretch",
                  on_click=st.login, args=(provider,))
    st.caption(tr("oidc.or_below"))


def sign_out() -> None:
    """End the devtalk session, and the office account's sign-in with Streamlit too: else the sign-in
    page would let the person straight back in while that sign-in is recent."""
    office_account = st.user.get("is_logged_in") is True
    session.end()
    if office_account:
        # The browser goes to the provider's sign-out, then back to the start. No rerun here: it
        # would drop that redirect, and the identity cookie would stay.
        st.logout()
    else:
        st.rerun()


@callbacks.signed_in("oidc_setting")
def offer(person: Person, provider: str | None) -> None:
    oidc_sign_in.set_offered_provider(session.database(), person, provider)


def firm_setting(db: sqlite_utils.Database) -> None:
    """HR's switch: which of the server's providers this firm's people may sign in with, or none.
    Buttons, as the card PIN's switch: each names the state it sets, so only a press moves it."""
    st.subheader(tr("oidc.setting_heading"))
    st.caption(tr("oidc.setting_explained"))
    offered = oidc_sign_in.offered_provider(db)
    configured = configured_providers()
    if offered is None:
        st.markdown(tr("oidc.setting_is_off"))
    else:
        st.markdown(tr("oidc.setting_is_on", provider=escape_markdown(offered)))
        if offered not in configured:
            st.warning(tr("oidc.setting_missing", provider=escape_markdown(offered)))
        st.button(tr("oidc.setting_switch_off"), key="oidc_switch_off", on_click=offer, args=(None,))
    if not configured:
        st.caption(tr("oidc.setting_none_configured"))
    for provider in configured:
        if provider != offered:
            st.button(tr("oidc.setting_switch_on", provider=escape_markdown(provider)), key=f"oidc_switch_on_{provider}",
                      on_click=offer, args=(provider,))
    session.show("oidc_setting")
