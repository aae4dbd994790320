"""Which pages a person sees: built from their roles on every run, never from a hidden button."""

from __future__ import annotations

import streamlit as st

from devtalk.domain import access
from devtalk.domain.models import Person
from ui import session
from ui.session import tr
from ui.text import escape_markdown

SIGN_IN = "pages/sign_in.py"
SETUP = "pages/setup.py"
HR_START = "pages/hr_start.py"
MY_CONVERSATIONS = "pages/my_conversations.py"
FILL_IN = "pages/fill_in.py"
COMPARISON = "pages/comparison.py"
REPORT = "pages/report.py"
MY_ACTIONS = "pages/my_actions.py"
MY_CERTIFICATES = "pages/my_certificates.py"
DOSSIER = "pages/dossier.py"
CHECK_IN = "pages/check_in.py"
ACCOUNT = "pages/account.py"
HR_PEOPLE = "pages/hr_people.py"
HR_ROUNDS = "pages/hr_rounds.py"
HR_INVITATIONS = "pages/hr_invitations.py"
HR_LIBRARY = "pages/hr_library.py"
HR_BUILDER = "pages/hr_builder.py"
HR_TEAM = "pages/hr_team.py"
HR_EXPORTS = "pages/hr_exports.py"
HR_PRIVACY = "pages/hr_privacy.py"
SKILLS_MATRIX = "pages/skills_matrix.py"
HR_REQUIREMENTS = "pages/hr_requirements.py"
HR_CERTIFICATES = "pages/hr_certificates.py"
THIRD_VOICE = "pages/third_voice.py"
MY_LEARNING = "pages/my_learning.py"
TRAINING_QUEUE = "pages/training_queue.py"
TRAINING_PLAN = "pages/training_plan.py"
LEARNING_EVALUATION = "pages/learning_evaluation.py"
FUND_FIRMS = "pages/fund_firms.py"
FUND_FIGURES = "pages/fund_figures.py"


def pages_for(person: Person | None, needs_setup: bool = False) -> list[st.Page] | dict[str, list[st.Page]]:
    if session.fund_portal():
        return _fund_portal(person)
    if person is None and needs_setup:
        return [st.Page(SETUP, title=tr("nav.setup"), icon=":material/rocket_launch:", default=True)]
    if person is None:
        return [st.Page(SIGN_IN, title=tr("nav.sign_in"), icon=":material/login:", default=True)]
    if person.only_third_voice is not None:
        # A card for one colleague's input alone: that form and nothing else.
        return [_third_voice(default=True)]
    own = _own_pages()
    if not person.is_hr:
        # A manager reads their own team's skills matrix; HR finds it among the HR pages.
        own = [*own, _skills_matrix()] if "manager" in person.roles else own
        own = [*own, _training_queue()] if access.coordinates_learning(person) else own
        # The training plan and what learning brought: a manager's team's, the coordinator's whole firm.
        return [*own, *_learning_plans()] if {"manager", "training_coordinator"} & set(person.roles) else own
    return {tr("nav.section_own"): own, tr("nav.section_hr"): _hr_pages()}


def show_menu(pages: list[st.Page] | dict[str, list[st.Page]]) -> None:
    """The sidebar menu of the pages this person sees, drawn here and not by Streamlit.

    Streamlit's own menu is off (``client.showSidebarNavigation`` in .streamlit/config.toml):
    on the first run of a new server process, a reconnect after a restart, it lists every file
    in pages/ (HR pages too) before app.py's st.navigation has run, even to a signed-out visitor.
    """
    sections = pages if isinstance(pages, dict) else {"": pages}
    shown = {header: [page for page in section if page.visibility == "visible"] for header, section in sections.items()}
    if sum(len(section) for section in shown.values()) < 2:
        return  # one page (signing in, setting up) needs no menu
    for header, section in shown.items():
        if header:
            st.markdown(f"**{escape_markdown(header)}**")
        for page in section:
            st.page_link(page)


def _fund_portal(person: Person | None) -> list[st.Page]:
    """The fund portal shows the fund's pages and no firm's: its administrators are made on the
    command line (``devtalk fund-admin add``), so there is no first-run setup to open either."""
    if person is None:
        return [st.Page(SIGN_IN, title=tr("nav.sign_in"), icon=":material/login:", default=True)]
    account = st.Page(ACCOUNT, title=tr("nav.account"), icon=":material/person:", default=not person.is_fund_admin)
    if not person.is_fund_admin:
        return [account]
    return [st.Page(FUND_FIRMS, title=tr("fund.nav_firms"), icon=":material/domain:", default=True),
            st.Page(FUND_FIGURES, title=tr("fund.nav_figures"), icon=":material/insights:"), account]


def _hr_pages() -> list[st.Page]:
    return [
        st.Page(HR_START, title=tr("nav.hr_start"), icon=":material/checklist:"),
        st.Page(HR_PEOPLE, title=tr("nav.hr_people"), icon=":material/groups:"),
        st.Page(HR_ROUNDS, title=tr("nav.hr_rounds"), icon=":material/event_repeat:"),
        st.Page(HR_LIBRARY, title=tr("nav.hr_library"), icon=":material/library_books:"),
        st.Page(HR_BUILDER, title=tr("builder.nav"), icon=":material/construction:"),
        st.Page(HR_INVITATIONS, title=tr("nav.hr_invitations"), icon=":material/qr_code_2:"),
        st.Page(HR_TEAM, title=tr("nav.hr_team"), icon=":material/grid_view:"),
        _skills_matrix(),
        st.Page(HR_REQUIREMENTS, title=tr("skills.page_title"), icon=":material/rule:"),
        st.Page(HR_CERTIFICATES, title=tr("certificate_pages.nav_hr"), icon=":material/workspace_premium:"),
        _training_queue(),
        *_learning_plans(),
        st.Page(HR_EXPORTS, title=tr("nav.hr_exports"), icon=":material/download:"),
        st.Page(HR_PRIVACY, title=tr("nav.hr_privacy"), icon=":material/shield_person:"),
    ]


def _third_voice(default: bool = False) -> st.Page:
    # Out of the menu: *Mijn gesprekken* links to it for whoever has input to give (ui/third_voice).
    return st.Page(THIRD_VOICE, title=tr("third_voice.nav"), icon=":material/record_voice_over:", default=default,
                   visibility="visible" if default else "hidden")


def _learning_plans() -> list[st.Page]:
    return [st.Page(TRAINING_PLAN, title=tr("training_plan.nav"), icon=":material/school:"),
            st.Page(LEARNING_EVALUATION, title=tr("learning_evaluation.nav"), icon=":material/insights:")]


def _training_queue() -> st.Page:
    return st.Page(TRAINING_QUEUE, title=tr("learning_pages.nav_queue"), icon=":material/model_training:")


def _skills_matrix() -> st.Page:
    return st.Page(SKILLS_MATRIX, title=tr("nav.skills_matrix"), icon=":material/table_chart:")


def _own_pages() -> list[st.Page]:
    return [
        st.Page(MY_CONVERSATIONS, title=tr("nav.my_conversations"), icon=":material/forum:", default=True),
        st.Page(FILL_IN, title=tr("nav.fill_in"), icon=":material/edit_note:", visibility="hidden"),
        st.Page(COMPARISON, title=tr("nav.comparison"), icon=":material/compare_arrows:", visibility="hidden"),
        st.Page(REPORT, title=tr("nav.report"), icon=":material/description:", visibility="hidden"),
        st.Page(CHECK_IN, title=tr("check_ins.nav"), icon=":material/chat:", visibility="hidden"),
        st.Page(MY_ACTIONS, title=tr("nav.my_actions"), icon=":material/task_alt:"),
        st.Page(MY_CERTIFICATES, title=tr("certificate_pages.nav_mine"), icon=":material/workspace_premium:"),
        st.Page(MY_LEARNING, title=tr("learning_pages.nav_mine"), icon=":material/local_library:"),
        _third_voice(),
        st.Page(DOSSIER, title=tr("nav.dossier"), icon=":material/folder_shared:"),
        st.Page(ACCOUNT, title=tr("nav.account"), icon=":material/person:"),
    ]
