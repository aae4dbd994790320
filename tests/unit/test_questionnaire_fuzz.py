"""Fuzzing the questionnaire reader: whatever comes in, out comes a questionnaire or InvalidQuestionnaire.

An upload page or CLI that gets any other exception shows a traceback to an HR person; and a
valid file must come back exactly as written, or answers would hang on the wrong texts.
"""

from __future__ import annotations

import re

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from devtalk.questionnaire import (
    CONDITIONS,
    TAGS,
    InvalidQuestionnaire,
    Questionnaire,
    parse_questionnaire,
)

FUZZ = settings(max_examples=200, deadline=None)
# Drawing a whole questionnaire costs about a hundred draws: fewer examples keep the suite fast.
FUZZ_WHOLE = settings(max_examples=100, deadline=None)
KEYS = ["id", "title", "intro", "languages", "scales", "sections", "points", "labels", "not_applicable",
        "functions", "condition", "items", "type", "scale", "text", "text_manager", "help", "required", "tags"]
WORDS = ["nl", "en", "likert", "open", "beheersing", "workplace", "energy", "true", "", " ", "0x1", "1:30"]

ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789"
# Built rather than drawn from a regex: from_regex makes these tests several times slower.
slugs = st.tuples(st.sampled_from(ALPHANUMERIC), st.text(ALPHANUMERIC + "_-", max_size=12)).map("".join)
# Text as people type it; no control characters (a file holding those is refused as a whole).
words = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1, max_size=8)
words = words.map(str.strip).filter(bool)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 12), st.floats(allow_nan=False),
                    st.sampled_from(WORDS), st.text(max_size=8))
structures = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(KEYS) | scalars.filter(lambda key: key is not None), inner, max_size=5),
    max_leaves=25,
)
FRAGMENTS = ["id: ", "title: ", "sections:", "items:", "- ", "  ", "\n", "\t", ":", "{", "}", "[", "]", ",",
             "'", '"', "&a ", "*a", "!!python/object:os.system ", "!x ", "---", "...", "#", "?", "|", ">",
             "%YAML 1.1", "\\x", "\ufeff", "\u2028", "\x85", "0x1", "likert", "nl: x"]
YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def dumped(document) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(document, Dumper=dumper, allow_unicode=True, sort_keys=False, width=10**6)


def line_count(text: str | bytes) -> int:
    """Lines as YAML counts them: it also breaks lines at \\r, NEL and the Unicode separators."""
    decoded = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return len(YAML_LINE_BREAK.split(decoded))


def outcome(text: str | bytes) -> Questionnaire | None:
    """The questionnaire, or None after checking the refusal is well formed in both languages."""
    try:
        return parse_questionnaire(text, "fuzz.yaml")
    except InvalidQuestionnaire as refusal:
        assert refusal.problems
        for problem in refusal.problems:
            assert 1 <= problem.line <= line_count(text)
            assert problem.render("nl").startswith(f"fuzz.yaml:{problem.line}: ")
            assert problem.render("en").startswith(f"fuzz.yaml:{problem.line}: ")
        return None


# Strategies are built once: building them inside the composite makes generation several times slower.
LANGUAGE_SETS = [["nl"], ["en"], ["nl", "en"], ["en", "nl"]]
TEXTS = {tuple(languages): st.fixed_dictionaries({lang: words for lang in languages}) for languages in LANGUAGE_SETS}
POINTS = st.lists(st.integers(-20, 20), min_size=3, max_size=10, unique=True).map(sorted)
LABELLED = st.sets(st.integers(0, 9), max_size=3)
FUNCTIONS = st.lists(slugs, min_size=1, max_size=3, unique=True)
TAG_LISTS = st.lists(st.sampled_from(TAGS), min_size=1, unique=True)
KINDS = st.sampled_from(["likert", "open"])


@st.composite
def questionnaires(draw) -> dict:
    """A valid questionnaire as the plain data it is written from, every field spelt out."""
    languages = draw(st.sampled_from(LANGUAGE_SETS))
    text = TEXTS[tuple(languages)]

    def optional(**fields) -> dict:
        return {name: draw(value) for name, value in fields.items() if draw(st.booleans())}

    scales = {}
    for name in draw(st.lists(slugs, min_size=1, max_size=2, unique=True)):
        points = draw(POINTS)
        labels = {points[index]: draw(text) for index in sorted(draw(LABELLED)) if index < len(points)}
        scales[name] = {"points": points, "labels": labels, "not_applicable": draw(st.booleans())}
    section_ids = draw(st.lists(slugs, min_size=1, max_size=3, unique=True))
    item_ids = iter(draw(st.lists(slugs, min_size=3 * len(section_ids), max_size=3 * len(section_ids), unique=True)))

    def item() -> dict:
        kind = draw(KINDS)
        scale = {"scale": draw(st.sampled_from(list(scales)))} if kind == "likert" else {}
        return {"id": next(item_ids), "type": kind, **scale, "text": draw(text), "required": draw(st.booleans()),
                **optional(text_manager=text, help=text, tags=TAG_LISTS)}

    sections = [
        {"id": section_id, "title": draw(text),
         **optional(intro=text, functions=FUNCTIONS, condition=st.sampled_from(CONDITIONS)),
         "items": [item() for _ in range(draw(st.integers(1, 3)))]}
        for section_id in section_ids
    ]
    return {"id": draw(slugs), "title": draw(text), **optional(intro=text), "languages": languages,
            "scales": scales, "sections": sections}


def as_data(questionnaire: Questionnaire) -> dict:
    """The model written back as the plain data ``questionnaires()`` draws."""
    def present(**fields) -> dict:
        return {name: value for name, value in fields.items() if value not in (None, ())}

    def texts(mapping):
        return None if mapping is None else dict(mapping)

    def item(i):
        return present(id=i.id, type=i.type, scale=i.scale, text=texts(i.text), required=i.required,
                       text_manager=texts(i.text_manager), help=texts(i.help), tags=list(i.tags) or None)

    return present(
        id=questionnaire.id, title=texts(questionnaire.title), intro=texts(questionnaire.intro),
        languages=list(questionnaire.languages),
        scales={name: {"points": list(s.points), "labels": {p: dict(t) for p, t in s.labels.items()},
                       "not_applicable": s.not_applicable} for name, s in questionnaire.scales.items()},
        sections=[present(id=s.id, title=texts(s.title), intro=texts(s.intro), condition=s.condition,
                          functions=list(s.functions) if s.functions else None, items=[item(i) for i in s.items])
                  for s in questionnaire.sections],
    )


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_are_refused_cleanly(data):
    outcome(data)


@FUZZ
@given(st.text(max_size=300))
def test_random_text_is_refused_cleanly(text):
    outcome(text)


@FUZZ
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=40).map("".join))
def test_yaml_looking_text_is_refused_cleanly(text):
    outcome(text)


@FUZZ
@given(structures)
def test_random_yaml_structures_are_refused_cleanly(structure):
    outcome(dumped(structure))


@FUZZ_WHOLE
@given(questionnaires(), st.data())
def test_a_valid_questionnaire_with_one_part_replaced_by_junk_never_crashes(document, data):
    parent, key = document, "sections"
    for _ in range(data.draw(st.integers(0, 6))):
        child = parent[key]
        if not isinstance(child, (dict, list)) or not child:
            break
        parent, key = child, data.draw(st.sampled_from(sorted(child, key=str) if isinstance(child, dict) else range(len(child))))
    parent[key] = data.draw(structures)
    outcome(dumped(document))


@FUZZ_WHOLE
@given(questionnaires())
def test_a_valid_questionnaire_reads_back_exactly_as_written(document):
    assert as_data(parse_questionnaire(dumped(document))) == document


@FUZZ_WHOLE
@given(questionnaires())
def test_a_valid_questionnaire_without_its_languages_key_has_the_languages_its_texts_give_dutch_first(document):
    languages = document.pop("languages")
    assert parse_questionnaire(dumped(document)).languages == tuple(sorted(languages, key=["nl", "en"].index))
