"""Certificates for the small firm of tests/builders.make_firm: the bundled types, VCA Basis required
for plaatwerkers, and a certificate with a scan for Daan (the manager's employee) and for Otto (the
other manager's)."""

from __future__ import annotations

from datetime import date, timedelta

from db import certificates as storage
from devtalk.domain.certificates import CertificateType
from devtalk.services import certificates
from tests.builders import make_firm

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
TODAY = date.today()


def certificate_type(db, name: str) -> CertificateType:
    return storage.type_by_name(db, name)


def certify(db, firm):
    """The bundled types, VCA Basis required for plaatwerkers; Daan's VCA expires in a month, Otto's BHV
    is valid; both with a scan. Sets ``firm.daan_vca`` and ``firm.otto_bhv`` (certificate ids)."""
    certificates.load_bundled_types(db)
    vca, bhv = certificate_type(db, "VCA Basis"), certificate_type(db, "BHV")
    certificates.edit_type(db, firm.hr, vca.id, name=vca.name, issuer=vca.issuer, validity_months=120,
                           warn_days=90, function_ids=["plaatwerker"])
    firm.daan_vca = certificates.add_certificate(db, firm.hr, firm.employee.id, type_id=vca.id, number="VCA-1",
                                                 issued_on=TODAY - timedelta(days=3620),
                                                 expires_on=TODAY + timedelta(days=30)).id
    firm.otto_bhv = certificates.add_certificate(db, firm.hr, firm.outsider.id, type_id=bhv.id, number="BHV-2",
                                                 issued_on=TODAY - timedelta(days=30)).id
    for certificate_id in (firm.daan_vca, firm.otto_bhv):
        certificates.store_scan(db, firm.hr, certificate_id, PNG, "scan.png")
    return firm


def certified(db):
    """make_firm's firm with certify's certificates."""
    return certify(db, make_firm(db))
