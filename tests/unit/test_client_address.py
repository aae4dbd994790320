"""Whose address counts for the code-guessing limits, behind zero, one or two proxies."""

from ipaddress import ip_network

import pytest

from devtalk import config
from devtalk.domain.client_address import client_address

PROXY = (ip_network("127.0.0.1/32"),)
TWO_PROXIES = (ip_network("127.0.0.1/32"), ip_network("10.0.0.0/8"))


@pytest.mark.parametrize("peer,forwarded,trusted,expected", [
    ("203.0.113.7", [], (), "203.0.113.7"),
    ("203.0.113.7", ["198.51.100.1"], (), "203.0.113.7"),
    ("203.0.113.7", ["198.51.100.1"], PROXY, "203.0.113.7"),
    ("127.0.0.1", [], PROXY, "127.0.0.1"),
    ("127.0.0.1", ["198.51.100.1"], PROXY, "198.51.100.1"),
    ("127.0.0.1", ["6.6.6.6, 198.51.100.1"], PROXY, "198.51.100.1"),
    ("127.0.0.1", ["6.6.6.6", "198.51.100.1"], PROXY, "198.51.100.1"),
    ("127.0.0.1", ["198.51.100.1, 10.1.2.3"], TWO_PROXIES, "198.51.100.1"),
    ("127.0.0.1", ["198.51.100.1, 10.1.2.3"], PROXY, "10.1.2.3"),
    ("127.0.0.1", ["6.6.6.6, not-an-address"], PROXY, "127.0.0.1"),
    ("127.0.0.1", ["2001:db8::1"], PROXY, "2001:db8::1"),
], ids=["no-proxy", "header-from-a-client-is-ignored", "untrusted-peer-header-ignored", "proxy-without-header",
        "behind-one-proxy", "spoofed-left-part-ignored", "repeated-headers-in-order", "behind-two-proxies",
        "second-proxy-not-trusted", "garbage-stops-the-walk", "ipv6-client"])
def test_client_address_is_the_peer_or_what_a_trusted_proxy_forwarded(peer, forwarded, trusted, expected):
    assert client_address(peer, forwarded, trusted) == expected


def test_trusted_proxies_come_from_the_environment(monkeypatch):
    monkeypatch.delenv("DEVTALK_TRUSTED_PROXIES", raising=False)
    assert config.trusted_proxies() == ()
    monkeypatch.setenv("DEVTALK_TRUSTED_PROXIES", " 127.0.0.1, 10.0.0.0/8 ,::1")
    assert config.trusted_proxies() == (ip_network("127.0.0.1/32"), ip_network("10.0.0.0/8"), ip_network("::1/128"))
