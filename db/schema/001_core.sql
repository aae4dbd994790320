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
