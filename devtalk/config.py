"""Every setting devtalk reads from the environment, with embedded defaults for a fresh machine.

Only this module reads ``os.environ``; the README's configuration table lists the same variables.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path

DEFAULT_DB = Path("data") / "devtalk.db"
DEFAULT_IDLE_MINUTES = 60
DEFAULT_TIMEZONE = "Europe/Amsterdam"
DEFAULT_SCAN_MAX_MB = 10
DEFAULT_FUND = "fonds"


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    user: str
    password: str
    sender: str


def database_path() -> Path:
    return Path(os.environ.get("DEVTALK_DB") or DEFAULT_DB)


def database_url() -> str | None:
    """DEVTALK_DATABASE_URL: a ``postgresql://user:password@host:port/database`` URL puts every firm
    on that PostgreSQL server (db/tenants.py); unset, the firm lives in the SQLite file DEVTALK_DB."""
    return os.environ.get("DEVTALK_DATABASE_URL", "").strip() or None


def firm_slug() -> str | None:
    """DEVTALK_FIRM: on PostgreSQL, the firm served at an address that names none (an IP address,
    ``localhost``). Unset: None, and such an address serves no firm."""
    return os.environ.get("DEVTALK_FIRM", "").strip().lower() or None


def fund_slug() -> str:
    """DEVTALK_FUND: the address (slug) of the fund portal on PostgreSQL; default ``fonds``."""
    return os.environ.get("DEVTALK_FUND", "").strip().lower() or DEFAULT_FUND


def public_url() -> str | None:
    """DEVTALK_PUBLIC_URL: the address printed on sign-in cards and in e-mails, over the stored one
    and the one HR's browser uses. Unset: None."""
    return os.environ.get("DEVTALK_PUBLIC_URL", "").strip() or None


def trusted_proxies() -> tuple[IPv4Network | IPv6Network, ...]:
    """DEVTALK_TRUSTED_PROXIES: the reverse proxies (addresses or networks, comma separated, e.g.
    ``127.0.0.1,10.0.0.0/8``) whose X-Forwarded-For header names the real client. Unset: none."""
    return tuple(ip_network(part.strip(), strict=False)
                 for part in os.environ.get("DEVTALK_TRUSTED_PROXIES", "").split(",") if part.strip())


def idle_minutes() -> int:
    """DEVTALK_IDLE_MINUTES: a session ends after this many minutes without activity."""
    return int(os.environ.get("DEVTALK_IDLE_MINUTES", str(DEFAULT_IDLE_MINUTES)))


def timezone_name() -> str:
    """DEVTALK_TIMEZONE: the zone people read stored (UTC) times in."""
    return os.environ.get("DEVTALK_TIMEZONE", DEFAULT_TIMEZONE)


def scan_max_bytes() -> int:
    """DEVTALK_SCAN_MAX_MB: the largest certificate scan accepted, in megabytes (a phone photo is 2-5 MB)."""
    return int(float(os.environ.get("DEVTALK_SCAN_MAX_MB") or DEFAULT_SCAN_MAX_MB) * 1024 * 1024)


def smtp_settings(environ: Mapping[str, str] | None = None) -> SmtpSettings | None:
    """DEVTALK_SMTP_HOST, _PORT, _USER, _PASSWORD, _FROM: the mail server; None (e-mail off) unless
    the host is set."""
    environ = os.environ if environ is None else environ
    host = environ.get("DEVTALK_SMTP_HOST", "").strip()
    if not host:
        return None
    user = environ.get("DEVTALK_SMTP_USER", "")
    return SmtpSettings(
        host=host,
        port=int(environ.get("DEVTALK_SMTP_PORT") or 25),
        user=user,
        password=environ.get("DEVTALK_SMTP_PASSWORD", ""),
        sender=environ.get("DEVTALK_SMTP_FROM") or user or f"devtalk@{host}",
    )
