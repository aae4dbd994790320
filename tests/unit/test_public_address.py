import pytest

from devtalk.domain.public_address import is_local, normalise_address
from devtalk.errors import InvalidInput


@pytest.mark.parametrize("typed, stored", [
    ("https://devtalk.metaal.nl/", "https://devtalk.metaal.nl"),
    ("devtalk.metaal.nl:8501", "http://devtalk.metaal.nl:8501"),
    (" http://192.168.1.20:8501 ", "http://192.168.1.20:8501"),
    ("https://intranet.metaal.nl/devtalk/", "https://intranet.metaal.nl/devtalk"),
], ids=["trailing slash", "no scheme", "spaces", "base path"])
def test_an_address_is_stored_as_typed_in_the_address_bar(typed, stored):
    assert normalise_address(typed) == stored


@pytest.mark.parametrize("typed", ["", "ftp://devtalk.nl", "https://", "https://devtalk metaal.nl",
                                   "https://devtalk.nl:port", "https://devtalk.nl/?code=X"],
                         ids=["empty", "not web", "no host", "space", "bad port", "query"])
def test_what_is_no_web_address_is_refused(typed):
    with pytest.raises(InvalidInput):
        normalise_address(typed)


@pytest.mark.parametrize("address, local", [
    ("http://localhost:8501", True), ("http://127.0.0.1:8501", True), ("http://127.1.2.3", True),
    ("http://[::1]:8501", True), ("http://0.0.0.0:8501", True), ("http://devtalk.localhost", True),
    ("http://192.168.1.20:8501", False), ("https://devtalk.metaal.nl", False),
], ids=lambda value: str(value))
def test_an_address_that_only_works_on_the_server_itself_is_local(address, local):
    assert is_local(address) is local
