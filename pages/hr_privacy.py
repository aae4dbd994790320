"""HR: everything about one person for a request under the AVG/GDPR, and erasing a person."""

import streamlit as st

from devtalk.services import people, privacy
from ui import callbacks, session
from ui.downloads import pdf_download
from ui.session import tr

person = session.require_hr()
db = session.database()
lang = session.language()
everyone = {p.id: f"{p.name} ({p.username})" for p in people.list_people(db, person)}


@callbacks.signed_in("privacy")
def erase(person) -> None:
    privacy.erase_person(db, person, st.session_state["privacy_person"], st.session_state.get("privacy_confirm", ""))
    session.say("privacy", "privacy.erased")
    st.session_state["privacy_confirm"] = ""


st.title(tr("privacy.title"))
st.write(tr("privacy.intro"))
chosen = st.selectbox(tr("privacy.person"), list(everyone), format_func=everyone.get, key="privacy_person")
if chosen is not None:
    callbacks.download_button(tr("privacy.export_json"), lambda person: privacy.export_json(db, person, chosen),
                              file_name=f"devtalk-{chosen}.json", mime="application/json", key="privacy_json")
    pdf_download(f"privacy_{chosen}", tr("privacy.export_pdf"), lambda person: privacy.export_pdf(db, person, chosen),
                 f"devtalk-{chosen}.pdf")
    st.subheader(tr("privacy.erase_heading"))
    st.text_input(tr("privacy.confirm"), key="privacy_confirm")
    st.button(tr("privacy.erase"), key="privacy_erase", type="primary", on_click=erase)
session.show("privacy")
