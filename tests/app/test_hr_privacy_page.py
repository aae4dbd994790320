from tests.app.conftest import open_page, sign_in, texts


def test_hr_erases_a_person_after_typing_the_username(firm_db):
    database, firm = firm_db
    app = open_page(sign_in("hr"), "pages/hr_privacy.py")
    app.selectbox(key="privacy_person").set_value(firm.outsider.id).run()
    app.button(key="privacy_erase").click().run()
    assert "Typ ter bevestiging" in texts(app)
    app.text_input(key="privacy_confirm").input("outsider").run()
    app.button(key="privacy_erase").click().run()
    assert not app.exception
    assert "De persoon is gewist" in texts(app)
    assert database.execute("SELECT active FROM people WHERE id = ?", [firm.outsider.id]).fetchone()[0] == 0
