-- The firm schema in PostgreSQL, step for step as db/schema/001_core.sql (the parity test holds them
-- together). Run with search_path set to the firm's schema. Every id comes from the one sequence
-- public.devtalk_ids, so an id of one firm never names a row of another. SQLite's COLLATE NOCASE
-- uniques become unique indexes on lower(...); its BEFORE UPDATE RAISE triggers become plpgsql ones.
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
    id BIGINT PRIMARY KEY DEFAULT nextval('public.devtalk_ids'),
    name TEXT NOT NULL,
    username TEXT NOT NULL,
    email TEXT,
    function_id TEXT REFERENCES job_functions(id),
    manager_id BIGINT REFERENCES people(id),
    roles TEXT NOT NULL DEFAULT 'employee',
    language TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en')),
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX people_username ON people (lower(username));
CREATE INDEX people_manager ON people(manager_id);
CREATE TABLE accounts (
    person_id BIGINT PRIMARY KEY REFERENCES people(id),
    password_hash TEXT,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    last_sign_in_at TEXT
);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES people(id),
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_person ON sessions(person_id);
CREATE TABLE questionnaire_versions (
    id BIGINT PRIMARY KEY DEFAULT nextval('public.devtalk_ids'),
    questionnaire_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    yaml TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by BIGINT REFERENCES people(id),
    UNIQUE (questionnaire_id, version)
);
CREATE FUNCTION questionnaire_versions_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'questionnaire versions are immutable';
END;
$$;
CREATE TRIGGER questionnaire_versions_are_immutable BEFORE UPDATE ON questionnaire_versions
    FOR EACH ROW EXECUTE FUNCTION questionnaire_versions_are_immutable();
CREATE TABLE rounds (
    id BIGINT PRIMARY KEY DEFAULT nextval('public.devtalk_ids'),
    name TEXT NOT NULL,
    questionnaire_version_id BIGINT NOT NULL REFERENCES questionnaire_versions(id),
    fill_deadline TEXT,
    meeting_deadline TEXT,
    created_at TEXT NOT NULL,
    closed_at TEXT
);
CREATE TABLE conversations (
    id BIGINT PRIMARY KEY DEFAULT nextval('public.devtalk_ids'),
    round_id BIGINT NOT NULL REFERENCES rounds(id),
    employee_id BIGINT NOT NULL REFERENCES people(id),
    manager_id BIGINT NOT NULL REFERENCES people(id),
    questionnaire_version_id BIGINT NOT NULL REFERENCES questionnaire_versions(id),
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
    conversation_id BIGINT NOT NULL REFERENCES conversations(id),
    side TEXT NOT NULL CHECK (side IN ('employee', 'manager')),
    item_id TEXT NOT NULL,
    value INTEGER,
    not_applicable INTEGER NOT NULL DEFAULT 0,
    text TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (conversation_id, side, item_id)
);
CREATE TABLE reports (
    conversation_id BIGINT PRIMARY KEY REFERENCES conversations(id),
    agenda TEXT NOT NULL DEFAULT '[]',
    agreements TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    employee_comment TEXT NOT NULL DEFAULT '',
    finalised_at TEXT,
    acknowledged_at TEXT,
    updated_at TEXT NOT NULL
);
CREATE TABLE actions (
    id BIGINT PRIMARY KEY DEFAULT nextval('public.devtalk_ids'),
    conversation_id BIGINT NOT NULL REFERENCES conversations(id),
    employee_id BIGINT NOT NULL REFERENCES people(id),
    what TEXT NOT NULL,
    kind TEXT NOT NULL,
    owner_id BIGINT REFERENCES people(id),
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
    id BIGINT PRIMARY KEY DEFAULT nextval('public.devtalk_ids'),
    action_id BIGINT NOT NULL REFERENCES actions(id),
    author_id BIGINT NOT NULL REFERENCES people(id),
    note TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX action_notes_action ON action_notes(action_id);
CREATE TABLE dossier_notes (
    id BIGINT PRIMARY KEY DEFAULT nextval('public.devtalk_ids'),
    employee_id BIGINT NOT NULL REFERENCES people(id),
    author_id BIGINT NOT NULL REFERENCES people(id),
    note TEXT NOT NULL,
    private INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX dossier_notes_employee ON dossier_notes(employee_id);
CREATE TABLE audit_events (
    id BIGINT PRIMARY KEY DEFAULT nextval('public.devtalk_ids'),
    at TEXT NOT NULL,
    actor_id BIGINT REFERENCES people(id),
    action TEXT NOT NULL,
    record_type TEXT NOT NULL,
    record_id TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_at ON audit_events(at);
