"""The fund portal: the learning climate per sector across the member firms, numbers only, and
only where enough firms blend into one figure that no firm (and no person) can be read from it."""

import streamlit as st

from devtalk.presentation.formatting import format_number
from devtalk.services import fund
from ui import session, widgets
from ui.session import tr

person = session.require_person()
db = session.database()
lang = session.language()

st.title(tr("fund.figures_title"))
st.write(tr("fund.figures_intro", firms=fund.MIN_FIRMS, people=fund.MIN_RESPONDENTS))
sectors = session.or_stop(fund.climate_per_sector, db, person)
widgets.table_or_nothing([{
    tr("fund.col_sector"): found.sector or tr("fund.no_sector"),
    tr("fund.col_firms"): found.firms,
    tr("fund.col_climate"): format_number(found.average, lang) if found.average is not None else tr("fund.hidden"),
} for found in sectors], hide_index=True, width="stretch", key="fund_figures_table")
