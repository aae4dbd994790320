"""Numbered schema migrations, applied in order; ``PRAGMA user_version`` records the last one.

Append a new script to MIGRATIONS to change the schema; never edit one that has shipped,
because databases out there were built from it.
"""

from __future__ import annotations

import sqlite_utils

from db.connection import DatabaseTooNew

_CORE = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE job_functions (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    email TEXT,
    function_id TEXT REFERENCES job_functions(id),
    manager_id INTEGER REFERENCES people(id),
    roles TEXT NOT NULL DEFAULT 'employee',
    language TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en')),
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX people_manager ON people(manager_id);
CREATE TABLE accounts (
    person_id INTEGER PRIMARY KEY REFERENCES people(id),
    password_hash TEXT,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    last_sign_in_at TEXT
);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id),
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_person ON sessions(person_id);
CREATE TABLE questionnaire_versions (
    id INTEGER PRIMARY KEY,
    questionnaire_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    yaml TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES people(id),
    UNIQUE (questionnaire_id, version)
);
CREATE TRIGGER questionnaire_versions_are_immutable BEFORE UPDATE ON questionnaire_versions
BEGIN
    SELECT RAISE(ABORT, 'questionnaire versions are immutable');
END;
CREATE TABLE rounds (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    questionnaire_version_id INTEGER NOT NULL REFERENCES questionnaire_versions(id),
    fill_deadline TEXT,
    meeting_deadline TEXT,
    created_at TEXT NOT NULL,
    closed_at TEXT
);
CREATE TABLE conversations (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rounds(id),
    employee_id INTEGER NOT NULL REFERENCES people(id),
    manager_id INTEGER NOT NULL REFERENCES people(id),
    questionnaire_version_id INTEGER NOT NULL REFERENCES questionnaire_versions(id),
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN
        ('open', 'employee_submitted', 'manager_submitted', 'ready', 'held', 'reported', 'acknowledged')),
    employee_submitted_at TEXT,
    manager_submitted_at TEXT,
    held_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (round_id, employee_id)
);
CREATE INDEX conversations_employee ON conversations(employee_id);
CREATE INDEX conversations_manager ON conversations(manager_id);
CREATE INDEX conversations_round_status ON conversations(round_id, status);
CREATE TABLE answers (
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    side TEXT NOT NULL CHECK (side IN ('employee', 'manager')),
    item_id TEXT NOT NULL,
    value INTEGER,
    not_applicable INTEGER NOT NULL DEFAULT 0,
    text TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (conversation_id, side, item_id)
) WITHOUT ROWID;
CREATE TABLE reports (
    conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id),
    agenda TEXT NOT NULL DEFAULT '[]',
    agreements TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    employee_comment TEXT NOT NULL DEFAULT '',
    finalised_at TEXT,
    acknowledged_at TEXT,
    updated_at TEXT NOT NULL
);
CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    employee_id INTEGER NOT NULL REFERENCES people(id),
    what TEXT NOT NULL,
    kind TEXT NOT NULL,
    owner_id INTEGER REFERENCES people(id),
    due_date TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
    helped TEXT CHECK (helped IN ('helped', 'partly', 'not')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX actions_employee ON actions(employee_id, status);
CREATE INDEX actions_conversation ON actions(conversation_id);
CREATE INDEX actions_owner ON actions(owner_id);
CREATE TABLE action_notes (
    id INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES actions(id),
    author_id INTEGER NOT NULL REFERENCES people(id),
    note TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX action_notes_action ON action_notes(action_id);
CREATE TABLE dossier_notes (
    id INTEGER PRIMARY KEY,
    employee_id INTEGER NOT NULL REFERENCES people(id),
    author_id INTEGER NOT NULL REFERENCES people(id),
    note TEXT NOT NULL,
    private INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX dossier_notes_employee ON dossier_notes(employee_id);
CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id INTEGER REFERENCES people(id),
    action TEXT NOT NULL,
    record_type TEXT NOT NULL,
    record_id TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_at ON audit_events(at);
"""

# Invitation codes for people without e-mail: a code signs one person in to their own
# conversations only, so sessions now carry a scope.
_INVITATIONS = """
CREATE TABLE invitations (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id),
    code_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES people(id),
    expires_at TEXT NOT NULL,
    revoked_at TEXT,
    last_used_at TEXT
);
CREATE INDEX invitations_person ON invitations(person_id);
CREATE TABLE sign_in_attempts (
    client TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX sign_in_attempts_client ON sign_in_attempts(client, at);
ALTER TABLE sessions ADD COLUMN scope TEXT NOT NULL DEFAULT 'full';
"""

# Trusting a card: a code session remembers the card that started it, so revoking or replacing
# the card ends it; a person may choose a PIN that every card of theirs then asks for, and a card
# counts its wrong PINs. Code sessions from before could not be tied to their card, so they end
# here (their people scan the card again). The code-attempt limiter also counts across all
# clients, by time.
_CARD_TRUST = """
ALTER TABLE sessions ADD COLUMN invitation_id INTEGER REFERENCES invitations(id);
CREATE INDEX sessions_invitation ON sessions(invitation_id);
DELETE FROM sessions WHERE scope = 'code';
ALTER TABLE accounts ADD COLUMN pin_hash TEXT;
ALTER TABLE invitations ADD COLUMN failed_pins INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sign_in_attempts_at ON sign_in_attempts(at);
"""

# The skills picture against what a job function requires, and certificates with expiry. Item ids
# are stable across a questionnaire's versions, so requirements and minimums name the questionnaire
# and the item, not a version. The agreed level is part of the report, final with it. A scan is
# kept in the database (so a backup holds it, and only a service that checks access reads it).
_SKILLS_AND_CERTIFICATES = """
CREATE TABLE skill_requirements (
    function_id TEXT NOT NULL REFERENCES job_functions(id),
    questionnaire_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    level INTEGER,
    critical INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (function_id, questionnaire_id, item_id)
) WITHOUT ROWID;
CREATE TABLE team_minimums (
    manager_id INTEGER NOT NULL REFERENCES people(id),
    questionnaire_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    people INTEGER NOT NULL CHECK (people >= 1),
    level INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (manager_id, questionnaire_id, item_id)
) WITHOUT ROWID;
CREATE TABLE agreed_levels (
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    item_id TEXT NOT NULL,
    value INTEGER,
    not_applicable INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (conversation_id, item_id)
) WITHOUT ROWID;
CREATE TABLE certificate_types (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    issuer TEXT NOT NULL DEFAULT '',
    validity_months INTEGER CHECK (validity_months IS NULL OR validity_months > 0),
    warn_days INTEGER NOT NULL DEFAULT 90 CHECK (warn_days >= 0),
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE certificate_type_functions (
    type_id INTEGER NOT NULL REFERENCES certificate_types(id),
    function_id TEXT NOT NULL REFERENCES job_functions(id),
    PRIMARY KEY (type_id, function_id)
) WITHOUT ROWID;
CREATE TABLE certificate_minimums (
    manager_id INTEGER NOT NULL REFERENCES people(id),
    type_id INTEGER NOT NULL REFERENCES certificate_types(id),
    people INTEGER NOT NULL CHECK (people >= 1),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (manager_id, type_id)
) WITHOUT ROWID;
CREATE TABLE certificates (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id),
    type_id INTEGER NOT NULL REFERENCES certificate_types(id),
    number TEXT NOT NULL DEFAULT '',
    issued_on TEXT,
    expires_on TEXT,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX certificates_person ON certificates(person_id);
CREATE INDEX certificates_expiry ON certificates(expires_on);
CREATE TABLE certificate_scans (
    certificate_id INTEGER PRIMARY KEY REFERENCES certificates(id),
    media_type TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content BLOB NOT NULL,
    uploaded_at TEXT NOT NULL,
    uploaded_by INTEGER REFERENCES people(id)
);
CREATE TABLE reminders_sent (
    subject TEXT NOT NULL,
    recipient_id INTEGER NOT NULL REFERENCES people(id),
    channel TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (subject, recipient_id, channel)
) WITHOUT ROWID;
"""

MIGRATIONS: tuple[str, ...] = (_CORE, _INVITATIONS, _CARD_TRUST, _SKILLS_AND_CERTIFICATES)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite_utils.Database, target: int | None = None) -> int:
    """Bring the schema up to ``target`` (default: the newest), each step in its own transaction;
    returns the version reached."""
    newest = len(MIGRATIONS)
    current = schema_version(db)
    if current > newest:
        raise DatabaseTooNew(found=current, supported=newest)
    for number in range(current + 1, (newest if target is None else target) + 1):
        script = MIGRATIONS[number - 1]
        try:
            db.conn.executescript(f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
    return schema_version(db)
