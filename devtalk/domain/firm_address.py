"""Which firm an address names, when one installation serves many firms (PostgreSQL).

Each firm is reached by its own host name: the first label of the name is the firm's slug, so
``acme.devtalk.example`` and ``acme.localhost`` both open the firm ``acme``. An address without
such a label (an IP address, a bare ``localhost``) names no firm; the installation then serves
the firm DEVTALK_FIRM names, if any.
"""

from __future__ import annotations

import re
from ipaddress import ip_address
from urllib.parse import urlsplit

# A slug is a DNS label and a PostgreSQL identifier part at once: lower case, starting with a letter.
SLUG = re.compile(r"[a-z][a-z0-9-]{1,39}")


def is_slug(text: str) -> bool:
    return bool(SLUG.fullmatch(text or ""))


def slug_from_host(host: str | None) -> str | None:
    """The firm a Host header names (``acme.devtalk.example:8501`` -> ``acme``), or None for an IP
    address, a single label, or a first label that cannot be a slug."""
    name = _host_name(host)
    labels = name.split(".")
    if len(labels) < 2 or _is_ip(name) or not is_slug(labels[0]):
        return None
    return labels[0]


def firm_address(address: str, slug: str) -> str | None:
    """The address of firm ``slug`` beside the one given (``http://fonds.devtalk.example:8600`` ->
    ``http://acme.devtalk.example:8600``), or None when that address names no firm to swap."""
    parts = urlsplit(address)
    if slug_from_host(parts.netloc) is None:
        return None
    host = f"{slug}.{parts.hostname.split('.', 1)[1]}"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return parts._replace(netloc=netloc, path="", query="", fragment="").geturl()


def _host_name(host: str | None) -> str:
    """The Host header without its port, lower case, without the root dot."""
    host = (host or "").strip().lower()
    if host.startswith("["):  # [::1]:8501
        return host[1:].split("]", 1)[0]
    if host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host.rstrip(".")


def _is_ip(name: str) -> bool:
    try:
        ip_address(name)
    except ValueError:
        return False
    return True
