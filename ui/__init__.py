"""The Streamlit edge shared by app.py and pages/: session, language, safe text, error display.

Only this package and pages/ import streamlit. Everything it shows goes through the
catalogue, and user text goes through ``ui.text`` so no user can inject markup.
"""
