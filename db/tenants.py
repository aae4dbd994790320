"""Firms on one PostgreSQL database, kept apart by the database itself: each firm has a schema
``firm_<id>`` and a role ``devtalk_firm_<id>`` that may use that schema alone. The app signs in as
``devtalk``, which holds no table privilege of its own (NOINHERIT): it reaches a firm's rows only by
taking that firm's role for a transaction (db/postgres.py), so a query can never read another firm's.

Roles: ``devtalk_owner`` (no login) owns the database, every schema and table; ``devtalk`` (login) is a
member of it and of every firm role. The registry of firms is ``public.firms``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import psycopg
import sqlite_utils
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from db import migrations
from db._rows import now
from db.connection import open_db
from db.postgres import OWNER_ROLE, PostgresDatabase, firm_role, firm_schema, is_postgres_url
from devtalk.domain.firm_address import is_slug
from devtalk.errors import DevtalkError

APP_ROLE = "devtalk"
KINDS = ("firm", "fund")
# Any pair will do, as long as every server uses the same: it serialises registry migrations. The
# two-number form keeps it apart from the firms' writer locks, which are keyed by the firm's id alone.
_REGISTRY_LOCK = (20, 2026)


class UnknownFirm(DevtalkError):
    """No firm has this address."""

    key = "tenants.unknown_firm"


class InvalidSlug(DevtalkError):
    """A firm's address must be a short lower-case name: letters, digits and dashes."""

    key = "tenants.invalid_slug"


class FirmExists(DevtalkError):
    """Another firm already has this address."""

    key = "tenants.firm_exists"


@dataclass(frozen=True)
class Firm:
    id: int
    slug: str
    name: str
    sector: str
    kind: str
    created_at: str


def bootstrap(superuser_url: str, app_password: str, database: str = "devtalk") -> str:
    """The roles and the database, made (or brought back in line) by a superuser once per server;
    returns the URL the app signs in with. Running it again changes nothing but the password."""
    with psycopg.connect(superuser_url, autocommit=True) as conn:
        if not _role_exists(conn, OWNER_ROLE):
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(OWNER_ROLE)))
        verb = "ALTER" if _role_exists(conn, APP_ROLE) else "CREATE"
        conn.execute(sql.SQL(verb + " ROLE {} LOGIN NOINHERIT CREATEROLE PASSWORD {}").format(
            sql.Identifier(APP_ROLE), sql.Literal(app_password)))
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(OWNER_ROLE), sql.Identifier(APP_ROLE)))
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone() is None:
            # Byte order for text, as SQLite sorts; UTF-8 character classes for lower() and the like.
            conn.execute(sql.SQL("CREATE DATABASE {} OWNER {} TEMPLATE template0 ENCODING 'UTF8'"
                                 " LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'").format(
                sql.Identifier(database), sql.Identifier(OWNER_ROLE)))
    settings = conninfo_to_dict(superuser_url)
    with psycopg.connect(superuser_url, dbname=database, autocommit=True) as conn:
        for statement in ("REVOKE ALL ON DATABASE {database} FROM PUBLIC",
                          "GRANT CONNECT ON DATABASE {database} TO {app}",
                          "ALTER SCHEMA public OWNER TO {owner}",
                          "REVOKE ALL ON SCHEMA public FROM PUBLIC",
                          "GRANT USAGE ON SCHEMA public TO PUBLIC"):
            conn.execute(sql.SQL(statement).format(database=sql.Identifier(database), app=sql.Identifier(APP_ROLE),
                                                   owner=sql.Identifier(OWNER_ROLE)))
    return _url(settings, APP_ROLE, app_password, database)


def _role_exists(conn: psycopg.Connection, role: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone() is not None


def _url(settings: dict, user: str, password: str, database: str) -> str:
    host = settings.get("host") or "localhost"
    extra = {key: value for key, value in settings.items() if key not in ("host", "port", "user", "password", "dbname")}
    if host.startswith("/"):  # a unix socket folder goes in the query, a URL's host cannot hold it
        extra["host"], host = host, ""
    port = f":{settings['port']}" if settings.get("port") else ""
    query = f"?{urlencode(extra)}" if extra else ""
    return f"postgresql://{quote(user, safe='')}:{quote(password, safe='')}@{host}{port}/{quote(database)}{query}"


def prepare(url: str) -> None:
    """The registry of firms brought up to date (db/schema/postgresql/public); safe to run from every
    server at every start."""
    owner = PostgresDatabase(url, owner=True)
    with owner.transaction():
        owner.execute("SELECT pg_advisory_xact_lock(?, ?)", _REGISTRY_LOCK)
        owner.execute("CREATE TABLE IF NOT EXISTS public.registry_version (version INTEGER NOT NULL)")
        found = owner.execute("SELECT version FROM public.registry_version").fetchone()
        if found is None:
            owner.execute("INSERT INTO public.registry_version (version) VALUES (0)")
        current = found[0] if found else 0
        for number in range(current + 1, len(migrations.REGISTRY_MIGRATIONS) + 1):
            owner.executescript(migrations.REGISTRY_MIGRATIONS[number - 1])
            owner.execute("UPDATE public.registry_version SET version = ?", [number])


def create_firm(url: str, slug: str, name: str, sector: str = "", kind: str = "firm",
                fill: Callable[[PostgresDatabase], None] | None = None) -> Firm:
    """A new firm: its registry row, role and schema with every firm migration, all in one
    transaction, so a failure anywhere leaves nothing behind. ``fill(owner)``, when given, writes the
    firm's first rows in that same transaction, as the tables' owner (devtalk migrate-to-postgres):
    the firm appears with them or not at all, even when the process dies halfway."""
    if not is_slug(slug):
        raise InvalidSlug(slug=slug)
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}: {kind!r}")
    firm_id = PostgresDatabase(url, owner=True).execute("SELECT nextval('public.devtalk_ids')").fetchone()[0]
    owner = PostgresDatabase(url, firm_id, owner=True)
    role, schema = sql.Identifier(firm_role(firm_id)), sql.Identifier(firm_schema(firm_id))
    with owner.transaction():
        try:
            owner.execute("INSERT INTO public.firms (id, slug, name, sector, kind, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                          [firm_id, slug, name, sector, kind, now()])
        except psycopg.errors.UniqueViolation:  # the id is new, so it is the slug: even a firm made a moment ago
            raise FirmExists(slug=slug) from None
        _as_app(owner, "CREATE ROLE {role} NOLOGIN; GRANT {role} TO {app}", role=role)
        _ddl(owner, "CREATE SCHEMA {schema}; GRANT USAGE ON SCHEMA {schema} TO {role};"
                    " GRANT USAGE ON SEQUENCE public.devtalk_ids TO {role};"
                    " ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role};"
                    " ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE, SELECT ON SEQUENCES TO {role}",
             schema=schema, role=role)
        migrations.migrate(owner)
        if fill is not None:
            fill(owner)
    return firm_by_id(url, firm_id)


def _ddl(db: PostgresDatabase, statement: str, **names: sql.Composable) -> None:
    """Statements naming roles and schemas, which no placeholder can stand for: each name quoted."""
    db.executescript(sql.SQL(statement).format(app=sql.Identifier(APP_ROLE), **names).as_string())


def _as_app(db: PostgresDatabase, statement: str, **names: sql.Composable) -> None:
    """Statements only the app's own login may run (it holds CREATEROLE; the owner role does not)."""
    _ddl(db, f"SET LOCAL ROLE NONE; {statement}; SET LOCAL ROLE {OWNER_ROLE}", **names)


def firm_by_slug(url: str, slug: str) -> Firm | None:
    return _firm_where(url, "slug = ?", slug)


def firm_by_id(url: str, firm_id: int) -> Firm | None:
    return _firm_where(url, "id = ?", firm_id)


def _firm_where(url: str, where: str, value) -> Firm | None:
    rows = list(PostgresDatabase(url).query(f"SELECT {_FIRM_COLUMNS} FROM public.firms WHERE {where}", [value]))
    return Firm(**rows[0]) if rows else None


def firms(url: str, kind: str | None = "firm") -> list[Firm]:
    """The registered firms by address; ``kind`` None lists the fund portal too."""
    where, params = ("WHERE kind = ?", [kind]) if kind is not None else ("", [])
    return [Firm(**row) for row in PostgresDatabase(url).query(
        f"SELECT {_FIRM_COLUMNS} FROM public.firms {where} ORDER BY slug", params)]


_FIRM_COLUMNS = "id, slug, name, sector, kind, created_at"


def firm_database(url: str, firm: Firm) -> PostgresDatabase:
    return PostgresDatabase(url, firm.id)


def drop_firm(url: str, firm: Firm) -> None:
    """The firm's schema with all its rows, its role and its registry row gone, in one transaction;
    a firm dropped before is left as it is (gone)."""
    if firm_by_id(url, firm.id) is None:
        return
    owner = PostgresDatabase(url, firm.id, owner=True)
    role, schema = sql.Identifier(firm_role(firm.id)), sql.Identifier(firm_schema(firm.id))
    with owner.transaction():
        _ddl(owner, "DROP SCHEMA IF EXISTS {schema} CASCADE; REVOKE ALL ON SEQUENCE public.devtalk_ids FROM {role}",
             schema=schema, role=role)
        owner.execute("DELETE FROM public.firms WHERE id = ?", [firm.id])
        _as_app(owner, "DROP ROLE {role}", role=role)


def open_database(target: str | Path | None, firm: str | None = None) -> sqlite_utils.Database | PostgresDatabase:
    """A SQLite file (a path; None opens one in memory), or, for a postgresql:// URL, the firm with
    the address ``firm`` (UnknownFirm when there is none)."""
    if not is_postgres_url(target):
        return open_db(target)
    found = firm_by_slug(target, firm) if firm else None
    if found is None:
        raise UnknownFirm(slug=firm or "")
    return firm_database(target, found)
