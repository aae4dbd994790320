"""Where things are, from the environment, with embedded defaults for a fresh machine."""

from __future__ import annotations

import os
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path

DEFAULT_DB = Path("data") / "devtalk.db"


def database_path() -> Path:
    return Path(os.environ.get("DEVTALK_DB") or DEFAULT_DB)


def public_url() -> str | None:
    """DEVTALK_PUBLIC_URL: the address printed on sign-in cards and in e-mails, over the stored one
    and the one HR's browser uses. Unset: None."""
    return os.environ.get("DEVTALK_PUBLIC_URL", "").strip() or None


def trusted_proxies() -> tuple[IPv4Network | IPv6Network, ...]:
    """DEVTALK_TRUSTED_PROXIES: the reverse proxies (addresses or networks, comma separated, e.g.
    ``127.0.0.1,10.0.0.0/8``) whose X-Forwarded-For header names the real client. Unset: none."""
    return tuple(ip_network(part.strip(), strict=False)
                 for part in os.environ.get("DEVTALK_TRUSTED_PROXIES", "").split(",") if part.strip())
