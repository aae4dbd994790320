"""Characters user text must not carry: into the database, onto a screen, into a file.

Control characters (NUL, escape, bell, ...) have no written form: they hide text from a reader
or from a check (``"\\x00=HYPERLINK(...)"`` does not start with ``=`` but Excel may still run it).
Bidirectional embedding, override and isolate characters (U+202A-U+202E, U+2066-U+2069) make
text read differently from what it holds (``"invoice\\u202efdp.exe"`` reads as ``invoiceexe.pdf``);
right-to-left script itself needs none of them, Unicode orders it from the letters alone.
Tab, newline and carriage return stay: people type them.
"""

from __future__ import annotations

import re

from devtalk.errors import InvalidInput

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def without_controls(text: str) -> str:
    """The text minus control characters (tab, newline and carriage return kept)."""
    return CONTROL.sub("", text)


def readable(text: str | None) -> str:
    """The text as a reader should get it: no control characters and no bidirectional overrides."""
    return _HIDDEN.sub("", text or "")


def required_text(text: str | None, maximum: int, required_key: str, too_long_key: str) -> str:
    """A short text someone must type (an action, a note): trimmed, not empty, at most ``maximum`` long;
    else InvalidInput with the caller's message key."""
    text = (text or "").strip()
    if not text:
        raise InvalidInput(required_key)
    if len(text) > maximum:
        raise InvalidInput(too_long_key, maximum=maximum)
    return text
