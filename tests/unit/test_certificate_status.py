"""A certificate's status on a day, exactly at the boundaries, and what its type proposes as expiry."""

from datetime import date, timedelta

import pytest

from devtalk.domain.certificates import (
    Certificate,
    CertificateType,
    add_months,
    current_rows,
    expiry_for,
    media_type_of,
    pdf_may_act,
    status_of,
)
from devtalk.domain.models import Person

TODAY = date(2026, 6, 15)
VCA = CertificateType(1, "VCA Basis", validity_months=120, warn_days=90, function_ids=("lasser",))
BHV = CertificateType(2, "BHV", validity_months=12, warn_days=60)
WELDER = Person(7, "Daan Smit", "daan", function_id="lasser")


@pytest.mark.parametrize("expires_on,status", [
    (TODAY - timedelta(days=1), "expired"),       # expired yesterday
    (TODAY, "expiring"),                          # still valid today, the last day
    (TODAY + timedelta(days=90), "expiring"),     # exactly the warning's last day
    (TODAY + timedelta(days=91), "valid"),        # one day beyond the warning
    (None, "valid"),                              # never expires
])
def test_status_at_the_boundaries(expires_on, status):
    assert status_of(expires_on, 90, TODAY) == status


def test_a_type_that_warns_zero_days_ahead_says_expiring_only_on_the_last_day():
    assert status_of(TODAY, 0, TODAY) == "expiring"
    assert status_of(TODAY + timedelta(days=1), 0, TODAY) == "valid"


def test_the_type_proposes_an_expiry_months_after_issue_and_none_without_validity():
    assert expiry_for(VCA, date(2026, 3, 1)) == date(2036, 3, 1)
    assert expiry_for(CertificateType(3, "Eenmalig"), date(2026, 3, 1)) is None
    assert expiry_for(VCA, None) is None


def test_a_month_later_than_the_31st_is_the_last_day_of_a_shorter_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)


def test_a_required_type_held_by_nobody_is_missing_and_an_optional_one_is_not_listed():
    rows = current_rows(WELDER, [VCA, BHV], [], TODAY)
    assert [(row.type.name, row.status, row.certificate) for row in rows] == [("VCA Basis", "missing", None)]


def test_a_renewed_certificate_counts_and_the_expired_one_before_it_does_not():
    old = Certificate(1, WELDER.id, VCA.id, "A", date(2016, 1, 1), TODAY - timedelta(days=10))
    new = Certificate(2, WELDER.id, VCA.id, "B", TODAY - timedelta(days=9), date(2036, 1, 1))
    [row] = current_rows(WELDER, [VCA], [new, old], TODAY)
    assert (row.certificate.number, row.status) == ("B", "valid")


def test_an_inactive_type_is_never_missing():
    switched_off = CertificateType(1, "VCA Basis", validity_months=120, active=False, function_ids=("lasser",))
    assert current_rows(WELDER, [switched_off], [], TODAY) == []


@pytest.mark.parametrize("content,media", [
    (b"%PDF-1.7\n...", "application/pdf"), (b"\xff\xd8\xff\xe0JFIF", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n....", "image/png"), (b"GIF89a", None), (b"<html>%PDF-", None),
])
def test_the_content_says_what_a_scan_is_not_its_name(content, media):
    assert media_type_of(content) == media


@pytest.mark.parametrize("pdf,acts", [
    (b"%PDF-1.4\n1 0 obj << /Type /Page >> endobj", False),
    (b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>", True),
    (b"%PDF-1.4\n1 0 obj << /S /J#61vaScript >>", True),  # a name spelt with an escape, as readers decode it
    (b"%PDF-1.5\n2 0 obj << /Type /ObjStm >>", True),    # objects we cannot read are not shown either
])
def test_a_pdf_that_could_run_script_is_recognised(pdf, acts):
    assert pdf_may_act(pdf) is acts
