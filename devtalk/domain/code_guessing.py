"""How far guessing sign-in codes is allowed to go, and why a wrong guess never shuts out a card.

A code is 8 characters from 31, so 31**8 (about 8.5e11) codes exist; a firm has at most a few
hundred valid at once. A random guess opens a card with a chance of about 1 in 3e9 for 300 cards.

Two needs pull apart. The limit must bound how many guesses can be tried; but a limit that refuses
everything from a client (or everyone) once it is reached lets a few wrong guesses shut out valid
cards: ten typos behind the firm's Wi-Fi or a proxy locked out every card. Refusing only the
*wrong* guesses of a client over its limit cannot be done either: a guess is known to be wrong
only after looking it up, and honouring the right ones then leaves guessing unlimited.

So every code is looked up, only wrong ones are counted (per client address and across all
clients), and the count decides what a right code may do:

- A card with a PIN opens whatever the counts: it then asks its PIN, and a card allows only
  MAX_WRONG_PINS wrong ones before it stops working. Finding such a card by guessing (billions of
  tries) brings five PIN guesses in 10**4 or more, and ends the card.
- A card without a PIN (the firm switched PINs off, or the first sign-in, where the PIN is yet
  to be chosen) is the only secret itself, so it opens only while its client is under
  PER_CLIENT wrong guesses and all clients together under EVERYONE wrong guesses in WINDOW.
  EVERYONE bounds a spread-out attack to about 7 million guesses a year (odds of about 1 in 400
  to open one of 300 PIN-less cards in a year of non-stop guessing); PER_CLIENT keeps one client
  from reaching EVERYONE alone, so one mistyping phone or one attacker does not shut out the
  first sign-in of everybody else.
"""

from __future__ import annotations

from datetime import timedelta

WINDOW = timedelta(minutes=15)
PER_CLIENT = 10
EVERYONE = 200
MAX_WRONG_PINS = 5


def card_may_open(has_pin: bool, wrong_from_client: int, wrong_from_everyone: int) -> bool:
    """Whether a right code opens its card, given the wrong guesses counted in the last WINDOW."""
    return has_pin or (wrong_from_client < PER_CLIENT and wrong_from_everyone < EVERYONE)
