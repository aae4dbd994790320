"""Test firms on PostgreSQL, fast: migrating a firm's schema takes far longer than a test, so each
pytest worker migrates a few firms once and hands each test one of them reset to a template (the
migrated firm or the demo firm): every table emptied and the template's rows copied in, in one
transaction. A test never sees what the one before it left behind.

The copy keeps the template's ids (the shared id sequence is not reset), so two firms reset to the
demo template hold rows with the same ids: a test about ids across firms makes its firms with
db.tenants.create_firm instead.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import count

import psycopg

from db import tenants
from db.postgres import firm_schema


@dataclass
class Template:
    """A firm whose rows other firms are reset to: its schema and the tables that hold rows."""

    schema: str
    filled: list[str]


@dataclass
class FirmPool:
    """One worker's firms: templates by name, and the firms free to hand out again."""

    url: str  # the app's URL (db.tenants)
    superuser_url: str  # the same database as superuser: no foreign key is checked while rows are copied in
    templates: dict[str, Template] = field(default_factory=dict)
    free: list[tenants.Firm] = field(default_factory=list)
    made: dict[int, tenants.Firm] = field(default_factory=dict)  # by id
    numbers: count = field(default_factory=lambda: count(1))
    tables: dict[str, list[str]] = field(default_factory=dict)  # by schema: every firm has the same
    connection: psycopg.Connection | None = None

    def template(self, name: str, fill=None) -> Template:
        """The template ``name``, made on first use: a new firm, filled by ``fill(database)``."""
        if name not in self.templates:
            firm = self._new_firm(f"template-{name}")
            if fill is not None:
                database = tenants.firm_database(self.url, firm)
                fill(database)
                database.close()
            schema = firm_schema(firm.id)
            connection = self._connection()
            filled = [table for table in self._tables(schema)
                      if connection.execute(f'SELECT EXISTS (SELECT 1 FROM {schema}."{table}")').fetchone()[0]]
            self.templates[name] = Template(schema, filled)
        return self.templates[name]

    @contextmanager
    def firm(self, template: Template):
        """A firm holding exactly the template's rows, given back for reuse afterwards."""
        firm = self.free.pop() if self.free else self._new_firm("test")
        self._reset(firm, template)
        try:
            yield firm
        finally:
            self.free.append(firm)

    def slug(self, firm_id: int) -> str:
        """The address of a firm made here, for the app's DEVTALK_FIRM."""
        return self.made[firm_id].slug

    def _new_firm(self, prefix: str) -> tenants.Firm:
        firm = tenants.create_firm(self.url, f"{prefix}-{next(self.numbers)}", "Test firm")
        self.made[firm.id] = firm
        return firm

    def _reset(self, firm: tenants.Firm, template: Template) -> None:
        schema = firm_schema(firm.id)
        emptied = [f'DELETE FROM {schema}."{table}"' for table in self._tables(schema)]
        copied = [f'INSERT INTO {schema}."{table}" SELECT * FROM {template.schema}."{table}"' for table in template.filled]
        # One round trip: at a few dozen tables, the statements' round trips were most of a reset.
        with self._connection().transaction():
            self._connection().execute(";".join(["SET LOCAL session_replication_role = replica", *emptied, *copied]))

    def _connection(self) -> psycopg.Connection:
        """The superuser connection resets go through, kept open: connecting costs about as much as a reset."""
        if self.connection is None or self.connection.closed:
            self.connection = psycopg.connect(self.superuser_url, autocommit=True)
            # A connection a test left in a transaction holds locks: fail loudly instead of waiting forever.
            self.connection.execute("SET lock_timeout = '10s'")
        return self.connection

    def _tables(self, schema: str) -> list[str]:
        if schema not in self.tables:
            self.tables[schema] = _tables(self._connection(), schema)
        return self.tables[schema]


def _tables(connection, schema: str) -> list[str]:
    return [name for (name,) in connection.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = %s AND table_type = 'BASE TABLE' "
        "ORDER BY table_name", (schema,))]
