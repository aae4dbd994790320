"""Checking a people file (CSV or XLSX) whole, against itself and what is stored, before anything is written.

Every problem is collected and reported at once, with the row and column as the HR person sees
them in Excel, so a file gets fixed in one go instead of one error per upload. A person is matched
to a stored one by username (ignoring case); the file never deletes or deactivates anyone.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from typing import Sequence

from devtalk.domain.models import ROLES, JobFunction, Person
from devtalk.errors import InvalidInput
from devtalk.i18n import DEFAULT_LANGUAGE, LANGUAGES, Message, t
from devtalk.spreadsheets.cells import Row, UnreadableFile, read_rows

# field: (Dutch header, English header, further spellings people type)
HEADERS = {
    "name": ("naam", "name"),
    "username": ("gebruikersnaam", "username"),
    "email": ("e-mail", "email", "e-mailadres"),
    "function": ("functie", "function"),
    "manager": ("leidinggevende", "manager"),
    "roles": ("rollen", "roles"),
    "language": ("taal", "language"),
}
FIELDS = tuple(HEADERS)
REQUIRED = ("name", "username", "function")
DEFAULTS = {"email": None, "manager": None, "roles": ("employee",), "language": DEFAULT_LANGUAGE}
EMPTY = {"name": "people.name_empty", "username": "people.username_empty"}  # the cells that must be filled
MAX_LENGTH = 200
USERNAME = re.compile(r"[A-Za-z0-9._-]+")  # ASCII only: SQLite's NOCASE folds ASCII letters only
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# A letter replaced in the file: Excel's plain "CSV" writes "?" for a letter its Windows code page
# lacks ("Ömer Aydın" becomes "Ömer Ayd?n"), other tools write U+FFFD for a byte they could not read.
# Nobody's name, username or function has a "?" against a letter, so such a cell lost a letter.
WRONG_ENCODING = re.compile(r"\ufffd|(?<=[^\W\d_])\?|\?(?=[^\W\d_])")
ROLE_ALIASES = {
    "employee": "employee", "medewerker": "employee",
    "manager": "manager", "leidinggevende": "manager",
    "hr_admin": "hr_admin", "hr": "hr_admin",
    "training_coordinator": "training_coordinator", "opleidingscoordinator": "training_coordinator",
    "opleidingscoördinator": "training_coordinator", "coordinator": "training_coordinator",
}


def _normalise(header: str) -> str:
    return re.sub(r"[\s_-]+", "", header).casefold()


SPELLINGS = {_normalise(spelling): (field, spelling) for field, spellings in HEADERS.items() for spelling in spellings}


class ImportFailed(InvalidInput):
    """The file has problems, all of them in ``problems``; nothing was stored."""

    key = "people.import_failed"

    def __init__(self, problems: Sequence[Problem], wrong_encoding: Sequence[Problem] = ()):
        super().__init__(count=len(problems))
        self.problems = tuple(problems)
        self.wrong_encoding = tuple(wrong_encoding)  # a hint beside the problems, see ImportPlan


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the file, placed where the HR person finds it in Excel."""

    row: int | None
    column: str | None
    message: Message

    def render(self, lang: str | None = DEFAULT_LANGUAGE) -> str:
        text = self.message.render(lang)
        if self.row is None:
            return text
        if self.column is None:
            return t("people.at_row", lang, row=self.row, text=text)
        return t("people.at_cell", lang, row=self.row, column=self.column, text=text)


@dataclass(frozen=True)
class PersonRecord:
    """One person as the file describes them; ``function`` is a stored id, ``manager`` a username."""

    row: int
    name: str
    username: str
    email: str | None
    function: str | None
    manager: str | None
    roles: tuple[str, ...]
    language: str


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class PersonChange:
    """A stored person the file changes, with each changed field for the preview."""

    row: int
    person_id: int
    username: str
    changes: tuple[FieldChange, ...]

    def new_values(self) -> dict[str, object]:
        return {change.field: change.new for change in self.changes}


@dataclass(frozen=True)
class ImportPlan:
    added: tuple[PersonRecord, ...]
    changed: tuple[PersonChange, ...]
    unchanged: int
    # Cells that lost a letter to a wrong encoding: a warning for the preview, not a refusal, as
    # the file may still be what HR wants.
    wrong_encoding: tuple[Problem, ...] = ()

    def gaining(self, role: str) -> tuple[str, ...]:
        """The usernames the file gives ``role`` that do not hold it yet: who becomes manager or HR."""
        new = [record.username for record in self.added if role in record.roles]
        for change in self.changed:
            roles = next((c for c in change.changes if c.field == "roles"), None)
            if roles is not None and role in roles.new and role not in (roles.old or ()):
                new.append(change.username)
        return tuple(new)


@dataclass(frozen=True)
class Columns:
    """Where each recognised field sits in the file, and its header as written there."""

    position: dict[str, int]
    header: dict[str, str]


def header(field: str, lang: str | None = DEFAULT_LANGUAGE) -> str:
    """The column header for ``field`` in a file written in ``lang``."""
    dutch, english = HEADERS[field][:2]
    return english if lang == "en" else dutch


def read_file(data: bytes, filename: str, failed: type[InvalidInput] | None = None) -> list[Row]:
    """The file's non-empty rows, or ``failed`` (this import's ImportFailed unless another import's
    is given) saying why it cannot be read at all."""
    try:
        return read_rows(data, filename)
    except UnreadableFile as error:
        problem = Problem(None, None, Message(f"people.file_{error.reason}", **error.params))
        raise (failed or ImportFailed)([problem]) from error


def plan_people(rows: Sequence[Row], stored: Sequence[Person], functions: Sequence[JobFunction]) -> ImportPlan:
    """Who the rows add and change, or ImportFailed with every problem in them."""
    if not rows:
        raise ImportFailed([Problem(None, None, Message("people.file_empty"))])
    (header_row, header_cells), data = rows[0], rows[1:]
    columns, problems = recognise_header(header_row, header_cells)
    if any(field not in columns.position for field in REQUIRED):
        raise ImportFailed(problems)  # rows read under a header we do not understand only add noise
    if not data:
        raise ImportFailed([*problems, Problem(None, None, Message("people.file_no_rows"))])
    records, lookup = [], _function_lookup(functions)
    for number, cells in data:
        record, row_problems = _record(number, cells, columns, lookup)
        records.append(record)
        problems += row_problems
    problems += _cross_problems(records, columns, stored)
    problems += _inactive_function_problems(records, columns, stored, functions)
    wrong_encoding = _wrong_encoding(data, columns)
    if problems:
        raise ImportFailed(sorted(problems, key=lambda problem: problem.row or 0), wrong_encoding)
    return replace(_plan(records, columns, stored), wrong_encoding=wrong_encoding)


def _wrong_encoding(data: Sequence[Row], columns: Columns) -> tuple[Problem, ...]:
    """Each read cell in which a letter was replaced by ``?`` or U+FFFD, with its row and column."""
    return tuple(
        Problem(number, columns.header[field], Message("people.cell_wrong_encoding", value=cells[position]))
        for number, cells in data for field, position in columns.position.items()
        if position < len(cells) and WRONG_ENCODING.search(cells[position])
    )


def recognise_header(row: int, cells: Sequence[str]) -> tuple[Columns, list[Problem]]:
    """Which field each header names (Dutch or English, any case and spacing), and what is wrong with it."""
    columns, problems, suggested = Columns({}, {}), [], set()
    for position, text in enumerate(cells):
        if not text:
            continue  # Excel keeps formatted empty columns around; there is nothing to read in them
        field, _ = SPELLINGS.get(_normalise(text), (None, None))
        if field is None:
            message, suggestion = _unknown_column(text)
            problems.append(Problem(row, text, message))
            suggested.add(suggestion)
        elif field in columns.position:
            problems.append(Problem(row, text, Message("people.column_twice", first=columns.header[field])))
        else:
            columns.position[field], columns.header[field] = position, text
    for field in REQUIRED:
        if field not in columns.position and field not in suggested:  # a misspelt header already said so
            message = Message("people.column_missing", nl=header(field, "nl"), en=header(field, "en"))
            problems.append(Problem(row, None, message))
    return columns, problems


def _unknown_column(text: str) -> tuple[Message, str | None]:
    """What to say about a header we do not know, and the field it probably meant."""
    close = difflib.get_close_matches(_normalise(text), SPELLINGS, n=1, cutoff=0.6)
    if close:
        field, spelling = SPELLINGS[close[0]]
        return Message("people.column_unknown_suggestion", suggestion=spelling), field
    return Message("people.column_unknown", known=", ".join("/".join(HEADERS[field][:2]) for field in FIELDS)), None


def _function_lookup(functions: Sequence[JobFunction]) -> dict[str, str]:
    """Function ids by id and by display name, ignoring case: HR types either."""
    names = {function.name.casefold(): function.id for function in functions}
    return {**names, **{function.id.casefold(): function.id for function in functions}}


def _record(number: int, cells: Sequence[str], columns: Columns, functions: dict[str, str]):
    """The row as a PersonRecord (invalid values as None) and the problems in it."""
    values, problems = dict(DEFAULTS), []
    for field, position in columns.position.items():
        raw = cells[position] if position < len(cells) else ""
        if len(raw) > MAX_LENGTH:
            value, message = None, Message("people.too_long", length=len(raw), max=MAX_LENGTH)
        else:
            value, message = _check(field, raw, functions)
        values[field] = value
        if message:
            problems.append(Problem(number, columns.header[field], message))
    return PersonRecord(row=number, **values), problems


def _check(field: str, raw: str, functions: dict[str, str]) -> tuple[object, Message | None]:
    """The value to store for one cell, or None and what is wrong with it."""
    if not raw:
        return (None, Message(EMPTY[field])) if field in EMPTY else (DEFAULTS.get(field), None)
    if field == "function":
        return _check_function(raw, functions)
    return _CHECKS[field](raw)


def _check_username(raw: str) -> tuple[str | None, Message | None]:
    return (raw, None) if USERNAME.fullmatch(raw) else (None, Message("people.username_invalid", value=raw))


def _check_email(raw: str) -> tuple[str | None, Message | None]:
    return (raw, None) if EMAIL.fullmatch(raw) else (None, Message("people.email_invalid", value=raw))


def _check_language(raw: str) -> tuple[str | None, Message | None]:
    known = raw.casefold() in LANGUAGES
    return (raw.casefold(), None) if known else (None, Message("people.language_unknown", value=raw))


def _check_function(raw: str, functions: dict[str, str]) -> tuple[str | None, Message | None]:
    if raw.casefold() in functions:
        return functions[raw.casefold()], None
    if not functions:
        return None, Message("people.function_unknown_none", value=raw)
    return None, Message("people.function_unknown", value=raw, known=", ".join(sorted(set(functions.values()))))


def _check_roles(raw: str) -> tuple[tuple[str, ...] | None, Message | None]:
    names = [re.sub(r"[\s-]+", "_", name.strip().casefold()) for name in re.split(r"[,;/]", raw)]
    unknown = [name for name in names if name and name not in ROLE_ALIASES]
    if unknown:
        return None, Message("people.role_unknown", value=", ".join(unknown))
    roles = {ROLE_ALIASES[name] for name in names if name}
    return tuple(role for role in ROLES if role in roles) or DEFAULTS["roles"], None


_CHECKS = {
    "name": lambda raw: (raw, None),
    "username": _check_username,
    "email": _check_email,
    "manager": lambda raw: (raw, None),  # whether that person exists is a question for the whole file
    "roles": _check_roles,
    "language": _check_language,
}


def _cross_problems(records: list[PersonRecord], columns: Columns, stored: Sequence[Person]) -> list[Problem]:
    """Duplicates, unknown managers and reporting-line cycles: checks that need every row at once."""
    problems, first_row = [], {}
    for record in records:
        if record.username is None:
            continue
        key = record.username.casefold()
        if key in first_row:
            message = Message("people.username_duplicate", value=record.username, first_row=first_row[key])
            problems.append(Problem(record.row, columns.header["username"], message))
        first_row.setdefault(key, record.row)
    if "manager" in columns.position:
        problems += _manager_problems(records, columns.header["manager"], set(first_row), stored)
    return problems


def _inactive_function_problems(records, columns: Columns, stored: Sequence[Person], functions: Sequence[JobFunction]) -> list[Problem]:
    """Nobody is newly placed in a job function HR switched off; someone already in it may stay,
    so a people export still reads back in."""
    inactive = {function.id: function for function in functions if not function.active}
    current = {person.username.casefold(): person.function_id for person in stored}
    return [
        Problem(record.row, columns.header["function"],
                Message("people.function_inactive", value=inactive[record.function].name))
        for record in records
        if record.function in inactive and record.username
        and current.get(record.username.casefold()) != record.function
    ]


def may_lead(manager: Person, current_manager_id: int | None) -> bool:
    """Whether someone can be placed under ``manager``: a deactivated person leads nobody new, while
    who already reports to them may stay (so a people export still reads back in). The one rule for
    the people import and for HR's change of manager."""
    return manager.active or manager.id == current_manager_id


def _manager_problems(records, column: str, in_file: set[str], stored: Sequence[Person]) -> list[Problem]:
    by_username = {person.username.casefold(): person for person in stored}
    problems = []
    for record in records:
        manager = record.manager
        if manager is None or record.username is None:
            continue
        leader, current = by_username.get(manager.casefold()), by_username.get(record.username.casefold())
        if manager.casefold() == record.username.casefold():
            problems.append(Problem(record.row, column, Message("people.manager_self")))
        elif leader is None and manager.casefold() not in in_file:
            problems.append(Problem(record.row, column, Message("people.manager_unknown", value=manager)))
        elif leader is not None and not may_lead(leader, current.manager_id if current else None):
            problems.append(Problem(record.row, column, Message("people.manager_inactive", value=leader.name)))
    return problems + _cycle_problems(records, column, stored)


def _cycle_problems(records, column: str, stored: Sequence[Person]) -> list[Problem]:
    """Reporting lines that run in a circle once the file is applied, also through stored people."""
    usernames = {person.id: person.username for person in stored}
    names = {name.casefold(): name for name in usernames.values()}
    graph = {person.username.casefold(): usernames.get(person.manager_id) for person in stored}
    for record in reversed(records):  # reversed: with a duplicate username the first row counts
        if record.username is not None:
            names[record.username.casefold()] = record.username
            graph[record.username.casefold()] = record.manager
    problems, seen = [], set()
    for record in records:
        cycle = _cycle_through(record.username, graph) if record.username else None
        if cycle and frozenset(cycle) not in seen:
            seen.add(frozenset(cycle))
            chain = " → ".join(names.get(name, name) for name in [*cycle, cycle[0]])
            problems.append(Problem(record.row, column, Message("people.manager_cycle", chain=chain)))
    return problems


def _cycle_through(username: str, graph: dict[str, str | None]) -> list[str] | None:
    """The circle of managers that leads back to ``username`` (casefolded), if there is one."""
    start = username.casefold()
    path, on_path, node = [start], {start}, (graph.get(start) or "").casefold()
    while node and node not in on_path:
        path.append(node)
        on_path.add(node)
        node = (graph.get(node) or "").casefold()
    return path if node == start and len(path) > 1 else None


def _plan(records: list[PersonRecord], columns: Columns, stored: Sequence[Person]) -> ImportPlan:
    by_username = {person.username.casefold(): person for person in stored}
    usernames = {person.id: person.username for person in stored}
    given = [field for field in FIELDS if field in columns.position and field != "username"]
    added, changed = [], []
    for record in records:
        person = by_username.get(record.username.casefold())
        if person is None:
            added.append(record)
            continue
        changes = _changes(record, _as_stored(person, usernames), given)
        if changes:
            changed.append(PersonChange(record.row, person.id, person.username, changes))
    return ImportPlan(tuple(added), tuple(changed), len(records) - len(added) - len(changed))


def _as_stored(person: Person, usernames: dict[int, str]) -> dict[str, object]:
    return {
        "name": person.name,
        "email": person.email,
        "function": person.function_id,
        "manager": usernames.get(person.manager_id),
        "roles": tuple(role for role in ROLES if role in person.roles),
        "language": person.language,
    }


def _changes(record: PersonRecord, current: dict[str, object], fields: list[str]) -> tuple[FieldChange, ...]:
    def same(field: str, old: object, new: object) -> bool:
        if field == "manager" and old and new:
            return old.casefold() == new.casefold()
        return old == new

    return tuple(
        FieldChange(field, current[field], getattr(record, field))
        for field in fields
        if not same(field, current[field], getattr(record, field))
    )
