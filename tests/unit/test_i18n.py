import pytest

from devtalk.i18n import LANGUAGES, Message, catalogue, t


def test_every_catalogue_key_has_dutch_and_english_text():
    for key, texts in catalogue().items():
        for lang in LANGUAGES:
            forms = texts[lang].values() if isinstance(texts[lang], dict) else [texts[lang]]
            assert all(form.strip() for form in forms), f"{key} has no {lang} text"


@pytest.mark.parametrize("count, dutch, english", [
    (1, "Nog 1 verplichte vraag open:", "1 required question still open:"),
    (35, "Nog 35 verplichte vragen open:", "35 required questions still open:"),
], ids=["one", "many"])
def test_a_count_takes_its_plural_form_in_each_language(count, dutch, english):
    assert t("fill.missing", "nl", count=count) == dutch
    assert t("fill.missing", "en", count=count) == english


def test_unknown_language_falls_back_to_dutch():
    assert t("nav.sign_in", "de") == t("nav.sign_in", "nl") == "Aanmelden"


def test_unknown_key_fails_loudly_instead_of_showing_the_key():
    with pytest.raises(KeyError):
        t("no.such.key", "nl")


def test_message_fills_in_its_parameters_per_language():
    message = Message("app.signed_in_as", name="Daan")
    assert message.render("nl") == "Aangemeld als Daan"
    assert message.render("en") == "Signed in as Daan"
