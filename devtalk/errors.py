"""Errors shared across the domain; each carries a catalogue key so the edge can translate it."""

from __future__ import annotations

from devtalk.i18n import Message


class DevtalkError(Exception):
    """A refusal a user should read: caught at the page or CLI edge and shown translated."""

    key = "error.generic"

    def __init__(self, key: str | None = None, **params: object):
        self.message = Message(key or self.key, **params)
        super().__init__(f"{self.message.key} {params}" if params else self.message.key)

    def render(self, lang: str | None = None) -> str:
        return self.message.render(lang)


class ChangedElsewhere(DevtalkError):
    """Save refused: what is stored is no longer what the caller last read or saved (another tab
    or device changed it meanwhile); ``stored`` is what is stored now. Each autosaving service
    names its own words by its subclass's ``key``."""

    def __init__(self, stored: object):
        super().__init__()
        self.stored = stored

    @classmethod
    def check(cls, stored: str, expected: str | None, new: str) -> None:
        """Storing over a text the caller has not seen is refused; storing what is already there
        is not, nor is a save that names no ``expected`` text."""
        if expected is not None and stored != expected and stored != new:
            raise cls(stored)


class NotAllowed(DevtalkError):
    """The person asking may not see or change this record."""

    key = "error.not_allowed"


class NotFound(DevtalkError):
    key = "error.not_found"


class InvalidInput(DevtalkError):
    """A form field or argument that cannot be accepted; nothing was changed.

    ``field`` names the field at fault (``"username"``), so a form can show the message beside it.
    """

    key = "error.invalid_input"

    def __init__(self, key: str | None = None, *, field: str | None = None, **params: object):
        super().__init__(key, **params)
        self.field = field
