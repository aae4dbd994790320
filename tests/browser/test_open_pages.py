"""A page left open in the browser keeps no old identity: once HR is deactivated, the people
export on their open page gives no file and the page says they are signed out."""

import pytest

import db as storage
from db import audit
from db.accounts import set_password_hash
from db.people import add_person, update_person
from devtalk.domain.passwords import hash_password
from tests.browser.conftest import settle, sign_in

pytestmark = pytest.mark.browser


def test_an_open_hr_page_downloads_no_people_csv_once_hr_is_deactivated(server, page):
    url, database = server["url"], storage.open_db(server["db"])
    # An HR colleague of their own: the demo's HR stays signed in for the other tests.
    leaving = add_person(database, name="Vera Vertrekt", username="vera_hr", roles=("employee", "hr_admin"))
    set_password_hash(database, leaving.id, hash_password("demo"))
    sign_in(page, url, "vera_hr")
    page.goto(f"{url}/hr_people")
    page.get_by_role("tab", name="Inlezen en uitvoeren").click()
    settle(page)
    with page.expect_download() as first:
        page.get_by_role("button", name="CSV downloaden").click()
    assert "vera_hr" in first.value.path().read_text(encoding="utf-8")
    settle(page)

    update_person(database, leaving.id, active=False)  # HR deactivates Vera; her page stays open
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.get_by_role("button", name="CSV downloaden").click()
    page.get_by_text("Je bent niet (meer) aangemeld").first.wait_for()
    page.locator(".st-key-login_username input").wait_for()
    # A download would be a request of its own: once the run is over and no request is open, none came.
    settle(page)
    page.wait_for_load_state("networkidle")
    assert downloads == []
    exports = [e for e in audit.list_events(database) if e.actor_id == leaving.id and e.action == "people.export"]
    assert len(exports) == 1
