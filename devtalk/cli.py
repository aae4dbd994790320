"""`python -m devtalk`: thin commands over the same services the pages use."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from db import migrate, open_database, open_db, schema_version, tenants
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
firm_option = click.option(
    "--firm", default=None,
    help="The firm's slug on PostgreSQL, with DEVTALK_DATABASE_URL set (default: $DEVTALK_FIRM).",
)
lang_option = click.option("--lang", type=click.Choice(LANGUAGES), default="nl", show_default=True, help="Language of messages.")


def _open(db_path: Path | None, firm: str | None = None):
    """The firm's database, its schema brought up to date: the SQLite file --db names; else, with
    DEVTALK_DATABASE_URL set, the firm --firm (or DEVTALK_FIRM) names on PostgreSQL; else DEVTALK_DB."""
    url = _postgres_url(db_path)
    if url is None:
        if firm:  # a firm named for a SQLite file would be ignored, and the command act on another firm's data
            raise DevtalkError("cli.firm_without_url", firm=firm)
        database = open_db(db_path or config.database_path())
    else:
        try:
            database = open_database(url, _slug(firm))
        except tenants.UnknownFirm:  # its own words speak of the browser's address bar
            raise DevtalkError("cli.unknown_firm", slug=_slug(firm)) from None
    migrate(database)
    return database


def _postgres_url(db_path: Path | None) -> str | None:
    """DEVTALK_DATABASE_URL, unless --db names a SQLite file: what the command line says wins."""
    return None if db_path else config.database_url()


def _slug(firm: str | None) -> str:
    slug = firm or config.firm_slug()
    if not slug:
        raise DevtalkError("cli.firm_needed")
    return slug


def _require_url(lang: str) -> str:
    """DEVTALK_DATABASE_URL, for the commands that manage firms on PostgreSQL."""
    url = config.database_url()
    if url is None:
        click.echo(t("cli.postgres_only", lang), err=True)
        sys.exit(1)
    return url


def _require_database_url(value: str, lang: str) -> None:
    """A command's argument that must be a postgresql:// URL: anything else is refused (exit 2)."""
    from db.postgres import is_postgres_url

    if not is_postgres_url(value):
        click.echo(t("cli.not_a_database_url", lang, url=value), err=True)
        sys.exit(2)


def _refuse_on_postgres(db_path: Path | None, lang: str) -> None:
    """A SQLite file's backup and restore have no meaning on PostgreSQL, whose own tools do it."""
    if _postgres_url(db_path) is not None:
        click.echo(t("cli.sqlite_only", lang), err=True)
        sys.exit(1)


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
@firm_option
@lang_option
def init(db_path, firm, lang) -> None:
    """Create the database or bring its schema up to date; safe to run again."""
    from devtalk.services import certificates

    url = _postgres_url(db_path)
    try:
        if url is not None:
            tenants.prepare(url)  # the firm registry first: on a fresh server there is nothing else yet
            if not (firm or config.firm_slug()):
                click.echo(t("cli.registry_ready", lang))
                return
        database = _open(db_path, firm)
    except DevtalkError as error:
        _fail(error, lang)
    certificates.load_bundled_types(database)  # the starting list HR adapts; never over HR's own
    where = (db_path or config.database_path()) if url is None else t("cli.firm_at", lang, slug=_slug(firm))
    click.echo(t("cli.schema", lang, version=schema_version(database), path=where))


@cli.command("demo")
@db_option
@firm_option
@lang_option
def demo_command(db_path, firm, lang) -> None:
    """Fill an empty database with the demo firm (sign in as hr, manager or employee; password demo).

    On PostgreSQL the firm --firm names is made first when there is none of that name yet."""
    from devtalk.services.demo_firm import FIRM_NAME

    url = _postgres_url(db_path)
    try:
        if url is not None:
            tenants.prepare(url)
            found = tenants.firm_by_slug(url, _slug(firm))
            if found is None:
                tenants.create_firm(url, _slug(firm), FIRM_NAME)
            elif found.kind == "fund":  # demo accounts with the password "demo" have no place in the fund's portal
                raise DevtalkError("cli.demo_in_fund", slug=found.slug)
        created = demo.load_demo(_open(db_path, firm))
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


def _import(service, file: Path, db_path, firm, lang) -> None:
    """Run an all-or-nothing import service on FILE and say what it added and changed."""
    try:
        plan = service(_open(db_path, firm), OPERATOR, file.read_bytes(), file.name)
    except DevtalkError as error:
        _fail(error, lang)
    click.echo(t("cli.imported", lang, added=len(plan.added), changed=len(plan.changed), unchanged=plan.unchanged))


def _export(service, file: str, db_path, firm, lang) -> None:
    """Write an export service's file to FILE (its name picks XLSX or CSV) or to standard output."""
    from devtalk.spreadsheets.people_export import format_for

    try:
        fmt = format_for(file)  # before the database is opened: a refused name writes nothing at all
        data = service(_open(db_path, firm), OPERATOR, fmt, lang)
    except DevtalkError as error:
        _fail(error, lang)
    if file == "-":
        sys.stdout.buffer.write(data)
    else:
        write_private(Path(file), data)


@cli.command("import-people")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@firm_option
@lang_option
def import_people(file, db_path, firm, lang) -> None:
    """Add or update people from a CSV or XLSX file; any error and nothing changes."""
    from devtalk.services import people_files  # openpyxl is loaded only when needed

    _import(people_files.import_people, file, db_path, firm, lang)


@cli.command("export-people")
@click.argument("file", default="-")
@db_option
@firm_option
@lang_option
def export_people(file, db_path, firm, lang) -> None:
    """Write all people in the import's columns to FILE: XLSX for .xlsx, CSV for .csv or - (standard output)."""
    from devtalk.services import people_files

    _export(people_files.export_people, file, db_path, firm, lang)


@cli.command("import-certificates")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@firm_option
@lang_option
def import_certificates(file, db_path, firm, lang) -> None:
    """Add or update certificates from a CSV or XLSX file; any error and nothing changes."""
    from devtalk.services import certificates

    _import(certificates.import_certificates, file, db_path, firm, lang)


@cli.command("export-certificates")
@click.argument("file", default="-")
@db_option
@firm_option
@lang_option
def export_certificates(file, db_path, firm, lang) -> None:
    """Write all certificates in the import's columns to FILE: XLSX for .xlsx, CSV for .csv or - (standard output)."""
    from devtalk.services import certificates

    _export(certificates.export_certificates, file, db_path, firm, lang)


@cli.command("training-plan")
@click.option("--year", type=click.IntRange(FIRST_YEAR, LAST_YEAR), required=True, help="The plan year, e.g. 2026.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="FILE.xlsx (amounts as numbers) or FILE.pdf (to sign) to write.")
@lang_option
@db_option
@firm_option
def training_plan(year, out, lang, db_path, firm) -> None:
    """Write the year's training plan of the whole firm, costs and subsidies included, as XLSX or PDF."""
    from devtalk.services import training_plan as plan

    if out.suffix.lower() not in (".xlsx", ".pdf"):  # refused before the database is opened: nothing is written
        click.echo(t("cli.plan_file_name", lang, name=out.name), err=True)
        sys.exit(2)
    build = plan.plan_xlsx if out.suffix.lower() == ".xlsx" else plan.plan_pdf
    try:
        write_private(out, build(_open(db_path, firm), OPERATOR, year, lang))
    except DevtalkError as error:
        _fail(error, lang)
    click.echo(t("cli.written", lang, path=out))


@cli.command("remind-certificates")
@db_option
@firm_option
@lang_option
def remind_certificates(db_path, firm, lang) -> None:
    """E-mail HR and each manager the certificates newly expired, expiring or missing (once each); for a daily cron job."""
    from devtalk.services import certificates

    try:
        sent = certificates.send_reminders(_open(db_path, firm), OPERATOR)
    except DevtalkError as error:
        _fail(error, lang)
    click.echo(t("cli.mails_sent", lang, count=sent))


@cli.command()
@click.argument("dest", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@lang_option
def backup(dest, db_path, lang) -> None:
    """Copy the database to DEST with SQLite's backup API; safe while the app runs (SQLite only)."""
    _refuse_on_postgres(db_path, lang)
    backup_to(_open(db_path), dest)
    click.echo(t("cli.written", lang, path=dest))


@cli.command()
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@lang_option
def restore(source, db_path, lang) -> None:
    """Restore a backup into a new or empty database file (never over existing data; SQLite only)."""
    _refuse_on_postgres(db_path, lang)
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
@firm_option
def report(conversation_id, out, lang, db_path, firm) -> None:
    """Write the conversation report of CONVERSATION_ID as a PDF."""
    from devtalk.services.printing import conversation_report_pdf

    try:
        write_private(out, conversation_report_pdf(_open(db_path, firm), OPERATOR, conversation_id, lang))
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
@firm_option
def paper_form(version_id, out, function_id, side, lang, db_path, firm) -> None:
    """Write the empty questionnaire VERSION_ID as a PDF form to OUT, to fill in with a pen."""
    from devtalk.services.printing import paper_form_pdf

    try:
        write_private(out, paper_form_pdf(_open(db_path, firm), OPERATOR, version_id, function_id, lang, side))
    except DevtalkError as error:
        _fail(error, lang)
    click.echo(t("cli.written", lang, path=out))


def _questionnaire_at(source: str, db_path: Path | None, firm: str | None):
    """A questionnaire from a YAML file, or from the library when ``source`` is a stored version's id."""
    from devtalk.questionnaire import parse_questionnaire
    from devtalk.services import library

    if source.isdigit() and not Path(source).exists():
        on_postgres = _postgres_url(db_path) is not None
        path = _slug(firm) if on_postgres else db_path or config.database_path()
        if not on_postgres and not Path(path).is_file():  # opening it would create an empty database, where no version is
            raise NotFound("builder_model.diff_no_database", id=source, path=path)
        try:
            name, data = library.version_yaml(_open(db_path, firm), OPERATOR, int(source))
        except NotFound:
            raise NotFound("builder_model.diff_no_version", id=source, path=path) from None
        return parse_questionnaire(data, name)
    return load_questionnaire_file(source)


@cli.command("questionnaire-diff")
@click.argument("old")
@click.argument("new")
@db_option
@firm_option
@lang_option
def questionnaire_diff(old, new, db_path, firm, lang) -> None:
    """Compare two questionnaires (YAML files or stored version ids), one change per line by id; exit 0 same, 1 changed, 2 invalid."""
    from devtalk.questionnaire.diff import compare

    try:
        changes = compare(_questionnaire_at(old, db_path, firm), _questionnaire_at(new, db_path, firm))
    except DevtalkError as error:
        # As `validate` prints them: one FILE:LINE: PATH: message per problem (nothing is being saved here).
        for problem in getattr(error, "problems", None) or [error]:
            click.echo(problem.render(lang), err=True)
        sys.exit(2)
    for line in changes.lines(lang):
        click.echo(line)
    sys.exit(1 if changes else 0)


def _address(slug: str) -> str:
    """Where a firm is reached: each firm has a host name of its own beside DEVTALK_PUBLIC_URL's
    (devtalk.domain.firm_address); without one, the name that reaches `make run` on this machine."""
    from devtalk.domain.firm_address import firm_address

    public = config.public_url()
    return (firm_address(public, slug) if public else None) or f"http://{slug}.localhost:8501"


@cli.command("setup-postgres")
@click.argument("superuser_url")
@click.option("--password", default=None,
              help="The app role's password (default: a new random one). Running again sets it anew.")
@click.option("--database", default="devtalk", show_default=True, help="The database to make for devtalk.")
@lang_option
def setup_postgres(superuser_url, password, database, lang) -> None:
    """Make devtalk's roles, database and firm registry on a PostgreSQL server (as its superuser, once); prints the DEVTALK_DATABASE_URL to set."""
    import secrets

    _require_database_url(superuser_url, lang)
    url = tenants.bootstrap(superuser_url, password or secrets.token_urlsafe(24), database)
    tenants.prepare(url)
    click.echo(t("cli.postgres_ready", lang, url=url))


@cli.group("firm")
def firm_group() -> None:
    """The firms on PostgreSQL (DEVTALK_DATABASE_URL), each in a schema of its own at an address of its own."""


@firm_group.command("add")
@click.argument("slug")
@click.option("--name", required=True, help="The firm's name.")
@click.option("--sector", default="", help="Its sector: the fund's figures group the firms by it.")
@lang_option
def firm_add(slug, name, sector, lang) -> None:
    """Create the firm SLUG, empty, and print its address (its first HR account: the setup page there)."""
    url = _require_url(lang)
    try:
        tenants.prepare(url)
        made = tenants.create_firm(url, slug, name, sector)
    except DevtalkError as error:
        _fail(error, lang)
    click.echo(t("cli.firm_added", lang, slug=made.slug, address=_address(made.slug)))


@firm_group.command("list")
@lang_option
def firm_list(lang) -> None:
    """Every firm on PostgreSQL, one a line: slug, name, sector, the day it was made, its address."""
    url = _require_url(lang)
    try:
        tenants.prepare(url)
        found = tenants.firms(url, kind=None)
    except DevtalkError as error:
        _fail(error, lang)
    if not found:
        click.echo(t("cli.no_firms", lang))
    for each in found:
        click.echo(t("cli.fund_line" if each.kind == "fund" else "cli.firm_line", lang, slug=each.slug, name=each.name,
                     sector=each.sector or "-", created=each.created_at[:10], address=_address(each.slug)))


@cli.group("fund-admin")
def fund_admin_group() -> None:
    """The fund's administrators on PostgreSQL: they create firms and see anonymous figures across them."""


@fund_admin_group.command("add")
@click.argument("username")
@click.option("--name", required=True, help="The administrator's full name.")
@click.option("--fund-name", default=None, help="The fund's name, when its portal is made now (default: its address).")
@lang_option
def fund_admin_add(username, name, fund_name, lang) -> None:
    """Add a fund administrator to the fund portal (DEVTALK_FUND, made when there is none); their password is printed once."""
    from devtalk.services import fund

    url = _require_url(lang)
    slug = config.fund_slug()
    try:
        tenants.prepare(url)
        portal = tenants.firm_by_slug(url, slug)
        if portal is None:
            tenants.create_firm(url, slug, fund_name or slug, kind="fund")
        elif portal.kind != "fund":  # said plainly: the service would only answer "not allowed"
            raise DevtalkError("cli.fund_slug_taken", slug=slug)
        person, password = fund.add_fund_admin(_open(None, slug), OPERATOR, name=name, username=username)
    except DevtalkError as error:
        _fail(error, lang)
    click.echo(t("cli.fund_admin_added", lang, username=person.username, password=password, address=_address(slug)))


@cli.command("migrate-to-postgres")
@click.argument("sqlite_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("database_url")
@click.option("--firm", "slug", required=True, help="The new firm's slug, its address; a slug in use is refused.")
@click.option("--name", default="", help="The firm's name (default: the name stored in the file).")
@click.option("--sector", default="", help="Its sector: the fund's figures group the firms by it.")
@lang_option
def migrate_to_postgres(sqlite_file, database_url, slug, name, sector, lang) -> None:
    """Move the firm in SQLITE_FILE into a new firm SLUG on PostgreSQL: all or nothing, every table's rows counted after."""
    from devtalk.services.migration_to_postgres import migrate_to_postgres as move

    _require_database_url(database_url, lang)  # a second file name, say: refused before anything is read
    try:
        moved = move(sqlite_file, database_url, slug, name, sector)
    except DevtalkError as error:
        _fail(error, lang)
    for table, rows in moved.rows.items():
        click.echo(t("migration.table", lang, table=table, rows=rows))
    click.echo(t("migration.done", lang, slug=moved.firm.slug, tables=len(moved.rows), rows=sum(moved.rows.values()),
                 address=_address(moved.firm.slug)))
