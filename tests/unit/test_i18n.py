import pytest

from devtalk.i18n import LANGUAGES, Message, catalogue, t


def test_every_catalogue_key_has_dutch_and_english_text():
    for key, texts in catalogue().items():
        for lang in LANGUAGES:
            assert texts[lang].strip(), f"{key} has no {lang} text"


def test_unknown_language_falls_back_to_dutch():
    assert t("nav.sign_in", "de") == t("nav.sign_in", "nl") == "Aanmelden"


def test_unknown_key_fails_loudly_instead_of_showing_the_key():
    with pytest.raises(KeyError):
        t("no.such.key", "nl")


def test_message_fills_in_its_parameters_per_language():
    message = Message("app.signed_in_as", name="Daan")
    assert message.render("nl") == "Aangemeld als Daan"
    assert message.render("en") == "Signed in as Daan"
