"""The Streamlit edge shared by app.py and pages/: session, language, safe text, error display.

Only this package and pages/ import streamlit. Everything it shows goes through the
catalogue, and user text goes through ``ui.text`` so no user can inject markup.
"""

from streamlit.runtime.pages_manager import PagesManager

# app.py's st.navigation is the only list of pages. Until some run has called it, a new server
# process takes pages/ for an old-style multipage folder and runs the page file of the address
# without app.py, run after run. Every page imports this package, so after its first run (a
# reconnect after a restart) app.py is back in charge; Streamlit's own menu of that folder is
# off in .streamlit/config.toml. (Streamlit advises renaming the folder; its name is fixed here.)
PagesManager.uses_pages_directory = False
