"""HR: sign-in cards with a personal code and QR, for people without e-mail or a desk."""

import streamlit as st

from devtalk.services import hr_people, invitations
from ui import callbacks, downloads, session
from ui.session import tr

person = session.require_hr()
db = session.database()
lang = session.language()
everyone = {p.id: p.name for p in hr_people.list_people(db, person, active_only=True)}


@callbacks.signed_in("cards_error")
def make_cards(person) -> None:
    st.session_state["cards_pdf"] = invitations.invitation_cards_pdf(
        db, person, st.session_state.get("cards_people", []), lang)


@callbacks.signed_in("cards_error")
def revoke(person) -> None:
    for person_id in st.session_state.get("cards_people", []):
        invitations.revoke_codes(db, person, person_id)
    st.session_state["cards_done"] = "cards.revoked"


@callbacks.signed_in("cards_error")
def reset_pins(person) -> None:
    for person_id in st.session_state.get("cards_people", []):
        invitations.reset_pin(db, person, person_id)
    st.session_state["cards_done"] = "cards.pins_reset"


@callbacks.signed_in("cards_error")
def switch_pin(person) -> None:
    invitations.set_pin_required(db, person, st.session_state["cards_pin_required"])


st.title(tr("cards.title"))
st.write(tr("cards.intro", address=invitations.public_address()))
st.multiselect(tr("cards.people"), list(everyone), format_func=everyone.get, key="cards_people",
               placeholder=tr("hr_rounds.choose_people"))
st.button(tr("cards.make"), key="cards_make", type="primary", on_click=make_cards)
session.show_pending("cards_error")
if "cards_pdf" in st.session_state:
    st.success(tr("cards.ready"))
    # The cards carry working codes in plain text: offered for this run only and served briefly.
    downloads.offer_once(tr("cards.download"), st.session_state.pop("cards_pdf"), file_name="devtalk-kaartjes.pdf",
                         mime="application/pdf", key="cards_download")
st.divider()
st.caption(tr("cards.revoke_explained"))
st.button(tr("cards.revoke"), key="cards_revoke", on_click=revoke)
st.caption(tr("cards.pin_reset_explained"))
st.button(tr("cards.pin_reset"), key="cards_pin_reset", on_click=reset_pins)
if "cards_done" in st.session_state:
    st.success(tr(st.session_state.pop("cards_done")))
st.divider()
session.seed("cards_pin_required", invitations.pin_required(db))
st.toggle(tr("cards.pin_required"), key="cards_pin_required", on_change=switch_pin, help=tr("cards.pin_required_help"))
