"""Checking a people file (CSV or XLSX) whole, against itself and what is stored, before anything is written.

Every problem is collected and reported at once, with the row and column as the HR person sees
them in Excel, so a file gets fixed in one go instead of one error per upload. A person is matched
to a stored one by username (ignoring case); the file never deletes or deactivates anyone.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import partial
from typing import Callable, Sequence

from devtalk.errors import InvalidInput
from devtalk.i18n import DEFAULT_LANGUAGE, LANGUAGES, Message, t
from devtalk.models import ROLES, JobFunction, Person
from devtalk.people_columns import FIELDS, REQUIRED, Columns, recognise_header
from devtalk.spreadsheet import Row, UnreadableFile, read_rows

MAX_LENGTH = 200
USERNAME = re.compile(r"[A-Za-z0-9._-]+")  # ASCII only: SQLite's NOCASE folds ASCII letters only
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
ROLE_ALIASES = {
    "employee": "employee", "medewerker": "employee",
    "manager": "manager", "leidinggevende": "manager",
    "hr_admin": "hr_admin", "hr": "hr_admin",
}
DEFAULTS = {"email": None, "manager": None, "roles": ("employee",), "language": DEFAULT_LANGUAGE}
