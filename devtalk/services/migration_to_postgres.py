"""Moving one firm from its SQLite file into a new firm on PostgreSQL (`devtalk migrate-to-postgres`).

All or nothing: the firm is created, every table is copied in one PostgreSQL transaction with its
ids kept (agenda points, audit details and mail subjects name rows by id), and every table's count
is compared before that transaction commits. Any failure drops the new firm again, so what is
left is either the whole firm or no trace of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from db import copy, settings, tenants, transaction
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
        name = name.strip() or settings.get_setting(source, "firm_name") or slug
        return _move(source, url, tenants.create_firm(url, slug, name, sector))


def _move(source, url: str, firm: tenants.Firm) -> Moved:
    try:
        target = tenants.firm_database(url, firm)
        tables = copy.tables_in_dependency_order(source)
        counts = {table.name: copy.count(source, table) for table in tables}
        copy.move_ids_past(target.owner_database(), copy.highest_id(source, tables))
        with transaction(target):
            for table in tables:
                copy.copy_table(source, target, table)
            for table in tables:
                found = copy.count(target, table)
                if found != counts[table.name]:
                    raise CountsDiffer(table=table.name, expected=counts[table.name], found=found)
    except BaseException:
        tenants.drop_firm(url, firm)
        raise
    return Moved(firm, counts)
