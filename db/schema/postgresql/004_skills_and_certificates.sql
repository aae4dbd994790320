-- As db/schema/004_skills_and_certificates.sql: skill requirements, team minimums, agreed levels,
-- certificates with their types, minimums and scans, and the reminders sent.
CREATE TABLE skill_requirements (
    function_id TEXT NOT NULL REFERENCES job_functions(id),
    questionnaire_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    level INTEGER,
    critical INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (function_id, questionnaire_id, item_id)
);
CREATE TABLE team_minimums (
    manager_id BIGINT NOT NULL REFERENCES people(id),
    questionnaire_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    people INTEGER NOT NULL CHECK (people >= 1),
    level INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (manager_id, questionnaire_id, item_id)
);
CREATE TABLE agreed_levels (
    conversation_id BIGINT NOT NULL REFERENCES conversations(id),
    item_id TEXT NOT NULL,
    value INTEGER,
    not_applicable INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (conversation_id, item_id)
);
CREATE TABLE certificate_types (
    id BIGINT PRIMARY KEY DEFAULT nextval('public.devtalk_ids'),
    name TEXT NOT NULL,
    issuer TEXT NOT NULL DEFAULT '',
    validity_months INTEGER CHECK (validity_months IS NULL OR validity_months > 0),
    warn_days INTEGER NOT NULL DEFAULT 90 CHECK (warn_days >= 0),
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX certificate_types_name ON certificate_types (lower(name));
CREATE TABLE certificate_type_functions (
    type_id BIGINT NOT NULL REFERENCES certificate_types(id),
    function_id TEXT NOT NULL REFERENCES job_functions(id),
    PRIMARY KEY (type_id, function_id)
);
CREATE TABLE certificate_minimums (
    manager_id BIGINT NOT NULL REFERENCES people(id),
    type_id BIGINT NOT NULL REFERENCES certificate_types(id),
    people INTEGER NOT NULL CHECK (people >= 1),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (manager_id, type_id)
);
CREATE TABLE certificates (
    id BIGINT PRIMARY KEY DEFAULT nextval('public.devtalk_ids'),
    person_id BIGINT NOT NULL REFERENCES people(id),
    type_id BIGINT NOT NULL REFERENCES certificate_types(id),
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
    certificate_id BIGINT PRIMARY KEY REFERENCES certificates(id),
    media_type TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content BYTEA NOT NULL,
    uploaded_at TEXT NOT NULL,
    uploaded_by BIGINT REFERENCES people(id)
);
CREATE TABLE reminders_sent (
    subject TEXT NOT NULL,
    recipient_id BIGINT NOT NULL REFERENCES people(id),
    channel TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (subject, recipient_id, channel)
);
