import os
import sqlite3
import stat

import pytest
from click.testing import CliRunner

import db as storage
from devtalk.cli import cli
from tests.builders import SMALL_QUESTIONNAIRE, flat, make_firm, text_of


@pytest.fixture
def run(tmp_path):
    runner = CliRunner()
    db_path = tmp_path / "cli.db"

    def invoke(*args):
        return runner.invoke(cli, [*args, "--db", str(db_path)] if args[0] not in ("validate",) else list(args))

    invoke.db_path = db_path
    return invoke


def test_every_command_has_help_text():
    for name, command in cli.commands.items():
        assert command.help, f"{name} has no help"
        assert CliRunner().invoke(cli, [name, "--help"]).exit_code == 0


def test_every_command_is_documented_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    missing = [name for name in cli.commands if f"python -m devtalk {name}" not in readme]
    assert missing == []


def test_init_creates_the_database_and_is_safe_to_repeat(run):
    assert run("init").exit_code == 0
    assert run("init").exit_code == 0
    assert storage.schema_version(storage.open_db(run.db_path)) == storage.SCHEMA_VERSION


def test_init_refuses_a_database_from_a_newer_devtalk(run):
    conn = sqlite3.connect(run.db_path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    result = run("init")
    assert result.exit_code == 1
    assert "nieuwere versie van devtalk" in result.output


def test_validate_exits_zero_for_valid_files_and_one_with_every_problem(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(SMALL_QUESTIONNAIRE, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL_QUESTIONNAIRE.replace("scale: beheersing\n        text: {nl: Ik werk", "scale: beheersng\n        text: {nl: Ik werk"), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["validate", str(good)]).exit_code == 0
    result = runner.invoke(cli, ["validate", str(good), str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:" in result.output and "beheersng" in result.output


def test_backup_writes_a_consistent_copy(run, tmp_path):
    run("init")
    result = run("backup", str(tmp_path / "copy.db"))
    assert result.exit_code == 0
    copy = storage.open_db(tmp_path / "copy.db")
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_report_command_writes_the_conversation_report_as_pdf(run, tmp_path):
    from devtalk.services.demo import load_demo

    database = storage.open_db(run.db_path)
    storage.migrate(database)
    load_demo(database)
    reported = database.execute("SELECT id FROM conversations WHERE status = 'acknowledged' LIMIT 1").fetchone()[0]
    out = tmp_path / "verslag.pdf"
    result = run("report", str(reported), "--out", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")


def test_report_command_for_a_conversation_without_report_says_so(run, tmp_path):
    from devtalk.services.demo import load_demo

    database = storage.open_db(run.db_path)
    storage.migrate(database)
    load_demo(database)
    waiting = database.execute("SELECT id FROM conversations WHERE status = 'open' LIMIT 1").fetchone()[0]
    result = run("report", str(waiting), "--out", str(tmp_path / "x.pdf"))
    assert result.exit_code == 1


def test_report_command_for_a_conversation_that_does_not_exist_says_not_found(run, tmp_path):
    """The command line acts as HR, who may see every conversation: "not allowed" would mislead."""
    run("init")
    result = run("report", "999", "--out", str(tmp_path / "x.pdf"), "--lang", "en")
    assert result.exit_code == 1
    assert "Not found." in result.output and "not allowed" not in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_files_the_command_line_writes_are_readable_by_their_owner_only(run, tmp_path):
    from devtalk.services.demo import load_demo

    previous = os.umask(0o022)
    try:
        database = storage.open_db(run.db_path)
        storage.migrate(database)
        load_demo(database)
        reported = database.execute("SELECT id FROM conversations WHERE status = 'acknowledged' LIMIT 1").fetchone()[0]
        out = tmp_path / "out"
        assert run("report", str(reported), "--out", str(out / "verslag.pdf")).exit_code == 0
        assert run("export-people", str(out / "mensen.csv")).exit_code == 0
        assert run("backup", str(out / "backup.db")).exit_code == 0
        restore = ["restore", str(out / "backup.db"), "--db", str(out / "restored" / "devtalk.db")]
        assert CliRunner().invoke(cli, restore).exit_code == 0
    finally:
        os.umask(previous)
    written = ["verslag.pdf", "mensen.csv", "backup.db", "restored/devtalk.db"]
    assert {name: stat.S_IMODE((out / name).stat().st_mode) for name in written} == dict.fromkeys(written, 0o600)
    assert stat.S_IMODE(out.stat().st_mode) == stat.S_IMODE((out / "restored").stat().st_mode) == 0o700


@pytest.mark.parametrize("name, starts", [("mensen.xlsx", b"PK\x03\x04"), ("MENSEN.CSV", "\ufeffnaam;".encode())],
                         ids=["xlsx", "csv-in-capitals"])
def test_export_people_writes_the_format_its_file_name_names(run, tmp_path, name, starts):
    run("init")
    result = run("export-people", str(tmp_path / name))
    assert result.exit_code == 0
    assert (tmp_path / name).read_bytes().startswith(starts)


@pytest.mark.parametrize("name", ["mensen.xls", "mensen.txt", "mensen"], ids=["old-excel", "txt", "no-suffix"])
def test_export_people_refuses_a_file_name_of_another_type_and_writes_nothing(run, tmp_path, name):
    result = run("export-people", str(tmp_path / name))
    assert result.exit_code == 1
    assert "Er is niets geschreven" in result.output and ".xlsx (Excel) of .csv" in result.output
    assert not (tmp_path / name).exists() and not run.db_path.exists()


def test_export_people_says_why_it_refuses_in_english_when_asked(run, tmp_path):
    result = run("export-people", str(tmp_path / "people.ods"), "--lang", "en")
    assert result.exit_code == 1 and "'.ods' is not a file type for the export" in result.output


def small_firm_in(run):
    database = storage.open_db(run.db_path)
    storage.migrate(database)
    return make_firm(database)


@pytest.mark.parametrize("function_id, side, present, absent", [
    ("lasser", "employee", ["Ik kan TIG lassen", "Invullen door de medewerker"], ["De medewerker kan"]),
    ("plaatwerker", "manager", ["De medewerker kan een werktekening lezen", "Invullen door de leidinggevende"],
     ["Ik kan TIG lassen"]),
], ids=["welder's own form", "sheet-metal worker's manager"])
def test_paper_form_command_writes_the_pdf_form_of_one_job_function(run, tmp_path, function_id, side, present, absent):
    firm = small_firm_in(run)
    out = tmp_path / "formulier.pdf"
    result = run("paper-form", str(firm.version_id), str(out), "--function", function_id, "--side", side)
    assert result.exit_code == 0, result.output
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF")
    text = flat(text_of(pdf))
    assert all(phrase in text for phrase in present) and not any(phrase in text for phrase in absent)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize("arguments, message", [
    (["999"], "There is no questionnaire version with number 999."),
    (["{version}", "--function", "kraanmachinist"], "There is no job function with code 'kraanmachinist'."),
], ids=["unknown version", "unknown function"])
def test_paper_form_command_names_what_it_did_not_find_and_writes_nothing(run, tmp_path, arguments, message):
    firm = small_firm_in(run)
    out = tmp_path / "formulier.pdf"
    version_id, *options = [argument.format(version=firm.version_id) for argument in arguments]
    result = run("paper-form", version_id, str(out), *options, "--lang", "en")
    assert result.exit_code == 1
    assert message in result.output
    assert not out.exists()


@pytest.mark.parametrize(("lang", "says"), [("nl", "demofirma aangemaakt"), ("en", "demo firm created")])
def test_the_command_line_says_what_it_did_in_the_language_asked(tmp_path, lang, says):
    result = CliRunner().invoke(cli, ["demo", "--db", str(tmp_path / "demo.db"), "--lang", lang])
    assert result.exit_code == 0 and says in result.output
