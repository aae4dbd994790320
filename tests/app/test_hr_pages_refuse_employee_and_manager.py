"""Every HR page, reached by someone who is not HR (a hand-made URL, a stale link), refuses by itself:
it says so, and shows none of the page's widgets, tables or charts."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import page_run_directly, texts

REFUSED = "Dit mag je niet bekijken of wijzigen"

HR_PAGES = {
    "pages/hr_builder.py": ("button", "text_area", "text_input"),
    "pages/hr_certificates.py": ("metric", "dataframe", "selectbox", "file_uploader"),
    "pages/hr_exports.py": ("button", "dataframe"),
    "pages/hr_invitations.py": ("radio",),
    "pages/hr_library.py": ("text_area", "dataframe"),
    "pages/hr_people.py": ("dataframe", "text_input"),
    "pages/hr_privacy.py": ("selectbox",),
    "pages/hr_rounds.py": ("metric", "dataframe", "text_input"),
    "pages/hr_requirements.py": ("pills", "selectbox"),
    "pages/hr_team.py": ("selectbox", "dataframe", "vega_lite_chart"),
}


def shown(app: AppTest, kind: str) -> list:
    """The elements of one kind on the page; a kind without an AppTest accessor is looked up by name."""
    return list(getattr(app, kind)) if hasattr(AppTest, kind) else app.get(kind)


@pytest.mark.parametrize("username", ["employee", "manager"])
@pytest.mark.parametrize("page", list(HR_PAGES), ids=lambda page: page.removeprefix("pages/").removesuffix(".py"))
def test_an_hr_page_refuses_employee_and_manager(firm_db, page, username):
    app = page_run_directly(username, page)
    assert not app.exception
    assert REFUSED in texts(app)
    assert {kind: shown(app, kind) for kind in HR_PAGES[page]} == {kind: [] for kind in HR_PAGES[page]}
