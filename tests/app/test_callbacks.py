"""ui.callbacks.run, the one way a page acts on a click: it acts for whoever is signed in at the
click, and what came of it (a refusal, beside its field for a form, or that it worked) waits in
its slot for the next run, which shows it once."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from db import people as people_db
from devtalk.i18n import t
from devtalk.services import auth
from ui.text import escape_markdown


def page_with_buttons():
    """A page of three buttons whose callback refuses, refuses about the field "name", or works."""
    import streamlit as st

    from devtalk.errors import InvalidInput, NotAllowed
    from ui import callbacks, session

    @callbacks.signed_in("test", fields=("name",))
    def press(person, what: str) -> None:
        st.session_state["pressed_by"] = person.id
        if what == "refuse":
            raise NotAllowed()
        if what == "field":
            raise InvalidInput(field="name")
        session.say("test", "hr_people.added")

    session.require_person()
    with st.sidebar:  # stands for the place beside the field
        session.show("test", "name")
    for what in ("refuse", "field", "fine"):
        st.button(what, key=what, on_click=press, args=(what,))
    session.show("test")


def signed_in_page(database, username: str) -> AppTest:
    app = AppTest.from_function(page_with_buttons, default_timeout=30)
    app.session_state["session_token"] = auth.sign_in(database, username, "geheim123")
    return app.run()


def errors(elements) -> list[str]:
    return [element.value for element in elements.error]


def shown(key: str) -> str:
    """A catalogue text as a slot shows it: literally (escaped markdown)."""
    return escape_markdown(t(key, "nl"))


def test_a_refusal_waits_for_the_next_run_and_is_shown_once(firm_db):
    database, _ = firm_db
    app = signed_in_page(database, "employee")
    app.button(key="refuse").click().run()
    assert errors(app) == [shown("error.not_allowed")]
    app.run()
    assert errors(app) == []
    assert not app.exception


def test_what_worked_is_said_on_the_next_run(firm_db):
    database, _ = firm_db
    app = signed_in_page(database, "employee")
    app.button(key="fine").click().run()
    assert [element.value for element in app.success] == [shown("hr_people.added")]
    assert errors(app) == [] and not app.exception


def test_a_refusal_about_a_forms_field_waits_beside_that_field(firm_db):
    database, _ = firm_db
    app = signed_in_page(database, "employee")
    app.button(key="field").click().run()
    assert errors(app.sidebar) == [shown("error.invalid_input")]
    assert errors(app.main) == []
    assert not app.exception


def test_a_deactivated_persons_click_is_refused_before_it_runs(firm_db):
    database, firm = firm_db
    app = signed_in_page(database, "employee")
    people_db.update_person(database, firm.employee.id, active=False)
    app.button(key="fine").click().run()
    assert "pressed_by" not in app.session_state
    assert [element.value for element in app.success] == []
    assert t("app.signed_out", "nl") in [element.value for element in app.warning]
    assert not app.exception
