"""My own certificates: what I hold, what expires when, and what my job function requires that I
do not hold yet. Cards, not a table: read on a phone on the shop floor."""

import streamlit as st

from devtalk.services import certificates
from ui import certificate_lists, session
from ui.session import tr

person = session.require_person()
st.title(tr("certificate_pages.nav_mine"))
rows = session.or_stop(certificates.of_person, session.database(), person, person.id)
if not rows:
    st.info(tr("certificate_pages.mine_none"))
else:
    st.caption(tr("certificate_pages.mine_explained"))
    certificate_lists.cards(rows)
