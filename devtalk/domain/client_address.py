"""Which address a request comes from, for the code-guessing limits.

Behind a reverse proxy every request arrives from the proxy's address, so all clients would share
one limit. The proxy names the real client in X-Forwarded-For, but anyone can send that header:
it is read only when the direct peer is a proxy we were told to trust (DEVTALK_TRUSTED_PROXIES),
and from the right, where our own proxies appended the address they saw, past the proxies we trust.
"""

from __future__ import annotations

from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address

Networks = tuple[IPv4Network | IPv6Network, ...]


def client_address(peer: str, forwarded_for: list[str], trusted: Networks) -> str:
    """The direct peer, or when that is a trusted proxy, the nearest address in X-Forwarded-For
    (every such header, in order) that is not a trusted proxy itself."""
    hops = [hop.strip() for header in forwarded_for for hop in header.split(",")]
    address = peer
    while hops and _trusted(address, trusted):
        hop = _parsed(hops.pop())
        if hop is None:
            break  # not an address: nothing further left of it can be trusted
        address = str(hop)
    return address


def _parsed(text: str) -> IPv4Address | IPv6Address | None:
    try:
        return ip_address(text)
    except ValueError:
        return None


def _trusted(address: str, trusted: Networks) -> bool:
    parsed = _parsed(address)
    return parsed is not None and any(parsed in network for network in trusted)
