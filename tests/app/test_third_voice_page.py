"""The colleague's input page and the comparison's third column under AppTest: a colleague fills in
only what they were invited to, and nobody sees any of it on a page before both sides submitted."""

import pytest
from streamlit.testing.v1 import AppTest

from db.accounts import set_password_hash
from db.people import add_person
from devtalk.domain.passwords import hash_password
from devtalk.domain.third_voice import OPEN_ITEM
from devtalk.services import conversations, third_voice
from tests.app.conftest import (
    ROOT,
    after_a_server_restart,
    open_page,
    reload,
    sign_in,
    texts,
)
from tests.builders import CARD_PIN, decoded_links, fill_all, submit_both

PAGE = "pages/third_voice.py"
SKILLS = ("tekening-lezen", "veilig-werken")


def colleagues(database, firm, count: int) -> list:
    """``count`` colleagues who can sign in (collega1, collega2, ...), each asked by the manager."""
    asked = []
    for number in range(1, count + 1):
        person = add_person(database, name=f"Collega {number}", username=f"collega{number}", function_id="lasser")
        set_password_hash(database, person.id, hash_password("geheim123"))
        asked.append((person, third_voice.invite(database, firm.manager, firm.conversation_id, person.id)))
    return asked


def give(database, person, voice, value: int, text: str) -> None:
    for item_id in SKILLS:
        third_voice.save_input(database, person, voice.id, item_id, value=value)
    third_voice.save_input(database, person, voice.id, OPEN_ITEM, text=text)
    third_voice.submit_input(database, person, voice.id)


def colleagues_column(table) -> str | None:
    """The colleagues' column of a comparison table, if it has one."""
    return next((column for column in table.columns if column.startswith("Collega")), None)


def widget(voice, item_id: str) -> str:
    return f"answer_third_voice_{voice.id}_{item_id}"


def test_a_colleague_finds_the_request_fills_in_and_the_answers_are_there_after_a_reload(firm_db):
    database, firm = firm_db
    [(_, voice)] = colleagues(database, firm, 1)
    app = open_page(sign_in("collega1"), PAGE)
    assert not app.exception and "Daan Medewerker" in texts(app)
    app = open_page(app, PAGE, input=voice.id)
    assert "De medewerker kan een werktekening lezen" in texts(app)
    app.button_group(key=widget(voice, "tekening-lezen")).set_value(4).run()
    app.text_area(key=widget(voice, OPEN_ITEM)).input("Helpt nieuwe collega's goed op weg").run()
    assert "✓ Opgeslagen" in texts(app)
    app = open_page(reload(app), PAGE, input=voice.id)
    assert app.button_group(key=widget(voice, "tekening-lezen")).value == 4
    assert app.text_area(key=widget(voice, OPEN_ITEM)).value == "Helpt nieuwe collega's goed op weg"
    app.button_group(key=widget(voice, "veilig-werken")).set_value(3).run()
    app.checkbox(key="third_voice_confirm").check().run()
    app.button(key="third_voice_submit").click().run()
    assert not app.exception and "Ingeleverd op" in texts(app)


def test_the_colleagues_page_shows_nothing_of_the_two_sides(firm_db):
    database, firm = firm_db
    [(_, voice)] = colleagues(database, firm, 1)
    fill_all(database, firm.employee, firm.conversation_id)
    conversations.save_answer(database, firm.employee, firm.conversation_id, "energie", text="Geheim van Daan")
    app = open_page(sign_in("collega1"), PAGE, input=voice.id)
    assert not app.exception and "Geheim van Daan" not in texts(app)
    assert "tekst van manager" not in texts(app)


def test_someone_not_invited_is_refused_the_form(firm_db):
    database, firm = firm_db
    [(_, voice)] = colleagues(database, firm, 1)
    for username in ("employee", "manager", "hr", "outsider"):
        app = open_page(sign_in(username), PAGE, input=voice.id)
        assert not app.exception and not app.button_group and "Dit mag je niet bekijken" in texts(app)


def test_the_third_column_shows_only_after_both_submitted_and_from_three_colleagues(firm_db):
    database, firm = firm_db
    for number, (person, voice) in enumerate(colleagues(database, firm, 3), 1):
        give(database, person, voice, value=number + 1, text=f"Zegt collega {number}")
    fill_all(database, firm.employee, firm.conversation_id)
    conversations.submit(database, firm.employee, firm.conversation_id)
    app = open_page(sign_in("employee"), PAGE)
    assert "Zegt collega" not in texts(app)
    app = open_page(app, "pages/comparison.py", conversation=firm.conversation_id)
    assert not app.table and "Zegt collega" not in texts(app)
    fill_all(database, firm.manager, firm.conversation_id)
    conversations.submit(database, firm.manager, firm.conversation_id)
    for username in ("employee", "manager"):
        app = open_page(sign_in(username), "pages/comparison.py", conversation=firm.conversation_id)
        assert not app.exception
        [table] = [table.value for table in app.table if colleagues_column(table.value)]
        assert list(table[colleagues_column(table)]) == ["3,0", "3,0"]
        assert list(table["Medewerker"]) == ["3", "3"] and list(table["Leidinggevende"]) == ["3", "3"]
        shown = texts(app)
        assert all(f"Zegt collega {number}" in shown for number in (1, 2, 3)) and "Collega 1" not in shown


def test_two_colleagues_are_not_shown_and_the_page_says_why(firm_db):
    database, firm = firm_db
    for person, voice in colleagues(database, firm, 2):
        give(database, person, voice, value=4, text="Alleen twee")
    submit_both(database, firm)
    app = open_page(sign_in("employee"), "pages/comparison.py", conversation=firm.conversation_id)
    assert not app.exception and not any(colleagues_column(table.value) for table in app.table)
    assert "2 collega's gaven inbreng" in texts(app) and "Alleen twee" not in texts(app)


def test_the_manager_asks_a_colleague_from_the_fill_in_page(firm_db):
    _, firm = firm_db
    app = open_page(sign_in("manager"), "pages/fill_in.py", conversation=firm.conversation_id)
    assert f"third_voice_who_{firm.conversation_id}" not in [box.key for box in app.selectbox]  # listed only once asked
    app.toggle(key=f"third_voice_asking_{firm.conversation_id}").set_value(True).run()
    app.selectbox(key=f"third_voice_who_{firm.conversation_id}").select(firm.outsider.id)
    app.button(key="third_voice_invite_submit").click().run()
    assert not app.exception and "Otto Buiten" in texts(app) and "Gevraagd; nog niet ingeleverd" in texts(app)



def test_a_card_for_the_input_alone_opens_that_form_and_no_other_page(firm_db):
    database, firm = firm_db
    voice = third_voice.invite(database, firm.manager, firm.conversation_id, firm.outsider.id)
    code = decoded_links(third_voice.input_card_pdf(database, firm.manager, voice.id, "nl"))[0].split("=")[1]
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    app.query_params["code"] = code  # as the card's QR code opens it
    app.run()
    app.text_input(key="login_pin").input(CARD_PIN)
    app.text_input(key="login_pin_again").input(CARD_PIN)
    app = reload(app.button(key="login_pin_submit").click().run())
    assert not app.exception and app.button_group(key=widget(voice, "tekening-lezen"))
    # The navigation holds this one page: the colleague's own conversations, dossier and
    # certificates are not among the pages a link could open.
    for page in ("pages/my_conversations.py", "pages/dossier.py", "pages/report.py", "pages/my_certificates.py"):
        with pytest.raises(ValueError, match="Known pages: \\['[^,]*third_voice.py'\\]"):
            app.switch_page(page)


def test_the_employee_proposes_a_colleague_and_the_manager_consents_on_the_fill_in_page(firm_db):
    database, firm = firm_db
    employee = open_page(sign_in("employee"), "pages/fill_in.py", conversation=firm.conversation_id)
    employee.toggle(key=f"third_voice_asking_{firm.conversation_id}").set_value(True).run()
    employee.selectbox(key=f"third_voice_who_{firm.conversation_id}").select(firm.outsider.id)
    employee.button(key="third_voice_invite_submit").click().run()
    assert not employee.exception and "wacht op instemming van de leidinggevende" in texts(employee)
    [voice] = third_voice.invitations_of(database, firm.manager, firm.conversation_id).voices
    assert not any(key.startswith("third_voice_consent") for key in (button.key for button in employee.button))
    manager = open_page(sign_in("manager"), "pages/fill_in.py", conversation=firm.conversation_id)
    manager.button(key=f"third_voice_consent_{voice[0].id}").click().run()
    assert not manager.exception and "Gevraagd; nog niet ingeleverd" in texts(manager)



def test_the_work_mentor_agrees_to_be_named_on_the_form_and_a_colleague_is_not_asked(firm_db):
    database, firm = firm_db
    [(_, asked)] = colleagues(database, firm, 1)
    mentor = add_person(database, name="Gerrit Mentor", username="mentor", function_id="plaatwerker")
    set_password_hash(database, mentor.id, hash_password("geheim123"))
    voice = third_voice.invite(database, firm.manager, firm.conversation_id, mentor.id, kind="mentor")
    app = open_page(sign_in("mentor"), PAGE, input=voice.id)
    app.checkbox(key="third_voice_named").check().run()
    assert not app.exception and third_voice.open_input(database, mentor, voice.id).voice.named
    colleague = open_page(sign_in("collega1"), PAGE, input=asked.id)
    assert not colleague.exception and not [box for box in colleague.checkbox if box.key == "third_voice_named"]


def test_the_manager_prints_a_card_for_the_input_and_revokes_it(firm_db, monkeypatch):
    monkeypatch.setenv("DEVTALK_PUBLIC_URL", "https://devtalk.example.nl/")
    database, firm = firm_db
    voice = third_voice.invite(database, firm.manager, firm.conversation_id, firm.outsider.id)
    app = open_page(sign_in("manager"), "pages/fill_in.py", conversation=firm.conversation_id)
    app.button(key=f"third_voice_card_{voice.id}_make").click().run()
    assert not app.exception and app.get("download_button")
    cards = "SELECT count(*) FROM invitations WHERE third_voice_id = ? AND revoked_at IS NULL"
    assert database.execute(cards, [voice.id]).fetchone()[0] == 1
    app.button(key=f"third_voice_revoke_{voice.id}").click().run()
    assert not app.exception and database.execute(cards, [voice.id]).fetchone()[0] == 0
    assert not [button for button in app.button if button.key == f"third_voice_revoke_{voice.id}"]


def colleague_on_the_form(database, firm):
    """Collega 1, asked by the manager, on the input form in this tab."""
    [(person, voice)] = colleagues(database, firm, 1)
    return person, voice, open_page(sign_in("collega1"), PAGE, input=voice.id)


def stored_open_answer(database, person, voice) -> str | None:
    answer = third_voice.open_input(database, person, voice.id).answers.get(OPEN_ITEM)
    return answer.text if answer else None


@pytest.mark.parametrize("choice, kept", [("keep_mine", "Van dit tabblad"), ("use_stored", "Van de telefoon")])
def test_an_open_answer_changed_on_another_device_is_shown_beside_the_box_and_the_colleague_chooses(firm_db, choice, kept):
    database, firm = firm_db
    person, voice, app = colleague_on_the_form(database, firm)
    third_voice.save_input(database, person, voice.id, OPEN_ITEM, text="Van de telefoon", expected="")
    app.text_area(key=widget(voice, OPEN_ITEM)).input("Van dit tabblad").run()
    assert not app.exception and "Dit antwoord is intussen ergens anders gewijzigd" in texts(app)
    assert "Van de telefoon" in [element.value for element in app.text]
    assert stored_open_answer(database, person, voice) == "Van de telefoon"
    app.button(key=f"{choice}_{widget(voice, OPEN_ITEM)}").click().run()
    assert not app.exception and "ergens anders gewijzigd" not in texts(app)
    assert stored_open_answer(database, person, voice) == kept
    assert app.text_area(key=widget(voice, OPEN_ITEM)).value == kept


def test_an_open_answer_typed_while_the_server_restarted_is_stored(firm_db):
    database, firm = firm_db
    person, voice, app = colleague_on_the_form(database, firm)
    app.text_area(key=widget(voice, OPEN_ITEM)).set_value("Getypt tijdens de herstart")
    after_a_server_restart(app)
    assert not app.exception and "ergens anders gewijzigd" not in texts(app)
    assert stored_open_answer(database, person, voice) == "Getypt tijdens de herstart"


def test_a_stale_tabs_open_answer_after_a_server_restart_is_shown_as_not_stored(firm_db):
    database, firm = firm_db
    person, voice, app = colleague_on_the_form(database, firm)
    app.text_area(key=widget(voice, OPEN_ITEM)).set_value("Oude kopie van dit tabblad")
    third_voice.save_input(database, person, voice.id, OPEN_ITEM, text="Van de telefoon", expected="")
    after_a_server_restart(app)
    assert not app.exception and "Dit antwoord is intussen ergens anders gewijzigd" in texts(app)
    assert stored_open_answer(database, person, voice) == "Van de telefoon"
    assert app.text_area(key=widget(voice, OPEN_ITEM)).value == "Oude kopie van dit tabblad"
