"""The demo firm's certificates (devtalk.services.demo_firm.CERTIFICATES): the bundled types, and
certificates dated from the day the demo is loaded so that every status shows."""

from __future__ import annotations

from datetime import date, timedelta

import sqlite_utils

from db import certificates as storage
from devtalk.domain.certificates import expiry_for
from devtalk.domain.models import Person
from devtalk.services import demo_firm
from devtalk.services.certificates import load_bundled_types


def add_certificates(db: sqlite_utils.Database, staff: dict[str, Person], today: date) -> None:
    """Within the demo's transaction: the types, the certificates and the team minimums."""
    load_bundled_types(db)
    types = {kind.name: kind for kind in storage.list_types(db)}
    for username, name, number, issued_ago, expires_in in demo_firm.CERTIFICATES:
        kind, issued = types[name], today - timedelta(days=issued_ago)
        expires = today + timedelta(days=expires_in) if expires_in is not None else expiry_for(kind, issued)
        storage.add_certificate(db, staff[username].id, type_id=kind.id, number=number, issued_on=issued,
                                expires_on=expires)
    for manager, name, people in demo_firm.CERTIFICATE_MINIMUMS:
        storage.set_minimum(db, staff[manager].id, types[name].id, people)
