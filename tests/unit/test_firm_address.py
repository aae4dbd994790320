"""Which firm an address names: one installation, each firm at its own host name."""

import pytest

from devtalk.domain.firm_address import firm_address, slug_from_host


@pytest.mark.parametrize("host, slug", [
    ("acme.devtalk.example", "acme"),
    ("acme.devtalk.example:8501", "acme"),
    ("acme.localhost", "acme"),
    ("Acme.Localhost:8600", "acme"),
    ("las-werk2.devtalk.example.", "las-werk2"),
], ids=["name", "with port", "localhost", "capitals", "root dot"])
def test_the_first_label_of_a_host_name_is_the_firm(host, slug):
    assert slug_from_host(host) == slug


@pytest.mark.parametrize("host", [
    None, "", "localhost", "localhost:8501", "127.0.0.1", "192.168.1.20:8501", "[::1]:8501", "::1",
    "2-acme.devtalk.example", "a.devtalk.example", "acme_bv.devtalk.example", "a" * 41 + ".devtalk.example",
], ids=["none", "empty", "single label", "single label with port", "IPv4", "IPv4 with port", "IPv6 with port",
        "bare IPv6", "starts with a digit", "too short", "underscore", "too long"])
def test_an_address_without_a_firm_label_names_no_firm(host):
    assert slug_from_host(host) is None


def test_a_firm_lives_beside_the_fund_portal():
    assert firm_address("http://fonds.devtalk.example:8600/", "acme") == "http://acme.devtalk.example:8600"
    assert firm_address("https://fonds.localhost", "acme") == "https://acme.localhost"


def test_an_address_naming_no_firm_has_no_address_beside_it():
    assert firm_address("http://192.168.1.20:8501", "acme") is None
