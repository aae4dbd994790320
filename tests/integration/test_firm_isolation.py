"""Firms kept apart (issue 20): on PostgreSQL, firm A can neither read nor change anything of firm B.

Every service call of the access matrix (tests/integration/test_access_matrix.py, CALLS and
HR_ONLY_CALLS) is made by A's HR person and by A's employee on A's database, with the ids of firm B
in the same state: it answers as for an id that does not exist, and no row of either firm changes.
Below the code, the database refuses it too: under A's role no table of B can be read or written.

The firms are made with db.tenants.create_firm (not the test-firm templates, whose copies share
ids): ids come from one sequence for all firms, so an id of B is never a row of A.
"""

from __future__ import annotations

from dataclasses import is_dataclass, replace
from itertools import count

import psycopg
import pytest

from db import tenants
from db.postgres import firm_role, firm_schema
from devtalk.domain.access import OPERATOR
from devtalk.errors import DevtalkError
from devtalk.services import learning
from tests.integration import test_access_matrix as matrix

NUMBERS = count(1)
ALL_CALLS = [(name, build, call) for name, build, call, *_ in matrix.CALLS + matrix.HR_ONLY_CALLS]
ACTORS = ("hr", "employee")
# The calls whose arguments hold nothing of the firm (lists of one's own, a new person, a template,
# a questionnaire text, a job function's code, which each firm names for itself): made with B's
# state they act on A alone, so there is no id to refuse.
NO_ID_OF_THE_FIRM = {
    "my conversations", "my actions", "whose dossiers", "my team's certificates", "certificate reminders in the app",
    "learning queue", "my learning requests", "my team's learning requests", "the training plan's requests",
    "the learning budget", "set the learning budget", "the training plan", "the training plan as XLSX",
    "the training plan as PDF", "what the learning brought, per group", "check-ins on the start page",
    "third voice: inputs I was asked for", "list people", "add a person", "list rounds", "questionnaire library",
    "list questionnaire versions", "store a questionnaire", "store a bundled questionnaire", "save a questionnaire text",
    "upload a questionnaire", "list the templates", "copy a template", "job functions of the preview", "team filters",
    "team actions overview", "export answers", "export actions", "read the audit log", "card groups",
    "switch the card PIN on", "set the public address", "setup checklist", "certificate dashboard",
    "add a certificate type", "preview a certificates import", "import certificates", "export certificates",
    "e-mail certificate reminders", "the rounds' half-year check-ins", "the check-in list", "store a check-in list",
    "e-mail half-year check-in reminders", "start a draft from a template", "start an empty draft", "list one's drafts",
    "trends", "export people", "list job functions", "add a job function", "edit a job function",
    "deactivate a job function", "sections per job function", "preview a people import", "import people",
}


# Added to every id for the firm that does not exist: no sequence gets there.
NOWHERE = 10**12


def nowhere(value):
    """``value`` with its id moved to one no row has: an id, or a record (person, action, ...) with one."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value + NOWHERE
    if is_dataclass(value) and hasattr(value, "id"):
        return replace(value, id=value.id + NOWHERE)
    return value


class Seen:
    """Firm B's builder record as a call sees it (``moved``: with every id moved by ``nowhere``),
    noting whether the call read anything of it."""

    def __init__(self, firm, moved: bool = False):
        object.__setattr__(self, "firm", firm)
        object.__setattr__(self, "moved", moved)
        object.__setattr__(self, "read", False)

    def __getattr__(self, name):
        object.__setattr__(self, "read", True)
        value = getattr(self.firm, name)
        return nowhere(value) if self.moved else value


@pytest.fixture(scope="module")
def pairs(pg_url):
    """Per state builder, firms A and B each built into that state: ((A's db, A), (B's db, B))."""
    made, built = [], {}

    def pair(build):
        if build not in built:
            sides = []
            for letter in "ab":
                firm = tenants.create_firm(pg_url, f"iso-{letter}-{next(NUMBERS)}", f"Firma {letter.upper()}")
                made.append(firm)
                database = tenants.firm_database(pg_url, firm)
                state = build(database)
                # Reading the queue files the learning requests of agreed courses: done before any snapshot.
                learning.queue(database, OPERATOR, matrix.LEARNING_YEAR)
                sides.append((database, state))
            built[build] = tuple(sides)
        return built[build]

    yield pair
    for firm in made:
        tenants.drop_firm(pg_url, firm)


def snapshot(database) -> dict[str, str]:
    """Every table's rows, as one fingerprint per table: what any change would alter."""
    tables = database.table_names()
    union = " UNION ALL ".join(
        f"SELECT '{table}', count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t"
        for table in tables)
    return {table: (rows, digest) for table, rows, digest in database.execute(union).fetchall()}


class InFirmB:
    """Where the matrix's id helpers look up (B's database), whether they move the ids they find
    (``moved``), and which of them a call used."""

    def __init__(self):
        self.db = None
        self.moved = False
        self.taken: list[str] = []


@pytest.fixture
def in_firm_b(monkeypatch):
    """The matrix's helpers that look ids up (the round, a learning request, a certificate type) look
    them up in B and note that the call took one; its questionnaire text is content, not an id."""
    lookups = InFirmB()

    def of_b(helper, is_id=True):
        def looked_up_in_b(_db, *args):
            lookups.taken.extend([helper.__name__] if is_id else [])
            found = helper(lookups.db, *[arg.firm if isinstance(arg, Seen) else arg for arg in args])
            return nowhere(found) if lookups.moved and is_id else found
        return looked_up_in_b

    for name, is_id in (("current_round", True), ("learning_request", True), ("certificate_type", True),
                        ("stored_text", False)):
        monkeypatch.setattr(matrix, name, of_b(getattr(matrix, name), is_id))
    return lookups


def outcome(call, *args) -> str:
    """What a call answered: "ok", or its refusal (the error and its catalogue key)."""
    try:
        call(*args)
    except DevtalkError as error:
        return f"{type(error).__name__}({error.message.key})"
    return "ok"


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name,build,call", [pytest.param(*row, id=row[0]) for row in ALL_CALLS])
def test_a_call_with_another_firms_ids_answers_as_for_an_id_that_does_not_exist(pairs, in_firm_b, name, build, call,
                                                                                 actor):
    (db_a, firm_a), (db_b, firm_b) = pairs(build)
    in_firm_b.db = db_b
    seen = Seen(firm_b)
    before = snapshot(db_a), snapshot(db_b)
    with_b_ids = outcome(call, db_a, seen, getattr(firm_a, actor))
    took_an_id = seen.read or bool(in_firm_b.taken)
    assert took_an_id is (name not in NO_ID_OF_THE_FIRM), "took an id of the firm" if took_an_id else "took none"
    assert snapshot(db_b) == before[1]
    if not took_an_id:
        return
    if with_b_ids != "ok":
        assert snapshot(db_a) == before[0]  # a refusal changes nothing, here either
    in_firm_b.moved = True
    assert with_b_ids == outcome(call, db_a, Seen(firm_b, moved=True), getattr(firm_a, actor))


@pytest.fixture(scope="module")
def two_firms(pg_url):
    """Firms A and B with the matrix's small firm in each."""
    made = [tenants.create_firm(pg_url, f"iso-raw-{letter}-{next(NUMBERS)}", f"Firma {letter}") for letter in "ab"]
    for firm in made:
        matrix.open_with_answers(tenants.firm_database(pg_url, firm))
    yield made
    for firm in made:
        tenants.drop_firm(pg_url, firm)


@pytest.fixture
def as_firm_a(pg_url, two_firms):
    """A raw connection of the app's login, under firm A's role with A's schema first, as every
    transaction of A's database starts."""
    with psycopg.connect(pg_url, autocommit=True) as connection:
        connection.execute(f"SET ROLE {firm_role(two_firms[0].id)}")
        connection.execute(f"SET search_path TO {firm_schema(two_firms[0].id)}")
        yield connection


def tables_of(pg_url, firm) -> list[str]:
    return tenants.firm_database(pg_url, firm).table_names()


STATEMENTS = {
    "select": "SELECT * FROM {table}",
    "insert": "INSERT INTO {table} DEFAULT VALUES",
    "update": "UPDATE {table} SET {column} = {column}",
    "delete": "DELETE FROM {table}",
}


@pytest.mark.parametrize("statement", STATEMENTS)
def test_under_firm_as_role_every_table_of_firm_b_is_refused(pg_url, two_firms, as_firm_a, statement):
    schema_b = firm_schema(two_firms[1].id)
    tables = tables_of(pg_url, two_firms[1])
    assert "people" in tables and len(tables) > 30
    for table in tables:
        column = as_firm_a.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = %s"
                                   " AND table_name = %s ORDER BY ordinal_position LIMIT 1", [schema_b, table]).fetchone()
        # information_schema shows only what the role may touch: B's columns are not even listed.
        assert column is None, table
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            as_firm_a.execute(STATEMENTS[statement].format(table=f'{schema_b}."{table}"', column="id"))


def test_under_firm_as_role_its_own_tables_hold_only_its_rows(pg_url, two_firms, as_firm_a):
    firm_b = two_firms[1]
    own = [row[0] for row in as_firm_a.execute("SELECT id FROM people ORDER BY id").fetchall()]
    theirs = [row["id"] for row in tenants.firm_database(pg_url, firm_b).query("SELECT id FROM people")]
    assert len(own) == len(theirs) == 5
    assert set(own).isdisjoint(theirs)
    assert {row[0] for row in as_firm_a.execute("SELECT employee_id FROM conversations").fetchall()} <= set(own)


def test_under_firm_as_role_the_search_path_cannot_reach_firm_b(two_firms, as_firm_a):
    as_firm_a.execute(f"SET search_path TO {firm_schema(two_firms[1].id)}")
    with pytest.raises(psycopg.errors.UndefinedTable):  # without USAGE on B's schema its tables do not exist
        as_firm_a.execute("SELECT * FROM people")


def test_under_firm_as_role_the_firm_registry_is_not_readable(as_firm_a):
    """Which other firms exist (names, sectors) is the app's to know, not a firm's."""
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        as_firm_a.execute("SELECT slug FROM public.firms")
