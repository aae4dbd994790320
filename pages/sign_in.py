"""Sign in with username and password."""

import streamlit as st

from devtalk.errors import DevtalkError
from devtalk.services import auth
from ui import session
from ui.session import tr

st.title(tr("sign_in.title"))
st.write(tr("sign_in.intro"))

with st.form("sign_in"):
    username = st.text_input(tr("sign_in.username"), key="login_username", autocomplete="username")
    password = st.text_input(tr("sign_in.password"), type="password", key="login_password", autocomplete="current-password")
    submitted = st.form_submit_button(tr("sign_in.submit"), key="login_submit", type="primary", width="stretch")

if submitted:
    try:
        token = auth.sign_in(session.database(), username, password)
    except DevtalkError as error:
        session.show_error(error)
    else:
        session.start(token)
        st.rerun()
