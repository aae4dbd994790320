"""Streamlit's own words in the person's language: what its widgets say besides our labels.

The pages take the date format, tables that may be empty and a page with nothing yet from here
(``DATE_FORMAT``, ``table_or_nothing``: an empty table's "empty" is drawn on a canvas;
``stop_when_empty``). Every other fixed text of
Streamlit's ``install`` translates in the page itself: the dropdowns' placeholder, "No results" and
"Select all" (a page's own ``placeholder=`` still wins), the file uploader's instructions and refusal,
the "Press Enter" hints, a failed download, the year in an empty date field and the calendar's month
and day names; it also sets the page's ``lang``. One place for every widget, so a new selectbox
needs nothing. The texts that stay English are listed in README's "Languages".
"""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

from ui.session import language, tr

# Streamlit's date_input knows only year, month and day orders; day first is how both our
# languages write a date here.
DATE_FORMAT = "DD-MM-YYYY"
# The locale the calendar follows (month and day names, Monday first) in a browser set to
# another language.
LOCALES = {"nl": "nl-NL", "en": "en-GB"}
# Streamlit 1.67's fixed English texts (a regular expression for the whole text of one element),
# the catalogue key of ours, and whether a touch screen hides it instead (a hint to press Ctrl).
_STREAMLIT_TEXTS = (
    ("Choose an option|Choose options", "widgets.choose", False),
    ("No results", "widgets.no_results", False),
    ("No options to select\\.?", "widgets.no_options", False),
    ("Select all", "widgets.select_all", False),
    ("Select (\\d+) matches", "widgets.select_matches", False),
    ("Drag and drop (?:a file|files) here", "widgets.drop_here", False),
    ("(\\S+) per file", "widgets.per_file", False),
    ("Upload", "widgets.upload", False),
    ("Error:", "widgets.error", False),
    (".* files are not allowed\\.", "widgets.wrong_type", False),
    ("Press Enter to apply", "widgets.enter_to_apply", False),
    ("Press Enter to submit form", "widgets.enter_to_submit", False),
    ("Press (?:Ctrl|⌘)\\+Enter to apply", "widgets.ctrl_enter_to_apply", True),
    ("Press (?:Ctrl|⌘)\\+Enter to submit form", "widgets.ctrl_enter_to_submit", True),
    ("Failed to generate file for download|Download failed", "widgets.download_failed", False),
    ("yyyy", "widgets.year", False),
    ("Choose date, (.+)", "widgets.choose_date", False),
)
_SCRIPT = Path(__file__).with_name("widgets.js").read_text(encoding="utf-8")


def table_or_nothing(rows: object, **options: object) -> None:
    """``st.dataframe`` of ``rows``, or a translated line when there are none (an empty table says
    "empty" in English, drawn on a canvas no translation reaches); a missing cell shows a dash."""
    if len(rows) == 0:
        st.caption(tr("widgets.no_rows"))
    else:
        st.dataframe(rows, placeholder="—", **options)


def stop_when_empty(found: object, empty_key: str) -> None:
    """Nothing to show yet (no rounds, no questionnaires): a line saying so, and the page ends here."""
    if not found:
        st.info(tr(empty_key))
        st.stop()


def install() -> None:
    """Translate Streamlit's own words in the page and set its language; app.py calls it on every
    run, signed in or not (the script installs itself once and takes a new language on a change)."""
    settings = {
        "lang": language(),
        "locale": LOCALES[language()],
        # Our replacement for each text: "$1" stands for what the pattern's group found.
        "texts": [[pattern, tr(key, size="$1", count="$1", month="$1"), None if on_touch_hide else True]
                  for pattern, key, on_touch_hide in _STREAMLIT_TEXTS],
    }
    # Our own fixed script and catalogue texts, no user input; st.html is the way to run script in the page.
    st.html(f"<script>{_SCRIPT.replace('__SETTINGS__', json.dumps(settings))}</script>",
            unsafe_allow_javascript=True, width="content")
