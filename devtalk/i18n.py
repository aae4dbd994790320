"""The catalogue every user-facing text goes through, in Dutch and English.

Texts live in ``devtalk/locales/*.yaml``, one file per area, each key holding both
languages side by side so a missing translation is visible at a glance::

    fillin.saved:
      nl: Opgeslagen
      en: Saved

A text that depends on a number has a form for one and one for any other count, chosen by the
``count`` parameter (``t("fill.missing", lang, count=3)``)::

    fill.missing:
      nl: {one: "Nog 1 vraag open", other: "Nog {count} vragen open"}
      en: {one: "1 question still open", other: "{count} questions still open"}
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
LOCALES = Path(__file__).parent / "locales"
PLURAL_FORMS = ("one", "other")  # Dutch and English need no more


class CatalogueError(Exception):
    """The catalogue files themselves are broken (a developer's mistake, not a user's)."""


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str | dict[str, str]]]:
    """All keys from every locale file; a key defined twice or missing a language is an error,
    and so are plural forms other than exactly ``one`` and ``other``."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(LOCALES.glob("*.yaml")):
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, texts in entries.items():
            if key in merged:
                raise CatalogueError(f"{path.name}: key {key!r} is defined twice")
            missing = [lang for lang in LANGUAGES if not isinstance(texts, dict) or lang not in texts]
            if missing:
                raise CatalogueError(f"{path.name}: key {key!r} lacks {', '.join(missing)}")
            merged[key] = {lang: _text(path.name, key, texts[lang]) for lang in LANGUAGES}
    return merged


def _text(file: str, key: str, text: object) -> str | dict[str, str]:
    if not isinstance(text, dict):
        return str(text)
    if set(text) != set(PLURAL_FORMS):
        raise CatalogueError(f"{file}: key {key!r} needs exactly the plural forms {', '.join(PLURAL_FORMS)}")
    return {form: str(text[form]) for form in PLURAL_FORMS}


def normalise_language(lang: str | None) -> str:
    """The language to show: the asked one if we have it, else Dutch."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str | None = DEFAULT_LANGUAGE, **params: object) -> str:
    """The text for ``key`` in ``lang`` with ``{params}`` filled in (a text with plural forms
    takes the one ``count`` asks for).

    An unknown key raises KeyError: a missing text is a bug the tests must catch, not
    something to paper over with the raw key on a user's screen.
    """
    text = catalogue()[key][normalise_language(lang)]
    if isinstance(text, dict):
        text = text["one" if params["count"] == 1 else "other"]
    return text.format(**params) if params else text


class Message:
    """A text still to be translated: domain code says what, the edge says it in a language."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, **params: object):
        self.key = key
        self.params = params

    def render(self, lang: str | None = DEFAULT_LANGUAGE) -> str:
        return t(self.key, lang, **self.params)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.key, self.params) == (other.key, other.params)

    def __repr__(self) -> str:
        return f"Message({self.key!r}, **{self.params!r})"
