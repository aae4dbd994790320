"""The demo firm's required levels: a few per job function, one critical skill that only one
person in Marco's team masters (a single point of failure on the skills matrix, a gap on agendas)."""

from __future__ import annotations

import sqlite_utils

from db import skills as storage
from devtalk.domain.models import Person
from devtalk.domain.skills import Requirement, TeamMinimum

QUESTIONNAIRE = "techniek-carrosserie"
# (job function, item, required level, critical)
REQUIREMENTS = (
    ("lasser", "tekening-lezen", 4, True),
    ("lasser", "meten-controleren", 3, False),
    ("lasser", "mig-mag-staal", 3, False),
    ("plaatwerker", "tekening-lezen", 4, True),
    ("plaatwerker", "meten-controleren", 3, False),
    ("plaatwerker", "kantbank-zetten", 3, False),
)
# (manager's username, item, people, at level or higher)
TEAM_MINIMUMS = (("manager", "tekening-lezen", 2, 4),)


def add_requirements(db: sqlite_utils.Database, staff: dict[str, Person]) -> None:
    """Within the demo's transaction: the required levels and the team minimum."""
    for function_id, item_id, level, critical in REQUIREMENTS:
        storage.set_requirement(db, Requirement(function_id, QUESTIONNAIRE, item_id, level, critical))
    for manager, item_id, people, level in TEAM_MINIMUMS:
        storage.set_team_minimum(db, TeamMinimum(staff[manager].id, QUESTIONNAIRE, item_id, people, level))
