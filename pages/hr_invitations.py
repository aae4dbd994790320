"""HR: sign-in cards with a personal code and QR, for people without e-mail or a desk."""

import streamlit as st

from devtalk.services import address as public_address
from devtalk.services import invitations
from ui import callbacks, downloads, oidc, session
from ui.browser_address import seen_address
from ui.session import tr
from ui.text import escape_markdown

EVERYONE, PICK = "everyone", "pick"

person = session.require_hr()
db = session.database()
lang = session.language()
# The address this browser reached devtalk at: what the cards carry unless one is set.
seen = seen_address()
groups = invitations.card_groups(db, person)
everyone = groups[0].people
teams = {group.manager.id: group for group in groups[1:]}


def chosen() -> list[int]:
    """Who the buttons below act on: everyone, one team, or the people ticked one by one."""
    scope = st.session_state.get("cards_scope")
    if scope == EVERYONE:
        return [p.id for p in everyone]
    if scope == PICK:
        return [p.id for p in everyone if st.session_state.get(f"cards_pick_{p.id}")]
    return [p.id for p in teams[scope].people] if scope in teams else []


def scope_label(scope) -> str:
    if scope == EVERYONE:
        return tr("cards.scope_everyone", count=len(everyone))
    if scope == PICK:
        return tr("cards.scope_pick")
    return escape_markdown(tr("cards.scope_team", name=teams[scope].manager.name, count=len(teams[scope].people)))


def forget_question() -> None:
    """Another choice of people: a question about replacing the last choice's cards no longer applies."""
    st.session_state.pop("cards_confirm", None)


@callbacks.signed_in("cards")
def make_cards(person, replace_valid: bool = False) -> None:
    forget_question()
    try:
        st.session_state["cards_pdf"] = invitations.invitation_cards_pdf(db, person, chosen(), lang, seen, replace_valid)
    except invitations.ReplacesValidCards as question:
        st.session_state["cards_confirm"] = question.render(lang)


@callbacks.signed_in("cards")
def save_address(person) -> None:
    public_address.set_public_address(db, person, st.session_state.get("cards_address", ""))
    session.say("cards_address", "cards.address_saved")


@callbacks.signed_in("cards")
def revoke(person) -> None:
    for person_id in chosen():
        invitations.revoke_codes(db, person, person_id)
    session.say("cards_done", "cards.revoked")


@callbacks.signed_in("cards")
def reset_pins(person) -> None:
    for person_id in chosen():
        invitations.reset_pin(db, person, person_id)
    session.say("cards_done", "cards.pins_reset")


@callbacks.signed_in("cards")
def switch_pin(person, required: bool) -> None:
    invitations.set_pin_required(db, person, required)


st.title(tr("cards.title"))
address = public_address.public_address(db, seen)
st.write(tr("cards.intro", address=escape_markdown(address.url)))
if address.local:
    st.warning(tr("cards.address_local_env" if address.source == public_address.ENVIRONMENT else "cards.address_local",
                  address=escape_markdown(address.url)))
if address.source == public_address.ENVIRONMENT:
    st.caption(tr("cards.address_from_env"))
else:
    session.seed("cards_address", address.url if address.source == public_address.STORED else "")
    with st.expander(tr("cards.address_heading"), expanded=address.local):
        st.text_input(tr("cards.address"), key="cards_address", max_chars=200, placeholder=address.url,
                      help=tr("cards.address_help"))
        st.button(tr("cards.address_save"), key="cards_address_save", on_click=save_address)
        session.show("cards_address")

# A radio and a bounded list of boxes: nothing unfolds over the button below, so the first
# click on it is never spent closing a dropdown.
st.radio(tr("cards.people"), [EVERYONE, *teams, PICK], index=None, key="cards_scope", format_func=scope_label,
         on_change=forget_question)
if st.session_state.get("cards_scope") == PICK:
    with st.container(height=280):
        for someone in everyone:
            st.checkbox(escape_markdown(someone.name), key=f"cards_pick_{someone.id}", on_change=forget_question)
st.caption(tr("cards.chosen", count=len(chosen())))
st.button(tr("cards.make"), key="cards_make", type="primary", on_click=make_cards)
session.show("cards")
if "cards_confirm" in st.session_state:
    st.warning(escape_markdown(st.session_state["cards_confirm"]))
    left, right = st.columns(2)
    left.button(tr("cards.replace"), key="cards_replace", type="primary", on_click=make_cards,
                kwargs={"replace_valid": True})
    right.button(tr("cards.keep"), key="cards_keep", on_click=forget_question)
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
session.show("cards_done")
st.divider()
# A button, not a toggle: a toggle's on_change also fires on a widget value the browser sends back
# stale (seen once in a browser test), and this switch must only ever move when HR presses it.
# The button names the state it sets, so a second tab pressing it again changes nothing more.
pin_required = invitations.pin_required(db)
st.markdown(tr("cards.pin_is_on" if pin_required else "cards.pin_is_off"), help=tr("cards.pin_required_help"))
st.button(tr("cards.pin_switch_off" if pin_required else "cards.pin_switch_on"), key="cards_pin_switch",
          on_click=switch_pin, kwargs={"required": not pin_required})
st.divider()
oidc.firm_setting(db)
