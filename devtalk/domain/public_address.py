"""The address people reach devtalk at: printed on sign-in cards, in their QR codes and in e-mails.

A phone on the shop floor must be able to open it, so an address that only works on the
computer it was typed on (localhost, 127.x, ::1) is told apart, for the pages to warn about it.
"""

from __future__ import annotations

from ipaddress import ip_address
from urllib.parse import urlsplit

from devtalk.errors import InvalidInput


def normalise_address(text: str) -> str:
    """What HR types (``devtalk.firma.nl:8501``, ``https://devtalk.firma.nl/``) as one address,
    ``scheme://host[:port][/path]`` without a trailing slash; InvalidInput when it is none."""
    text = (text or "").strip()
    if text and "://" not in text:
        text = f"http://{text}"
    parts = urlsplit(text)
    try:
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        parts = parts._replace(netloc="")
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment \
            or any(ch.isspace() for ch in text):
        raise InvalidInput("setup.address_invalid", address=text)
    return f"{parts.scheme}://{parts.netloc}{parts.path}".rstrip("/")


def is_local(address: str) -> bool:
    """True for an address that on a phone opens the phone itself."""
    host = (urlsplit(address).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        found = ip_address(host)
    except ValueError:
        return False
    return found.is_loopback or found.is_unspecified
