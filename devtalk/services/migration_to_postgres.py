"""Moving one firm from its SQLite file into a new firm on PostgreSQL (`devtalk migrate-to-postgres`).

All or nothing: the firm is created and filled in one PostgreSQL transaction (db.tenants.create_firm
with ``fill``): every table copied with its ids kept (agenda points, audit details and mail subjects
name rows by id), and every table's count compared before it commits. Any failure, a killed process
included, leaves no firm, schema, role or row behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from db import copy, settings, tenants
from devtalk.errors import DevtalkError


class CountsDiffer(DevtalkError):
    """A table holds another number of rows after the copy than the file did; nothing was kept."""

    key = "migration.counts_differ"


@dataclass(frozen=True)
class Moved:
    firm: tenants.Firm
    rows: dict[str, int]  # table -> rows, the same in the file and in the firm's schema


def migrate_to_postgres(sqlite_file: Path, url: str, slug: str, name: str = "", sector: str = "") -> Moved:
    """Move the firm in ``sqlite_file`` into the new firm ``slug`` of the PostgreSQL database at
    ``url`` (named ``name``, else the firm name stored in the file). The file itself is only read."""
    tenants.prepare(url)
    if tenants.firm_by_slug(url, slug) is not None:  # before the copy: refused at once, nothing made
        raise tenants.FirmExists(slug=slug)
    with copy.migrated_copy(Path(sqlite_file)) as source:
        tables = copy.tables_in_dependency_order(source)
        counts = {table.name: source[table.name].count for table in tables}

        def fill(target) -> None:
            copy.move_ids_past(target, copy.highest_id(source, tables))
            for table in tables:
                copy.copy_table(source, target, table)
            for table in tables:
                found = target[table.name].count
                if found != counts[table.name]:
                    raise CountsDiffer(table=table.name, expected=counts[table.name], found=found)

        name = name.strip() or settings.get_setting(source, "firm_name") or slug
        return Moved(tenants.create_firm(url, slug, name, sector, fill=fill), counts)
