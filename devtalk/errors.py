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
