"""Fuzzing the validator: whatever comes in, the answer is a questionnaire or InvalidQuestionnaire."""

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from devtalk.questionnaire import InvalidQuestionnaire, parse_questionnaire
from tests.builders import SMALL_QUESTIONNAIRE

scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 20), st.text(max_size=12))
structures = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)),
    max_leaves=20,
)


def outcome(data) -> str:
    try:
        parse_questionnaire(data, "fuzz.yaml")
    except InvalidQuestionnaire as error:
        assert error.problems and all(p.render("en").startswith("fuzz.yaml") for p in error.problems)
        return "invalid"
    return "valid"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_raise_anything_else(data):
    outcome(data)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_random_text_never_raises_anything_else(text):
    outcome(text)


@settings(max_examples=200, deadline=None)
@given(structures)
def test_random_yaml_structures_never_raise_anything_else(structure):
    outcome(yaml.safe_dump(structure, allow_unicode=True))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_mutated_valid_questionnaires_are_accepted_or_clearly_refused(data):
    lines = SMALL_QUESTIONNAIRE.splitlines()
    index = data.draw(st.integers(0, len(lines) - 1))
    replacement = data.draw(st.one_of(st.just(""), st.text(max_size=30), st.sampled_from(["  - x", "id: 3", "type: likert", "    "])))
    outcome("\n".join(lines[:index] + [replacement] + lines[index + 1:]))
