import pytest

from db import audit
from devtalk.i18n import t
from devtalk.services import exports
from tests.app.conftest import page_run_directly, texts

PAGE = "pages/hr_exports.py"


def audit_table(app):
    return next(frame.value for frame in app.dataframe if "Wie" in frame.value.columns)


@pytest.mark.parametrize("what", exports.EXPORTS)
def test_hr_makes_an_export_in_both_formats_and_finds_it_in_the_audit_log(firm_db, what):
    app = page_run_directly("hr", PAGE)
    for fmt in exports.FORMATS:
        app.button(key=f"export_{what}_{fmt}_make").click().run()
        assert f"export_{what}_{fmt}_download" in {button.key for button in app.download_button}
    log = audit_table(app)
    assert list(log["Wat"][:2]) == [t(f"audit.export.{what}", "nl")] * 2
    assert set(log["Wie"][:2]) == {"Ingrid HR"}
    assert not app.exception


def test_the_audit_log_says_what_and_how_much_in_dutch_words_also_for_rows_an_older_version_wrote(firm_db):
    database, firm = firm_db
    audit.record_event(database, firm.hr.id, "people.import", "people", "*", detail="added 3, changed 1")  # as stored before
    app = page_run_directly("hr", PAGE)
    app.button(key="export_actions_csv_make").click().run()
    log = audit_table(app)
    assert list(log["Waarop"][:2]) == ["export van acties", "de mensenlijst"]
    assert list(log["Toelichting"][:2]) == ["CSV, 0 rijen", "3 toegevoegd, 1 gewijzigd"]
    assert not app.exception


def test_the_audit_log_shows_who_did_what_and_when(firm_db):
    app = page_run_directly("hr", PAGE)
    log = audit_table(app)
    assert {"Ronde gestart", "Vragenlijst opgeslagen"} <= set(log["Wat"])
    assert "Logboek" in texts(app)
    assert not app.exception
