"""Text boxes that save while the person types, not only when they leave the field.

Streamlit's text_area sends its text only on blur or Ctrl+Enter: text typed without leaving the
field was lost when the tab closed, and after a server restart the box still showed it but no
longer sent it. The script in save_while_typing.js commits the box's own text about a second
after the last keystroke, and again once the server is back; the pages' on_change callbacks
then store it as if the person had left the field.
"""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

# Widget key prefixes of the text boxes that are stored on change (pages/fill_in.py, pages/report.py,
# pages/my_learning.py).
AUTOSAVED_KEYS = ("answer_", "report_", "agenda_note_", "ack_comment_", "learning_text_", "builder_")
SCRIPT = (Path(__file__).with_name("save_while_typing.js").read_text(encoding="utf-8")
          .replace("__KEY_PREFIXES__", json.dumps([f"st-key-{prefix}" for prefix in AUTOSAVED_KEYS])))


def install() -> None:
    """Put the script on the page; called by app.py on every run (the script installs itself once)."""
    # Our own fixed script, no user input in it; st.html is the only way to run script in the page.
    st.html(f"<script>{SCRIPT}</script>", unsafe_allow_javascript=True, width="content")
