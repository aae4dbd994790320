"""The address sign-in cards and reminder e-mails carry.

In this order: ``DEVTALK_PUBLIC_URL`` (devtalk.config) overrides everything; else the address HR
gave at setup or on the cards page (the settings table); else the address HR's own browser is
using at that moment, which the page passes in (``seen``), since that is one people can reach
whenever HR is not working on the server itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from db import audit, settings
from db.connection import transaction
from devtalk import config
from devtalk.domain import access
from devtalk.domain.models import Person
from devtalk.domain.public_address import is_local, normalise_address
from devtalk.errors import InvalidInput

SETTING = "public_url"
# Streamlit's own address, for when nothing better is known (the command line, a test run).
FALLBACK = "http://localhost:8501"
ENVIRONMENT, STORED, BROWSER, DEFAULT = "environment", "stored", "browser", "default"


@dataclass(frozen=True)
class PublicAddress:
    url: str  # without a trailing slash
    source: str  # ENVIRONMENT, STORED, BROWSER or DEFAULT

    @property
    def local(self) -> bool:
        """Only works on the server's own computer: on a phone it opens the phone itself."""
        return is_local(self.url)


def public_address(db: sqlite_utils.Database, seen: str | None = None) -> PublicAddress:
    """Where people reach devtalk; ``seen`` is the address the asking browser uses, if known."""
    override = config.public_url()
    if override:
        return PublicAddress(override.rstrip("/"), ENVIRONMENT)
    stored = settings.get_setting(db, SETTING)
    if stored:
        return PublicAddress(stored, STORED)
    try:
        return PublicAddress(normalise_address(seen), BROWSER) if seen else PublicAddress(FALLBACK, DEFAULT)
    except InvalidInput:
        return PublicAddress(FALLBACK, DEFAULT)


def set_public_address(db: sqlite_utils.Database, actor: Person, text: str) -> None:
    """Store the address people reach devtalk at; empty: forget it, so the browser's is used."""
    access.require_hr(actor)
    address = normalise_address(text) if (text or "").strip() else ""
    with transaction(db):
        store(db, address)
        audit.record_event(db, access.recorded_id(actor), "settings.public_url", "setting", SETTING, detail={"address": address or ""})


def store(db: sqlite_utils.Database, address: str) -> None:
    """For setup, inside its own transaction; the address is already normalised (or empty)."""
    if address:
        settings.set_setting(db, SETTING, address)
    else:
        settings.delete_setting(db, SETTING)
