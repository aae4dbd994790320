"""`devtalk questionnaire-diff OLD NEW`: files or stored versions, one change per line by id, exit 0/1/2."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from devtalk.cli import cli
from devtalk.domain.access import OPERATOR
from devtalk.questionnaire import builder as b
from devtalk.services import library

TECHNICAL = Path(__file__).resolve().parents[2] / "questionnaires" / "techniek-carrosserie.yaml"


def last_years_edit() -> str:
    """The technical template with a shorter skill scale, a reworded question and one replaced by a look-alike."""
    draft = b.from_yaml(TECHNICAL.read_text(encoding="utf-8"))
    draft = b.set_scale_points(draft, "beheersing", 4)
    draft = b.set_item_text(draft, "plaat-knippen", "text", "nl", "Ik knip plaat op maat")
    wording = draft.item("machineveiligheid").text
    draft = b.add_item(draft, 1, {"nl": wording["nl"].replace("machines", "alle machines"), "en": wording["en"]})
    return b.to_yaml(b.remove_item(draft, "machineveiligheid"))


@pytest.fixture
def diff(db_file, monkeypatch):
    """``diff(OLD, NEW, ...)``: the command on this test's database (the SQLite file, unless the test points the
    command line at its fresh_db with app_opens, which on PostgreSQL names its firm)."""
    monkeypatch.setenv("DEVTALK_DB", str(db_file))
    for name in ("DEVTALK_DATABASE_URL", "DEVTALK_FIRM"):
        monkeypatch.delenv(name, raising=False)

    def invoke(*args):
        return CliRunner().invoke(cli, ["questionnaire-diff", *map(str, args)])
    return invoke


def test_the_same_questionnaire_twice_exits_zero_and_prints_nothing(diff):
    result = diff(TECHNICAL, TECHNICAL)
    assert (result.exit_code, result.stdout) == (0, "")


def test_changes_are_listed_one_per_line_by_id_with_broken_trends_marked(diff, tmp_path):
    new = tmp_path / "nieuw.yaml"
    new.write_text(last_years_edit(), encoding="utf-8")
    result = diff(TECHNICAL, new)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("beheersing: schaalpunten 1, 2, 3, 4, 5 -> 1, 2, 3, 4") and lines[0].endswith("BREEKT DE TREND")
    assert "machineveiligheid: vraag verwijderd, lijkt anders verwoord als ik-werk-veilig-met-alle-machines-en-ken · BREEKT DE TREND" in lines
    assert "plaat-knippen: anders verwoord: vraag voor de medewerker" in lines
    assert all(": " in line for line in lines)


def test_stored_version_ids_are_compared_like_files_and_in_english_when_asked(diff, fresh_db, app_opens):
    app_opens(fresh_db)
    old = library.store_questionnaire(fresh_db, OPERATOR, TECHNICAL.read_text(encoding="utf-8"))
    new = library.store_questionnaire(fresh_db, OPERATOR, last_years_edit())
    result = diff(old.id, new.id, "--lang", "en")
    assert result.exit_code == 1
    assert "plaat-knippen: reworded: question for the employee" in result.stdout.splitlines()
    assert diff(new.id, new.id).exit_code == 0


def test_a_stored_version_compares_with_a_file(diff, fresh_db, app_opens, tmp_path):
    app_opens(fresh_db)
    stored = library.store_questionnaire(fresh_db, OPERATOR, TECHNICAL.read_text(encoding="utf-8"))
    assert diff(stored.id, TECHNICAL).exit_code == 0


def test_an_invalid_file_exits_two_with_the_validators_message_and_line(diff, tmp_path):
    broken = tmp_path / "kapot.yaml"
    broken.write_text(TECHNICAL.read_text(encoding="utf-8").replace("type: likert", "type: schaal", 1), encoding="utf-8")
    result = diff(TECHNICAL, broken)
    assert result.exit_code == 2 and result.stdout == ""
    assert f"{broken}:59: sections[0].items[0].type:" in result.stderr


@pytest.mark.parametrize("source, message", [
    ("999", "versie 999 staat niet in de database"),
    ("bestaat-niet.yaml", "bestaat-niet.yaml"),
], ids=["an unknown version id", "a missing file"])
def test_what_cannot_be_read_exits_two_and_says_so(diff, fresh_db, app_opens, source, message):
    app_opens(fresh_db)
    result = diff(TECHNICAL, source)
    assert result.exit_code == 2 and message in result.stderr.lower()


def test_a_version_id_with_a_database_that_does_not_exist_is_refused_without_creating_one(tmp_path):
    missing = tmp_path / "elders.db"
    result = CliRunner().invoke(cli, ["questionnaire-diff", "3", str(TECHNICAL), "--db", str(missing)])
    assert result.exit_code == 2 and result.stdout == ""
    assert f"Versie 3 kan niet worden gelezen: er is geen database op {missing}" in result.stderr
    assert not missing.exists()
