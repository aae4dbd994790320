"""devtalk's entry point: page setup, the sign-in gate and the navigation for this person."""

import streamlit as st

from devtalk.services import setup
from ui import navigation, save_while_typing, served_files, session, text, widgets
from ui.session import tr

st.set_page_config(page_title="devtalk", page_icon=":material/forum:", layout="centered")
person = session.current_person()
if person is None:
    session.sign_in_from_link()
    person = session.current_person()
session.write_cookie()
pages = navigation.pages_for(person, person is None and setup.needs_setup(session.database()))
page = st.navigation(pages, position="hidden")
if person is not None and session.LAND_ON in st.session_state:
    st.switch_page(st.session_state.pop(session.LAND_ON))
# Signed out there is nothing to list and nothing typed to save: no sidebar at all.
if person is not None:
    with st.sidebar:
        navigation.show_menu(pages)
        save_while_typing.install()  # in the sidebar: it shows nothing, and takes no room above the page
        widgets.install()
        st.caption(text.escape_markdown(tr("app.signed_in_as", name=person.name)))
else:
    widgets.install()  # the sign-in and setup pages are in the person's language too
session.show(session.SIGNED_OUT)
text.install_style()
page.run()
served_files.remove_fetched()
