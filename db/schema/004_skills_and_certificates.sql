-- The skills picture against what a job function requires, and certificates with expiry. Item ids
-- are stable across a questionnaire's versions, so requirements and minimums name the questionnaire
-- and the item, not a version. The agreed level is part of the report, final with it. A scan is
-- kept in the database (so a backup holds it, and only a service that checks access reads it).
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
