"""`python -m devtalk`: thin commands over the same services the pages use."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from db import migrate, open_db, schema_version
from db.backup import backup_to, restore_from
from db.private_files import write_private
from devtalk import config
from devtalk.domain.access import OPERATOR
from devtalk.domain.models import SIDES
from devtalk.errors import DevtalkError, NotFound
from devtalk.i18n import LANGUAGES, t
from devtalk.questionnaire import InvalidQuestionnaire, load_questionnaire_file
from devtalk.services import demo
from devtalk.services.learning import FIRST_YEAR, LAST_YEAR

db_option = click.option(
    "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="SQLite file (default: $DEVTALK_DB or data/devtalk.db).",
)
lang_option = click.option("--lang", type=click.Choice(LANGUAGES), default="nl", show_default=True, help="Language of messages.")


def _open(db_path: Path | None):
    database = open_db(db_path or config.database_path())
    migrate(database)
    return database


def _fail(error: DevtalkError, lang: str) -> None:
    click.echo(error.render(lang), err=True)
    for problem in getattr(error, "problems", ()):
        click.echo(problem.render(lang), err=True)
    sys.exit(1)


@click.group()
def cli() -> None:
    """devtalk: development conversations for small technical firms."""


@cli.command()
@db_option
@lang_option
def init(db_path, lang) -> None:
    """Create the database or bring its schema up to date; safe to run again."""
    from devtalk.services import certificates

    try:
        database = _open(db_path)
    except DevtalkError as error:
        _fail(error, lang)
    certificates.load_bundled_types(database)  # the starting list HR adapts; never over HR's own
    click.echo(t("cli.schema", lang, version=schema_version(database), path=db_path or config.database_path()))


@cli.command("demo")
@db_option
@lang_option
def demo_command(db_path, lang) -> None:
    """Fill an empty database with the demo firm (sign in as hr, manager or employee; password demo)."""
    try:
        created = demo.load_demo(_open(db_path))
    except DevtalkError as error:
        _fail(error, lang)
    click.echo(t("cli.demo_created" if created else "cli.demo_present", lang))


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@lang_option
def validate(files, lang) -> None:
    """Check questionnaire YAML files; every problem as FILE:LINE: PATH: message."""
    failed = False
    for path in files:
        try:
            load_questionnaire_file(path)
        except InvalidQuestionnaire as error:
            failed = True
            for problem in error.problems:
                click.echo(problem.render(lang))
        else:
            click.echo(t("cli.valid", lang, path=path))
    sys.exit(1 if failed else 0)


def _import(service, file: Path, db_path, lang) -> None:
    """Run an all-or-nothing import service on FILE and say what it added and changed."""
    try:
        plan = service(_open(db_path), OPERATOR, file.read_bytes(), file.name)
    except DevtalkError as error:
        _fail(error, lang)
    click.echo(t("cli.imported", lang, added=len(plan.added), changed=len(plan.changed), unchanged=plan.unchanged))


def _export(service, file: str, db_path, lang) -> None:
    """Write an export service's file to FILE (its name picks XLSX or CSV) or to standard output."""
    from devtalk.spreadsheets.people_export import format_for

    try:
        fmt = format_for(file)  # before the database is opened: a refused name writes nothing at all
        data = service(_open(db_path), OPERATOR, fmt, lang)
    except DevtalkError as error:
        _fail(error, lang)
    if file == "-":
        sys.stdout.buffer.write(data)
    else:
        write_private(Path(file), data)


@cli.command("import-people")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@lang_option
def import_people(file, db_path, lang) -> None:
    """Add or update people from a CSV or XLSX file; any error and nothing changes."""
    from devtalk.services import people_files  # openpyxl is loaded only when needed

    _import(people_files.import_people, file, db_path, lang)


@cli.command("export-people")
@click.argument("file", default="-")
@db_option
@lang_option
def export_people(file, db_path, lang) -> None:
    """Write all people in the import's columns to FILE: XLSX for .xlsx, CSV for .csv or - (standard output)."""
    from devtalk.services import people_files

    _export(people_files.export_people, file, db_path, lang)


@cli.command("import-certificates")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@lang_option
def import_certificates(file, db_path, lang) -> None:
    """Add or update certificates from a CSV or XLSX file; any error and nothing changes."""
    from devtalk.services import certificates

    _import(certificates.import_certificates, file, db_path, lang)


@cli.command("export-certificates")
@click.argument("file", default="-")
@db_option
@lang_option
def export_certificates(file, db_path, lang) -> None:
    """Write all certificates in the import's columns to FILE: XLSX for .xlsx, CSV for .csv or - (standard output)."""
    from devtalk.services import certificates

    _export(certificates.export_certificates, file, db_path, lang)


@cli.command("training-plan")
@click.option("--year", type=click.IntRange(FIRST_YEAR, LAST_YEAR), required=True, help="The plan year, e.g. 2026.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="FILE.xlsx (amounts as numbers) or FILE.pdf (to sign) to write.")
@lang_option
@db_option
def training_plan(year, out, lang, db_path) -> None:
    """Write the year's training plan of the whole firm, costs and subsidies included, as XLSX or PDF."""
    from devtalk.services import training_plan as plan

    if out.suffix.lower() not in (".xlsx", ".pdf"):  # refused before the database is opened: nothing is written
        click.echo(t("cli.plan_file_name", lang, name=out.name), err=True)
        sys.exit(2)
    build = plan.plan_xlsx if out.suffix.lower() == ".xlsx" else plan.plan_pdf
    try:
        write_private(out, build(_open(db_path), OPERATOR, year, lang))
    except DevtalkError as error:
        _fail(error, lang)
    click.echo(t("cli.written", lang, path=out))


@cli.command("remind-certificates")
@db_option
@lang_option
def remind_certificates(db_path, lang) -> None:
    """E-mail HR and each manager the certificates newly expired, expiring or missing (once each); for a daily cron job."""
    from devtalk.services import certificates

    try:
        sent = certificates.send_reminders(_open(db_path), OPERATOR)
    except DevtalkError as error:
        _fail(error, lang)
    click.echo(t("cli.mails_sent", lang, count=sent))


@cli.command()
@click.argument("dest", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@lang_option
def backup(dest, db_path, lang) -> None:
    """Copy the database to DEST with SQLite's backup API; safe while the app runs."""
    backup_to(_open(db_path), dest)
    click.echo(t("cli.written", lang, path=dest))


@cli.command()
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@lang_option
def restore(source, db_path, lang) -> None:
    """Restore a backup into a new or empty database file (never over existing data)."""
    dest = db_path or config.database_path()
    try:
        restore_from(source, dest)
        migrate(open_db(dest))
    except DevtalkError as error:
        _fail(error, lang)
    click.echo(t("cli.restored", lang, source=source, dest=dest))


@cli.command()
@click.argument("conversation_id", type=int)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="PDF file to write.")
@lang_option
@db_option
def report(conversation_id, out, lang, db_path) -> None:
    """Write the conversation report of CONVERSATION_ID as a PDF."""
    from devtalk.services.printing import conversation_report_pdf

    try:
        write_private(out, conversation_report_pdf(_open(db_path), OPERATOR, conversation_id, lang))
    except DevtalkError as error:
        _fail(error, lang)
    click.echo(t("cli.written", lang, path=out))


@cli.command("paper-form")
@click.argument("version_id", type=int)
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--function", "function_id", default=None,
              help="Job function code (default: only the sections everyone gets).")
@click.option("--side", type=click.Choice(SIDES), default="employee", show_default=True,
              help="Whose form: the employee's or the manager's.")
@lang_option
@db_option
def paper_form(version_id, out, function_id, side, lang, db_path) -> None:
    """Write the empty questionnaire VERSION_ID as a PDF form to OUT, to fill in with a pen."""
    from devtalk.services.printing import paper_form_pdf

    try:
        write_private(out, paper_form_pdf(_open(db_path), OPERATOR, version_id, function_id, lang, side))
    except DevtalkError as error:
        _fail(error, lang)
    click.echo(t("cli.written", lang, path=out))


def _questionnaire_at(source: str, db_path: Path | None):
    """A questionnaire from a YAML file, or from the library when ``source`` is a stored version's id."""
    from devtalk.questionnaire import parse_questionnaire
    from devtalk.services import library

    if source.isdigit() and not Path(source).exists():
        path = db_path or config.database_path()
        if not Path(path).is_file():  # opening it would create an empty database, where no version is
            raise NotFound("builder_model.diff_no_database", id=source, path=path)
        try:
            name, data = library.version_yaml(_open(path), OPERATOR, int(source))
        except NotFound:
            raise NotFound("builder_model.diff_no_version", id=source, path=path) from None
        return parse_questionnaire(data, name)
    return load_questionnaire_file(source)


@cli.command("questionnaire-diff")
@click.argument("old")
@click.argument("new")
@db_option
@lang_option
def questionnaire_diff(old, new, db_path, lang) -> None:
    """Compare two questionnaires (YAML files or stored version ids), one change per line by id; exit 0 same, 1 changed, 2 invalid."""
    from devtalk.questionnaire.diff import compare

    try:
        changes = compare(_questionnaire_at(old, db_path), _questionnaire_at(new, db_path))
    except DevtalkError as error:
        # As `validate` prints them: one FILE:LINE: PATH: message per problem (nothing is being saved here).
        for problem in getattr(error, "problems", None) or [error]:
            click.echo(problem.render(lang), err=True)
        sys.exit(2)
    for line in changes.lines(lang):
        click.echo(line)
    sys.exit(1 if changes else 0)
