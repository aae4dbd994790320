"""When a right code may open its card, given the wrong guesses counted in the window."""

import pytest

from devtalk.domain.code_guessing import EVERYONE, PER_CLIENT, card_may_open


@pytest.mark.parametrize("has_pin,from_client,from_everyone,opens", [
    (False, 0, 0, True),
    (False, PER_CLIENT - 1, EVERYONE - 1, True),
    (False, PER_CLIENT, PER_CLIENT, False),
    (False, 0, EVERYONE, False),
    (True, PER_CLIENT, EVERYONE, True),
    (True, 10 * PER_CLIENT, 10 * EVERYONE, True),
], ids=["quiet", "just-under-both-limits", "client-over-its-limit", "everyone-over-the-limit",
        "pin-card-at-both-limits", "pin-card-far-over-them"])
def test_a_right_code_opens_unless_it_has_no_pin_and_guessing_is_over_a_limit(has_pin, from_client, from_everyone,
                                                                               opens):
    assert card_may_open(has_pin, from_client, from_everyone) is opens
