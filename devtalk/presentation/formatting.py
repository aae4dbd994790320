"""Dates and numbers in the reader's language (Babel's CLDR data, not hand-written month names)."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from babel.dates import format_date as _format_date
from babel.dates import format_datetime as _format_datetime
from babel.dates import get_timezone
from babel.numbers import format_decimal

from devtalk import config

_LOCALES = {"nl": "nl_NL", "en": "en_GB"}
# A table cell of something late or overdue (a pandas Styler style): pale red, dark red text.
LATE_STYLE = "background-color: #fde2e1; color: #8a1c12"
# Stored times are UTC; people read them in the firm's time zone.
TIMEZONE = get_timezone(config.timezone_name())


def format_date(value: date | datetime | None, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return _format_date(value, format="medium", locale=_LOCALES.get(lang, "nl_NL"))


# Babel parses the number pattern on every call; the same few averages recur on every page.
@lru_cache(maxsize=4096)
def format_number(value: float | int | None, lang: str, digits: int = 1) -> str:
    """A number as the reader writes it (1,9 in Dutch, 1.9 in English); a dash for none."""
    if value is None:
        return "—"
    return format_decimal(round(value, digits), format=f"#,##0.{'0' * digits}", locale=_LOCALES.get(lang, "nl_NL"))


def format_datetime(value: datetime | None, lang: str) -> str:
    if value is None:
        return ""
    return _format_datetime(value, format="medium", locale=_LOCALES.get(lang, "nl_NL"), tzinfo=TIMEZONE)
