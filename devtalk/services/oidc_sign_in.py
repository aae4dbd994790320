"""Signing in with an office account (OpenID Connect through Streamlit's ``st.login``), for a firm
that offers it; passwords and sign-in cards keep working beside it.

Whoever runs the server names the providers in ``.streamlit/secrets.toml`` (``[auth.<name>]``); HR
chooses which one this firm offers, a firm setting. Streamlit checks the provider's signed ID token
and hands its claims over as ``st.user``; here they are mapped to one active person of this firm
by a verified e-mail address, and an ordinary devtalk session starts (``auth.start_session``), so
every check a password's session gets holds for it too: the idle timeout, deactivation, sign-out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone

import sqlite_utils

from db import audit, settings, sign_in_emails
from db.connection import transaction
from devtalk.domain import access
from devtalk.domain.models import Person
from devtalk.errors import DevtalkError, InvalidInput
from devtalk.services import auth

PROVIDER_SETTING = "oidc_provider"
# A section name as Streamlit takes it: a TOML bare key without underscores, which st.login refuses.
PROVIDER_NAME = re.compile(r"[A-Za-z0-9-]{1,40}")
# Streamlit keeps the provider's identity in a cookie for 30 days. A devtalk session starts only
# from a sign-in at the provider this recent: after devtalk's idle timeout, or on a shared office
# computer, the person signs in at the provider again instead of being let straight back in.
FRESH = timedelta(minutes=10)


class OfficeAccountRefused(DevtalkError):
    """The office account names nobody devtalk can let in; no session starts."""


class EmailNotVerified(OfficeAccountRefused):
    key = "oidc.email_not_verified"


class NoPersonWithEmail(OfficeAccountRefused):
    """Nobody active has this address: unknown, or deactivated (told alike, as a password's refusal)."""

    key = "oidc.no_person"


class SeveralPeopleWithEmail(OfficeAccountRefused):
    key = "oidc.several_people"


def offered_provider(db: sqlite_utils.Database) -> str | None:
    """The provider section this firm offers its people, or None: no office accounts here.
    Read before anyone is signed in (the sign-in page), so it checks no one."""
    return settings.get_setting(db, PROVIDER_SETTING) or None


def set_offered_provider(db: sqlite_utils.Database, actor: Person, provider: str | None) -> None:
    """HR offers sign-in with the provider of this section name, or (None) no longer offers it."""
    access.require_hr(actor)
    if provider is not None and not PROVIDER_NAME.fullmatch(provider):
        raise InvalidInput("oidc.provider_name_invalid", field="provider")
    with transaction(db):
        if provider is None:
            settings.delete_setting(db, PROVIDER_SETTING)
            audit.record_event(db, access.recorded_id(actor), "settings.oidc_off", "setting", PROVIDER_SETTING)
        else:
            settings.set_setting(db, PROVIDER_SETTING, provider)
            audit.record_event(db, access.recorded_id(actor), "settings.oidc_on", "setting", PROVIDER_SETTING,
                               detail={"provider": provider})


def sign_in(db: sqlite_utils.Database, identity: Mapping[str, object], now: datetime | None = None) -> str | None:
    """A new devtalk session token for the one active person of this firm the office account's
    verified e-mail address names, recorded in the audit log.

    None when ``identity`` (``st.user``) is no recent sign-in with the provider this firm offers:
    nobody signed in there, another provider, the firm offers none (any more), or the sign-in is
    older than FRESH. Then there is nothing to say: the sign-in page offers the button. An office
    account that names nobody, or more than one person, raises an OfficeAccountRefused.
    """
    provider = offered_provider(db)
    if provider is None or identity.get("is_logged_in") is not True or identity.get("provider") != provider:
        return None
    signed_in_at = identity.get("iat")  # the ID token's "issued at": when the provider signed the person in
    if not isinstance(signed_in_at, int | float):
        return None
    if (now or datetime.now(timezone.utc)) - datetime.fromtimestamp(signed_in_at, timezone.utc) > FRESH:
        return None
    email = identity.get("email")
    # Only the provider's own word that the address is its holder's: an address anyone may type
    # into their account would let them in as whoever it belongs to.
    if identity.get("email_verified") is not True or not isinstance(email, str) or not email.strip():
        raise EmailNotVerified()
    found = sign_in_emails.active_people_with_email(db, email)
    if not found:
        raise NoPersonWithEmail()
    if len(found) > 1:
        raise SeveralPeopleWithEmail()
    with transaction(db):
        token = auth.start_session(db, found[0].id)
        audit.record_event(db, found[0].id, "oidc.sign_in", "person", found[0].id, detail={"provider": provider})
    return token
