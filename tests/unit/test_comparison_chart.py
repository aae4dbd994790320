from devtalk.domain.comparison import compare
from devtalk.i18n import t
from devtalk.presentation.comparison_frames import AGREE_COLOUR, EMPLOYEE_COLOUR, MANAGER_COLOUR, dumbbell_spec
from devtalk.questionnaire import parse_questionnaire
from tests.builders import SMALL_QUESTIONNAIRE, side

QUESTIONNAIRE = parse_questionnaire(SMALL_QUESTIONNAIRE, "klein.yaml")


def chart_rows(spec: dict) -> list[dict]:
    return next(iter(spec["datasets"].values()))


def colour_scale(spec: dict) -> dict:
    points = next(layer for layer in spec["layer"] if "color" in layer["encoding"])
    return points["encoding"]["color"]["scale"]


def test_an_item_both_sides_gave_the_same_value_shows_one_dot_in_the_agree_colour():
    comparison = compare(QUESTIONNAIRE, "plaatwerker", side(tekening_lezen=2, veilig_werken=4),
                         side(tekening_lezen=5, veilig_werken=4))
    spec = dumbbell_spec(comparison, "nl")
    sides = [(row["value"], row["side"]) for row in chart_rows(spec)]
    both = t("compare.chart_agree", "nl")
    assert sides == [(2, "Medewerker"), (5, "Leidinggevende"), (4, both)]
    scale = colour_scale(spec)
    assert dict(zip(scale["domain"], scale["range"])) == {
        "Medewerker": EMPLOYEE_COLOUR, "Leidinggevende": MANAGER_COLOUR, both: AGREE_COLOUR}
    assert len({EMPLOYEE_COLOUR, MANAGER_COLOUR, AGREE_COLOUR}) == 3


def test_the_agree_entry_of_the_legend_is_in_the_chart_language():
    comparison = compare(QUESTIONNAIRE, "plaatwerker", side(veilig_werken=3), side(veilig_werken=3))
    spec = dumbbell_spec(comparison, "en")
    assert [row["side"] for row in chart_rows(spec)] == ["Both the same"]
    assert "Both the same" in colour_scale(spec)["domain"]
