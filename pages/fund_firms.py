"""The fund portal: the member firms (how many people, how many rounds) and a new firm with its
first HR account, whose one-time password is shown here once."""

import streamlit as st

from devtalk.domain.firm_address import firm_address
from devtalk.i18n import LANGUAGES
from devtalk.services import fund
from ui import callbacks, session, widgets
from ui.browser_address import seen_address
from ui.session import tr
from ui.text import escape_markdown

person = session.require_person()
db = session.database()
CREATED = "fund_firm_created"  # (firm name, its address or None, HR's username, the one-time password)


@callbacks.signed_in("fund_firm")
def create(person) -> None:
    state = st.session_state
    slug = (state.get("fund_slug") or "").strip().lower()
    address = firm_address(seen_address() or "", slug) or ""
    made = fund.create_firm(db, person, slug=slug, name=state.get("fund_name", ""), sector=state.get("fund_sector", ""),
                            hr_name=state.get("fund_hr_name", ""), hr_username=state.get("fund_hr_username", ""),
                            language=state["fund_language"], public_address=address)
    state[CREATED] = (made.firm.name, address or None, made.hr.username, made.password)
    for key in ("fund_slug", "fund_name", "fund_sector", "fund_hr_name", "fund_hr_username"):
        state[key] = ""


st.title(tr("fund.firms_title"))
st.write(tr("fund.firms_intro"))
firms = session.or_stop(fund.firm_list, db, person)
widgets.table_or_nothing([{
    tr("fund.col_name"): found.firm.name, tr("fund.col_slug"): found.firm.slug, tr("fund.col_sector"): found.firm.sector,
    tr("fund.col_people"): found.people, tr("fund.col_rounds"): found.rounds,
} for found in firms], hide_index=True, width="stretch", key="fund_firms_table")

st.header(tr("fund.new_title"))
if CREATED in st.session_state:
    name, address, username, password = st.session_state.pop(CREATED)
    st.success(escape_markdown(tr("fund.created", firm=name, username=username)))
    if address:
        st.write(escape_markdown(tr("fund.created_address", address=address)))
    st.code(password, language=None)
    st.caption(tr("fund.created_password_once"))
session.show("fund_firm")
with st.form(key="fund_new_firm"):
    st.text_input(tr("fund.new_name"), key="fund_name", max_chars=120)
    st.text_input(tr("fund.new_slug"), key="fund_slug", max_chars=40, help=tr("fund.new_slug_help"))
    st.text_input(tr("fund.new_sector"), key="fund_sector", max_chars=80)
    st.text_input(tr("fund.new_hr_name"), key="fund_hr_name", max_chars=200)
    st.text_input(tr("fund.new_hr_username"), key="fund_hr_username", max_chars=64)
    st.radio(tr("setup.language"), LANGUAGES, key="fund_language", horizontal=True,
             format_func=lambda code: tr(f"account.language_{code}"))
    st.form_submit_button(tr("fund.new_submit"), key="fund_new_submit", type="primary", on_click=create, width="stretch")
