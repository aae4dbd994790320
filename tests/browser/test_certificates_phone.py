"""On a phone (390 x 844): the employee opens their own certificates and reads, in Dutch, which are
valid, which expire soon and which have expired, each status in its colour, without scrolling
sideways. Screenshot: test-artifacts/phone-certificates.png."""

import signal
from datetime import date, timedelta

import pytest

import db as storage
from db.people import person_by_username
from devtalk.domain.access import OPERATOR
from devtalk.services import certificates
from tests.browser.conftest import ARTIFACTS, Server, _free_port, phone, settle, sign_in

pytestmark = pytest.mark.browser
TODAY = date.today()


@pytest.fixture(scope="module")
def certified_server(tmp_path_factory, write_demo):
    """A demo firm of its own where Daan holds a certificate in each status (types of this test's
    own, so whatever the demo gives him does not change what this test reads)."""
    db_path = write_demo(tmp_path_factory.mktemp("certificates") / "demo.db")
    database = storage.open_db(db_path)
    daan = person_by_username(database, "employee")
    for name, expires in (("Steigerbouw", TODAY - timedelta(days=3)), ("Hijsen en heffen", TODAY + timedelta(days=20)),
                          ("Werken op hoogte", TODAY + timedelta(days=700))):
        kind = certificates.add_type(database, OPERATOR, name=name, validity_months=36, warn_days=60)
        certificates.add_certificate(database, OPERATOR, daan.id, type_id=kind.id, number=f"{name[:3].upper()}-1",
                                     issued_on=expires - timedelta(days=1095), expires_on=expires)
    database.conn.close()
    running = Server(db_path, _free_port())
    running.start()
    yield running.url
    running.stop(signal.SIGTERM)


def background(badge) -> tuple[int, ...]:
    """The badge's background colour as (red, green, blue)."""
    colour = badge.evaluate("element => getComputedStyle(element).backgroundColor")
    return tuple(int(float(part)) for part in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3])


def test_an_employee_reads_their_own_certificates_on_a_phone_in_dutch(browser, certified_server):
    context, page = phone(browser)
    sign_in(page, certified_server, "employee")
    page.goto(f"{certified_server}/my_certificates")
    page.get_by_role("heading", name="Mijn certificaten").wait_for()
    page.get_by_text("Werken op hoogte").wait_for()  # the last card: the page is drawn
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "phone-certificates.png"), full_page=True)

    cards = page.locator("[class*='st-key-certificate_card_']")
    headings = [cards.nth(index).locator("strong").inner_text() for index in range(cards.count())]
    ours = [headings.index(name) for name in ("Steigerbouw", "Hijsen en heffen", "Werken op hoogte")]
    assert ours == sorted(ours)  # expired first, then what expires soonest
    badges = [cards.nth(index).locator("[data-testid='stMarkdownContainer'] span").filter(has_text=word).first
              for index, word in zip(ours, ("Verlopen", "Verloopt binnenkort", "Geldig"))]
    red, orange, green = (background(badge) for badge in badges)
    assert red[0] > red[1] and orange[0] > orange[2] and green[1] > green[0]
    assert "Verloopt:" in cards.first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
    context.close()
